"""Every change a planner makes to the layers, pushed as a command on one undo stack.

The panels call these methods rather than the project's, so each change can be undone
(Edit > Undo) and the stack tells whether the project has unsaved changes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from yangpu_gis.model.embedded import EMBEDDED_LAYERS, EmbeddedLayer, load_embedded_layer
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import LayerLook, Project
from yangpu_gis.model.style import Style
from yangpu_gis.ui import undo_commands as commands

UNDO_LIMIT = 100
# Removed layers held for an instant undo, counted in features. Past this, older removed
# layers are let go and read again from their files if undone: without it, removing
# big layers one after another would keep them all in memory.
HELD_FEATURES = 200_000

log = logging.getLogger(__name__)


class LayerEdits(QObject):
    problem = Signal(str)  # one line for the message bar

    def __init__(
        self, project: Project, stack: QUndoStack | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.stack = stack if stack is not None else QUndoStack(self)
        if self.stack.count() == 0:
            self.stack.setUndoLimit(UNDO_LIMIT)

    # --- changes ------------------------------------------------------------------------

    def add(self, layer: Layer, index: int | None = None) -> Layer:
        self.stack.push(commands.AddLayer(self.project, layer, index))
        return layer

    def remove(self, layer_id: str) -> None:
        self.stack.push(commands.RemoveLayer(self.project, layer_id, self._reread))
        self._keep_held_layers_in_budget()

    def move(self, layer_id: str, index: int) -> None:
        if self.project.index_of(layer_id) != max(0, min(index, len(self.project.layers) - 1)):
            self.stack.push(commands.MoveLayer(self.project, layer_id, index))

    def set_style(self, layer_id: str, style: Style, merge_key: str | None = None) -> None:
        if style != self.project.layer(layer_id).style:
            self.stack.push(commands.set_style(self.project, layer_id, style, merge_key))

    def set_visible(self, layer_id: str, visible: bool) -> None:
        if visible != self.project.layer(layer_id).visible:
            self.stack.push(commands.set_visible(self.project, layer_id, visible))

    def set_opacity(self, layer_id: str, opacity: float) -> None:
        if not 0.0 <= opacity <= 1.0:
            raise ValueError("opacity must be between 0 and 1")
        if opacity != self.project.layer(layer_id).opacity:
            self.stack.push(commands.set_opacity(self.project, layer_id, opacity))

    def rename(self, layer_id: str, title: str) -> bool:
        """False, and nothing changed, for an empty title."""
        if not title.strip():
            return False
        if title.strip() != self.project.layer(layer_id).title:
            self.stack.push(commands.rename(self.project, layer_id, title))
        return True

    # --- the embedded map ---------------------------------------------------------------

    def missing_embedded(self) -> list[EmbeddedLayer]:
        """The embedded layers not on the map now, in their drawing order."""
        present = {layer.source for layer in self.project.layers}
        return [spec for spec in EMBEDDED_LAYERS if f"embedded:{spec.name}" not in present]

    def add_embedded(self, name: str) -> Layer:
        """Put an embedded layer back, at its place among the embedded layers."""
        spec = next(s for s in EMBEDDED_LAYERS if s.name == name)
        return self.add(load_embedded_layer(spec), self._embedded_index(spec))

    def reset_embedded_map(self) -> None:
        """Every embedded layer back, at the bottom in its order, looking as shipped; the
        planner's own layers stay above them. One step to undo."""
        self.stack.beginMacro(QCoreApplication.translate("LayerEdits", "Reset to the embedded map"))
        try:
            for position, spec in enumerate(EMBEDDED_LAYERS):
                layer = self._embedded_layer(spec)
                if layer is None:
                    layer = self.add(load_embedded_layer(spec), position)
                else:
                    self.move(layer.id, position)
                look = LayerLook(title=spec.title, visible=True, opacity=1.0, style=spec.style)
                if LayerLook.of(layer) != look:
                    self.stack.push(commands.restore_look(self.project, layer.id, look))
        finally:
            self.stack.endMacro()

    def _embedded_layer(self, spec: EmbeddedLayer) -> Layer | None:
        source = f"embedded:{spec.name}"
        return next((lyr for lyr in self.project.layers if lyr.source == source), None)

    def _embedded_index(self, spec: EmbeddedLayer) -> int:
        """Just above the highest embedded layer drawn under it in the shipped map."""
        below = {f"embedded:{s.name}" for s in EMBEDDED_LAYERS[: EMBEDDED_LAYERS.index(spec)]}
        indexes = [i for i, lyr in enumerate(self.project.layers) if lyr.source in below]
        return max(indexes) + 1 if indexes else 0

    # --- memory -------------------------------------------------------------------------

    def _keep_held_layers_in_budget(self) -> None:
        held = 0
        for i in reversed(range(self.stack.index())):  # newest done command first
            command = self.stack.command(i)
            if not isinstance(command, commands.RemoveLayer) or command.layer is None:
                continue
            held += command.held_features
            if held > HELD_FEATURES and held != command.held_features:
                command.let_go(_record_of(command.layer))

    def _reread(self, record: dict) -> Layer | None:
        """A removed layer read again from its source, as it looked when removed."""
        from yangpu_gis.model.io import LoadError
        from yangpu_gis.model.project_format import layer_from_entry
        from yangpu_gis.ui.model_messages import message_text

        try:
            return layer_from_entry(record, None)
        except (LoadError, ValueError, TypeError, OSError) as exc:
            log.warning("could not read a removed layer again", exc_info=True)
            self.problem.emit(
                QCoreApplication.translate(
                    "LayerEdits", "“{title}” could not be put back: {reason}"
                ).format(title=record.get("title"), reason=message_text(exc))
            )
            return None


def _record_of(layer: Layer) -> dict:
    return {
        "id": layer.id,
        "title": layer.title,
        "kind": str(layer.kind),
        "source": layer.source,
        "source_layer": layer.source_layer,
        "declared_crs": layer.declared_crs,
        "visible": layer.visible,
        "opacity": layer.opacity,
        "style": layer.style.to_dict(),
    }
