"""The legend of a printed map: what each visible layer, and each category of one, looks like.

Items come from the layers' styles (as the layers panel shows them, topmost first), plus
an "other values" row when some features fall back to the layer's own fill, so every
colour on the map is explained. A legend is laid out in one or more columns inside a
rectangle, its text shrunk a little or its tail cut ("… N more") when it does not fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from yangpu_gis.model.categories import category_codes
from yangpu_gis.model.classify import classify
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.style import Style
from yangpu_gis.model.terms import category_text, display_title, field_text
from yangpu_gis.render.fonts import label_font
from yangpu_gis.render.pens import colour

LAYER, FIELD, CATEGORY, MORE = "layer", "field", "category", "more"
OTHER_VALUES = "other values"
NO_VALUE = "(no value)"
# The legend's own words in Chinese (the layers' titles and categories: model.terms).
WORDS_ZH = {
    OTHER_VALUES: "其他值",
    NO_VALUE: "（无值）",
    "Legend": "图例",
    "no visible layers": "无可见图层",
}

INK = QColor("#222222")
MUTED = QColor("#666666")

# Sizes in points at text scale 1.
HEADER_PT = 10.5
TEXT_PT = {LAYER: 9.0, FIELD: 7.5, CATEGORY: 8.5, MORE: 8.0}
SWATCH_W, SWATCH_H = 16.0, 10.5
SWATCH_GAP = 6.0
INDENT = 10.0
ROW_GAP = 3.2
COLUMN_GAP = 14.0
HEADER_GAP = 5.0
SHRINK_STEPS = (1.0, 0.92, 0.85, 0.78, 0.7)


@dataclass(frozen=True)
class LegendItem:
    kind: str  # LAYER, FIELD (a categorised layer's field name), CATEGORY or MORE
    text: str
    style: Style | None = None
    geometry_type: str = "Polygon"
    fill: str | None = None  # a category's colour; None: the style's own
    opacity: float = 1.0
    swatch: bool = True

    @property
    def indented(self) -> bool:
        return self.kind in (FIELD, CATEGORY)


def _present_values(layer: Layer, field_name: str) -> set[str]:
    """The category keys the layer's features have ("" for a missing value), as fill_for sees them."""
    _, keys = category_codes(layer.column(field_name))
    return {"" if key is None else key for key in keys}


def layer_items(layer: Layer, language: str = "en") -> list[LegendItem]:
    """The legend rows of one layer: a row with its swatch, or a title row, the field and
    one row per category, then "other values" if some features use the fallback fill."""
    title = display_title(layer, language)
    style = layer.style
    shape = layer.geometry_type if layer.geometry_type in ("Point", "LineString") else "Polygon"
    field_name = style.colour_field
    if field_name is None or field_name not in layer.column_names:
        return [LegendItem(LAYER, title, style, shape, style.fill, layer.opacity)]
    items = [
        LegendItem(LAYER, title, style, shape, opacity=layer.opacity, swatch=False),
        LegendItem(FIELD, field_text(layer, field_name, language), swatch=False),
    ]
    if style.graduated is not None:
        classes = style.graduated
        for text, fill in zip(classes.labels(), classes.colours, strict=True):
            items.append(LegendItem(CATEGORY, text, style, shape, fill, layer.opacity))
        if layer.feature_count and (classify(layer.column(field_name), classes.edges) < 0).any():
            no_value = _word(NO_VALUE, language)
            items.append(LegendItem(CATEGORY, no_value, style, shape, style.fill, layer.opacity))
        return items
    listed = set()
    for value, fill in style.categories:
        listed.add(value)
        text = category_text(value, language) if value else _word(NO_VALUE, language)
        items.append(LegendItem(CATEGORY, text, style, shape, fill, layer.opacity))
    if layer.feature_count and _present_values(layer, field_name) - listed:
        other = _word(OTHER_VALUES, language)
        items.append(LegendItem(CATEGORY, other, style, shape, style.fill, layer.opacity))
    return items


def legend_items(layers: Sequence[Layer], language: str = "en") -> list[LegendItem]:
    """Every visible layer's rows, topmost layer first, as the layers panel lists them."""
    items: list[LegendItem] = []
    for layer in reversed(list(layers)):
        if layer.visible and layer.kind != "basemap":  # credited on the map, no swatch
            items += layer_items(layer, language)
    return items


def _word(text: str, language: str) -> str:
    return WORDS_ZH.get(text, text) if language == "zh" else text


# --- drawing --------------------------------------------------------------------------------


def draw_swatch(painter: QPainter, item: LegendItem, box: QRectF, pt: float) -> None:
    """The item's look in box: a filled outlined shape, a line, or a round marker."""
    style = item.style
    if style is None:
        return
    fill = item.fill if item.fill is not None else style.fill
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setOpacity(item.opacity)
    # Legible on paper whatever the map uses: strokes between 0.6 and 2.5 points.
    width = max(0.6, min(2.5, style.stroke_width)) * pt
    pen = QPen(Qt.PenStyle.NoPen)
    if style.stroke is not None and style.stroke_width > 0:
        pen = QPen(colour(style.stroke), width)
        pen.setStyle(Qt.PenStyle.DashLine if style.dashed else Qt.PenStyle.SolidLine)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if item.geometry_type == "LineString":
        line = QPen(
            colour(item.fill or style.stroke or fill), max(1.2, min(3.5, style.stroke_width)) * pt
        )
        line.setStyle(Qt.PenStyle.DashLine if style.dashed else Qt.PenStyle.SolidLine)
        line.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(line)
        mid = box.center().y()
        painter.drawLine(QPointF(box.left(), mid), QPointF(box.right(), mid))
    elif item.geometry_type == "Point":
        d = min(box.width(), box.height(), max(style.point_size, 4.0) * pt)
        painter.setPen(pen)
        painter.setBrush(colour(fill))
        painter.drawEllipse(QRectF(box.center().x() - d / 2, box.center().y() - d / 2, d, d))
    else:
        painter.setPen(pen)
        painter.setBrush(
            colour(fill, style.fill_opacity) if style.fill_opacity > 0 else Qt.BrushStyle.NoBrush
        )
        inset = width / 2
        painter.drawRoundedRect(box.adjusted(inset, inset, -inset, -inset), 1.5 * pt, 1.5 * pt)
    painter.restore()


@dataclass(frozen=True)
class LegendPlan:
    """Where each row goes: rows per column, the fonts' shrink factor, the size it takes."""

    columns: tuple[tuple[LegendItem, ...], ...]
    shrink: float
    column_width: float
    height: float  # device pixels, header included

    @property
    def shown(self) -> int:
        return sum(1 for column in self.columns for item in column if item.kind != MORE)


class Legend:
    """Measures and draws legend items on a device with pt device pixels per point."""

    def __init__(
        self,
        items: Sequence[LegendItem],
        pt: float,
        text_scale: float = 1.0,
        title: str = "Legend",
        language: str = "en",
    ) -> None:
        self.items = list(items) or [
            LegendItem(MORE, _word("no visible layers", language), swatch=False)
        ]
        self.pt = pt
        self.text_scale = text_scale
        self.title = _word(title, language)

    # --- measuring ----------------------------------------------------------------------

    def font(self, kind: str, shrink: float = 1.0) -> QFont:
        size = (HEADER_PT if kind == "header" else TEXT_PT[kind]) * self.text_scale * shrink
        return label_font(
            size * self.pt, bold=kind in ("header", LAYER), italic=kind in (FIELD, MORE)
        )

    def _unit(self, shrink: float) -> float:
        return self.pt * self.text_scale * shrink

    def row_height(self, item: LegendItem, shrink: float) -> float:
        metrics = QFontMetricsF(self.font(item.kind, shrink))
        swatch = SWATCH_H * self._unit(shrink) if item.swatch else 0.0
        return max(metrics.height(), swatch) + ROW_GAP * self._unit(shrink)

    def text_left(self, item: LegendItem, shrink: float) -> float:
        u = self._unit(shrink)
        left = INDENT * u if item.indented else 0.0
        if item.swatch or item.kind == CATEGORY:
            left += (SWATCH_W + SWATCH_GAP) * u
        return left

    def row_width(self, item: LegendItem, shrink: float) -> float:
        text = QFontMetricsF(self.font(item.kind, shrink)).horizontalAdvance(item.text)
        return self.text_left(item, shrink) + text

    def header_height(self, shrink: float) -> float:
        return QFontMetricsF(self.font("header", shrink)).height() + HEADER_GAP * self._unit(shrink)

    def natural_width(self, shrink: float = 1.0) -> float:
        """The widest row, or the header, in device pixels."""
        header = QFontMetricsF(self.font("header", shrink)).horizontalAdvance(self.title)
        return max([header] + [self.row_width(item, shrink) for item in self.items])

    # --- fitting ------------------------------------------------------------------------

    def plan(self, width: float, height: float, max_columns: int = 1) -> LegendPlan:
        """The largest text (down to 70%) whose rows fit width x height in at most
        max_columns columns; at the smallest size, the rows that fit and a "… N more" row."""
        for shrink in SHRINK_STEPS:
            plan = self._plan_at(shrink, width, height, max_columns)
            if plan is not None:
                return plan
        return self._cut_plan(SHRINK_STEPS[-1], width, height, max_columns)

    def _column_count(self, shrink: float, width: float, max_columns: int) -> tuple[int, float]:
        natural = self.natural_width(shrink)
        gap = COLUMN_GAP * self._unit(shrink)
        count = max(1, min(max_columns, int((width + gap) // (natural + gap)), len(self.items)))
        column_width = min(natural, (width - gap * (count - 1)) / count)
        return count, column_width

    def _plan_at(
        self, shrink: float, width: float, height: float, max_columns: int
    ) -> LegendPlan | None:
        count, column_width = self._column_count(shrink, width, max_columns)
        heights = [self.row_height(item, shrink) for item in self.items]
        body = height - self.header_height(shrink)
        columns = _balanced_columns(self.items, heights, count, body)
        if columns is None:
            return None
        used = max((sum(heights[i] for i in column) for column in columns), default=0.0)
        return LegendPlan(
            tuple(tuple(self.items[i] for i in column) for column in columns),
            shrink,
            column_width,
            self.header_height(shrink) + used,
        )

    def _cut_plan(self, shrink: float, width: float, height: float, max_columns: int) -> LegendPlan:
        count, column_width = self._column_count(shrink, width, max_columns)
        body = max(0.0, height - self.header_height(shrink))
        more_height = self.row_height(LegendItem(MORE, "…"), shrink)
        heights = [self.row_height(item, shrink) for item in self.items]
        columns: list[list[LegendItem]] = [[]]
        used = 0.0
        shown = 0
        for item, h in zip(self.items, heights, strict=True):
            last_column = len(columns) == count
            room = body - (more_height if last_column else 0.0)
            if used + h > room:
                if last_column:
                    break
                columns.append([])
                used = 0.0
                if used + h > body - (more_height if len(columns) == count else 0.0):
                    break
            columns[-1].append(item)
            used += h
            shown += 1
        hidden = len(self.items) - shown
        if hidden:
            layers = sum(1 for item in self.items[shown:] if item.kind == LAYER)
            what = (
                f"{layers} more layer{'s' if layers != 1 else ''}" if layers else f"{hidden} more"
            )
            columns[-1].append(LegendItem(MORE, f"… and {what}", swatch=False))
        return LegendPlan(tuple(tuple(c) for c in columns), shrink, column_width, height)

    # --- drawing ------------------------------------------------------------------------

    def draw(self, painter: QPainter, rect: QRectF, plan: LegendPlan) -> None:
        u = self._unit(plan.shrink)
        header_font = self.font("header", plan.shrink)
        painter.save()
        painter.setPen(INK)
        painter.setFont(header_font)
        header_metrics = QFontMetricsF(header_font)
        painter.drawText(QPointF(rect.left(), rect.top() + header_metrics.ascent()), self.title)
        top = rect.top() + self.header_height(plan.shrink)
        gap = COLUMN_GAP * u
        for index, column in enumerate(plan.columns):
            left = rect.left() + index * (plan.column_width + gap)
            y = top
            for item in column:
                h = self.row_height(item, plan.shrink)
                self._draw_row(
                    painter, item, left, y, plan.column_width, h - ROW_GAP * u, plan.shrink
                )
                y += h
        painter.restore()

    def _draw_row(
        self,
        painter: QPainter,
        item: LegendItem,
        left: float,
        top: float,
        width: float,
        height: float,
        shrink: float,
    ) -> None:
        u = self._unit(shrink)
        if item.swatch:
            x = left + (INDENT * u if item.indented else 0.0)
            box = QRectF(x, top + (height - SWATCH_H * u) / 2, SWATCH_W * u, SWATCH_H * u)
            draw_swatch(painter, item, box, self.pt)
        font = self.font(item.kind, shrink)
        metrics = QFontMetricsF(font)
        text_left = left + self.text_left(item, shrink)
        text = metrics.elidedText(
            item.text, Qt.TextElideMode.ElideRight, max(0.0, left + width - text_left)
        )
        painter.setFont(font)
        painter.setPen(MUTED if item.kind in (FIELD, MORE) else INK)
        baseline = top + (height - metrics.height()) / 2 + metrics.ascent()
        painter.drawText(QPointF(text_left, baseline), text)


def _balanced_columns(
    items: Sequence[LegendItem], heights: Sequence[float], count: int, body: float
) -> list[list[int]] | None:
    """Rows (as indexes) split into at most count columns no taller than body, as evenly
    as they go; a layer's title and field row never end a column. None if they cannot."""
    if not items:
        return [[]]
    if max(heights) > body:
        return None
    total = sum(heights)
    target = max(max(heights), total / count)
    step = max(min(heights) / 4, 1e-6)
    while target <= body + 1e-6:
        columns = _fill(items, heights, target)
        if columns is not None and len(columns) <= count:
            return columns
        target += step
    return None


def _fill(items, heights, limit: float) -> list[list[int]] | None:
    columns: list[list[int]] = [[]]
    used = 0.0
    for i, h in enumerate(heights):
        if used + h > limit + 1e-6 and columns[-1]:
            start = len(columns[-1])
            # Carry a layer title or field row over with the row it introduces.
            while start > 0 and _introduces(items[columns[-1][start - 1]]):
                start -= 1
            if start == 0:
                start = len(columns[-1])  # a block taller than a column: split it anyway
            carried = columns[-1][start:]
            columns[-1] = columns[-1][:start]
            columns.append(carried)
            used = sum(heights[j] for j in carried)
        columns[-1].append(i)
        used += h
        if used > limit + 1e-6 and len(columns[-1]) > 1:
            return None
    return columns


def _introduces(item: LegendItem) -> bool:
    """A categorised layer's title or field row: it belongs with the rows after it."""
    return item.kind == FIELD or (item.kind == LAYER and not item.swatch)
