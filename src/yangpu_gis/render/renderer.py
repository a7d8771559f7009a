"""Paints a map snapshot for a viewport onto a QImage. QtGui only; safe in a worker thread.

Every layer is painted into its own transparent image, cached by what it depends on
(layer id, style, data version, viewport, pixel ratio), so toggling, reordering or changing
the opacity of one layer, or the selection, re-paints nothing else; the final image is a
cheap composition of cached images, the selection outline and the labels.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QImage, QPainter

from yangpu_gis.render.labels import (
    LabelPlacer,
    label_order,
    layer_candidates,
    marker_shapes,
    paint_labels,
    place_labels,
)
from yangpu_gis.render.layer_painter import LayerPainter, PaintStats
from yangpu_gis.render.prepared import PreparedCache, PreparedLayer
from yangpu_gis.render.selection import paint_selection
from yangpu_gis.render.snapshot import LayerSnapshot, MapSnapshot, live_version
from yangpu_gis.render.viewport import Viewport

BACKGROUND = "#f4f3ef"
CACHE_BYTES = 400 * 1024 * 1024
_EMPTY = object()  # a layer with nothing in view: cached, never drawn


@dataclass
class RenderStats:
    layer_renders: int = 0  # layer images painted
    layer_cache_hits: int = 0
    label_renders: int = 0
    last_layer: dict[str, PaintStats] = field(default_factory=dict)


def device_viewport(viewport: Viewport, device_pixel_ratio: float) -> Viewport:
    """The same view in device pixels, for drawing on high-density screens."""
    if device_pixel_ratio == 1.0:
        return viewport
    return Viewport(
        viewport.center_x,
        viewport.center_y,
        viewport.scale / device_pixel_ratio,
        max(1, round(viewport.width * device_pixel_ratio)),
        max(1, round(viewport.height * device_pixel_ratio)),
    )


def _as_check(cancel) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if hasattr(cancel, "is_set"):
        return cancel.is_set
    return cancel


class Renderer:
    def __init__(self, cache_bytes: int = CACHE_BYTES) -> None:
        self.cache_bytes = cache_bytes
        self.stats = RenderStats()
        self._images: OrderedDict[tuple, object] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._prepared = PreparedCache()
        self.basemap_notes: dict[str, str | None] = {}  # layer id: why tiles are missing

    def render(
        self,
        snapshot: MapSnapshot,
        viewport: Viewport,
        *,
        cancel=None,
        background: str | None = BACKGROUND,
        labels: bool = True,
        device_pixel_ratio: float = 1.0,
        on_partial: Callable[[QImage], None] | None = None,
    ) -> QImage | None:
        """The map image, or None if cancel (a callable or an Event) said stop."""
        cancelled = _as_check(cancel)
        vp = device_viewport(viewport, device_pixel_ratio)
        done: list[tuple[LayerSnapshot, object]] = []
        for layer in snapshot.layers:
            if cancelled():
                return None
            report = None
            if on_partial is not None:
                report = self._partial_reporter(
                    on_partial, tuple(done), layer, vp, background, device_pixel_ratio
                )
            image = self.layer_image(
                layer, vp, device_pixel_ratio, cancelled, report, snapshot.wait_for_tiles
            )
            if image is None:
                return None
            done.append((layer, image))
        label_image = (
            self.label_image(snapshot, vp, device_pixel_ratio, cancelled) if labels else _EMPTY
        )
        if label_image is None or cancelled():
            return None
        return self._compose(
            done, vp, background, device_pixel_ratio, snapshot=snapshot, label_image=label_image
        )

    def _partial_reporter(self, on_partial, done, layer, vp, background, device_pixel_ratio):
        """Shows the layers done so far plus what is drawn of the current one."""

        def report(image: QImage) -> None:
            on_partial(self._compose([*done, (layer, image)], vp, background, device_pixel_ratio))

        return report

    # --- per-layer images -----------------------------------------------------------------

    def prepared(self, layer: LayerSnapshot) -> PreparedLayer:
        return self._prepared.get(layer.data_version, layer.display)

    def layer_image(
        self,
        layer: LayerSnapshot,
        vp: Viewport,
        device_pixel_ratio: float,
        cancelled: Callable[[], bool],
        on_progress=None,
        wait_for_tiles: bool = True,
    ):
        if layer.basemap is not None:
            return self.basemap_image(layer, vp, cancelled, wait_for_tiles)
        key = ("layer", layer.image_key, vp, device_pixel_ratio)
        cached = self._cached(key)
        if cached is not None:
            self._count("layer_cache_hits")
            return cached
        painter = LayerPainter(
            layer, self.prepared(layer), vp, device_pixel_ratio, cancelled, on_progress
        )
        image = painter.paint()
        if image is None:
            return None
        self._count("layer_renders")
        self.stats.last_layer[layer.id] = painter.stats
        result = image if painter.stats.features else _EMPTY
        self._store(key, result)
        return result

    def basemap_image(self, layer: LayerSnapshot, vp: Viewport, cancelled, wait_for_tiles):
        """A basemap layer's tiles (render.tiles); a frame still missing tiles is not cached,
        and one whose source cannot be read is empty, its reason in basemap_notes."""
        from yangpu_gis.model.basemap.spec import BasemapError
        from yangpu_gis.render.tile_store import store_for
        from yangpu_gis.render.tiles import paint_basemap

        try:
            store = store_for(layer.basemap)
        except BasemapError as exc:
            self.basemap_notes[layer.id] = str(exc)
            return _EMPTY
        key = ("basemap", layer.basemap, vp, store.generation)
        cached = self._cached(key)
        if cached is not None:
            self._count("layer_cache_hits")
            return cached
        frame = paint_basemap(
            layer.basemap, vp, wait_for_tiles=wait_for_tiles, cancelled=cancelled, store=store
        )
        self.basemap_notes[layer.id] = frame.note or store.status_message()
        if frame.image is None:
            return _EMPTY if frame.note else None
        self._count("layer_renders")
        if frame.complete:
            self._store(key, frame.image)
        return frame.image

    def label_image(
        self,
        snapshot: MapSnapshot,
        vp: Viewport,
        device_pixel_ratio: float,
        cancelled: Callable[[], bool],
    ):
        labelled = [layer for layer in snapshot.layers if layer.label_values is not None]
        if not labelled:
            return _EMPTY
        pins = [layer for layer in snapshot.layers if layer.above_labels]
        key = (
            "labels",
            tuple(layer.image_key for layer in labelled),
            tuple(layer.image_key for layer in pins),
            vp,
            device_pixel_ratio,
            snapshot.label_family,
        )
        cached = self._cached(key)
        if cached is not None:
            return cached
        placer = LabelPlacer(vp.width, vp.height, device_pixel_ratio, snapshot.label_family)
        groups = []
        for layer in label_order(labelled):  # the topmost layer's labels win
            if cancelled():
                return None
            groups.append(
                (layer, layer_candidates(layer, self.prepared(layer), vp, device_pixel_ratio))
            )
        place_labels(placer, groups, vp, marker_shapes(pins, self.prepared, vp, device_pixel_ratio))
        image = QImage(vp.width, vp.height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        finished = paint_labels(painter, placer, cancelled)
        painter.end()
        if not finished:
            return None
        self._count("label_renders")
        result = image if placer.placed else _EMPTY
        self._store(key, result)
        return result

    # --- composition ------------------------------------------------------------------------

    def _compose(
        self,
        done,
        vp: Viewport,
        background,
        device_pixel_ratio: float,
        *,
        snapshot: MapSnapshot | None = None,
        label_image=_EMPTY,
    ) -> QImage:
        out = QImage(vp.width, vp.height, QImage.Format.Format_ARGB32_Premultiplied)
        out.fill(QColor(background) if background else QColor(0, 0, 0, 0))
        painter = QPainter(out)
        # Map layers, the selection's highlight, the labels (never hidden by a highlight),
        # then markers (review-note pins) so no label hides one.
        for above_labels in (False, True):
            if above_labels:
                painter.setOpacity(1.0)
                if snapshot is not None:
                    for layer in snapshot.layers:
                        if layer.selected_rows:
                            paint_selection(
                                painter, layer, self.prepared(layer), vp, device_pixel_ratio
                            )
                if label_image is not _EMPTY:
                    painter.drawImage(0, 0, label_image)
            for layer, image in _basemaps_first(done):
                if image is not _EMPTY and layer.above_labels == above_labels:
                    painter.setOpacity(layer.opacity)
                    painter.drawImage(0, 0, image)
        if snapshot is not None:
            credited = [layer.basemap for layer, _image in done if layer.basemap is not None]
            if credited:
                from yangpu_gis.render.attribution import basemap_attribution, draw_attribution

                text = " | ".join(basemap_attribution(spec) for spec in credited)
                draw_attribution(painter, text, vp.width, vp.height, device_pixel_ratio)
        painter.end()
        out.setDevicePixelRatio(device_pixel_ratio)
        return out

    # --- cache --------------------------------------------------------------------------------

    def _cached(self, key):
        with self._lock:
            value = self._images.get(key)
            if value is not None:
                self._images.move_to_end(key)
            return value

    def _store(self, key, value) -> None:
        size = value.sizeInBytes() if isinstance(value, QImage) else 0
        self._drop_where(_of_released_data)
        with self._lock:
            old = self._images.pop(key, None)
            if isinstance(old, QImage):
                self._bytes -= old.sizeInBytes()
            self._images[key] = value
            self._bytes += size
            while self._bytes > self.cache_bytes and len(self._images) > 1:
                _, evicted = self._images.popitem(last=False)
                if isinstance(evicted, QImage):
                    self._bytes -= evicted.sizeInBytes()

    def _count(self, name: str) -> None:
        with self._lock:  # jobs on two threads may finish together
            setattr(self.stats, name, getattr(self.stats, name) + 1)

    def forget_layer(self, layer_id: str) -> None:
        """Drop the cached images a layer taken off the map drew (its own, and the labels
        it was part of): they would otherwise stay until the byte budget pushed them out."""
        self._drop_where(lambda image_keys: any(k[0] == layer_id for k in image_keys))

    def _drop_where(self, drew: Callable[[list[tuple]], bool]) -> None:
        with self._lock:
            gone = [key for key in self._images if drew(_image_keys(key))]
            for key in gone:
                image = self._images.pop(key)
                if isinstance(image, QImage):
                    self._bytes -= image.sizeInBytes()

    def clear_cache(self) -> None:
        """Forget every cached image and prepared layer (after the whole project changed,
        say), so nothing here keeps a layer that is gone alive."""
        with self._lock:
            self._images.clear()
            self._bytes = 0
        self._prepared.clear()


def _image_keys(key) -> list[tuple]:
    """The LayerSnapshot.image_keys a cached image was drawn from."""
    if key[0] == "layer":
        return [key[1]]
    if key[0] == "labels":
        return [*key[1], *key[2]]
    return []


def _of_released_data(image_keys: list[tuple]) -> bool:
    # The renderer is shared by every window: images of closed windows' and removed
    # layers' data are dropped, not kept until the 400 MB budget pushes them out.
    return any(not live_version(k[2]) for k in image_keys)


def _basemaps_first(done):
    """Basemaps go under every vector layer, wherever they are in the layer list."""
    return sorted(done, key=lambda pair: pair[0].basemap is None)


_default: Renderer | None = None
_default_lock = threading.Lock()


def default_renderer() -> Renderer:
    global _default
    with _default_lock:
        if _default is None:
            _default = Renderer()
        return _default


def render_map(
    snapshot: MapSnapshot,
    viewport: Viewport,
    *,
    cancel=None,
    background: str | None = BACKGROUND,
    labels: bool = True,
    device_pixel_ratio: float = 1.0,
    renderer: Renderer | None = None,
    on_partial: Callable[[QImage], None] | None = None,
) -> QImage | None:
    """The map of a snapshot in a viewport, or None when cancelled (see Renderer.render)."""
    return (renderer or default_renderer()).render(
        snapshot,
        viewport,
        cancel=cancel,
        background=background,
        labels=labels,
        device_pixel_ratio=device_pixel_ratio,
        on_partial=on_partial,
    )
