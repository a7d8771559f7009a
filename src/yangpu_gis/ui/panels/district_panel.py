"""The district dock: Yangpu's digital-economy and urban-renewal figures, with sources."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from yangpu_gis.model.embedded import EMBEDDED_LAYERS, YANGPU_ADCODE, load_embedded_layer
from yangpu_gis.model.fact_sheet import sheet_fact, source_name
from yangpu_gis.model.facts import Fact, date_text, fact_book, geometry_figures
from yangpu_gis.model.language import CHINESE
from yangpu_gis.model.translatable import QT_TRANSLATE_NOOP
from yangpu_gis.ui.fonts import css_font_families, ui_font
from yangpu_gis.ui.i18n import current_language
from yangpu_gis.ui.panels.fact_sheet import CSS, fact_html
from yangpu_gis.ui.panels.share_chart import Share, ShareChart, parse_share

DIGITAL_ECONOMY = QT_TRANSLATE_NOOP("DistrictPanel", "Digital economy")
URBAN_RENEWAL = QT_TRANSLATE_NOOP("DistrictPanel", "Urban renewal")
RENEWAL_FACT_IDS = {
    "renewal-households-2022",
    "beautiful-homes-area",
    "renewal-plan-area-2023",
    "renewal-plan-households-2023",
    "people-city-visit",
}


def grouped_facts(facts: list[Fact]) -> dict[str, list[Fact]]:
    groups: dict[str, list[Fact]] = {DIGITAL_ECONOMY: [], URBAN_RENEWAL: []}
    for fact in facts:
        groups[URBAN_RENEWAL if fact.id in RENEWAL_FACT_IDS else DIGITAL_ECONOMY].append(fact)
    return groups


def district_feature(adcode: str):
    """(properties, WGS84 geometry) of a district in the embedded map, or None.

    Read row by row from the embedded table: the panel is built with the window, and a
    GeoDataFrame here would import pandas and geopandas before the first frame."""
    spec = next(s for s in EMBEDDED_LAYERS if s.kind == "district")
    layer = load_embedded_layer(spec)
    codes = layer.values(range(layer.feature_count), "adcode")
    row = next((i for i, code in enumerate(codes) if str(code) == adcode), None)
    if row is None:
        return None
    return layer.row(row), layer.geometry(row)


class DistrictPanel(QWidget):
    def __init__(self, adcode: str = YANGPU_ADCODE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(ui_font())
        self.language = language = current_language()
        self.facts = fact_book().district_facts(adcode)
        self.groups = grouped_facts(self.facts)
        feature = district_feature(adcode)
        properties, geometry = feature if feature else ({}, None)
        self.area_fact = next((f for f in geometry_figures(geometry) if f.id == "area"), None)

        content = QWidget()
        column = QVBoxLayout(content)
        self._column = column  # what text() reads, in order
        column.setContentsMargins(10, 10, 10, 10)
        column.setSpacing(6)
        names = [
            str(properties.get("name_en", "Yangpu District")),
            str(properties.get("name_zh", "")),
        ]
        if language == CHINESE:
            names.reverse()
        title = _label(
            f"<span style='font-size:15pt; font-weight:600'>{escape(names[0])}</span>"
            f"&nbsp;&nbsp;<span style='font-size:13pt'>{escape(names[1])}</span>"
        )
        column.addWidget(title)
        self.area_label = _label(self._area_html())
        column.addWidget(self.area_label)

        shares = [f for f in self.groups[DIGITAL_ECONOMY] if parse_share(f.value) is not None]
        listed = [f for f in self.groups[DIGITAL_ECONOMY] if f not in shares]
        column.addWidget(_heading(self.tr(DIGITAL_ECONOMY)))
        self.digital_label = _label(_facts_html(listed, language))
        column.addWidget(self.digital_label)
        self.chart = ShareChart(
            [
                Share(f.label_in(language), share, f.display_value(language))
                for f in shares
                if (share := parse_share(f.value)) is not None
            ]
        )
        if shares:
            dates = [date_text(d, language) for d in sorted({f.date for f in shares if f.date})]
            sources = dict.fromkeys(source_name(f.source, language) for f in shares)
            heading = self.tr("Shares held by digital businesses")
            when = self.tr("{dates} · {sources}").format(
                dates=self.tr(" and ").join(dates), sources=", ".join(sources)
            )
            column.addWidget(
                _label(f"<p class='label'>{escape(heading)}</p><p class='when'>{escape(when)}</p>")
            )
            column.addWidget(self.chart)
        else:
            self.chart.hide()

        column.addWidget(_heading(self.tr(URBAN_RENEWAL)))
        self.renewal_label = _label(_facts_html(self.groups[URBAN_RENEWAL], language))
        column.addWidget(self.renewal_label)

        book = fact_book()
        used = list(dict.fromkeys(f.source for f in self.facts))
        column.addWidget(_heading(self.tr("Sources")))
        self.sources_label = _label(
            "".join(f"<p class='cite'>{escape(book.citation(s, language))}</p>" for s in used)
        )
        column.addWidget(self.sources_label)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _area_html(self) -> str:
        if self.area_fact is None:
            text = self.tr("Area unknown: the district boundary is missing.")
            return f"<p class='meta'>{escape(text)}</p>"
        hectares = float(self.area_fact.value)
        text = self.tr(
            "Area {square_km} km² ({hectares} ha), computed from the district boundary"
        ).format(square_km=f"{hectares / 100:,.2f}", hectares=f"{hectares:,.0f}")
        return f"<p class='meta'>{escape(text)}</p>"

    def text(self) -> str:
        """Everything the panel says, chart included, as plain text in reading order."""
        parts = []
        for i in range(self._column.count()):
            item = self._column.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                document = QTextDocument()
                document.setHtml(widget.text())
                parts.append(document.toPlainText())
            elif isinstance(widget, ShareChart) and not widget.isHidden():
                parts.append(widget.text())
        return "\n".join(parts)


def _facts_html(facts: list[Fact], language: str) -> str:
    return "".join(fact_html(sheet_fact(f, language)) for f in facts)


def _label(html: str) -> QLabel:
    label = QLabel(
        f"<html><head><style>body {{ font-family: {css_font_families()}; }} {CSS}"
        f"</style></head><body>{html}</body></html>"
    )
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def _heading(text: str) -> QLabel:
    return _label(f"<h3>{escape(text)}</h3>")
