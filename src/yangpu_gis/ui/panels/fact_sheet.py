"""The facts panel's rendering of a feature's sheet (model.fact_sheet): HTML for the
panel, tab-separated text for Copy."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from yangpu_gis.model.fact_sheet import NOTE_TITLE, NOTE_WORDS, FactSheet, SheetFact
from yangpu_gis.model.language import CHINESE
from yangpu_gis.model.note_fields import STATUSES
from yangpu_gis.ui.panels.notes_section import status_text

# The sheet's own words (model.fact_sheet.NOTE_WORDS, NOTE_TITLE), for lupdate to see.
_SHEET_WORDS = (
    QT_TRANSLATE_NOOP("FactSheet", "Status"),
    QT_TRANSLATE_NOOP("FactSheet", "Author"),
    QT_TRANSLATE_NOOP("FactSheet", "Created"),
    QT_TRANSLATE_NOOP("FactSheet", "Category"),
    QT_TRANSLATE_NOOP("FactSheet", "Site"),
    QT_TRANSLATE_NOOP("FactSheet", "Location"),
    QT_TRANSLATE_NOOP("FactSheet", "Review note {number}"),
)
assert set(_SHEET_WORDS) == {*NOTE_WORDS, NOTE_TITLE}


def sheet_words(text: str) -> str:
    """The words model.fact_sheet asks for, in the interface's language."""
    if text in STATUSES:
        return status_text(text)
    return QCoreApplication.translate("FactSheet", text)


# --- rendering --------------------------------------------------------------------------


def to_tsv(sheet: FactSheet) -> str:
    """The sheet as tab-separated lines, ready to paste into a spreadsheet."""
    lang = sheet.language
    header = (
        QCoreApplication.translate("FactSheet", "Field"),
        QCoreApplication.translate("FactSheet", "Value"),
        QCoreApplication.translate("FactSheet", "Date"),
        QCoreApplication.translate("FactSheet", "Source"),
    )
    rows: list[tuple[str, ...]] = [
        header,
        (QCoreApplication.translate("FactSheet", "Name"), sheet.title, "", ""),
    ]
    if sheet.name_zh:
        other = (
            QCoreApplication.translate("FactSheet", "English name")
            if lang == CHINESE
            else QCoreApplication.translate("FactSheet", "Chinese name")
        )
        rows.append((other, sheet.name_zh, "", ""))
    rows.append((QCoreApplication.translate("FactSheet", "Layer"), sheet.layer_title, "", ""))
    if sheet.category:
        rows.append((QCoreApplication.translate("FactSheet", "Category"), sheet.category, "", ""))
    if sheet.summary:
        rows.append((QCoreApplication.translate("FactSheet", "Summary"), sheet.summary, "", ""))
    rows += [(k, v, "", "") for k, v in sheet.attributes]
    rows += [(f.label, f.figure, f.date, f.source_name) for f in sheet.facts + sheet.measured]
    rows += [(k, v, "", "") for k, v in sheet.position]
    rows += [
        (QCoreApplication.translate("FactSheet", "Citation"), c, "", "") for c in sheet.citations
    ]
    clean = (tuple(cell.replace("\t", " ").replace("\n", " ") for cell in row) for row in rows)
    return "\n".join("\t".join(row) for row in clean) + "\n"


CSS = """
h2 { font-size: 15pt; font-weight: 600; margin: 0; }
.zh { font-size: 14pt; margin: 2px 0 0 0; }
.meta { color: #6b6b6b; margin: 4px 0 0 0; }
.summary { margin: 8px 0 0 0; }
h3 { font-size: 10pt; font-weight: 600; color: #44546a; margin: 14px 0 4px 0; }
.label { color: #555555; margin: 6px 0 0 0; }
.value { font-weight: bold; margin: 0; }
.when { color: #7a7a7a; font-size: 8.5pt; margin: 0; }
.note { color: #7a7a7a; font-size: 8.5pt; font-style: italic; margin: 0; }
td.key { color: #555555; padding: 2px 10px 2px 0; }
td.val { padding: 2px 0; }
.cite { color: #555555; font-size: 8.5pt; margin: 2px 0; }
"""


def to_html(sheet: FactSheet, font_families: str) -> str:
    out = [
        f"<html><head><style>body {{ font-family: {font_families}; }} {CSS}</style></head><body>",
        f"<h2>{escape(sheet.title)}</h2>",
    ]
    if sheet.name_zh:
        out.append(f"<p class='zh'>{escape(sheet.name_zh)}</p>")
    meta = " · ".join(escape(x) for x in (sheet.category, sheet.layer_title) if x)
    out.append(f"<p class='meta'>{meta}</p>")
    if sheet.summary:
        out.append(f"<p class='summary'>{escape(sheet.summary).replace(chr(10), '<br>')}</p>")
    if sheet.attributes:
        heading = (
            QCoreApplication.translate("FactSheet", "Note")
            if sheet.is_note
            else QCoreApplication.translate("FactSheet", "Attributes")
        )
        out.append(_heading(heading) + _key_values(sheet.attributes))
    if sheet.facts:
        out.append(_heading(QCoreApplication.translate("FactSheet", "Facts")))
        out += [fact_html(f) for f in sheet.facts]
    if sheet.measured:
        out.append(_heading(QCoreApplication.translate("FactSheet", "Measured on the map")))
        out.append(_key_values([(f.label, f.figure) for f in sheet.measured]))
    if sheet.position:
        out.append(
            _heading(QCoreApplication.translate("FactSheet", "Position"))
            + _key_values(sheet.position)
        )
    if sheet.citations:
        out.append(_heading(QCoreApplication.translate("FactSheet", "Sources")))
        out += [f"<p class='cite'>{i}. {escape(c)}</p>" for i, c in enumerate(sheet.citations, 1)]
    out.append("</body></html>")
    return "\n".join(out)


def _heading(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def fact_html(fact: SheetFact) -> str:
    """One fact as label, figure, then date and source; styled by the sheet's CSS."""
    when = " · ".join(x for x in (fact.date, fact.source_name) if x)
    parts = [
        f"<p class='label'>{escape(fact.label)}</p>",
        f"<p class='value'>{escape(fact.figure)}</p>",
        f"<p class='when'>{escape(when)}</p>",
    ]
    if fact.note:
        parts.append(f"<p class='note'>{escape(fact.note)}</p>")
    return "".join(parts)


def _key_values(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td class='key'>{escape(k)}</td><td class='val'>{escape(v)}</td></tr>"
        for k, v in rows
    )
    return f"<table cellspacing='0'>{cells}</table>"
