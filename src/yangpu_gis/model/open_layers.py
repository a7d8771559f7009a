"""Opening a file as map layers ready to draw: what the app's reader thread, the command
line and the benchmarks all do, so they measure and run the same path."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from yangpu_gis.model import io
from yangpu_gis.model.layer import Layer, new_layer_id
from yangpu_gis.model.load_progress import ProgressCallback
from yangpu_gis.model.messages import Text


@dataclass
class OpenedTable:
    """What the app reports about an opened database table (as of a LoadedLayer)."""

    name: str
    warnings: list[str] = field(default_factory=list)


def layer_from_loaded(
    loaded: io.LoadedLayer,
    declared_crs: str | None = None,
    *,
    layer_id: str | None = None,
    title: str | None = None,
) -> Layer:
    return Layer(
        id=layer_id or new_layer_id("file"),
        title=title or loaded.name,
        data=loaded.data,
        source=loaded.path,
        source_layer=loaded.source_layer,
        declared_crs=declared_crs,
        info=loaded.info(),
    )


def open_layers(
    path: str | Path,
    declared_crs: str | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    index: bool = True,
) -> list[tuple[io.LoadedLayer | OpenedTable, Layer]]:
    """Every layer of the file, read (io.read_file) and with its display data built.

    index=False leaves the spatial index of big layers for later (Layer.prepare_display):
    the layer draws and answers clicks without it, so a reader thread can show the first
    frame sooner and build the index after.
    """
    from yangpu_gis.model.postgis import is_postgis_uri

    if is_postgis_uri(path):  # its features come view by view (ui.postgis_stream)
        from yangpu_gis.model.postgis.layers import open_for_app

        layer = open_for_app(str(path))
        return [(OpenedTable(layer.title, list(layer.info.get("warnings", []))), layer)]
    loaded_layers = io.read_file(path, declared_crs=declared_crs, progress=progress, cancel=cancel)
    opened: list[tuple[io.LoadedLayer | OpenedTable, Layer]] = []
    for loaded in loaded_layers:
        if progress is not None:
            progress(1.0, Text.of("progress_preparing", name=loaded.name))
        layer = layer_from_loaded(loaded, declared_crs).prepare_display(index=index)
        opened.append((loaded, layer))
    return opened
