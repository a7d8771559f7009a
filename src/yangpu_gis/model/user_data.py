"""Where the app keeps what a planner makes: the per-user data folder.

`YANGPU_GIS_DATA_DIR` names another folder (tests, portable installs, shared drives);
otherwise it is the platform's per-user data folder, e.g. ~/.local/share/yangpu-gis on
Linux or %LOCALAPPDATA%\\yangpu-gis on Windows.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "yangpu-gis"
DATA_DIR_ENV = "YANGPU_GIS_DATA_DIR"


def user_data_dir() -> Path:
    """The folder for user data; not created here, see ensure_dir."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure_dir(path: Path) -> Path:
    """Create a folder (and its parents) if missing; an OSError says why it cannot be."""
    path.mkdir(parents=True, exist_ok=True)
    return path


def notes_path() -> Path:
    return user_data_dir() / "notes.gpkg"


def session_path() -> Path:
    """Where the app remembers the last session (layers, styles, view, panels)."""
    return user_data_dir() / "last-session.ygis.json"
