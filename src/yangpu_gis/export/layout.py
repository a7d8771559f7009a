"""A printable map page: title and date, the map frame with scale bar and north arrow, the
legend, and the data attribution, drawn with a QPainter on any device (image or PDF).

Everything is measured in device pixels from the page's dots per inch, so a 300 dpi PDF
and a 96 dpi PNG get the same design. Text sizes are points scaled with the page (an A4
sheet is the reference; A3 and large images get larger text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from yangpu_gis import __version__
from yangpu_gis.export.legend import Legend, LegendPlan, legend_items
from yangpu_gis.model.attribution import (
    ATTRIBUTION_LINES,
    attribution_lines,
    short_attribution,
)
from yangpu_gis.model.layer import Layer
from yangpu_gis.render.decorations import draw_decorations
from yangpu_gis.render.fonts import label_font
from yangpu_gis.render.map_image import render_map_image
from yangpu_gis.render.renderer import Renderer, device_viewport
from yangpu_gis.render.viewport import Viewport

POINTS_PER_INCH = 72.0
A4_SHORT_SIDE_PT = 595.0
TEXT_SCALE_RANGE = (0.8, 1.45)
MARGIN_SHARE = 0.035  # of the page's shorter side

TITLE_PT, DATE_PT, FOOTER_PT = 20.0, 9.5, 7.0
INK = QColor("#222222")
MUTED = QColor("#555555")
RULE = QColor("#9a9a9a")
FRAME = QColor("#555555")


@dataclass(frozen=True)
class Page:
    """A page in device pixels. map_pixel_ratio: device pixels per style pixel (the map's
    strokes, markers and labels)."""

    width: int
    height: int
    dpi: float
    map_pixel_ratio: float
    paper: str | None = None  # "A4" or "A3" when the page is a sheet of paper
    language: str = "en"  # of the page's words: legend, scale, date, attribution
    vector_map: bool = False  # the map as paths and text (render.vector_map), not an image

    @property
    def pt(self) -> float:
        """Device pixels per point."""
        return self.dpi / POINTS_PER_INCH

    @property
    def text_scale(self) -> float:
        short_side = min(self.width, self.height) / self.pt
        lo, hi = TEXT_SCALE_RANGE
        return max(lo, min(hi, short_side / A4_SHORT_SIDE_PT))

    @property
    def unit(self) -> float:
        """One point of the design, scaled with the page, in device pixels."""
        return self.pt * self.text_scale


@dataclass(frozen=True)
class LayoutResult:
    map_rect: QRectF  # device pixels
    legend_rect: QRectF
    legend_plan: LegendPlan
    viewport: Viewport  # what the map frame shows, in device pixels
    scale_denominator: float | None  # 1:N on paper printed at 100%; None for screen images


def amap_restriction(language: str = "en") -> str:
    """The attribution line of the Amap-derived boundaries, with their licence."""
    index = next(i for i, a in enumerate(ATTRIBUTION_LINES) if "Amap" in a.source)
    line = attribution_lines(language)[index]
    if language == "zh":
        return f"{line.name}：{line.source}。{line.licence}"
    return f"{line.name}: {line.source}. {line.licence}"


def scale_words(denominator: float | None, paper: str, language: str = "en") -> str:
    """'Scale 1:38,500 on A4' / '比例尺 1:38,500（A4 纸）'."""
    scale = format_scale(denominator) if denominator else "1:888,888"
    if language == "zh":
        return f"比例尺 {scale}（{paper} 纸）"
    return f"Scale {scale} on {paper}"


def page_date(date: dt.date, language: str = "en") -> str:
    return f"{date.year}年{date.month}月{date.day}日" if language == "zh" else date.isoformat()


def format_scale(denominator: float) -> str:
    """1:38,500, rounded to three significant figures."""
    digits = max(0, len(str(int(denominator))) - 3)
    rounded = int(round(denominator, -digits))
    return f"1:{rounded:,}"


def map_viewport(extent: tuple[float, float, float, float], size: tuple[int, int]) -> Viewport:
    """The display-CRS extent whole and centred in a frame of size (logical pixels)."""
    return Viewport.fit(extent, size[0], size[1], margin=0.0)


def draw_layout(
    painter: QPainter,
    page: Page,
    layers: Sequence[Layer],
    extent: tuple[float, float, float, float],
    *,
    title: str,
    date: dt.date,
    renderer: Renderer | None = None,
) -> LayoutResult:
    """Draw the page; extent is the display-CRS area the map frame must show."""
    u = page.unit
    margin = MARGIN_SHARE * min(page.width, page.height)
    content = QRectF(margin, margin, page.width - 2 * margin, page.height - 2 * margin)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)

    title_bottom = _draw_title(painter, content, title, page_date(date, page.language), u)
    footer_top = _draw_footer(painter, content, page, u, scale_text=None, measure_only=True)
    body = QRectF(
        content.left(),
        title_bottom + 10 * u,
        content.width(),
        footer_top - 10 * u - (title_bottom + 10 * u),
    )

    legend = Legend(
        legend_items(layers, page.language), page.pt, page.text_scale, language=page.language
    )
    gap = 12 * u
    if body.width() >= 1.15 * body.height():  # legend beside the map
        width = min(max(legend.natural_width(), 0.17 * body.width()), 0.28 * body.width())
        plan = legend.plan(width, body.height(), max_columns=1)
        legend_rect = QRectF(body.right() - width, body.top(), width, body.height())
        map_rect = QRectF(body.left(), body.top(), body.width() - width - gap, body.height())
    else:  # legend below the map, in columns
        plan = legend.plan(body.width(), 0.34 * body.height(), max_columns=4)
        legend_rect = QRectF(body.left(), body.bottom() - plan.height, body.width(), plan.height)
        map_rect = QRectF(body.left(), body.top(), body.width(), body.height() - plan.height - gap)
    map_rect = QRectF(
        round(map_rect.left()),
        round(map_rect.top()),
        round(map_rect.width()),
        round(map_rect.height()),
    )

    viewport = _draw_map(painter, page, layers, extent, map_rect, renderer)
    legend.draw(painter, legend_rect, plan)
    scale = viewport.scale_denominator(page.dpi) if page.paper else None
    scale_text = scale_words(scale, page.paper, page.language) if scale and page.paper else None
    _draw_footer(painter, content, page, u, scale_text=scale_text, measure_only=False)
    return LayoutResult(map_rect, legend_rect, plan, viewport, scale)


def _draw_title(painter: QPainter, content: QRectF, title: str, date_text: str, u: float) -> float:
    """Title left, date right, a rule under both; returns the rule's y."""
    date_font = label_font(DATE_PT * u)
    date_metrics = QFontMetricsF(date_font)
    date_width = date_metrics.horizontalAdvance(date_text)
    room = content.width() - date_width - 16 * u
    size = TITLE_PT
    font = label_font(size * u, bold=True)
    while QFontMetricsF(font).horizontalAdvance(title) > room and size > 0.7 * TITLE_PT:
        size -= 1.0
        font = label_font(size * u, bold=True)
    metrics = QFontMetricsF(font)
    text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)
    baseline = content.top() + metrics.ascent()
    painter.save()
    painter.setPen(INK)
    painter.setFont(font)
    painter.drawText(QPointF(content.left(), baseline), text)
    painter.setFont(date_font)
    painter.setPen(MUTED)
    painter.drawText(QPointF(content.right() - date_width, baseline), date_text)
    rule_y = content.top() + metrics.height() + 4 * u
    painter.setPen(QPen(RULE, 0.6 * u))
    painter.drawLine(QPointF(content.left(), rule_y), QPointF(content.right(), rule_y))
    painter.restore()
    return rule_y


def _footer_parts(page: Page, scale_text: str | None) -> tuple[str, list[str]]:
    attribution = f"{short_attribution(page.language)}\n{amap_restriction(page.language)}"
    right = [scale_text or "", "Web Mercator (EPSG:3857)", f"Yangpu GIS {__version__}"]
    if page.paper is None:
        right = right[1:]
    return attribution, right


def _draw_footer(
    painter: QPainter,
    content: QRectF,
    page: Page,
    u: float,
    *,
    scale_text: str | None,
    measure_only: bool,
) -> float:
    """The attribution (wrapped) left, scale and CRS right; returns the footer's top.

    The right column is measured with a placeholder scale so that measuring before the
    map is drawn gives the same height as drawing after it."""
    font = label_font(FOOTER_PT * u)
    metrics = QFontMetricsF(font)
    attribution, right = _footer_parts(page, scale_text or scale_words(None, "A4", page.language))
    right_width = max(metrics.horizontalAdvance(line) for line in right)
    gap = 18 * u
    left_width = content.width() - right_width - gap
    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    left_box = metrics.boundingRect(QRectF(0, 0, left_width, 1e6), flags, attribution)
    height = max(left_box.height(), metrics.lineSpacing() * len(right))
    top = content.bottom() - height
    if measure_only:
        return top
    _, right = _footer_parts(page, scale_text)
    painter.save()
    painter.setFont(font)
    painter.setPen(MUTED)
    painter.drawText(
        QRectF(content.left(), top, left_width, height + metrics.height()), flags, attribution
    )
    for i, line in enumerate(right):
        painter.drawText(
            QRectF(
                content.right() - right_width,
                top + i * metrics.lineSpacing(),
                right_width,
                metrics.height(),
            ),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            line,
        )
    painter.restore()
    return top


def _draw_map(
    painter: QPainter,
    page: Page,
    layers: Sequence[Layer],
    extent: tuple[float, float, float, float],
    rect: QRectF,
    renderer: Renderer | None,
) -> Viewport:
    """The map in rect with its scale bar and north arrow; the device-pixel viewport drawn."""
    ratio = page.map_pixel_ratio
    logical = (max(1, round(rect.width() / ratio)), max(1, round(rect.height() / ratio)))
    viewport = map_viewport(extent, logical)
    device = device_viewport(viewport, ratio)
    if page.vector_map:
        image = None
    else:
        image = render_map_image(
            list(layers),
            logical,
            viewport=viewport,
            decorations=False,
            device_pixel_ratio=ratio,
            renderer=renderer,
            language=page.language,
        )
        image.setDevicePixelRatio(1.0)
    painter.save()
    if image is not None:
        painter.drawImage(rect, image)
    painter.translate(rect.topLeft())
    painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
    painter.scale(rect.width() / device.width, rect.height() / device.height)
    if image is None:
        from yangpu_gis.render.renderer import BACKGROUND
        from yangpu_gis.render.snapshot import snapshot_layers
        from yangpu_gis.render.vector_map import paint_vector_map

        snapshot = snapshot_layers(list(layers), language=page.language)
        paint_vector_map(
            painter, snapshot, device, ratio, renderer or Renderer(cache_bytes=0), BACKGROUND
        )
    draw_decorations(
        painter, device, device.width, device.height, size=page.unit, language=page.language
    )
    painter.restore()
    painter.save()
    painter.setPen(QPen(FRAME, 0.8 * page.unit))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()
    return device
