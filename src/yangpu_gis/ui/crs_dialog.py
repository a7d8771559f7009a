"""The question asked when a file does not say (or cannot be in) its coordinate system.

The choices lead with what the file's numbers look like: projected metres put the
projected systems first, longitude/latitude the geographic ones. The problem text wraps,
and the dialog keeps inside the screen, however long the file's name or the message.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLabel, QWidget

from yangpu_gis.ui.window_fit import available_size, fit_to_screen

GEOGRAPHIC_CHOICES = ["EPSG:4326 (WGS84)", "EPSG:4490 (CGCS2000)", "gcj02", "bd09"]
PROJECTED_CHOICES = [
    "EPSG:4549 (CGCS2000 GK CM 120E)",
    "EPSG:4550 (CGCS2000 GK CM 123E)",
    "EPSG:32651 (UTM 51N)",
]
LABEL_WIDTH_PX = 560


def crs_choices(looks_like: str) -> list[str]:
    """The choices in the order to offer them; looks_like is "metres", "lonlat" or ""."""
    if looks_like == "metres":
        return PROJECTED_CHOICES + GEOGRAPHIC_CHOICES
    return GEOGRAPHIC_CHOICES + PROJECTED_CHOICES


def crs_dialog(parent: QWidget | None, problem: str, file: str, looks_like: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setObjectName("crs_question")
    dialog.setWindowTitle(QCoreApplication.translate("OpenQueue", "Coordinate system needed"))
    dialog.setLabelText(
        QCoreApplication.translate(
            "OpenQueue", "{problem}\n\nWhich coordinate system is {file} in?"
        ).format(problem=problem, file=file)
    )
    dialog.setComboBoxItems(crs_choices(looks_like))
    dialog.setComboBoxEditable(True)
    dialog.setTextValue(crs_choices(looks_like)[0])
    for label in dialog.findChildren(QLabel):
        label.setWordWrap(True)
        screen_width, _ = available_size(dialog)
        label.setMinimumWidth(min(LABEL_WIDTH_PX, screen_width - 120))
        label.setMaximumWidth(max(LABEL_WIDTH_PX, min(720, screen_width - 120)))
    dialog.adjustSize()
    fit_to_screen(dialog)
    return dialog


def ask_crs(parent: QWidget | None, problem: str, file: str, looks_like: str) -> str | None:
    """The CRS the planner chose (its code, e.g. "EPSG:4549"), or None."""
    dialog = crs_dialog(parent, problem, file, looks_like)
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    choice = dialog.textValue().strip()
    return choice.split(" ")[0] if choice else None
