"""Reading for drawing without geopandas: WKB read with NumPy, GeoPackages read with sqlite3,
attributes and shapely geometries made only when wanted, and the same answers as model.io."""

import json
import sqlite3
import subprocess
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

from yangpu_gis.model import display as display_module
from yangpu_gis.model import flat_features
from yangpu_gis.model.categories import category_codes
from yangpu_gis.model.display import DisplayData
from yangpu_gis.model.feature_table import FeatureTable
from yangpu_gis.model.geopackage_reader import read_geopackage_for_drawing
from yangpu_gis.model.io import read_file
from yangpu_gis.model.layer import Layer

SQUARE = Polygon([(121.50, 31.30), (121.51, 31.30), (121.51, 31.31), (121.50, 31.31)])
CLOCKWISE = Polygon([(121.52, 31.30), (121.52, 31.31), (121.53, 31.31), (121.53, 31.30)])
HOLED = Polygon(
    [(121.54, 31.30), (121.56, 31.30), (121.56, 31.32), (121.54, 31.32)],
    [[(121.545, 31.305), (121.55, 31.305), (121.55, 31.31), (121.545, 31.31)]],
)
MULTI = MultiPolygon([SQUARE.buffer(0.001), CLOCKWISE.buffer(0.001)])
ROAD = LineString([(121.50, 31.29), (121.55, 31.28)])
WIGGLE = LineString([(121.50 + i * 0.001, 31.27 + (i % 2) * 0.001) for i in range(40)])
PIN = Point(121.52, 31.295)


def mixed_geometries() -> list:
    return [SQUARE, CLOCKWISE, HOLED, MULTI, ROAD, WIGGLE, PIN]


def wkb_records(records: list[bytes | None]):
    buffer = b"".join(r or b"" for r in records)
    lengths = np.array([len(r or b"") for r in records], np.int64)
    return buffer, np.cumsum(lengths) - lengths, lengths


# --- WKB read with NumPy ---------------------------------------------------------------------


def test_wkb_read_with_numpy_matches_the_shapely_reading():
    geometries = np.array(mixed_geometries(), dtype=object)
    buffer, starts, lengths = wkb_records([shapely.to_wkb(g) for g in geometries])
    from_wkb = flat_features.from_wkb(buffer, starts, lengths)
    reference = flat_features.from_shapely(geometries)
    flat = from_wkb.flat
    for name in ("simple", "is_polygon", "offsets", "type_ids"):
        np.testing.assert_array_equal(getattr(flat, name), getattr(reference, name), err_msg=name)
    np.testing.assert_allclose(flat.bounds, reference.bounds)
    np.testing.assert_array_equal(flat.x, reference.x)
    np.testing.assert_array_equal(flat.y, reference.y)
    assert flat.simple.tolist() == [True, True, False, False, True, False, False]
    # The others came through shapely, whole.
    for row in np.flatnonzero(~flat.simple):
        assert from_wkb.others[row].equals(geometries[row])


def test_wkb_other_kinds_go_through_shapely_and_missing_ones_stay_missing():
    records = [
        shapely.to_wkb(SQUARE, byte_order=0),  # big-endian
        shapely.to_wkb(shapely.force_3d(SQUARE, 5.0)),  # with Z
        shapely.to_wkb(Polygon()),  # empty
        None,  # missing
        shapely.to_wkb(SQUARE),
    ]
    features = flat_features.from_wkb(*wkb_records(records))
    flat = features.flat
    assert flat.simple.tolist() == [False, False, False, False, True]
    assert features.others[0].equals(SQUARE)
    assert not shapely.has_z(features.others[1]) and features.others[1].equals(SQUARE)
    assert features.others[3] is None
    finite = np.isfinite(flat.bounds).all(axis=1)
    assert finite.tolist() == [True, True, False, False, True]
    np.testing.assert_allclose(flat.bounds[0], SQUARE.bounds)


def test_wkb_that_nothing_can_read_is_an_error():
    with pytest.raises(ValueError):
        flat_features.from_wkb(*wkb_records([b"\x01\x03\x00\x00\x00garbage"]))


def test_display_data_from_wkb_equals_display_data_from_shapely():
    geometries = np.array(mixed_geometries(), dtype=object)
    features = flat_features.from_wkb(*wkb_records([shapely.to_wkb(g) for g in geometries]))
    lean = DisplayData.from_flat(features.flat, features.others, lambda: geometries)
    full = DisplayData(geometries)
    for name in ("simple", "is_polygon", "offsets", "type_ids"):
        np.testing.assert_array_equal(getattr(lean, name), getattr(full, name))
    for name in ("x", "y", "bounds"):
        np.testing.assert_allclose(getattr(lean, name), getattr(full, name))
    assert lean.total_bounds == pytest.approx(full.total_bounds)
    assert lean.total_bounds_wgs84 == pytest.approx(tuple(shapely.total_bounds(geometries)))
    rows = np.arange(len(geometries))
    assert all(shapely.equals_exact(lean.geometries(rows), full.geometries(rows), 1e-6))


def test_a_clockwise_ring_is_turned_counter_clockwise_for_drawing():
    data = DisplayData(np.array([CLOCKWISE, SQUARE], dtype=object))
    for row in range(2):
        a, b = data.offsets[row], data.offsets[row + 1]
        x, y = data.x[a:b], data.y[a:b]
        assert np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]) > 0


# --- spatial index: built after the first frame for big layers ------------------------------


def test_a_big_layer_answers_queries_before_its_index_exists(monkeypatch):
    monkeypatch.setattr(display_module, "LAZY_INDEX_MAX", 10)
    rng = np.random.default_rng(3)
    centres = np.column_stack([rng.uniform(121.45, 121.6, 500), rng.uniform(31.25, 31.35, 500)])
    geometries = shapely.buffer(shapely.points(centres), 0.0005, quad_segs=2)
    data = DisplayData(geometries)
    box = (13_525_000.0, 3_670_000.0, 13_535_000.0, 3_680_000.0)
    before = data.query(box)
    assert not data.indexed  # the query compared envelopes and built nothing
    middle = (data.bounds[7, :2] + data.bounds[7, 2:]) / 2
    near_before = data.near(*middle, tolerance=5.0)
    data.build_index()
    assert data.indexed
    np.testing.assert_array_equal(before, data.query(box))
    np.testing.assert_array_equal(near_before, data.near(*middle, tolerance=5.0))
    assert 0 < len(before) < 500 and 7 in near_before


# --- GeoPackages read with sqlite3 ----------------------------------------------------------


@pytest.fixture
def mixed_gpkg(tmp_path):
    frame = gpd.GeoDataFrame(
        {
            "name": [
                "square",
                "clockwise",
                "holed",
                "multi",
                "road",
                "wiggle",
                "pin",
                "none",
                "empty",
            ],
            "height_m": [10.5, 20.0, np.nan, 3.0, 0.0, 1.0, 2.0, 4.0, 5.0],
            "floors": [3, 6, 1, 1, 0, 0, 0, 2, 2],
        },
        geometry=[*mixed_geometries(), None, Polygon()],
        crs="EPSG:4326",
    )
    path = tmp_path / "mixed.gpkg"
    pyogrio.write_dataframe(frame, path, layer="mixed")
    return path


def test_a_geopackage_read_with_sqlite_gives_what_model_io_gives(mixed_gpkg):
    drawable = read_geopackage_for_drawing(mixed_gpkg)
    assert drawable is not None and len(drawable) == 1
    reference = read_file(mixed_gpkg)[0]
    lean = Layer(id="lean", title="mixed", data=drawable[0].table)
    full = Layer(id="full", title="mixed", data=reference.data)
    assert lean.feature_count == full.feature_count == 7  # the missing and empty one left out
    assert drawable[0].skipped == 2 and "skipped 2" in drawable[0].notes[0]
    assert lean.bounds == pytest.approx(full.bounds)
    assert lean.geometry_type == full.geometry_type == "Mixed"
    np.testing.assert_allclose(lean.display.x, full.display.x)
    assert lean.column_names == full.column_names == ("name", "height_m", "floors")
    assert "data" not in lean.__dict__  # nothing so far needed the table
    assert lean.column("name").tolist() == reference.data["name"].tolist()
    assert lean.feature_name(2) == "holed"
    assert all(shapely.equals(lean.geometries, full.geometries))
    pd.testing.assert_frame_equal(
        lean.data.drop(columns="geometry"), full.data.drop(columns="geometry")
    )


def _set_srs(path, organisation: str, code: int):
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
            "organization_coordsys_id, definition) VALUES ('x', 99, ?, ?, 'undefined')",
            (organisation, code),
        )
        connection.execute("UPDATE gpkg_geometry_columns SET srs_id = 99")
        connection.execute("UPDATE gpkg_contents SET srs_id = 99")


def test_what_the_sqlite_path_cannot_read_exactly_is_left_to_model_io(mixed_gpkg, tmp_path):
    projected = tmp_path / "projected.gpkg"
    projected.write_bytes(mixed_gpkg.read_bytes())
    _set_srs(projected, "EPSG", 3857)
    assert read_geopackage_for_drawing(projected) is None

    extension = tmp_path / "extension.gpkg"
    extension.write_bytes(mixed_gpkg.read_bytes())
    with sqlite3.connect(extension) as connection:  # flag one blob as an extension type
        # (without GDAL's R-tree triggers, which call SpatiaLite functions sqlite3 lacks)
        for (trigger,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            connection.execute(f'DROP TRIGGER "{trigger}"')
        connection.execute(
            "UPDATE mixed SET geom = substr(geom, 1, 3) || X'21' || "
            "substr(geom, 5) WHERE name = 'square'"
        )
    assert read_geopackage_for_drawing(extension) is None

    not_sqlite = tmp_path / "notes.gpkg"
    not_sqlite.write_text("these are not the droids", encoding="utf-8")
    assert read_geopackage_for_drawing(not_sqlite) is None
    assert read_geopackage_for_drawing(tmp_path / "absent.gpkg") is None


# --- the render command keeps heavy modules away --------------------------------------------


def test_render_draws_a_geopackage_without_importing_geopandas(mixed_gpkg, tmp_path):
    # Without a name-like field: a new layer is labelled by one (model.new_layer_look),
    # and a label column is read through GDAL.
    nameless = tmp_path / "nameless.gpkg"
    pyogrio.write_dataframe(
        pyogrio.read_dataframe(mixed_gpkg).drop(columns=["name"]), nameless, layer="mixed"
    )
    mixed_gpkg = nameless
    out = tmp_path / "mixed.png"
    script = (
        "import json, sys\n"
        "from yangpu_gis.cli import main\n"
        f"code = main(['render', {str(out)!r}, '--file', {str(mixed_gpkg)!r}, "
        "'--size', '400x300'])\n"
        "heavy = sorted(m for m in ('geopandas', 'pandas', 'pyogrio', 'pyproj', 'pyarrow') "
        "if m in sys.modules)\n"
        "print(json.dumps({'code': code, 'heavy': heavy}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"code": 0, "heavy": []}
    assert out.stat().st_size > 1000


def test_render_still_draws_a_geopackage_the_sqlite_path_leaves(mixed_gpkg, tmp_path):
    projected = tmp_path / "projected.gpkg"
    frame = read_file(mixed_gpkg)[0].data.to_crs("EPSG:3857")
    pyogrio.write_dataframe(frame, projected, layer="mixed")
    out = tmp_path / "projected.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "yangpu_gis",
            "render",
            str(out),
            "--file",
            str(projected),
            "--size",
            "400x300",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 1000


# --- feature tables and categories ----------------------------------------------------------


def test_a_feature_table_reads_its_columns_once_and_only_when_asked():
    calls = []

    def load(names):
        calls.append(tuple(names))
        return {name: [f"{name}-{i}" for i in range(3)] for name in names}

    table = FeatureTable([SQUARE, ROAD, PIN], ["a", "b"], load_columns=load)
    layer = Layer(id="t", title="t", data=table)
    assert layer.feature_count == 3 and calls == []
    assert layer.column("b").tolist() == ["b-0", "b-1", "b-2"]
    assert layer.column("b").tolist() == ["b-0", "b-1", "b-2"]
    assert calls == [("b",)]
    with pytest.raises(KeyError):
        layer.column("c")
    frame = layer.data
    assert list(frame.columns) == ["a", "b", "geometry"] and calls == [("b",), ("a",)]
    assert frame.crs.to_epsg() == 4326


def test_a_feature_table_refuses_a_column_called_geometry():
    with pytest.raises(ValueError):
        FeatureTable([SQUARE], ["geometry"], {"geometry": [1]})


def test_category_codes_group_values_as_styles_compare_them():
    codes, keys = category_codes(np.array(["b", None, "a", "b", np.nan, pd.NA], dtype=object))
    assert keys == ["a", "b", None]
    assert [keys[c] for c in codes] == ["b", None, "a", "b", None, None]
    codes, keys = category_codes(np.array([1, "1", 2.5], dtype=object))  # 1 and "1": one key
    assert [keys[c] for c in codes] == ["1", "1", "2.5"]
    codes, keys = category_codes(np.array([2.0, np.nan, 2.0]))
    assert [keys[c] for c in codes] == ["2.0", None, "2.0"]
    codes, keys = category_codes(np.array([], dtype=object))
    assert len(codes) == 0 and keys == []
