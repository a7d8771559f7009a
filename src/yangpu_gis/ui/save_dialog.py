"""The save dialog every export and save uses: it adds the suffix a planner did not type,
and asks before replacing a file.

Qt's own overwrite question only covers the name as typed: `plan` would be checked, then
`plan.ygis.json` replaced without a word. So the dialog is asked not to confirm, the
suffix of the chosen file type is added, and then the final name is confirmed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from yangpu_gis.model.outputs import OutputKind


def completed_name(path: str, kinds: Sequence[OutputKind], chosen: OutputKind) -> str:
    """The path with `chosen`'s suffix when the name has none. A name with another suffix
    is kept as typed, for the writer to refuse with a message (`notes.txt` is not made
    `notes.txt.geojson` behind the planner's back)."""
    name = Path(path).name
    if any(kind.written_by(name) for kind in kinds) or Path(name).suffix:
        return path
    return path + chosen.default_suffix


def confirm_replace(parent: QWidget | None, path: Path) -> bool:
    """True when `path` does not exist, or the planner agrees to replace it."""
    if not path.exists():
        return True
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("SaveDialog", "Replace file?"),
        QCoreApplication.translate(
            "SaveDialog", "{name} already exists in {folder}. Replace it?"
        ).format(name=path.name, folder=str(path.parent)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_path(
    parent: QWidget | None,
    caption: str,
    start: str,
    choices: Sequence[tuple[str, OutputKind]],
) -> tuple[Path, OutputKind] | None:
    """Ask where to save; `choices` are (filter text such as "HTML map (*.html)", kind).

    Returns the path, completed with the chosen kind's suffix, and the kind its name
    says; None when the planner cancels or declines to replace a file.
    """
    filters = ";;".join(text for text, _ in choices)
    given, chosen_filter = QFileDialog.getSaveFileName(
        parent, caption, start, filters, options=QFileDialog.Option.DontConfirmOverwrite
    )
    if not given:
        return None
    kinds = [kind for _, kind in choices]
    chosen = next((kind for text, kind in choices if text == chosen_filter), kinds[0])
    path = Path(completed_name(given, kinds, chosen))
    kind = next((kind for kind in kinds if kind.written_by(path.name)), chosen)
    if not confirm_replace(parent, path):
        return None
    return path, kind
