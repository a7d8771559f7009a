"""What one feature's sheet says: the one builder behind the facts panel, the popups of
an exported HTML map and `yangpu-gis identify`.

A `FactSheet` is built from a hit (a layer and a row) in a language: the title and the
other-language name, the category and summary, the sourced facts and the figures
measured on the map (each a `SheetFact`, written as a reader sees it: figure with its
unit, date, source), the attributes and how the feature was placed (which fields go
where: `model.field_roles`), and the citations of the sources used. Renderers only lay
it out: `ui/panels/fact_sheet.py` (HTML for the panel, tab-separated text for Copy),
`export/html_facts.py` (the popups' facts, packed per layer) and `Hit.to_dict()`.

The program's own words on a sheet (a review note's field labels, its status, "Review
note {number}") go through `words`: the model's terms (`model.terms`) by default, the
desktop's Qt translations in the panel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from yangpu_gis.model.attribution import short_source_name
from yangpu_gis.model.facts import COMPUTED_SOURCE, Fact, date_text, fact_book, geometry_figures
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.language import CHINESE, ENGLISH
from yangpu_gis.model.layer import Layer, LayerKind
from yangpu_gis.model.note_fields import created_text
from yangpu_gis.model.sheet_layout import sheet_layout
from yangpu_gis.model.terms import category_text, display_title, label_text

# The layer kinds whose features have sourced facts in the fact book (Hit.facts()).
SOURCED_FACT_KINDS = frozenset({LayerKind.SITE, LayerKind.DISTRICT})
# The words a review note's sheet uses, for a translator of `words` to know them.
NOTE_WORDS = ("Status", "Author", "Created", "Category", "Site", "Location")
NOTE_TITLE = "Review note {number}"


@dataclass(frozen=True)
class SheetFact:
    """One fact as the sheet lists it, in the sheet's language."""

    fact: Fact
    label: str
    figure: str  # the value with its unit, as read: "12.5 ha", "2023", "2,300 亿元"
    date: str  # as read: "Aug 2023", "" when the fact has no date
    source_name: str  # the source's short name: "SHINE, 17 Aug 2023"
    note: str | None

    @property
    def computed(self) -> bool:
        return self.fact.source == COMPUTED_SOURCE

    def to_dict(self) -> dict:
        return {
            "id": self.fact.id,
            "label": self.label,
            "figure": self.figure,
            "date": self.date,
            "source": self.fact.source,
            "source_name": self.source_name,
            "note": self.note,
        }


def source_name(source_id: str, language: str = ENGLISH) -> str:
    return short_source_name(source_id, fact_book().sources.get(source_id), language)


def sheet_fact(fact: Fact, language: str = ENGLISH) -> SheetFact:
    return SheetFact(
        fact=fact,
        label=fact.label_in(language),
        figure=fact.display_value(language),
        date=date_text(fact.date, language),
        source_name=source_name(fact.source, language),
        note=fact.note_in(language),
    )


@dataclass
class FactSheet:
    title: str
    layer_title: str
    kind: str = LayerKind.USER
    name_zh: str | None = None  # the name in the other language, under the title
    category: str | None = None
    summary: str | None = None
    facts: list[SheetFact] = field(default_factory=list)
    measured: list[SheetFact] = field(default_factory=list)  # area, perimeter, length
    attributes: list[tuple[str, str]] = field(default_factory=list)
    position: list[tuple[str, str]] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # source id -> citation
    language: str = ENGLISH

    @property
    def is_note(self) -> bool:
        return self.kind == LayerKind.NOTES

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "other_name": self.name_zh,
            "layer_title": self.layer_title,
            "category": self.category,
            "summary": self.summary,
            "facts": [f.to_dict() for f in self.facts],
            "measured": [f.to_dict() for f in self.measured],
            "attributes": [list(row) for row in self.attributes],
            "position": [list(row) for row in self.position],
            "citations": list(self.citations),
            "language": self.language,
        }


def feature_title(hit: Hit, language: str = ENGLISH) -> str:
    """A feature's name in the language: an embedded feature's Chinese name in Chinese."""
    if language == CHINESE and hit.layer.kind != LayerKind.USER:
        name_zh = hit.properties.get("name_zh")
        if name_zh:
            return str(name_zh)
    return hit.name


def layer_facts(layer: Layer) -> list[list[Fact]]:
    """Hit(layer, row).facts() for every row.

    Without sourced facts that is the geometry figures alone, taken straight from the
    geometries: a Hit reads the feature's whole attribute row first, which would
    dominate the export of a large layer.
    """
    if layer.kind in SOURCED_FACT_KINDS:
        return [Hit(layer, row).facts() for row in range(layer.feature_count)]
    return [geometry_figures(geometry) for geometry in layer.geometries]


def fact_sheet(
    hit: Hit,
    language: str = ENGLISH,
    *,
    words: Callable[[str], str] | None = None,
    site_title: Callable[[str], str | None] | None = None,
) -> FactSheet:
    """The sheet of the hit's feature. site_title names a site by its id, for a review
    note written on one. In Chinese an embedded feature is titled by its Chinese name,
    with the English one under it."""
    if words is None:
        words = partial(_term, language=language)
    props = hit.properties
    kind = hit.layer.kind
    if kind == LayerKind.NOTES:
        return _note_sheet(hit, language, words, site_title)
    sheet = FactSheet(
        title=hit.name, layer_title=display_title(hit.layer, language), kind=kind, language=language
    )
    for fact in hit.facts():
        (sheet.measured if fact.source == COMPUTED_SOURCE else sheet.facts).append(
            sheet_fact(fact, language)
        )
    # The places every sheet of this layer has, and the popups too (model.sheet_layout).
    layout = sheet_layout(kind, props, hit.layer.name_field, language)
    name_zh = props.get(layout.name_zh) if layout.name_zh else None
    if name_zh and name_zh != sheet.title:
        if language == CHINESE:
            sheet.title, sheet.name_zh = str(name_zh), sheet.title
        else:
            sheet.name_zh = str(name_zh)
    if kind == LayerKind.SITE:
        sheet.category = _text(category_text(props.get("category"), language), language)
        book = fact_book()
        summary = book.site_summary_zh(str(props.get("id"))) if language == CHINESE else None
        sheet.summary = _text(summary or props.get("summary"), language)
    sheet.position = [
        (label, _text(_position_note(hit, key, language), language))
        for key, label in layout.position
        if props.get(key) not in (None, "")
    ]
    sheet.attributes = [(str(k), _text(props[k], language)) for k in layout.attributes]
    book = fact_book()
    used = list(dict.fromkeys(f.fact.source for f in sheet.facts))
    if sheet.measured:
        used.append(COMPUTED_SOURCE)
    sheet.sources = {s: book.citation(s, language) for s in used}
    sheet.citations = list(sheet.sources.values())
    return sheet


def _position_note(hit: Hit, key: str, language: str):
    """How a feature was placed: a site's note in Chinese (facts.json) when there is one."""
    value = hit.properties.get(key)
    if language == CHINESE and hit.layer.kind == LayerKind.SITE:
        return fact_book().site_position_zh(str(hit.properties.get("id")), key) or value
    return value


def _note_sheet(
    hit: Hit,
    language: str,
    words: Callable[[str], str],
    site_title: Callable[[str], str | None] | None,
) -> FactSheet:
    """A review note: its text, then who wrote it when, its status and where it is."""
    props = hit.properties
    site_id = _text(props.get("site_id"))
    site = (site_title(site_id) if site_title and site_id else None) or site_id
    point = hit.geometry
    status = _text(props.get("status"))
    rows = [
        (words("Status"), words(status) if status else ""),
        (words("Author"), _text(props.get("author"))),
        (words("Created"), created_text(_text(props.get("created")), language=language)),
        (words("Category"), _text(props.get("category"))),
        (words("Site"), site),
        (words("Location"), f"{point.x:.6f}, {point.y:.6f}" if point is not None else ""),
    ]
    return FactSheet(
        title=words(NOTE_TITLE).format(number=_text(props.get("id"))),
        layer_title=display_title(hit.layer, language),
        kind=LayerKind.NOTES,
        category=_text(props.get("category")) or None,
        summary=_text(props.get("text")),
        attributes=[(k, v) for k, v in rows if v],
        language=language,
    )


def _term(text: str, language: str) -> str:
    """The model's own words for a sheet: labels, then the notes' status values."""
    translated = label_text(text, language)
    return translated if translated != text else category_text(text, language)


def _text(value, language: str = ENGLISH) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return label_text("yes" if value else "no", language)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)
