"""Help → About: the version, where the data comes from, its terms, and how far to trust it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from yangpu_gis import __version__
from yangpu_gis.logs import log_path
from yangpu_gis.model.attribution import attribution_lines
from yangpu_gis.model.translatable import QT_TRANSLATE_NOOP
from yangpu_gis.ui.fonts import css_font_families, ui_font
from yangpu_gis.ui.i18n import current_language

APPROXIMATE_NOTE = QT_TRANSLATE_NOOP(
    "AboutDialog",
    "The Huangpu River, the riverside and the site outlines are approximate: they are drawn "
    "from reference points and the district centre line, not surveyed. Areas and lengths "
    "the app computes describe these drawings.",
)


INTRODUCTION = QT_TRANSLATE_NOOP(
    "AboutDialog",
    "A desktop GIS viewer for the urban planners of Yangpu District (杨浦区), Shanghai. "
    "Works offline; all map data is embedded.",
)


def about_html() -> str:
    licence = QCoreApplication.translate("AboutDialog", "Licence:")
    rows = []
    for item in attribution_lines(current_language()):
        rows.append(
            f"<h3>{escape(item.name)}</h3>"
            f"<p class='src'>{escape(item.source)}</p>"
            f"<p><b>{escape(licence)}</b> {escape(item.licence)}</p>"
            f"<p class='caveat'>{escape(item.caveat)}</p>"
        )
    introduction = QCoreApplication.translate("AboutDialog", INTRODUCTION)
    sources = QCoreApplication.translate("AboutDialog", "Data sources")
    note = QCoreApplication.translate("AboutDialog", "Note:")
    approximate = QCoreApplication.translate("AboutDialog", APPROXIMATE_NOTE)
    log_note = QCoreApplication.translate(
        "AboutDialog",
        "Problems the app meets, with the technical details, are written to its log file: {path}",
    ).format(path=log_path())
    return (
        f"<html><head><style>body {{ font-family: {css_font_families()}; }}"
        "h3 { font-size: 10.5pt; margin: 12px 0 2px 0; color: #44546a; }"
        "p { margin: 1px 0; } .caveat { color: #666666; } .note { margin-top: 14px; }"
        "</style></head><body>"
        f"<p>{escape(introduction)}</p>"
        f"<p style='font-size: 12pt; font-weight: 600; margin-top: 12px'>{escape(sources)}</p>"
        + "".join(rows)
        + f"<p class='note'><b>{escape(note)}</b> {escape(approximate)}</p>"
        + f"<p class='note log'>{escape(log_note)}</p></body></html>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Yangpu GIS"))
        self.setFont(ui_font())
        self.resize(560, 620)
        name = self.tr("Yangpu GIS")
        version = self.tr("version {version}").format(version=__version__)
        title = QLabel(
            f"<span style='font-size: 16pt; font-weight: 600'>{escape(name)}</span>"
            f"&nbsp;&nbsp;<span style='color: #666666'>{escape(version)}</span>"
        )
        title.setTextFormat(Qt.TextFormat.RichText)
        self.version_label = title
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.document().setDefaultFont(ui_font())
        self.text.setHtml(about_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        column = QVBoxLayout(self)
        column.addWidget(title)
        column.addWidget(self.text, 1)
        column.addWidget(buttons)
