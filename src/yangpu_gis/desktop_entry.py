"""Install the desktop entry and icons into the user's XDG folders (Linux desktops)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from yangpu_gis.paths import resources_dir

ICON_NAME = "yangpu-gis"


def xdg_data_home() -> Path:
    configured = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(configured) if configured else Path.home() / ".local" / "share"


def launcher() -> str:
    """The yangpu-gis launcher beside this Python (a venv's bin/), else the bare name."""
    here = Path(sys.executable).parent / "yangpu-gis"
    return str(here) if here.exists() else "yangpu-gis"


def install_desktop_entry(data_home: Path | None = None) -> list[Path]:
    """Copy the .desktop file (pointing at this installation's launcher) and the icons."""
    data_home = data_home or xdg_data_home()
    written = []
    icons = resources_dir() / "icons"
    for png in sorted(icons.glob(f"{ICON_NAME}-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        target = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
        written.append(target)
    svg = data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"
    svg.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(icons / f"{ICON_NAME}.svg", svg)
    written.append(svg)
    entry = (resources_dir() / "yangpu-gis.desktop").read_text(encoding="utf-8")
    command = launcher()
    quoted = f'"{command}"' if " " in command else command
    entry = entry.replace("Exec=yangpu-gis", f"Exec={quoted}", 1)
    desktop = data_home / "applications" / "yangpu-gis.desktop"
    desktop.parent.mkdir(parents=True, exist_ok=True)
    desktop.write_text(entry, encoding="utf-8")
    written.append(desktop)
    return written
