"""Where the packaged data lives: inside the installed package, or at the top of a source tree."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _locate(name: str) -> Path:
    # A wheel carries the folder inside the package; an editable install or a
    # plain checkout finds it at the top of the repository (src/yangpu_gis/../../).
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the packaged '{name}' folder is missing from this installation")


@cache
def geodata_dir() -> Path:
    return _locate("geodata")


@cache
def resources_dir() -> Path:
    return _locate("resources")
