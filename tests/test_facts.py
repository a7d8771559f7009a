"""Site and district facts: the shipped facts.json, its validation, and computed figures."""

from __future__ import annotations

import copy
import json

import pyogrio
import pytest
from pyproj import Geod
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

from yangpu_gis.model import facts as facts_mod
from yangpu_gis.model import geodesy
from yangpu_gis.model.facts import (
    COMPUTED_SOURCE,
    Fact,
    FactBook,
    fact_book,
    geometry_figures,
    validate,
)
from yangpu_gis.paths import geodata_dir

GEOD = Geod(ellps="WGS84")
YANGPU = "310110"
SHINE = "shine-2023-08-17"

# (value, unit) of every district figure the SHINE article gives.
DISTRICT_FIGURES = [
    (7000, "businesses"),
    (40, "%"),
    (230, "billion yuan"),
    (31.5, "billion US$"),
    (29000, "households"),
    (620000, "m²"),
    (13400000, "m²"),
    (4458, "households"),
]
FOCUS_INDUSTRIES = {
    "artificial intelligence",
    "life and health",
    "green and low-carbon",
    "technological services",
}


@pytest.fixture
def doc() -> dict:
    return json.loads((geodata_dir() / "facts.json").read_text(encoding="utf-8"))


def a_site_fact(doc: dict) -> dict:
    return doc["sites"]["kic"][0]


# --- validation ------------------------------------------------------------------------------


def test_shipped_facts_are_valid_and_load(doc):
    assert validate(doc) == []
    book = FactBook(doc)
    assert book.district_facts(YANGPU)
    assert fact_book().district_facts(YANGPU) == book.district_facts(YANGPU)


def test_validate_catches_an_unlisted_source(doc):
    a_site_fact(doc)["source"] = "no-such-source"
    problems = validate(doc)
    assert len(problems) == 1
    assert "kic" in problems[0] and "'no-such-source' is not listed" in problems[0]
    with pytest.raises(ValueError, match="not listed"):
        FactBook(doc)


def test_validate_catches_a_missing_source(doc):
    del a_site_fact(doc)["source"]
    problems = validate(doc)
    assert any("missing source" in p for p in problems), problems


def test_validate_catches_a_source_removed_from_the_list(doc):
    del doc["sources"]["places"]
    problems = validate(doc)
    uses = sum(f["source"] == "places" for fs in doc["sites"].values() for f in fs)
    assert uses > 0
    assert len([p for p in problems if "'places' is not listed" in p]) == uses


def test_computed_is_not_a_source_a_fact_file_may_cite(doc):
    # Figures derived from geometry are computed at run time, never typed in.
    a_site_fact(doc)["source"] = COMPUTED_SOURCE
    assert any("not listed" in p for p in validate(doc))


def test_validate_catches_an_unknown_field(doc):
    a_site_fact(doc)["units"] = "ha"
    problems = validate(doc)
    assert len(problems) == 1 and "unknown fields ['units']" in problems[0]


def test_validate_catches_a_duplicate_id(doc):
    facts = doc["district"][YANGPU]
    facts.append(copy.deepcopy(facts[0]))
    problems = validate(doc)
    assert len(problems) == 1 and "duplicate id" in problems[0]
    assert facts[0]["id"] in problems[0]


def test_the_same_id_under_two_owners_is_fine(doc):
    ids = [f["id"] for f in doc["sites"]["kic"]]
    assert "nearest-station" in ids and "nearest-station" in [
        f["id"] for f in doc["sites"]["wujiaochang"]
    ]
    assert validate(doc) == []


@pytest.mark.parametrize("text", ["7000", "7,000", "about 7000", "seven thousand"])
def test_validate_catches_a_figure_with_a_unit_typed_as_text(doc, text):
    figure = next(f for f in doc["district"][YANGPU] if f["unit"] == "businesses")
    figure["value"] = text
    problems = validate(doc)
    assert len(problems) == 1 and "must be a number" in problems[0]


def test_text_without_a_unit_is_fine(doc):
    figure = next(f for f in doc["district"][YANGPU] if f["id"] == "digital-share-fiscal")
    assert figure["unit"] is None and isinstance(figure["value"], str)
    assert validate(doc) == []


@pytest.mark.parametrize("field", ["id", "label", "value"])
def test_validate_catches_a_missing_required_field(doc, field):
    del a_site_fact(doc)[field]
    assert any(f"missing {field}" in p for p in validate(doc))


@pytest.mark.parametrize("field", ["unit", "date"])
def test_unit_and_date_must_be_written_even_when_null(doc, field):
    fact = next(f for f in doc["sites"]["kic"] if f[field] is None)
    del fact[field]
    problems = validate(doc)
    assert len(problems) == 1 and f"no {field} field" in problems[0]
    with pytest.raises(ValueError):
        FactBook(doc)


@pytest.mark.parametrize("date", ["2023-13", "23-08", "August 2023", "2023-08-32", 2023])
def test_validate_catches_a_date_that_is_not_iso(doc, date):
    a_site_fact(doc)["date"] = date
    problems = validate(doc)
    assert len(problems) == 1 and "ISO 8601" in problems[0]


def test_iso_dates_of_every_granularity_are_accepted(doc):
    for i, date in enumerate(["2023", "2023-08", "2023-08-17", "2023-01/2023-06"]):
        doc["sites"]["kic"][i % 2]["date"] = date
        assert validate(doc) == [], date


def test_validate_checks_the_sources_themselves(doc):
    doc["sources"][SHINE]["url"] = "https://example.invalid/"
    del doc["sources"]["places"]["author"]
    doc["sources"]["places"]["citation"] = ""
    problems = validate(doc)
    assert any(SHINE in p and "unknown fields ['url']" in p for p in problems)
    assert any("places" in p and "missing fields ['author']" in p for p in problems)
    assert any("places" in p and "empty citation" in p for p in problems)
    with pytest.raises(ValueError):
        FactBook(doc)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda d: d["sites"].__setitem__("kic", ["not a fact"]),
        lambda d: d["sites"].__setitem__("kic", {"id": "x"}),
        lambda d: d.__setitem__("district", []),
        lambda d: d.__setitem__("sources", []),
    ],
)
def test_malformed_documents_are_reported_not_crashed_on(doc, mangle):
    mangle(doc)
    problems = validate(doc)
    assert problems and all(isinstance(p, str) for p in problems)
    with pytest.raises(ValueError):
        FactBook(doc)


def test_a_document_that_is_not_an_object_is_reported():
    assert validate([]) != []


# --- what the shipped file says --------------------------------------------------------------


def test_every_site_has_facts_and_every_entry_is_a_site(doc):
    site_ids = set(pyogrio.read_dataframe(geodata_dir() / "sites.geojson")["id"])
    assert set(doc["sites"]) == site_ids
    book = fact_book()
    for site_id in site_ids:
        assert book.site_facts(site_id), site_id


@pytest.mark.parametrize(("value", "unit"), DISTRICT_FIGURES)
def test_district_figure_is_present_with_its_number(value, unit):
    matches = [f for f in fact_book().district_facts(YANGPU) if f.unit == unit and f.value == value]
    assert len(matches) == 1, f"{value} {unit}"
    fact = matches[0]
    assert isinstance(fact.value, int | float) and not isinstance(fact.value, bool)
    assert fact.source == SHINE
    assert fact.date and fact.label


def test_shine_source(doc):
    source = fact_book().sources[SHINE]
    assert source.publisher == "SHINE"
    assert source.date == "2023-08-17"
    assert source.author == "Yang Jian"
    assert "SHINE" in fact_book().citation(SHINE) and "2023" in fact_book().citation(SHINE)


def test_the_four_focus_industries():
    fact = next(f for f in fact_book().district_facts(YANGPU) if f.id == "focus-industries")
    industries = {part.strip() for part in str(fact.value).split(";")}
    assert industries == FOCUS_INDUSTRIES
    assert fact.source == SHINE


def test_the_november_2019_visit():
    visits = [f for f in fact_book().district_facts(YANGPU) if f.date == "2019-11"]
    assert len(visits) == 1
    assert "visit" in visits[0].label.lower() and "Xi Jinping" in str(visits[0].value)
    assert visits[0].source == SHINE
    # The riverside headquarters zone, the waterfront in question, records it too.
    assert any(f.date == "2019-11" for f in fact_book().site_facts("riverside-hq"))


def test_unknown_owners_have_no_facts():
    assert fact_book().district_facts("999999") == []
    assert fact_book().site_facts("nowhere") == []


def test_fact_lists_are_copies():
    book = fact_book()
    book.district_facts(YANGPU).clear()
    assert book.district_facts(YANGPU)


# --- Fact ------------------------------------------------------------------------------------


def test_fact_to_dict_keeps_unit_and_date_as_separate_fields():
    fact = Fact("f", "Figure", 7000, None, None, SHINE)
    assert fact.to_dict() == {
        "id": "f",
        "label": "Figure",
        "value": 7000,
        "unit": None,
        "date": None,
        "source": SHINE,
    }
    noted = Fact("f", "Figure", 40, "%", "2023-01/2023-06", SHINE, "H1")
    assert noted.to_dict()["note"] == "H1" and noted.to_dict()["unit"] == "%"


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (7000, "businesses", "7,000 businesses"),
        (13400000, "m²", "13,400,000 m²"),
        (31.5, "billion US$", "31.50 billion US$"),
        (40.0, "%", "40 %"),
        ("over 1/3", None, "over 1/3"),
        (2023, "award year", "2023"),
    ],
)
def test_display_value(value, unit, shown):
    assert Fact("f", "F", value, unit, None, SHINE).display_value() == shown


# --- computed figures ------------------------------------------------------------------------


def test_polygon_figures_agree_with_pyproj():
    districts = pyogrio.read_dataframe(geodata_dir() / "districts.geojson")
    yangpu = districts.loc[districts["adcode"] == YANGPU].geometry.iloc[0]
    figures = {f.id: f for f in geometry_figures(yangpu)}
    assert set(figures) == {"area", "perimeter"}
    area, perimeter = GEOD.geometry_area_perimeter(yangpu)
    assert figures["area"].unit == "ha" and figures["perimeter"].unit == "km"
    assert figures["area"].value == pytest.approx(abs(area) / 1e4, abs=0.005)
    assert figures["perimeter"].value == pytest.approx(perimeter / 1000, abs=0.005)
    assert figures["area"].value == pytest.approx(6061, rel=0.01)
    for fact in figures.values():
        assert fact.source == COMPUTED_SOURCE and fact.date is None


def test_line_figures_agree_with_pyproj():
    riverside = pyogrio.read_dataframe(geodata_dir() / "riverside.geojson")
    for line in riverside.geometry:
        (fact,) = geometry_figures(line)
        assert fact.id == "length" and fact.unit == "km" and fact.source == COMPUTED_SOURCE
        assert fact.value == pytest.approx(GEOD.geometry_length(line) / 1000, abs=0.005)


def test_figures_of_multipart_and_holed_polygons():
    outer = box(121.50, 31.26, 121.54, 31.30)
    hole = box(121.51, 31.27, 121.52, 31.28)
    holed = Polygon(outer.exterior.coords, [hole.exterior.coords])
    # Whatever the rings' orientation, a hole takes area away and parts add up.
    for ring_order in (1, -1):
        shaped = Polygon(outer.exterior.coords[::ring_order], [hole.exterior.coords[::ring_order]])
        (area,) = [f for f in geometry_figures(shaped) if f.id == "area"]
        expected = (
            abs(GEOD.geometry_area_perimeter(outer)[0]) - abs(GEOD.geometry_area_perimeter(hole)[0])
        ) / 1e4
        assert area.value == pytest.approx(expected, abs=0.005)
    other = box(121.60, 31.26, 121.61, 31.27)
    mixed = MultiPolygon([holed, Polygon(other.exterior.coords[::-1])])
    (area,) = [f for f in geometry_figures(mixed) if f.id == "area"]
    expected_total = expected + abs(GEOD.geometry_area_perimeter(other)[0]) / 1e4
    assert area.value == pytest.approx(expected_total, abs=0.005)


def test_points_and_missing_geometry_have_no_figures():
    assert geometry_figures(Point(121.5, 31.3)) == []
    assert geometry_figures(None) == []
    assert geometry_figures(Polygon()) == []
    line = LineString([(121.5, 31.3), (121.6, 31.3), (121.6, 31.4)])
    assert geometry_figures(line)[0].value > 0
    # A line encloses nothing, even though its vertices would make a triangle.
    assert geodesy.area_m2(line) == 0.0 and geodesy.perimeter_m(line) == 0.0


def test_computed_citation():
    assert "computed" in fact_book().citation(COMPUTED_SOURCE).lower()
    with pytest.raises(KeyError):
        fact_book().citation("no-such-source")


def test_facts_module_does_not_read_the_file_twice():
    assert facts_mod.fact_book() is facts_mod.fact_book()
