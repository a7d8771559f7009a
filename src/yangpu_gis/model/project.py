"""The project: ordered layers, the view, the selection; saved and loaded as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from yangpu_gis.model import bookmarks as bookmarks_mod
from yangpu_gis.model import project_format
from yangpu_gis.model.atomic_file import write_atomically
from yangpu_gis.model.bookmarks import Bookmark
from yangpu_gis.model.embedded import load_embedded_layers
from yangpu_gis.model.events import Signal
from yangpu_gis.model.layer import Layer, LayerKind, new_layer_id
from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.messages import Text, problem_param
from yangpu_gis.model.outputs import PROJECT, source_files
from yangpu_gis.model.project_sources import SourceReads
from yangpu_gis.model.style import Style

FORMAT = project_format.FORMAT
VERSION = project_format.VERSION
# Yangpu with a margin, lon/lat: what the app shows first.
YANGPU_EXTENT = (121.478, 31.240, 121.577, 31.352)


@dataclass(frozen=True)
class Selection:
    layer_id: str
    rows: tuple[int, ...]


@dataclass(frozen=True)
class LayerLook:
    """How a layer is shown, apart from its data: its title, visibility, opacity and style.

    Kept for the review-notes layer, whose features live in the notes store rather than in
    the project, so that hiding or restyling it survives a restart."""

    title: str | None = None
    visible: bool = True
    opacity: float = 1.0
    style: Style | None = None

    @classmethod
    def of(cls, layer: Layer) -> LayerLook:
        return cls(
            title=layer.title, visible=layer.visible, opacity=layer.opacity, style=layer.style
        )

    def apply_to(self, layer: Layer) -> None:
        if self.title:
            layer.title = self.title
        layer.visible = self.visible
        layer.opacity = self.opacity
        if self.style is not None:
            layer.style = self.style

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "visible": self.visible,
            "opacity": self.opacity,
            "style": None if self.style is None else self.style.to_dict(),
        }

    @classmethod
    def from_dict(cls, data) -> LayerLook:
        """The look written by to_dict; ValueError or TypeError says what is wrong with it."""
        if not isinstance(data, dict):
            raise ValueError("it is not an object")
        title = data.get("title")
        if title is not None and not isinstance(title, str):
            raise ValueError(f"its title {title!r:.40} is not text")
        visible = data.get("visible", True)
        if not isinstance(visible, bool):
            raise ValueError(f"its visibility {visible!r:.40} is not true or false")
        opacity = data.get("opacity", 1.0)
        if (
            isinstance(opacity, bool)
            or not isinstance(opacity, int | float)
            or not 0.0 <= opacity <= 1.0
        ):  # NaN fails here too
            raise ValueError(f"its opacity {opacity!r:.40} is not between 0 and 1")
        style = data.get("style")
        if style is not None:
            if not isinstance(style, dict):
                raise ValueError("its style is not an object")
            style = Style.from_dict(style)
        return cls(title=title or None, visible=visible, opacity=float(opacity), style=style)


@dataclass
class LoadReport:
    warnings: list[str] = field(default_factory=list)
    damaged: bool = False  # some of the file itself was wrong, not only a missing source


class ProjectEvents:
    """What a project announces, one signal per kind of change, emitted after the change
    (the shape of napari's evented layer list, kept to what this app needs).

    layer_added(layer, index), layer_removed(layer, index), layer_moved(layer, old, new),
    layer_style_changed(layer), layer_visibility_changed(layer),
    layer_opacity_changed(layer), layer_renamed(layer), selection_changed(selection),
    replaced() once the whole content was swapped for another project's.

    layers_changed() and layer_changed(layer) sum these up for listeners that redraw
    everything either way (the canvas, the layers list)."""

    def __init__(self) -> None:
        self.layer_added = Signal()
        self.layer_removed = Signal()
        self.layer_moved = Signal()
        self.layer_style_changed = Signal()
        self.layer_visibility_changed = Signal()
        self.layer_opacity_changed = Signal()
        self.layer_renamed = Signal()
        self.selection_changed = Signal()
        self.bookmarks_changed = Signal()
        self.replaced = Signal()
        self.layers_changed = Signal()
        self.layer_changed = Signal()


class Project:
    """Layers are kept bottom to top, the order they are drawn in.

    The layer list is read-only from outside (a tuple): every change goes through a
    method, which announces it on `events`. `replace()` swaps the whole content for
    another project's, so the widgets bound to this project stay and simply rebind."""

    def __init__(self, layers: list[Layer] | None = None) -> None:
        self._layers: list[Layer] = list(layers or [])
        self.view_extent: tuple[float, float, float, float] = YANGPU_EXTENT
        self.ui_state: dict = {}
        self.selection: Selection | None = None
        self.path: Path | None = None
        # How the review-notes layer looked when the project was saved; applied when the
        # notes layer is (re)built from the store without an earlier one to copy from.
        self.notes_look: LayerLook | None = None
        # Keys of the project file this version does not know: kept and written back.
        self.extra: dict = {}
        self.bookmarks: tuple[Bookmark, ...] = ()  # named views, in the planner's order
        # Layer entries past the layer budget (project_format.MAX_LAYERS), not opened:
        # saved back after the open layers as they were, so saving loses none of them.
        self.unopened: list = []
        self.events = ProjectEvents()
        # The coarse signals, under the names the widgets use.
        self.layers_changed = self.events.layers_changed  # () added, removed, moved
        self.layer_changed = self.events.layer_changed  # (layer) style, visibility, ...
        self.selection_changed = self.events.selection_changed  # (Selection | None)

    @classmethod
    def with_embedded_map(cls) -> Project:
        return cls(load_embedded_layers())

    @property
    def layers(self) -> tuple[Layer, ...]:
        return tuple(self._layers)

    # --- layers -------------------------------------------------------------------------

    def layer(self, layer_id: str) -> Layer:
        for layer in self._layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(layer_id)

    def index_of(self, layer_id: str) -> int:
        """The layer's position, counted from the bottom; KeyError if it is not here."""
        return self._layers.index(self.layer(layer_id))

    def has_layer(self, layer_id: str) -> bool:
        return any(layer.id == layer_id for layer in self._layers)

    def add_layer(self, layer: Layer, index: int | None = None) -> Layer:
        if self.has_layer(layer.id):
            layer.id = new_layer_id(layer.id)
        index = len(self._layers) if index is None else max(0, min(index, len(self._layers)))
        self._layers.insert(index, layer)
        self.events.layer_added.emit(layer, index)
        self.layers_changed.emit()
        return layer

    def remove_layer(self, layer_id: str) -> Layer:
        """Take the layer off the project; the removed layer is returned."""
        layer = self.layer(layer_id)
        index = self._layers.index(layer)
        del self._layers[index]
        if self.selection and self.selection.layer_id == layer_id:
            self.select(None)
        self.events.layer_removed.emit(layer, index)
        self.layers_changed.emit()
        return layer

    def replace_layer(self, layer_id: str, layer: Layer) -> Layer:
        """Put `layer` where the layer `layer_id` is (the notes layer rebuilt from its
        store, say): announced as that layer removed and this one added at its place."""
        old = self.layer(layer_id)
        index = self._layers.index(old)
        del self._layers[index]
        self.events.layer_removed.emit(old, index)
        if self.has_layer(layer.id):
            layer.id = new_layer_id(layer.id)
        self._layers.insert(index, layer)
        self.events.layer_added.emit(layer, index)
        self.layers_changed.emit()
        return layer

    def move_layer(self, layer_id: str, index: int) -> None:
        layer = self.layer(layer_id)
        old = self._layers.index(layer)
        self._layers.remove(layer)
        new = max(0, min(index, len(self._layers)))
        self._layers.insert(new, layer)
        if new != old:
            self.events.layer_moved.emit(layer, old, new)
        self.layers_changed.emit()

    def update_layer(
        self,
        layer_id: str,
        *,
        style: Style | None = None,
        visible: bool | None = None,
        opacity: float | None = None,
        title: str | None = None,
    ) -> None:
        layer = self.layer(layer_id)
        # Check before changing anything, so a bad value leaves the layer as it was.
        if opacity is not None and not 0.0 <= opacity <= 1.0:
            raise ValueError("opacity must be between 0 and 1")
        if title is not None and not title.strip():
            raise ValueError("a layer needs a title")
        changes = []
        if style is not None and style != layer.style:
            layer.style = style
            changes.append(self.events.layer_style_changed)
        if visible is not None and visible != layer.visible:
            layer.visible = visible
            changes.append(self.events.layer_visibility_changed)
        if opacity is not None and opacity != layer.opacity:
            layer.opacity = opacity
            changes.append(self.events.layer_opacity_changed)
        if title is not None and title.strip() != layer.title:
            layer.title = title.strip()
            changes.append(self.events.layer_renamed)
        for signal in changes:
            signal.emit(layer)
        self.layer_changed.emit(layer)

    def rename_layer(self, layer_id: str, title: str) -> None:
        self.update_layer(layer_id, title=title)

    def visible_layers(self) -> list[Layer]:
        return [layer for layer in self._layers if layer.visible]

    def current_notes_look(self) -> LayerLook | None:
        """How the notes layer looks now, or, while it is not on the map, how it looked."""
        layer = next((lyr for lyr in reversed(self._layers) if lyr.kind == LayerKind.NOTES), None)
        return LayerLook.of(layer) if layer is not None else self.notes_look

    # --- the whole project --------------------------------------------------------------

    def replace(self, other: Project) -> None:
        """Take over other's layers, view, selection, path and saved state, in place, so
        every widget bound to this project follows; other is left empty, so the layers
        this project had are referenced by nothing here any more."""
        self._layers = other._layers
        other._layers = []
        self.view_extent = other.view_extent
        self.ui_state = other.ui_state
        self.path = other.path
        self.notes_look = other.notes_look
        self.extra = other.extra
        self.bookmarks = other.bookmarks
        self.unopened = other.unopened
        self.selection = other.selection
        other.selection = None
        self.events.replaced.emit()
        self.events.bookmarks_changed.emit()
        self.layers_changed.emit()
        self.selection_changed.emit(self.selection)

    def set_bookmarks(self, bookmarks) -> None:
        """Replace the bookmarks (model.bookmarks); announces bookmarks_changed."""
        bookmarks = tuple(bookmarks)
        if bookmarks != self.bookmarks:
            self.bookmarks = bookmarks
            self.events.bookmarks_changed.emit()

    # --- selection ----------------------------------------------------------------------

    def select(self, selection: Selection | None) -> None:
        if selection != self.selection:
            self.selection = selection
            self.selection_changed.emit(selection)

    # --- files --------------------------------------------------------------------------

    def to_dict(self) -> dict:
        doc = dict(self.extra)  # keys of a newer version's file, written back as they were
        doc.update(
            {
                "format": project_format.FORMAT,
                "version": project_format.VERSION,
                "view_extent": list(self.view_extent),
                "layers": [*project_format.saved_layers(self._layers), *self.unopened],
                "ui_state": self.ui_state,
            }
        )
        doc.pop("bookmarks", None)
        if self.bookmarks:
            doc["bookmarks"] = bookmarks_mod.to_list(self.bookmarks)
        doc.pop("notes_layer", None)
        notes_look = self.current_notes_look()
        if notes_look is not None:  # the notes' features are not saved, only how they look
            doc["notes_layer"] = notes_look.to_dict()
        return doc

    def save(self, path: str | Path) -> None:
        """Write atomically: a crash mid-save leaves the previous file whole. The name must
        end in .json (.ygis.json is the app's), and no layer's file may be replaced."""
        path = Path(path)
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
        write_atomically(
            path,
            text,
            suffixes=PROJECT.suffixes,
            inputs=source_files(self.layers),
            what=PROJECT.what,
        )
        self.path = path

    @classmethod
    def load(cls, path: str | Path) -> tuple[Project, LoadReport]:
        """Open a project file (model.project_format): LoadError, naming the file, if it
        is not one; a layer that is damaged or whose source is missing is reported, with
        the file's name, and left out."""
        path = Path(path)
        doc = project_format.read_document(path)
        report = LoadReport()
        name = path.name
        newer = project_format.newer_version_warning(doc, name)
        if newer:
            report.warnings.append(newer)
        project = cls()
        entries = doc.get("layers", [])
        opened, project.unopened = project_format.within_layer_budget(entries)
        if project.unopened:
            report.warnings.append(project_format.budget_warning(name, len(entries)))
        reads = SourceReads()  # each distinct source read once, shared by its entries
        ids: set[str] = set()
        for number, entry in enumerate(opened, start=1):
            label = _entry_label(entry, number)
            try:
                checked = project_format.checked_entry(entry)
            except project_format.EntryError as exc:
                report.warnings.append(
                    Text.of("project_layer_left_out", name=name, label_key=label, problem=exc)
                )
                report.damaged = True
                continue
            try:
                layer = project_format.layer_from_entry(checked, path.parent, reads)
            except (LoadError, ValueError, TypeError) as exc:
                report.warnings.append(
                    Text.of(
                        "project_layer_left_out", name=name, label_key=label, **problem_param(exc)
                    )
                )
                continue
            extra = project_format.unknown_keys(entry, project_format.LAYER_KEYS)
            if extra:
                layer.info[project_format.EXTRA] = extra
            if layer.id in ids:  # a set: has_layer for each of 10,000 entries took 30 s
                layer.id = new_layer_id(layer.id)
            ids.add(layer.id)
            project._layers.append(layer)
        if "view_extent" in doc:
            try:
                project.view_extent = project_format.extent(doc["view_extent"])
            except (TypeError, ValueError):
                view = f"{doc['view_extent']!r:.80}"
                report.warnings.append(Text.of("project_view_unusable", name=name, view=view))
                report.damaged = True
        ui_state = doc.get("ui_state") or {}
        if not isinstance(ui_state, dict):
            report.warnings.append(Text.of("project_layout_unusable", name=name))
            report.damaged = True
            ui_state = {}
        project.ui_state = ui_state
        if "notes_layer" in doc:
            try:
                project.notes_look = LayerLook.from_dict(doc["notes_layer"])
            except (ValueError, TypeError) as exc:
                report.warnings.append(
                    Text.of("project_notes_look_unusable", name=name, problem=exc)
                )
                report.damaged = True
        if "bookmarks" in doc:
            found, bad = bookmarks_mod.from_list(doc["bookmarks"], name)
            project.bookmarks = tuple(found)
            if bad:
                report.warnings.extend(bad)
                report.damaged = True
        project.extra = project_format.unknown_keys(doc, project_format.PROJECT_KEYS)
        project.path = path
        return project, report


def _entry_label(entry, number: int) -> tuple[str, dict]:
    """How a warning names a layer entry: a model.messages id and its parameters."""
    title = entry.get("title") if isinstance(entry, dict) else None
    source = entry.get("source") if isinstance(entry, dict) else None
    name = title if isinstance(title, str) and title else source
    if isinstance(name, str) and name:
        return "project_layer_named", {"number": number, "title": name[:60]}
    return "project_layer_number", {"number": number}
