"""Layer changes as undoable commands (QUndoCommand), each calling the project's methods.

Commands name layers by id, never hold on to a layer they do not need: a restyled layer
may be rebuilt (the review notes are, after every note change) and is found again by id.
A removed layer is held so that undo puts back the very same object at once; a command
asked to let it go (see LayerEdits' memory budget) keeps only how to read it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from yangpu_gis.model.layer import Layer, LayerKind
from yangpu_gis.model.project import LayerLook, Project
from yangpu_gis.model.style import Style

# Commands that may merge with the one before them: one per kind of change.
_STYLE_ID, _OPACITY_ID = 1001, 1002


class AddLayer(QUndoCommand):
    """Add a layer (an opened file, an embedded layer put back) at an index."""

    def __init__(self, project: Project, layer: Layer, index: int | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("LayerCommands", "Add “{title}”").format(title=layer.title)
        )
        self.project = project
        self.layer: Layer | None = layer
        self.layer_id = layer.id
        self.index = index
        self._first = True

    def redo(self) -> None:
        if self.layer is None:
            return
        if self._first:  # the first time, the project may give the layer another id
            self._first = False
            self.project.add_layer(self.layer, self.index)
            self.layer_id = self.layer.id
            self.index = self.project.index_of(self.layer_id)
        elif not self.project.has_layer(self.layer_id):
            self.project.add_layer(self.layer, self.index)
        self.layer = None  # the project holds it now; undo takes it back

    def undo(self) -> None:
        if self.project.has_layer(self.layer_id):
            self.index = self.project.index_of(self.layer_id)
            self.layer = self.project.remove_layer(self.layer_id)


class RemoveLayer(QUndoCommand):
    def __init__(
        self,
        project: Project,
        layer_id: str,
        reread: Callable[[dict], Layer | None] | None = None,
    ) -> None:
        layer = project.layer(layer_id)
        super().__init__(
            QCoreApplication.translate("LayerCommands", "Remove “{title}”").format(
                title=layer.title
            )
        )
        self.project = project
        self.layer_id = layer_id
        self.index = project.index_of(layer_id)
        self.layer: Layer | None = None
        self.kind = layer.kind
        self._reread = reread
        self._record: dict | None = None  # how to read the layer again once let go

    @property
    def held_features(self) -> int:
        return self.layer.feature_count if self.layer is not None else 0

    def let_go(self, record: dict) -> None:
        """Stop holding the removed layer; undo reads it again from record (its source,
        id, title and look) with the reread function given."""
        self._record = record
        self.layer = None

    def redo(self) -> None:
        if self.project.has_layer(self.layer_id):
            self.index = self.project.index_of(self.layer_id)
            self.layer = self.project.remove_layer(self.layer_id)

    def undo(self) -> None:
        if self.kind == LayerKind.NOTES and any(
            layer.kind == LayerKind.NOTES for layer in self.project.layers
        ):
            return  # the notes layer came back from the notes store meanwhile
        layer = self.layer
        if layer is None and self._record is not None and self._reread is not None:
            layer = self._reread(self._record)
        if layer is None:
            return
        self.layer = None
        self.project.add_layer(layer, self.index)
        self.layer_id = layer.id


class MoveLayer(QUndoCommand):
    def __init__(self, project: Project, layer_id: str, index: int) -> None:
        super().__init__(
            QCoreApplication.translate("LayerCommands", "Move “{title}”").format(
                title=project.layer(layer_id).title
            )
        )
        self.project = project
        self.layer_id = layer_id
        self.old = project.index_of(layer_id)
        self.new = max(0, min(index, len(project.layers) - 1))

    def redo(self) -> None:
        if self.project.has_layer(self.layer_id):
            self.project.move_layer(self.layer_id, self.new)

    def undo(self) -> None:
        if self.project.has_layer(self.layer_id):
            self.project.move_layer(self.layer_id, self.old)


class ChangeLayer(QUndoCommand):
    """One of style, visibility, opacity or title, from its old value to a new one.

    Changes of the same kind to the same layer in a row (a slider dragged, a width spun)
    merge into one step, as a planner thinks of them."""

    def __init__(
        self, project: Project, layer_id: str, text: str, merge_key: str | None = None, **new
    ) -> None:
        super().__init__(text)
        layer = project.layer(layer_id)
        self.project = project
        self.layer_id = layer_id
        self.merge_key = merge_key
        self.new = new
        self.old = {name: getattr(layer, name) for name in new}

    def id(self) -> int:  # noqa: A003 (QUndoCommand's name)
        if self.merge_key is None:
            return -1
        return _OPACITY_ID if "opacity" in self.new else _STYLE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if (
            not isinstance(other, ChangeLayer)
            or other.layer_id != self.layer_id
            or other.merge_key != self.merge_key
            or other.new.keys() != self.new.keys()
        ):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)

    def _apply(self, values: dict) -> None:
        if self.project.has_layer(self.layer_id):
            self.project.update_layer(self.layer_id, **values)


def set_style(project: Project, layer_id: str, style: Style, merge_key=None) -> ChangeLayer:
    title = project.layer(layer_id).title
    text = QCoreApplication.translate("LayerCommands", "Change the style of “{title}”").format(
        title=title
    )
    return ChangeLayer(project, layer_id, text, merge_key, style=style)


def set_visible(project: Project, layer_id: str, visible: bool) -> ChangeLayer:
    title = project.layer(layer_id).title
    text = (
        QCoreApplication.translate("LayerCommands", "Show “{title}”")
        if visible
        else QCoreApplication.translate("LayerCommands", "Hide “{title}”")
    ).format(title=title)
    return ChangeLayer(project, layer_id, text, visible=visible)


def set_opacity(project: Project, layer_id: str, opacity: float) -> ChangeLayer:
    title = project.layer(layer_id).title
    text = QCoreApplication.translate("LayerCommands", "Change the opacity of “{title}”").format(
        title=title
    )
    return ChangeLayer(project, layer_id, text, "opacity", opacity=opacity)


def rename(project: Project, layer_id: str, title: str) -> ChangeLayer:
    old = project.layer(layer_id).title
    text = QCoreApplication.translate("LayerCommands", "Rename “{old}” to “{new}”").format(
        old=old, new=title.strip()
    )
    return ChangeLayer(project, layer_id, text, title=title.strip())


def restore_look(project: Project, layer_id: str, look: LayerLook) -> ChangeLayer:
    """Title, visibility, opacity and style at once (resetting an embedded layer)."""
    title = project.layer(layer_id).title
    text = QCoreApplication.translate("LayerCommands", "Reset “{title}”").format(title=title)
    values: dict[str, Any] = {"title": look.title, "visible": look.visible, "opacity": look.opacity}
    if look.style is not None:
        values["style"] = look.style
    return ChangeLayer(project, layer_id, text, **values)
