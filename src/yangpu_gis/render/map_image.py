"""A finished map picture of some layers: what the command line and image exports draw."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPainter

from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import YANGPU_EXTENT, Selection
from yangpu_gis.render.decorations import draw_decorations
from yangpu_gis.render.renderer import BACKGROUND, Renderer, render_map
from yangpu_gis.render.snapshot import snapshot_layers
from yangpu_gis.render.viewport import Viewport


def map_viewport(size: tuple[int, int], bbox_wgs84=None, margin: float = 0.0) -> Viewport:
    """The view of a WGS84 box (Yangpu by default) at a pixel size, the box whole and centred."""
    width, height = size
    return Viewport.fit_wgs84(bbox_wgs84 or YANGPU_EXTENT, width, height, margin)


def render_map_image(
    layers: list[Layer],
    size: tuple[int, int],
    *,
    bbox_wgs84=None,
    viewport: Viewport | None = None,
    selection: Selection | None = None,
    decorations: bool = True,
    labels: bool = True,
    background: str | None = BACKGROUND,
    device_pixel_ratio: float = 1.0,
    renderer: Renderer | None = None,
    language: str = "en",
) -> QImage:
    """The visible layers drawn at size (logical pixels), with scale bar and north arrow.

    Give either a WGS84 bbox or a viewport (resized to size); neither means Yangpu.
    Needs a QGuiApplication (render.offscreen.ensure_gui_application makes one).
    """
    width, height = size
    if viewport is None:
        viewport = map_viewport(size, bbox_wgs84)
    else:
        viewport = viewport.resized(width, height)
    image = render_map(
        snapshot_layers(layers, selection, language),
        viewport,
        background=background,
        labels=labels,
        device_pixel_ratio=device_pixel_ratio,
        renderer=renderer,
    )
    assert image is not None, "only a cancelled render has no image, and this one has no cancel"
    if decorations:
        painter = QPainter(image)
        size_ = max(1.0, min(width, height) / 800)
        draw_decorations(painter, viewport, width, height, size=size_, language=language)
        painter.end()
    return image
