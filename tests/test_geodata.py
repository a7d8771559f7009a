"""Invariants of the embedded map in geodata/: what every view and figure relies on."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache

import pyogrio
import pytest
import shapely
import shapely.ops
from pyproj import Geod
from shapely.geometry import Point

from yangpu_gis.model import geodesy
from yangpu_gis.paths import geodata_dir

GEOD = Geod(ellps="WGS84")
GEOJSON_FILES = ("districts.geojson", "huangpu_river.geojson", "riverside.geojson", "sites.geojson")
DISTRICT_NAMES = {
    "310110": ("Yangpu District", "杨浦区"),
    "310109": ("Hongkou District", "虹口区"),
    "310113": ("Baoshan District", "宝山区"),
    "310115": ("Pudong New Area", "浦东新区"),
}
YANGPU, PUDONG = "310110", "310115"
YANGPU_OFFICIAL_KM2 = 60.61
RIVERSIDE_OFFICIAL_KM = 15.5
# The median of the Huangpu's widths measured across Yangpu's reach (450-620 m).
RIVER_MEDIAN_WIDTH_M = 490
INSIDE_TOLERANCE_DEG = 1e-7
# Everything embedded lies in and around Shanghai's central districts.
SHANGHAI_BOX = shapely.box(121.2, 30.6, 122.2, 31.9)
CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def frame(name: str):
    return pyogrio.read_dataframe(geodata_dir() / name)


def district(adcode: str):
    df = frame("districts.geojson")
    return df.loc[df["adcode"] == adcode].geometry.iloc[0]


def site(site_id: str):
    df = frame("sites.geojson")
    return df.loc[df["id"] == site_id].geometry.iloc[0]


def geodesic_area_m2(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0])


# --- every file ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", GEOJSON_FILES)
def test_file_is_wgs84_with_valid_geometries_in_shanghai(name):
    df = frame(name)
    assert df.crs is not None and df.crs.to_epsg() == 4326
    assert len(df) > 0
    geoms = df.geometry.values
    assert not shapely.is_missing(geoms).any() and not shapely.is_empty(geoms).any()
    invalid = [i for i, ok in enumerate(shapely.is_valid(geoms)) if not ok]
    assert invalid == [], f"{name}: invalid geometries at rows {invalid}"
    assert shapely.contains(SHANGHAI_BOX, geoms).all()


@pytest.mark.parametrize("name", GEOJSON_FILES)
def test_file_text_is_utf8_one_feature_per_line_six_decimals(name):
    raw = (geodata_dir() / name).read_bytes()
    text = raw.decode("utf-8")  # strict: raises on any invalid byte
    assert not text.startswith("\ufeff"), "no byte-order mark"
    doc = json.loads(text, parse_float=Decimal)
    assert doc["type"] == "FeatureCollection"
    # RFC 7946: WGS84 longitude/latitude, no "crs" member.
    assert "crs" not in doc

    lines = [line for line in text.splitlines() if line.strip()]
    per_line = [line.count('{"type":"Feature"') for line in lines]
    assert all(n <= 1 for n in per_line), f"{name}: several features on one line"
    assert sum(per_line) == len(doc["features"]) == len(lines)

    too_precise = []

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, Decimal) and -value.as_tuple().exponent > 6:
            too_precise.append(str(value))

    for feature in doc["features"]:
        walk(feature["geometry"]["coordinates"])
    assert too_precise == [], f"{name}: coordinates with more than 6 decimals: {too_precise[:5]}"


def test_facts_file_is_utf8_json():
    text = (geodata_dir() / "facts.json").read_bytes().decode("utf-8")
    assert isinstance(json.loads(text), dict)


# --- districts -----------------------------------------------------------------------------


def test_the_four_districts_with_english_and_chinese_names():
    df = frame("districts.geojson")
    assert sorted(df["adcode"]) == sorted(DISTRICT_NAMES)
    assert df["adcode"].is_unique and list(df["id"]) == list(df["adcode"])
    for row in df.itertuples():
        name_en, name_zh = DISTRICT_NAMES[row.adcode]
        assert row.name_en == name_en
        assert row.name_zh == name_zh and CJK.search(row.name_zh)
    focus = dict(zip(df["adcode"], df["focus"], strict=True))
    assert focus == {code: code == YANGPU for code in DISTRICT_NAMES}


def test_yangpu_geodesic_area_matches_the_official_figure():
    area_km2 = geodesic_area_m2(district(YANGPU)) / 1e6
    assert area_km2 == pytest.approx(YANGPU_OFFICIAL_KM2, rel=0.01)
    # The app's own geodesy agrees with pyproj.
    assert geodesy.area_m2(district(YANGPU)) / 1e6 == pytest.approx(area_km2, rel=1e-9)


def test_districts_do_not_overlap():
    df = frame("districts.geojson")
    geoms = list(df.geometry)
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            overlap = (
                geodesic_area_m2(geoms[i].intersection(geoms[j]))
                if geoms[i].intersects(geoms[j])
                else 0.0
            )
            assert overlap < 1000, (
                f"{df['adcode'][i]} and {df['adcode'][j]} overlap by {overlap:.0f} m²"
            )


def test_yangpu_borders_hongkou_baoshan_and_pudong():
    yangpu = district(YANGPU)
    for code in ("310109", "310113", "310115"):
        shared = yangpu.boundary.intersection(district(code).boundary.buffer(1e-6))
        assert GEOD.geometry_length(shared) > 1000, f"Yangpu and {code} share no boundary"


# --- the river and the riverside -----------------------------------------------------------


def yangpu_pudong_boundary():
    shared = shapely.line_merge(district(YANGPU).boundary.intersection(district(PUDONG).boundary))
    return shared


def test_river_covers_the_yangpu_pudong_boundary():
    shared = yangpu_pudong_boundary()
    length_km = GEOD.geometry_length(shared) / 1000
    # The boundary follows the river for most of Yangpu's riverside.
    assert 12 < length_km < 20
    river = frame("huangpu_river.geojson").geometry.iloc[0]
    assert river.buffer(INSIDE_TOLERANCE_DEG).covers(shared)


def test_river_is_named_and_drawn_at_the_measured_median_width():
    df = frame("huangpu_river.geojson")
    assert len(df) == 1
    row = df.iloc[0]
    assert row["name_en"] == "Huangpu River" and row["name_zh"] == "黄浦江"
    assert bool(row["approximate"]) is True
    assert row["width_m"] == pytest.approx(RIVER_MEDIAN_WIDTH_M)
    # Near the middle of Yangpu's stretch, the river is about 490 m across the boundary.
    shared = yangpu_pudong_boundary()
    mid = shared.interpolate(0.5, normalized=True)
    river = frame("huangpu_river.geojson").geometry.iloc[0]
    assert river.contains(mid)
    # Distance from the centre line to the river's edge, measured geodesically.
    edge = shapely.ops.nearest_points(river.exterior, mid)[0]
    half_width = GEOD.inv(mid.x, mid.y, edge.x, edge.y)[2]
    assert half_width == pytest.approx(RIVER_MEDIAN_WIDTH_M / 2, abs=10)


def test_riverside_sections_and_total_length():
    df = frame("riverside.geojson")
    assert list(df["id"]) == ["riverside-south", "riverside-middle-north"]
    assert all(df["name_en"].str.len() > 0) and all(
        df["name_zh"].map(lambda s: bool(CJK.search(s)))
    )
    assert set(df.geom_type) == {"LineString"}
    lengths_km = [GEOD.geometry_length(g) / 1000 for g in df.geometry]
    assert sum(lengths_km) == pytest.approx(RIVERSIDE_OFFICIAL_KM, rel=0.01)
    assert lengths_km[0] == pytest.approx(5.5, rel=0.05)
    # The two sections meet end to start.
    south, north = df.geometry
    assert Point(south.coords[-1]).distance(Point(north.coords[0])) < 1e-5


def test_riverside_lies_in_yangpu_along_the_river():
    yangpu = district(YANGPU)
    river = frame("huangpu_river.geojson").geometry.iloc[0]
    for line in frame("riverside.geojson").geometry:
        assert yangpu.buffer(1e-5).covers(line)
        # Half a river width inland from the centre line: along the bank, not in the water.
        length = geodesy.length_m(line)
        assert geodesy.length_m(line.intersection(river.buffer(1e-5))) > 0.9 * length
        assert geodesy.length_m(line.intersection(river.buffer(-1e-5))) < 50


# --- sites ---------------------------------------------------------------------------------

SITE_TEXT_FIELDS = ("id", "name_en", "name_zh", "category", "position_basis", "position_confidence")


def test_sites_have_unique_ids_names_category_and_position_notes():
    df = frame("sites.geojson")
    assert len(df) == 8
    assert df["id"].is_unique
    for row in df.itertuples():
        for field in SITE_TEXT_FIELDS:
            value = getattr(row, field)
            assert isinstance(value, str) and value.strip(), f"{row.id}: empty {field}"
        assert CJK.search(row.name_zh), f"{row.id}: name_zh has no Chinese"
        assert re.match(r"^(low|medium|high)\b", row.position_confidence), row.position_confidence


@pytest.mark.parametrize("site_id", list(frame("sites.geojson")["id"]))
def test_site_lies_inside_yangpu(site_id):
    geom = site(site_id)
    yangpu = district(YANGPU)
    outside = max(yangpu.distance(Point(xy)) for xy in shapely.get_coordinates(geom))
    assert yangpu.buffer(INSIDE_TOLERANCE_DEG).contains(geom), (
        f"{site_id}: a vertex lies {outside:.1e}° outside Yangpu"
    )


def test_site_areas_are_plausible():
    for row in frame("sites.geojson").itertuples():
        hectares = geodesic_area_m2(row.geometry) / 1e4
        assert 1 < hectares < 500, f"{row.id}: {hectares:.1f} ha"


def test_228_street_block_lies_within_changbai_community():
    block, community = site("changbai-228"), site("changbai-community")
    assert community.contains(block)
    assert geodesic_area_m2(block) < geodesic_area_m2(community) / 5
    df = frame("sites.geojson")
    parent = df.loc[df["id"] == "changbai-228", "parent"].iloc[0]
    assert parent == "changbai-community"


def test_parents_name_existing_sites_that_contain_them():
    df = frame("sites.geojson")
    ids = set(df["id"])
    for row in df.itertuples():
        if isinstance(row.parent, str) and row.parent:
            assert row.parent in ids
            assert site(row.parent).contains(row.geometry)


def test_kic_contains_jiangwan_stadium_station():
    assert site("kic").contains(Point(121.5096, 31.3051))
    # ... and the point is in no other site.
    others = frame("sites.geojson").loc[lambda df: df["id"] != "kic"]
    assert not any(g.contains(Point(121.5096, 31.3051)) for g in others.geometry)
