"""The project file (and the remembered session, the same format): JSON, versioned, and
checked field by field on reading, so that no file, however damaged, stops the app.

Reading is bounded: a file bigger than MAX_BYTES or nested deeper than MAX_DEPTH is
refused with one line. Every message names the file. A layer entry with a wrong field is
left out and the field named; keys this version does not know are kept, on the project
and on each layer, and written back on saving, so a file from a newer version survives
being opened and saved here. A newer version loads with a warning naming it.
"""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any

from yangpu_gis.model.basemap.saved import KEY as BASEMAP_KEY
from yangpu_gis.model.basemap.saved import basemap_entry, basemap_from_entry
from yangpu_gis.model.embedded import EMBEDDED_LAYERS, load_embedded_layer
from yangpu_gis.model.layer import Layer, LayerKind
from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.messages import Keyed, Text
from yangpu_gis.model.postgis.source import is_postgis_uri
from yangpu_gis.model.project_sources import SourceReads
from yangpu_gis.model.style import Style

FORMAT = "yangpu-gis-project"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024  # a 10,000-layer project is about 5 MB
MAX_DEPTH = 32  # a project is 5 levels deep; the window layout and styles add a few
# Layers opened from one project file: the first MAX_LAYERS entries, bottom to top. The
# rest are kept in the file, unopened, and saved back, and the planner is told: refusing
# the file would lock them out of their own work, opening all of it would not be usable.
# A district plan's project holds tens of layers; past a few hundred the layers list is
# too long to work in, and every layer in view is painted into an image the size of the
# map on each redraw (about 4 MB at 1200x800, 8 MB full screen): 200 keeps a redraw
# to about 2 s and 1 GB here, where a file of 10,000 entries took the app past 4 GB.
MAX_LAYERS = 200
LAYER_KEYS = (
    "id",
    "title",
    "kind",
    "source",
    "source_layer",
    "declared_crs",
    "visible",
    "opacity",
    "style",
    BASEMAP_KEY,
)
PROJECT_KEYS = (
    "format",
    "version",
    "view_extent",
    "layers",
    "ui_state",
    "notes_layer",
    "bookmarks",
)
EXTRA = "saved_extra"  # Layer.info key of a layer entry's keys this version does not know


class EntryError(Keyed, ValueError):
    """A field of a layer entry (or a saved extent) that is not what it must be, with its
    model.messages id."""


def _load_error(message: str) -> LoadError:
    return LoadError(message)


# --- reading -----------------------------------------------------------------------------


def read_document(path: Path) -> dict:
    """The file's JSON object, checked to be a project of a known format; LoadError
    (one line naming the file) otherwise."""
    name = path.name
    try:
        info = os.stat(path)
    except OSError as exc:
        raise LoadError.of("project_unreadable", name=name, reason=exc.strerror or exc) from None
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block for ever: refused unopened
        from yangpu_gis.model.reading_guard import regular_file

        try:
            regular_file(path)
        except LoadError as exc:
            kind = exc.params.get("kind_key")
            if kind:
                raise LoadError.of("project_not_file", name=name, kind_key=kind) from None
            if exc.key == "is_folder":
                raise LoadError.of("project_folder", name=name) from None
            reason = str(exc).removeprefix(f"{path}: ")
            raise _load_error(f"{name}: {reason}, not a project file") from None
        raise _load_error(f"{name}: not a regular file, so not a project file")
    if info.st_size > MAX_BYTES:
        raise LoadError.of(
            "project_too_big",
            name=name,
            size=f"{info.st_size / 2**20:.0f}",
            limit=MAX_BYTES // 2**20,
        )
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:  # it grew while being read
            raise _load_error(f"{name}: too big for a project file")
        doc = json.loads(data.decode("utf-8-sig"))
    except RecursionError:
        raise LoadError.of("project_too_deep", name=name) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LoadError.of("project_not_json", name=name, problem=exc.__class__.__name__) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise LoadError.of("project_not_ours", name=name)
    if _depth(doc) > MAX_DEPTH:
        raise LoadError.of("project_too_deep", name=name)
    version = doc.get("version", VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise LoadError.of("project_damaged_version", name=name, version=f"{version!r:.40}")
    if not isinstance(doc.get("layers", []), list):
        raise LoadError.of("project_damaged_layers", name=name)
    return doc


def _depth(value) -> int:
    """How deeply lists and objects nest, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def within_layer_budget(entries: list) -> tuple[list, list]:
    """The entries to open (the first MAX_LAYERS, bottom to top) and those kept unopened."""
    return entries[:MAX_LAYERS], entries[MAX_LAYERS:]


def budget_warning(name: str, count: int) -> Text:
    return Text.of(
        "project_too_many_layers",
        name=name,
        count=f"{count:,}",
        opened=f"{MAX_LAYERS:,}",
        left=f"{count - MAX_LAYERS:,}",
    )


def newer_version_warning(doc: dict, name: str) -> str | None:
    version = doc.get("version", VERSION)
    if version <= VERSION:
        return None
    return Text.of("project_newer", name=name, version=version, current=VERSION)


def _text(entry: dict, key: str, *, required: bool = False) -> str | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise EntryError.of("entry_not_text", field=key, value=f"{value!r:.40}")
    return value


def checked_entry(entry) -> dict:
    """The known fields of a layer entry, each of the right type; EntryError naming the
    first field that is not."""
    if not isinstance(entry, dict):
        raise EntryError.of("entry_not_object", value=f"{entry!r:.40}")
    basemap = entry.get("kind") == LayerKind.BASEMAP  # described by its spec, not a source
    checked: dict[str, Any] = {
        "id": _text(entry, "id"),
        "title": _text(entry, "title"),
        "kind": _text(entry, "kind"),
        "source": _text(entry, "source", required=not basemap),
        "source_layer": _text(entry, "source_layer"),
        "declared_crs": _text(entry, "declared_crs"),
    }
    visible = entry.get("visible", True)
    if not isinstance(visible, bool):
        raise EntryError.of("entry_visible", value=f"{visible!r:.40}")
    opacity = entry.get("opacity", 1.0)
    if (
        isinstance(opacity, bool)
        or not isinstance(opacity, int | float)
        or not 0.0 <= opacity <= 1.0  # NaN fails here too
    ):
        raise EntryError.of("entry_opacity", value=f"{opacity!r:.40}")
    style = entry.get("style")
    if style is not None and not isinstance(style, dict):
        raise EntryError.of("entry_style_not_object", value=f"{style!r:.40}")
    if style is not None:
        try:  # colours, widths, categories and graduated classes, each checked
            Style.from_dict(style)
        except (ValueError, TypeError) as exc:
            raise EntryError.of("entry_style_unusable", problem=str(exc)) from None
    checked.update(visible=visible, opacity=float(opacity), style=style)
    if BASEMAP_KEY in entry:
        checked[BASEMAP_KEY] = entry[BASEMAP_KEY]
    return checked


def layer_from_entry(
    entry: dict, project_dir: Path | None, reads: SourceReads | None = None
) -> Layer:
    """The layer a checked entry describes, read from its source (LoadError if that
    fails), with its id, title and look applied. With `reads`, a file or embedded layer
    already read for another entry is not read again: the new layer shares its data."""
    source = entry.get("source") or ""
    reads = reads if reads is not None else SourceReads()
    if (layer := basemap_from_entry(entry)) is not None:
        pass
    elif is_postgis_uri(source):  # fetched per view; no password is saved
        from yangpu_gis.model.postgis.layers import open_for_app

        layer = open_for_app(source)
    elif source.startswith("embedded:"):
        layer = reads.layer((source, None, None), lambda: _embedded_layer(source[9:]))
    else:
        declared_crs = entry.get("declared_crs")
        layer = reads.layer(  # by the source as written: resolving it looks at the disk
            (source, entry.get("source_layer"), declared_crs),
            lambda: _file_layer(
                resolve_source(source, project_dir), entry.get("source_layer"), declared_crs
            ),
        )
    layer.id = entry.get("id") or layer.id
    layer.title = entry.get("title") or layer.title
    layer.visible = entry.get("visible", True)
    layer.opacity = entry.get("opacity", 1.0)
    if entry.get("style") is not None:
        layer.style = Style.from_dict(entry["style"])
    return layer


def _embedded_layer(name: str) -> Layer:
    spec = next((spec for spec in EMBEDDED_LAYERS if spec.name == name), None)
    if spec is None:
        raise _load_error(f"this version has no embedded layer {name!r}")
    return load_embedded_layer(spec)


def _file_layer(source: str, source_layer: str | None, declared_crs: str | None) -> Layer:
    # The file readers (geopandas, pyogrio) only when a file is named: a session of the
    # embedded map reopens without them, before the window's first frame.
    from yangpu_gis.model.io import read_file
    from yangpu_gis.model.open_layers import layer_from_loaded

    loaded = read_file(source, source_layer, declared_crs)[0]
    return layer_from_loaded(loaded, declared_crs)


def unknown_keys(doc: dict, known) -> dict:
    return {key: value for key, value in doc.items() if key not in known}


def resolve_source(source: str, project_dir: Path | None) -> str:
    """A relative source in a project file is relative to the project's folder."""
    if project_dir is None or not source or os.path.isabs(source) or is_postgis_uri(source):
        return source
    beside = project_dir / source
    # Older files held paths relative to the working folder: still found if that works.
    return str(beside) if beside.exists() or not os.path.exists(source) else source


def extent(value) -> tuple[float, float, float, float]:
    if not isinstance(value, list | tuple) or len(value) != 4:
        raise EntryError.of("extent_four_numbers")
    if any(isinstance(v, bool) or not isinstance(v, int | float) for v in value):
        raise EntryError.of("extent_four_numbers")
    x0, y0, x1, y1 = (float(v) for v in value)
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)) or x0 >= x1 or y0 >= y1:
        raise EntryError.of("extent_order")
    return x0, y0, x1, y1


# --- writing -----------------------------------------------------------------------------


def saved_source(source: str | None) -> str | None:
    """A file source as an absolute path, so the project opens from any working folder."""
    if not source or source.startswith("embedded:") or is_postgis_uri(source):
        return source
    return os.path.abspath(source)


def layer_entry(layer: Layer) -> dict:
    entry = dict(layer.info.get(EXTRA) or {})  # keys of a newer version, kept
    entry.update(
        {
            "id": layer.id,
            "title": layer.title,
            "kind": str(layer.kind),
            "source": saved_source(layer.source),
            "source_layer": layer.source_layer,
            "declared_crs": layer.declared_crs,
            "visible": layer.visible,
            "opacity": layer.opacity,
            "style": layer.style.to_dict(),
            **basemap_entry(layer),
        }
    )
    return entry


def saved_layers(layers) -> list[dict]:
    # The review notes live in the notes store and are added back on start.
    return [layer_entry(layer) for layer in layers if layer.kind != LayerKind.NOTES]
