"""Help → About: the version, where the data comes from, its terms, and how far to trust it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from yangpu_gis import __version__
from yangpu_gis.model.attribution import ATTRIBUTION_LINES
from yangpu_gis.ui.fonts import css_font_families, ui_font

APPROXIMATE_NOTE = (
    "The Huangpu River, the riverside and the site outlines are approximate: they are drawn "
    "from reference points and the district centre line, not surveyed. Areas and lengths "
    "the app computes describe these drawings."
)


def about_html() -> str:
    rows = []
    for item in ATTRIBUTION_LINES:
        rows.append(
            f"<h3>{escape(item.name)}</h3>"
            f"<p class='src'>{escape(item.source)}</p>"
            f"<p><b>Licence:</b> {escape(item.licence)}</p>"
            f"<p class='caveat'>{escape(item.caveat)}</p>"
        )
    return (
        f"<html><head><style>body {{ font-family: {css_font_families()}; }}"
        "h3 { font-size: 10.5pt; margin: 12px 0 2px 0; color: #44546a; }"
        "p { margin: 1px 0; } .caveat { color: #666666; } .note { margin-top: 14px; }"
        "</style></head><body>"
        "<p>A desktop GIS viewer for the urban planners of Yangpu District (杨浦区), "
        "Shanghai. Works offline; all map data is embedded.</p>"
        "<p style='font-size: 12pt; font-weight: 600; margin-top: 12px'>Data sources</p>"
        + "".join(rows)
        + f"<p class='note'><b>Note:</b> {escape(APPROXIMATE_NOTE)}</p></body></html>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Yangpu GIS")
        self.setFont(ui_font())
        self.resize(560, 620)
        title = QLabel(
            f"<span style='font-size: 16pt; font-weight: 600'>Yangpu GIS</span>"
            f"&nbsp;&nbsp;<span style='color: #666666'>version {escape(__version__)}"
            "</span>"
        )
        title.setTextFormat(Qt.RichText)
        self.version_label = title
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.document().setDefaultFont(ui_font())
        self.text.setHtml(about_html())
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        column = QVBoxLayout(self)
        column.addWidget(title)
        column.addWidget(self.text, 1)
        column.addWidget(buttons)
