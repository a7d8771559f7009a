"""What the facts panel says about one feature, as rows, as HTML and as tab-separated text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from PySide6.QtCore import QCoreApplication

from yangpu_gis.model.attribution import short_source_name
from yangpu_gis.model.facts import COMPUTED_SOURCE, Fact, date_text, fact_book
from yangpu_gis.model.field_roles import attribute_fields, position_fields
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.language import CHINESE, ENGLISH
from yangpu_gis.model.note_fields import created_text
from yangpu_gis.model.terms import category_text, display_title, label_text
from yangpu_gis.ui.panels.notes_section import status_text


@dataclass
class FactSheet:
    title: str
    layer_title: str
    name_zh: str | None = None
    category: str | None = None
    summary: str | None = None
    facts: list[Fact] = field(default_factory=list)
    measured: list[Fact] = field(default_factory=list)
    attributes: list[tuple[str, str]] = field(default_factory=list)
    attributes_heading: str = "Attributes"
    position: list[tuple[str, str]] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    language: str = ENGLISH


def fact_sheet(
    hit: Hit,
    site_title: Callable[[str], str | None] | None = None,
    language: str = ENGLISH,
) -> FactSheet:
    """site_title names a site by its id, for a review note written on one. In Chinese an
    embedded feature is titled by its Chinese name, with the English one under it."""
    props = hit.properties
    kind = hit.layer.kind
    if kind == "notes":
        return note_sheet(hit, site_title, language)
    all_facts = hit.facts()
    sheet = FactSheet(
        title=hit.name,
        layer_title=display_title(hit.layer, language),
        facts=[f for f in all_facts if f.source != COMPUTED_SOURCE],
        measured=[f for f in all_facts if f.source == COMPUTED_SOURCE],
        attributes_heading=QCoreApplication.translate("FactSheet", "Attributes"),
        language=language,
    )
    name_zh = props.get("name_zh")
    if kind != "user" and name_zh and name_zh != sheet.title:
        if language == CHINESE:
            sheet.title, sheet.name_zh = str(name_zh), sheet.title
        else:
            sheet.name_zh = str(name_zh)
    if kind == "site":
        sheet.category = _text(category_text(props.get("category"), language), language)
        summary = fact_book().site_summary_zh(str(props.get("id"))) if language == CHINESE else None
        sheet.summary = _text(summary or props.get("summary"), language)
    # Which fields show, and where: model.field_roles, as in the HTML export's popups.
    sheet.position = [
        (label_text(label, language), _text(_position_note(hit, key, language), language))
        for key, label in position_fields(kind)
        if props.get(key) not in (None, "")
    ]
    sheet.attributes = [(str(k), _text(props[k], language)) for k in attribute_fields(kind, props)]
    book = fact_book()
    used = list(dict.fromkeys(f.source for f in sheet.facts))
    sheet.citations = [book.citation(s, language) for s in used]
    if sheet.measured:
        sheet.citations.append(book.citation(COMPUTED_SOURCE, language))
    return sheet


def _position_note(hit: Hit, key: str, language: str):
    """How a feature was placed: a site's note in Chinese (facts.json) when there is one."""
    value = hit.properties.get(key)
    if language == CHINESE and hit.layer.kind == "site":
        return fact_book().site_position_zh(str(hit.properties.get("id")), key) or value
    return value


def hit_name(hit: Hit, language: str = ENGLISH) -> str:
    """A feature's name in the language: an embedded feature's Chinese name in Chinese."""
    if language == CHINESE and hit.layer.kind != "user":
        name_zh = hit.properties.get("name_zh")
        if name_zh:
            return str(name_zh)
    return hit.name


def note_sheet(
    hit: Hit,
    site_title: Callable[[str], str | None] | None = None,
    language: str = ENGLISH,
) -> FactSheet:
    """A review note: its text, then who wrote it when, its status and where it is."""
    props = hit.properties
    site_id = _text(props.get("site_id"))
    site = (site_title(site_id) if site_title and site_id else None) or site_id
    point = hit.geometry
    rows = [
        (QCoreApplication.translate("FactSheet", "Status"), status_text(props.get("status"))),
        (QCoreApplication.translate("FactSheet", "Author"), _text(props.get("author"))),
        (
            QCoreApplication.translate("FactSheet", "Created"),
            created_text(_text(props.get("created")), language=language),
        ),
        (QCoreApplication.translate("FactSheet", "Category"), _text(props.get("category"))),
        (QCoreApplication.translate("FactSheet", "Site"), site),
        (
            QCoreApplication.translate("FactSheet", "Location"),
            f"{point.x:.6f}, {point.y:.6f}" if point is not None else "",
        ),
    ]
    return FactSheet(
        title=QCoreApplication.translate("FactSheet", "Review note {number}").format(
            number=_text(props.get("id"))
        ),
        layer_title=display_title(hit.layer, language),
        category=_text(props.get("category")) or None,
        summary=_text(props.get("text")),
        attributes=[(k, v) for k, v in rows if v],
        attributes_heading=QCoreApplication.translate("FactSheet", "Note"),
        language=language,
    )


def _text(value, language: str = ENGLISH) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return label_text("yes" if value else "no", language)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def source_name(source_id: str, language: str = ENGLISH) -> str:
    return short_source_name(source_id, fact_book().sources.get(source_id), language)


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
    rows += [
        (
            f.label_in(lang),
            f.display_value(lang),
            date_text(f.date, lang),
            source_name(f.source, lang),
        )
        for f in sheet.facts + sheet.measured
    ]
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
        out.append(f"<h3>{escape(sheet.attributes_heading)}</h3>" + _key_values(sheet.attributes))
    lang = sheet.language
    if sheet.facts:
        out.append(_heading(QCoreApplication.translate("FactSheet", "Facts")))
        out += [fact_html(f, lang) for f in sheet.facts]
    if sheet.measured:
        out.append(_heading(QCoreApplication.translate("FactSheet", "Measured on the map")))
        out.append(_key_values([(f.label_in(lang), f.display_value(lang)) for f in sheet.measured]))
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


def fact_html(fact: Fact, language: str = ENGLISH) -> str:
    """One fact as label, figure, then date and source; styled by the sheet's CSS."""
    when = " · ".join(
        x for x in (date_text(fact.date, language), source_name(fact.source, language)) if x
    )
    parts = [
        f"<p class='label'>{escape(fact.label_in(language))}</p>",
        f"<p class='value'>{escape(fact.display_value(language))}</p>",
        f"<p class='when'>{escape(when)}</p>",
    ]
    note = fact.note_in(language)
    if note:
        parts.append(f"<p class='note'>{escape(note)}</p>")
    return "".join(parts)


def _key_values(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td class='key'>{escape(k)}</td><td class='val'>{escape(v)}</td></tr>"
        for k, v in rows
    )
    return f"<table cellspacing='0'>{cells}</table>"
