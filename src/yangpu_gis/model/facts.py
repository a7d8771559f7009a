"""Site and district facts: each figure with its unit, date and source as separate fields."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from yangpu_gis.model import geodesy
from yangpu_gis.model.language import CHINESE, ENGLISH
from yangpu_gis.model.terms import label_text, unit_text
from yangpu_gis.paths import geodata_dir

COMPUTED_SOURCE = "computed"
COMPUTED_CITATION = {
    ENGLISH: "Computed from the map geometry (WGS84 ellipsoid).",
    CHINESE: "由地图几何计算（WGS84 椭球面）。",
}


def date_text(iso: str | None, language: str = ENGLISH) -> str:
    """An ISO date, month, year or "start/end" interval as '17 Aug 2023', 'Aug 2023',
    '2023'; in Chinese '2023年8月17日', '2023年8月', '2023年'."""
    if not iso:
        return ""
    if "/" in iso:
        start, end = iso.split("/", 1)
        between = "至" if language == CHINESE else " – "
        return f"{date_text(start, language)}{between}{date_text(end, language)}"
    parts = iso.split("-")
    try:
        numbers = [int(p) for p in parts]
        if language == CHINESE and 1 <= len(parts) <= 3:
            return "".join(f"{n}{unit}" for n, unit in zip(numbers, "年月日", strict=False))
        if len(parts) == 3:
            return f"{numbers[2]} {calendar.month_abbr[numbers[1]]} {parts[0]}"
        if len(parts) == 2:
            return f"{calendar.month_abbr[numbers[1]]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


def number_text(value: float | int) -> str:
    """1,234 and 1,234.50: the grouping both languages use."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"


# Units whose value is a calendar year, shown as the bare year.
YEAR_UNITS = frozenset({"award year"})


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    author: str | None
    date: str | None
    citation: str


@dataclass(frozen=True)
class Fact:
    id: str
    label: str
    value: float | int | str
    unit: str | None
    date: str | None  # ISO 8601: a date, a month, a year, or an interval "start/end"
    source: str  # a Source id, or "computed" for figures derived from geometry
    note: str | None = None
    # The same fact in Chinese: the figure, date and source are shared; a worded value
    # has its own wording, and a figure may be counted in a Chinese unit (亿 = 10^8):
    # 230 billion yuan is 2,300 亿元 (scale_zh 10).
    label_zh: str | None = None
    unit_zh: str | None = None
    note_zh: str | None = None
    value_zh: str | None = None
    scale_zh: float | int | None = None

    def label_in(self, language: str = ENGLISH) -> str:
        if language == CHINESE:
            return self.label_zh or label_text(self.label, language)
        return self.label

    def note_in(self, language: str = ENGLISH) -> str | None:
        return (self.note_zh or self.note) if language == CHINESE else self.note

    def display_value(self, language: str = ENGLISH) -> str:
        value = self.value
        chinese = language == CHINESE
        if self.unit in YEAR_UNITS and _is_number(value):
            # a year: no thousands separator, and no unit (年 in Chinese)
            return f"{int(value)}年" if chinese else str(int(value))
        if isinstance(value, str) or not _is_number(value):
            return str(self.value_zh or value) if chinese else str(value)
        unit = self.unit
        if chinese:
            value = value * self.scale_zh if self.scale_zh else value
            unit = self.unit_zh or unit_text(unit, language)
        text = number_text(value)
        if not unit:
            return text
        return f"{text}{unit}" if chinese and unit == "%" else f"{text} {unit}"

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None or k in ("unit", "date")}


FACT_FIELDS = {"id", "label", "value", "unit", "date", "source", "note"}
CHINESE_FIELDS = {"label_zh", "unit_zh", "note_zh", "value_zh", "scale_zh"}
# Unit and date are always written out, null when there is none, so none is forgotten.
FACT_REQUIRED_KEYS = ("unit", "date")
SOURCE_FIELDS = {"title", "publisher", "author", "date", "citation"}
_ISO_DATE = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
ISO_DATE = re.compile(rf"^{_ISO_DATE}(/{_ISO_DATE})?$")


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _source_problems(sources) -> list[str]:
    if not isinstance(sources, dict):
        return ["sources must be an object of source id to source"]
    problems = []
    for sid, source in sources.items():
        if not isinstance(source, dict):
            problems.append(f"source {sid!r}: must be an object")
            continue
        if set(source) - SOURCE_FIELDS:
            problems.append(f"source {sid!r}: unknown fields {sorted(set(source) - SOURCE_FIELDS)}")
        if SOURCE_FIELDS - set(source):
            problems.append(f"source {sid!r}: missing fields {sorted(SOURCE_FIELDS - set(source))}")
        for required in ("title", "publisher", "citation"):
            if source.get(required) in (None, ""):
                problems.append(f"source {sid!r}: empty {required}")
    return problems


def validate(doc: dict) -> list[str]:
    """Problems with a facts document; empty when it is sound."""
    if not isinstance(doc, dict):
        return ["a facts document must be a JSON object"]
    sources = doc.get("sources", {})
    problems = _source_problems(sources)
    summaries = doc.get("site_summaries_zh", {})
    if not isinstance(summaries, dict) or not all(
        isinstance(v, str) and v for v in summaries.values()
    ):
        problems.append("site_summaries_zh must be an object of site id to Chinese text")
    positions = doc.get("site_positions_zh", {})
    if not isinstance(positions, dict) or not all(
        isinstance(v, dict) and all(isinstance(s, str) and s for s in v.values())
        for v in positions.values()
    ):
        problems.append("site_positions_zh must be an object of site id to {field: Chinese text}")
    if not isinstance(sources, dict):
        sources = {}
    groups = []
    for kind, key in (("district", "district"), ("site", "sites")):
        owners = doc.get(key, {})
        if not isinstance(owners, dict):
            problems.append(f"{key} must be an object of owner to list of facts")
            continue
        groups += [(kind, k, v) for k, v in owners.items()]
    for kind, owner, facts in groups:
        if not isinstance(facts, list):
            problems.append(f"{kind} {owner}: facts must be a list")
            continue
        seen = set()
        for fact in facts:
            if not isinstance(fact, dict):
                problems.append(f"{kind} {owner}: a fact must be an object, got {fact!r}")
                continue
            where = f"{kind} {owner} fact {fact.get('id')!r}"
            known = FACT_FIELDS | CHINESE_FIELDS
            if set(fact) - known:
                problems.append(f"{where}: unknown fields {sorted(set(fact) - known)}")
            if fact.get("scale_zh") is not None and not _is_number(fact.get("scale_zh")):
                problems.append(f"{where}: scale_zh must be a number")
            for required in ("id", "label", "value", "source"):
                if fact.get(required) in (None, ""):
                    problems.append(f"{where}: missing {required}")
            for key in FACT_REQUIRED_KEYS:
                if key not in fact:
                    problems.append(f"{where}: no {key} field (write null when there is none)")
            if fact.get("source") not in sources:
                problems.append(f"{where}: source {fact.get('source')!r} is not listed")
            if fact.get("unit") and not _is_number(fact.get("value")):
                problems.append(f"{where}: a figure with a unit must be a number")
            date = fact.get("date")
            if date is not None and not (isinstance(date, str) and ISO_DATE.match(date)):
                problems.append(
                    f"{where}: date {date!r} is not ISO 8601 (YYYY, YYYY-MM, "
                    "YYYY-MM-DD or start/end)"
                )
            if fact.get("id") in seen:
                problems.append(f"{where}: duplicate id")
            seen.add(fact.get("id"))
    return problems


class FactBook:
    def __init__(self, doc: dict) -> None:
        problems = validate(doc)
        if problems:
            raise ValueError("facts.json is not valid: " + "; ".join(problems))
        self.sources = {sid: Source(id=sid, **s) for sid, s in doc["sources"].items()}
        self._district = {k: [Fact(**f) for f in v] for k, v in doc.get("district", {}).items()}
        self._sites = {k: [Fact(**f) for f in v] for k, v in doc.get("sites", {}).items()}
        # A site's summary is written in sites.geojson in English; its Chinese is here.
        self._summaries_zh = dict(doc.get("site_summaries_zh", {}))
        # So are its position notes (position_basis, position_confidence).
        self._positions_zh = {k: dict(v) for k, v in doc.get("site_positions_zh", {}).items()}

    def site_summary_zh(self, site_id: str) -> str | None:
        return self._summaries_zh.get(site_id)

    def site_position_zh(self, site_id: str, field: str) -> str | None:
        """A site's position note (position_basis or position_confidence) in Chinese."""
        return self._positions_zh.get(site_id, {}).get(field)

    @classmethod
    def from_file(cls, path: Path) -> FactBook:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def district_facts(self, adcode: str) -> list[Fact]:
        return list(self._district.get(adcode, []))

    def site_facts(self, site_id: str) -> list[Fact]:
        return list(self._sites.get(site_id, []))

    def citation(self, source_id: str, language: str = ENGLISH) -> str:
        """How to cite a source; the sources' own citations stay in their language."""
        if source_id == COMPUTED_SOURCE:
            return COMPUTED_CITATION.get(language, COMPUTED_CITATION[ENGLISH])
        return self.sources[source_id].citation


@cache
def fact_book() -> FactBook:
    return FactBook.from_file(geodata_dir() / "facts.json")


def geometry_figures(geometry) -> list[Fact]:
    """Figures derived from a feature's WGS84 geometry, never typed in."""
    if geometry is None or geometry.is_empty:
        return []
    kind = geometry.geom_type.removeprefix("Multi")
    if kind == "Polygon":
        area, perimeter = geodesy.area_perimeter_m(geometry)
        return [
            Fact("area", "Area", round(area / 10_000, 2), "ha", None, COMPUTED_SOURCE),
            Fact("perimeter", "Perimeter", round(perimeter / 1000, 2), "km", None, COMPUTED_SOURCE),
        ]
    if kind == "LineString":
        return [
            Fact(
                "length",
                "Length",
                round(geodesy.length_m(geometry) / 1000, 2),
                "km",
                None,
                COMPUTED_SOURCE,
            )
        ]
    return []
