"""The district dock: Yangpu's digital-economy and urban-renewal figures, with sources."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from yangpu_gis.model.embedded import EMBEDDED_LAYERS, YANGPU_ADCODE, load_embedded_layer
from yangpu_gis.model.facts import Fact, date_text, fact_book, geometry_figures
from yangpu_gis.ui.fonts import css_font_families, ui_font
from yangpu_gis.ui.panels.fact_sheet import CSS, fact_html, source_name
from yangpu_gis.ui.panels.share_chart import Share, ShareChart, parse_share

DIGITAL_ECONOMY = "Digital economy"
URBAN_RENEWAL = "Urban renewal"
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
    """(properties, WGS84 geometry) of a district in the embedded map, or None."""
    spec = next(s for s in EMBEDDED_LAYERS if s.kind == "district")
    data = load_embedded_layer(spec).data
    matches = data[data["adcode"].astype(str) == adcode]
    if matches.empty:
        return None
    row = matches.iloc[0]
    return row.drop(labels=[data.geometry.name]).to_dict(), row[data.geometry.name]


class DistrictPanel(QWidget):
    def __init__(self, adcode: str = YANGPU_ADCODE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(ui_font())
        self.facts = fact_book().district_facts(adcode)
        self.groups = grouped_facts(self.facts)
        feature = district_feature(adcode)
        properties, geometry = feature if feature else ({}, None)
        self.area_fact = next((f for f in geometry_figures(geometry) if f.id == "area"), None)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(10, 10, 10, 10)
        column.setSpacing(6)
        title = _label(
            f"<span style='font-size:15pt; font-weight:600'>"
            f"{escape(str(properties.get('name_en', 'Yangpu District')))}</span>"
            f"&nbsp;&nbsp;<span style='font-size:13pt'>"
            f"{escape(str(properties.get('name_zh', '')))}</span>"
        )
        column.addWidget(title)
        self.area_label = _label(self._area_html())
        column.addWidget(self.area_label)

        shares = [f for f in self.groups[DIGITAL_ECONOMY] if parse_share(f.value) is not None]
        listed = [f for f in self.groups[DIGITAL_ECONOMY] if f not in shares]
        column.addWidget(_heading(DIGITAL_ECONOMY))
        self.digital_label = _label(_facts_html(listed))
        column.addWidget(self.digital_label)
        self.chart = ShareChart(
            [Share(f.label, parse_share(f.value), str(f.value)) for f in shares]
        )
        if shares:
            dates = sorted({date_text(f.date) for f in shares if f.date})
            sources = dict.fromkeys(source_name(f.source) for f in shares)
            column.addWidget(
                _label(
                    "<p class='label'>Shares held by digital businesses</p>"
                    f"<p class='when'>{escape(' and '.join(dates))} · "
                    f"{escape(', '.join(sources))}</p>"
                )
            )
            column.addWidget(self.chart)
        else:
            self.chart.hide()

        column.addWidget(_heading(URBAN_RENEWAL))
        self.renewal_label = _label(_facts_html(self.groups[URBAN_RENEWAL]))
        column.addWidget(self.renewal_label)

        book = fact_book()
        used = list(dict.fromkeys(f.source for f in self.facts))
        column.addWidget(_heading("Sources"))
        self.sources_label = _label(
            "".join(f"<p class='cite'>{escape(book.citation(s))}</p>" for s in used)
        )
        column.addWidget(self.sources_label)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _area_html(self) -> str:
        if self.area_fact is None:
            return "<p class='meta'>Area unknown: the district boundary is missing.</p>"
        hectares = float(self.area_fact.value)
        return (
            f"<p class='meta'>Area {hectares / 100:,.2f} km² ({hectares:,.0f} ha), "
            "computed from the district boundary</p>"
        )

    def text(self) -> str:
        """Everything the panel says, chart included, as plain text in reading order."""
        content = self.findChild(QScrollArea).widget()
        parts = []
        for i in range(content.layout().count()):
            widget = content.layout().itemAt(i).widget()
            if isinstance(widget, QLabel):
                document = QTextDocument()
                document.setHtml(widget.text())
                parts.append(document.toPlainText())
            elif isinstance(widget, ShareChart) and not widget.isHidden():
                parts.append(widget.text())
        return "\n".join(parts)


def _facts_html(facts: list[Fact]) -> str:
    return "".join(fact_html(f) for f in facts)


def _label(html: str) -> QLabel:
    label = QLabel(
        f"<html><head><style>body {{ font-family: {css_font_families()}; }} {CSS}"
        f"</style></head><body>{html}</body></html>"
    )
    label.setWordWrap(True)
    label.setTextFormat(Qt.RichText)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
    return label


def _heading(text: str) -> QLabel:
    return _label(f"<h3>{escape(text)}</h3>")
