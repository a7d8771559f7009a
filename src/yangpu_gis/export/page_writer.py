"""Draws a map page into the bytes of a PNG or a PDF, in memory; image.py writes the file."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QColor, QImage, QImageWriter, QPageLayout, QPageSize, QPainter, QPdfWriter

from yangpu_gis import __version__
from yangpu_gis.model import crs
from yangpu_gis.model.layer import Layer
from yangpu_gis.render.map_image import render_map_image
from yangpu_gis.render.renderer import Renderer
from yangpu_gis.render.viewport import Viewport

if TYPE_CHECKING:  # the layout (legend, attribution, title) is imported for laid-out pages
    # only: a plain `render` PNG starts 40 ms sooner without it
    from yangpu_gis.export.layout import LayoutResult, Page

log = logging.getLogger(__name__)
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3}
PAPER_WHITE = QColor("#ffffff")
SCREEN_DPI = 96.0
INCHES_PER_METRE = 39.37007874
PNG_QUALITY = 50  # Qt maps 0-100 onto zlib's levels 9-0


@dataclass(frozen=True)
class WrittenPage:
    data: bytes
    pixel_size: tuple[int, int]
    extent_wgs84: tuple[float, float, float, float]
    scale_denominator: float | None
    legend_rows: int
    map_frame: tuple[int, int, int, int]  # x, y, width, height in page pixels
    legend_frame: tuple[int, int, int, int] | None
    vector_map: bool = False  # the map frame holds paths and text, not an image


def write_page(layers: Sequence[Layer], extent, request) -> WrittenPage:
    """The page for an image.export_image request, as file bytes."""
    # A renderer of its own: print-sized layer images are not kept for the screen's cache.
    renderer = Renderer(cache_bytes=0)
    if request.format == "pdf":
        return _pdf(layers, extent, request, renderer)
    if not request.layout:
        return _plain_png(layers, extent, request, renderer)
    return _png(layers, extent, request, renderer)


def _page(request, width: int, height: int, vector_map: bool = False) -> Page:
    # The map is drawn as the screen shows it at 96 dpi, on paper too: a style pixel is
    # 1/96 inch, so labels print at about 9 points and as many fit as on the screen.
    from yangpu_gis.export.layout import Page

    return Page(
        width,
        height,
        request.dpi,
        request.dpi / SCREEN_DPI,
        request.paper,
        request.language,
        vector_map,
    )


def vector_map_fits(layers: Sequence[Layer], extent) -> tuple[bool, int]:
    """Whether a PDF's map is drawn as vectors: the features in view are few enough
    (render.vector_map.VECTOR_MAX_FEATURES). Also the count, for the report."""
    from yangpu_gis.render.snapshot import snapshot_layers
    from yangpu_gis.render.vector_map import VECTOR_MAX_FEATURES, features_in_view

    count = features_in_view(snapshot_layers(list(layers)), extent)
    return count <= VECTOR_MAX_FEATURES, count


def _pdf(layers, extent, request, renderer: Renderer) -> WrittenPage:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(request.dpi)
    orientation = (
        QPageLayout.Orientation.Landscape
        if request.orientation == "landscape"
        else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(QPageSize(PAGE_SIZES[request.paper]), orientation, QMarginsF(0, 0, 0, 0))
    )
    writer.setTitle(request.title)
    writer.setCreator(f"Yangpu GIS {__version__}")
    from yangpu_gis.render.vector_map import VECTOR_MAX_FEATURES

    vector, count = vector_map_fits(layers, extent)
    if not vector:
        log.info(
            "%s: the map is drawn as an image: %s features in view, over the %s drawn as vectors",
            request.path.name,
            f"{count:,}",
            f"{VECTOR_MAX_FEATURES:,}",
        )
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"could not start a PDF page for {request.path.name}")
    try:
        page = _page(request, writer.width(), writer.height(), vector)
        from yangpu_gis.export.layout import draw_layout

        result = draw_layout(
            painter, page, layers, extent, title=request.title, date=request.date, renderer=renderer
        )
    finally:
        painter.end()
    buffer.close()
    return WrittenPage(
        bytes(data.data()),
        (writer.width(), writer.height()),
        result.viewport.extent_wgs84,
        result.scale_denominator,
        result.legend_plan.shown,
        *_frames(result),
        vector_map=vector,
    )


def _png(layers, extent, request, renderer: Renderer) -> WrittenPage:
    width, height = request.pixel_size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(PAPER_WHITE)
    painter = QPainter(image)
    try:
        from yangpu_gis.export.layout import draw_layout

        result = draw_layout(
            painter,
            _page(request, width, height),
            layers,
            extent,
            title=request.title,
            date=request.date,
            renderer=renderer,
        )
    finally:
        painter.end()
    return WrittenPage(
        _png_bytes(image, request),
        (width, height),
        result.viewport.extent_wgs84,
        result.scale_denominator,
        result.legend_plan.shown,
        *_frames(result),
    )


def _plain_png(layers, extent, request, renderer: Renderer) -> WrittenPage:
    """The map alone, with scale bar and north arrow: what `yangpu-gis render` has always made."""
    width, height = request.pixel_size
    ratio = request.dpi / SCREEN_DPI
    logical = (max(1, round(width / ratio)), max(1, round(height / ratio)))
    viewport = Viewport.fit(extent, logical[0], logical[1], margin=0.0)
    image = render_map_image(
        list(layers),
        logical,
        viewport=viewport,
        device_pixel_ratio=ratio,
        renderer=renderer,
        language=request.language,
    )
    image.setDevicePixelRatio(1.0)
    if (image.width(), image.height()) != (width, height):
        image = image.scaled(width, height)
    # The background colour makes it opaque: without an alpha channel, the file is smaller
    # and compresses faster.
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return WrittenPage(
        _png_bytes(image, request),
        (width, height),
        crs.transform_bounds(viewport.extent, crs.DISPLAY, crs.WGS84),
        None,
        0,
        (0, 0, width, height),
        None,
    )


Frame = tuple[int, int, int, int]


def _frames(result: LayoutResult) -> tuple[Frame, Frame]:
    def box(rect) -> Frame:
        return (round(rect.left()), round(rect.top()), round(rect.width()), round(rect.height()))

    return box(result.map_rect), box(result.legend_rect)


def _png_bytes(image: QImage, request) -> bytes:
    dots_per_metre = round(request.dpi * INCHES_PER_METRE)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.setText("Title", request.title)
    image.setText("Software", f"Yangpu GIS {__version__}")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    # Qt's default zlib effort took 0.14 s for a 1600x1000 map; this level takes half
    # that, for a file about 7% larger.
    writer.setQuality(PNG_QUALITY)
    if not writer.write(image):
        raise OSError(f"could not encode {request.path.name}: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())
