"""Recently opened files and projects, kept in the Qt settings, most recent first."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

RECENT_LIMIT = 10


class RecentList:
    def __init__(self, key: str, limit: int = RECENT_LIMIT) -> None:
        self.key = key
        self.limit = limit

    def paths(self) -> list[str]:
        value = QSettings().value(self.key, [])
        # An INI file gives a one-entry list back as a plain string, an empty one as None.
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [p for p in value if isinstance(p, str) and p][: self.limit]

    def add(self, path: str | os.PathLike) -> None:
        path = os.path.abspath(path)
        self._write([path, *(p for p in self.paths() if p != path)])

    def remove(self, path: str) -> None:
        self._write([p for p in self.paths() if p != path])

    def _write(self, paths: list[str]) -> None:
        QSettings().setValue(self.key, paths[: self.limit])


def fill_menu(
    menu: QMenu,
    recent: RecentList,
    open_path: Callable[[str], object],
    missing: Callable[[str], object],
    empty_text: str,
) -> None:
    """The recent entries as actions; a file gone since is taken off the list and
    reported through missing(path) when chosen."""
    menu.clear()
    paths = recent.paths()
    for number, path in enumerate(paths, start=1):
        name = Path(path).name.replace("&", "&&")  # a '&' in a name is no shortcut
        action = QAction(f"&{number % 10}  {name}", menu)
        action.setToolTip(path)
        action.setStatusTip(path)
        action.triggered.connect(lambda _=False, p=path: _chosen(recent, p, open_path, missing))
        menu.addAction(action)
    if not paths:
        action = QAction(empty_text, menu)
        action.setEnabled(False)
        menu.addAction(action)


def _chosen(recent: RecentList, path: str, open_path, missing) -> None:
    if os.path.exists(path):
        open_path(path)
    else:
        recent.remove(path)
        missing(path)
