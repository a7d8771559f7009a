"""The Language menu: each language named in itself, the one shown checked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from yangpu_gis.model.language import LANGUAGES
from yangpu_gis.ui import i18n


def add_language_actions(menu: QMenu, choose: Callable[[str], object]) -> dict[str, QAction]:
    """One checkable action per language; choose(code) is called when one is picked."""
    group = QActionGroup(menu)
    actions = {}
    for language in LANGUAGES:
        # A language's own name is never translated: a reader of it must find it.
        action = QAction(i18n.LANGUAGE_NAMES[language], menu, checkable=True)
        action.setChecked(language == i18n.current_language())
        action.triggered.connect(lambda _=False, code=language: choose(code))
        group.addAction(action)
        menu.addAction(action)
        actions[language] = action
    return actions
