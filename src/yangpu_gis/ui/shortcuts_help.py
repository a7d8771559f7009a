"""Help ▸ Keyboard shortcuts (F1): every action's keys, and what the map does with keys and
the mouse, in the interface's language."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from yangpu_gis.ui.window_fit import fit_to_screen


def plain_text(action: QAction) -> str:
    """The action's words without the menu's & marks ("(&O)" in Chinese) or an ellipsis."""
    text = re.sub(r"\(&\w\)", "", action.text())
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def keys_text(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def with_shortcut_tip(action: QAction) -> None:
    """Tooltip = the action's words with its keys, e.g. "Zoom to box (Z)"."""
    keys = keys_text(action)
    if keys:
        action.setToolTip(
            QCoreApplication.translate("Shortcuts", "{action} ({keys})").format(
                action=plain_text(action), keys=keys
            )
        )
    else:
        action.setToolTip(plain_text(action))


def _map_keys() -> list[tuple[str, str]]:
    return [
        (
            QCoreApplication.translate("Shortcuts", "Arrow keys"),
            QCoreApplication.translate("Shortcuts", "Pan the map"),
        ),
        ("+ / −", QCoreApplication.translate("Shortcuts", "Zoom in / out")),
        (
            QCoreApplication.translate("Shortcuts", "Mouse wheel"),
            QCoreApplication.translate("Shortcuts", "Zoom at the pointer"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Shift+drag"),
            QCoreApplication.translate("Shortcuts", "Zoom to the box dragged"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Ctrl+click"),
            QCoreApplication.translate("Shortcuts", "Add a feature to the selection or remove it"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Shift+drag (select tool)"),
            QCoreApplication.translate("Shortcuts", "Add to the selection"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Double-click, Enter"),
            QCoreApplication.translate("Shortcuts", "Finish a measurement or polygon"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Backspace"),
            QCoreApplication.translate("Shortcuts", "Drop the last vertex"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Esc"),
            QCoreApplication.translate("Shortcuts", "Clear the measurement or polygon"),
        ),
    ]


def shortcuts_html(actions: list[QAction]) -> str:
    rows = [
        f"<tr><td><b>{escape(keys_text(a))}</b></td><td>{escape(plain_text(a))}</td></tr>"
        for a in actions
        if keys_text(a)
    ]
    map_rows = [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in _map_keys()]
    note = QCoreApplication.translate(
        "Shortcuts",
        "Single-letter tool keys work while the map has the keyboard focus (click the map"
        " first); in a text box they type letters.",
    )
    menus = QCoreApplication.translate("Shortcuts", "Menus and tools")
    on_map = QCoreApplication.translate("Shortcuts", "On the map")
    return (
        f"<h3>{escape(menus)}</h3>"
        f"<table cellspacing='0' cellpadding='3'>{''.join(rows)}</table>"
        f"<p>{escape(note)}</p>"
        f"<h3>{escape(on_map)}</h3>"
        f"<table cellspacing='0' cellpadding='3'>{''.join(map_rows)}</table>"
    )


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_help")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.browser = QTextBrowser()
        self.browser.setHtml(shortcuts_html(actions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.browser)
        column.addWidget(buttons)
        self.resize(520, 560)
        fit_to_screen(self)
