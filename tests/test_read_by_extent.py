"""Reading by extent: only the features of a view, through the file's spatial index, and
the same features, pictures and answers as reading everything and filtering."""

import json
import shutil
import sqlite3

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from PySide6.QtGui import QImage

from yangpu_gis.cli import main
from yangpu_gis.cli.common import load_files
from yangpu_gis.cli.render import read_box
from yangpu_gis.model import view_box
from yangpu_gis.model.embedded import load_embedded_layers
from yangpu_gis.model.geopackage_reader import read_geopackage_for_drawing
from yangpu_gis.model.identify import identify
from yangpu_gis.model.new_layer_look import give_new_looks

COUNT = 20_000
VIEW = (121.515, 31.285, 121.535, 31.300)  # about 1/16 of the footprints' extent


def footprints(count: int, seed: int = 5, named: bool = False) -> gpd.GeoDataFrame:
    """Small rotated squares over Yangpu, with attributes (a name for small files)."""
    rng = np.random.default_rng(seed)
    lon = rng.uniform(121.49, 121.56, count)
    lat = rng.uniform(31.26, 31.33, count)
    side = rng.uniform(0.00008, 0.0004, count)
    squares = shapely.box(lon, lat, lon + side, lat + side)
    angles = rng.uniform(0, 90, count)
    rotated = [shapely.affinity.rotate(g, a) for g, a in zip(squares, angles, strict=True)]
    columns = {"bid": np.arange(1, count + 1), "height_m": np.round(rng.uniform(3, 90, count), 1)}
    if named:
        columns["name"] = [f"楼 {i}" for i in range(count)]
    return gpd.GeoDataFrame(columns, geometry=rotated, crs="EPSG:4326")


@pytest.fixture(scope="module")
def buildings(tmp_path_factory):
    path = tmp_path_factory.mktemp("extent") / "buildings.gpkg"
    pyogrio.write_dataframe(footprints(COUNT), path, layer="buildings", SPATIAL_INDEX="YES")
    return path


def copy_of(path, folder, name: str):
    copied = folder / name
    shutil.copy(path, copied)
    return copied


def in_view_of_full_read(path, box):
    (full,) = read_geopackage_for_drawing(path)
    rows = np.flatnonzero(view_box.meets(full.table.flat.flat.bounds, box))
    return full, rows


def assert_same_features(view, full, rows):
    assert len(view.table) == len(rows)
    np.testing.assert_array_equal(view.table.flat.flat.bounds, full.table.flat.flat.bounds[rows])
    lengths = np.diff(full.table.flat.flat.offsets)[rows]
    np.testing.assert_array_equal(np.diff(view.table.flat.flat.offsets), lengths)
    assert view.table.file_rows(range(len(rows))) == rows.tolist()
    assert view.table.column("bid").tolist() == full.table.column("bid")[rows].tolist()
    # shapely geometries, read again from the file by feature id when wanted
    assert shapely.equals_exact(view.table.geometries, full.table.geometries[rows]).all()
    assert view.table.geometry(len(rows) - 1).equals_exact(full.table.geometry(rows[-1]), 0)


def test_a_view_holds_exactly_the_features_a_full_read_has_there(buildings):
    full, rows = in_view_of_full_read(buildings, VIEW)
    (view,) = read_geopackage_for_drawing(buildings, VIEW)
    assert 0 < len(rows) < COUNT / 8
    assert_same_features(view, full, rows)
    assert view.full_count == COUNT and view.file_geometry_type == "Polygon"
    x = view.table.flat.flat.x
    full_x = full.table.flat.flat.x
    starts = full.table.flat.flat.offsets
    np.testing.assert_array_equal(
        x, np.concatenate([full_x[starts[r] : starts[r + 1]] for r in rows])
    )


def test_a_view_decodes_only_what_the_rtree_finds(buildings, tmp_path):
    """The features outside the view are made unreadable (a curve, which this path does
    not read): the whole file is refused, the view still reads, so it never touched them."""
    full, rows = in_view_of_full_read(buildings, VIEW)
    damaged = copy_of(buildings, tmp_path, "outside_damaged.gpkg")
    near = view_box.meets(full.table.flat.flat.bounds, view_box.grown(VIEW, 0.05))
    kept = ",".join(str(int(b)) for b in full.table.column("bid")[near])  # fid = bid here
    curve = bytes.fromhex("4750000100000000") + bytes.fromhex("0108000000") + b"\0" * 4
    with sqlite3.connect(damaged) as connection:
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            connection.execute(f'DROP TRIGGER "{name}"')  # they call SpatiaLite functions
        connection.execute(f"UPDATE buildings SET geom = ? WHERE fid NOT IN ({kept})", (curve,))
    assert read_geopackage_for_drawing(damaged) is None
    (view,) = read_geopackage_for_drawing(damaged, VIEW)
    assert_same_features(view, full, rows)


def test_without_an_rtree_the_file_is_read_whole_and_filtered(buildings, tmp_path):
    full, rows = in_view_of_full_read(buildings, VIEW)
    plain = copy_of(buildings, tmp_path, "no_index.gpkg")
    with sqlite3.connect(plain) as connection:
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            connection.execute(f'DROP TRIGGER "{name}"')
        connection.execute('DROP TABLE "rtree_buildings_geom"')
        connection.execute("DELETE FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'")
    (view,) = read_geopackage_for_drawing(plain, VIEW)
    assert_same_features(view, full, rows)
    assert view.full_count == COUNT and view.file_geometry_type == "Polygon"


def test_an_empty_view_keeps_its_layer(buildings):
    (view,) = read_geopackage_for_drawing(buildings, (121.0, 30.0, 121.01, 30.01))
    assert len(view.table) == 0 and view.full_count == COUNT


def _pixels(path) -> np.ndarray:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(bytes(image.constBits()), dtype=np.uint8).astype(np.int16)


# Antialiasing may round an edge pixel differently between two renders of the same
# features (seen inside the whole suite, after other tests have drawn in the process: a
# few hundred edge pixels off by a few levels, a handful by up to about 25). A feature left
# out or added changes dozens of pixels by far more: its fill against the background.
FAR_LEVELS = 40
FAR_PIXELS_ALLOWED = 12


def far_pixels(path, reference) -> int:
    """How many pixels of the two pictures differ by more than FAR_LEVELS in a channel."""
    ours, theirs = _pixels(path), _pixels(reference)
    assert ours.shape == theirs.shape
    return int(np.count_nonzero(np.abs(ours - theirs) > FAR_LEVELS))


def assert_same_picture(path, reference) -> None:
    far = far_pixels(path, reference)
    assert far <= FAR_PIXELS_ALLOWED, f"{far} pixels differ by more than {FAR_LEVELS} levels"


def _render_from_full_read(files, out, bbox, size):
    from yangpu_gis.export.image import export_image

    layers = load_files(files, None, for_drawing=True)
    embedded = load_embedded_layers()
    give_new_looks(layers, embedded)
    export_image(embedded + layers, out, bbox_wgs84=bbox, size=size, layout=False, language="en")


@pytest.mark.parametrize("named", [False, True], ids=["20k footprints", "2k labelled"])
def test_render_of_a_bbox_draws_what_a_full_read_draws(buildings, tmp_path, capsys, named):
    path = buildings
    if named:  # small enough to be labelled by its names
        path = tmp_path / "named.gpkg"
        pyogrio.write_dataframe(footprints(2_000, 9, named=True), path, layer="named")
    bbox = "121.515,31.285,121.535,31.300"
    out = tmp_path / "view.png"
    assert main(["render", str(out), "--file", str(path), "--bbox", bbox, "--size", "800x500"]) == 0
    reference = tmp_path / "full.png"
    box = tuple(float(v) for v in bbox.split(","))
    _render_from_full_read([str(path)], reference, box, (800, 500))
    assert_same_picture(out, reference)
    # and the view was read by extent: fewer features than the file's
    (layer,) = load_files(
        [str(path)], None, for_drawing=True, bbox_wgs84=read_box(box, (800, 500), None)
    )
    assert 0 < layer.feature_count < (2_000 if named else COUNT) / 4


def test_the_picture_comparison_sees_one_missing_footprint(buildings, tmp_path):
    """assert_same_picture's tolerance is for antialiasing only: the smallest footprint
    in the view, left out of one render, makes the pictures differ."""
    full, rows = in_view_of_full_read(buildings, VIEW)
    frame = footprints(COUNT)
    smallest = frame.index[rows[np.argmin(shapely.area(frame.geometry.values[rows]))]]
    fewer = tmp_path / "fewer.gpkg"
    pyogrio.write_dataframe(frame.drop(index=smallest), fewer, layer="buildings")
    whole, missing = tmp_path / "whole.png", tmp_path / "missing.png"
    _render_from_full_read([str(buildings)], whole, VIEW, (800, 500))
    _render_from_full_read([str(fewer)], missing, VIEW, (800, 500))
    assert far_pixels(whole, missing) > FAR_PIXELS_ALLOWED


def _identify_json(capsys, path, lon, lat) -> list[dict]:
    capsys.readouterr()
    assert main(["identify", str(lon), str(lat), "--file", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["hits"]


def _identify_full_read(path, lon, lat) -> list[dict]:
    from yangpu_gis.model.io import read_file
    from yangpu_gis.model.open_layers import layer_from_loaded

    files = [layer_from_loaded(loaded) for loaded in read_file(path)]
    return [hit.to_dict("en") for hit in identify(load_embedded_layers(), lon, lat)] + [
        hit.to_dict("en") for hit in identify(files, lon, lat)
    ]


@pytest.mark.parametrize("named", [False, True], ids=["numbered", "named"])
def test_identify_reads_the_point_only_and_answers_as_a_full_read(capsys, tmp_path, named):
    """Names, properties, facts and the row in the file: those of a full read. Without a
    name field, a feature is called by its row ("buildings #n"), which must be the file's."""
    path = tmp_path / "buildings.gpkg"
    frame = footprints(3_000, 11, named=named)
    pyogrio.write_dataframe(frame, path, layer="buildings")
    inner = frame.geometry.iloc[2_345].representative_point()
    (view,) = read_geopackage_for_drawing(path, (inner.x, inner.y, inner.x, inner.y))
    assert 0 < len(view.table) < 10
    ours = _identify_json(capsys, path, inner.x, inner.y)
    full = json.loads(json.dumps(_identify_full_read(path, inner.x, inner.y), default=str))
    assert any(hit["row"] == 2_345 for hit in ours)
    for hit in ours + full:
        hit.pop("layer")  # "file-n": a number for this process's n-th layer
    assert ours == full


# --- other formats, through GDAL's spatial filter, in the layer's own CRS ------------------


def test_a_wgs84_box_in_a_projected_crs_is_the_envelope_of_its_bent_edges():
    """EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger, central meridian 120E): a parallel
    bows south towards the central meridian, so a rectangle across it reaches lowest in
    the middle of its bottom edge, which its corners alone miss."""
    from pyproj import Transformer

    box = (119.8, 31.2, 120.2, 31.4)
    found = view_box.in_crs(box, "EPSG:4549")
    along = np.linspace(0, 1, 200)
    x0, y0, x1, y1 = view_box.grown(box)
    lon = np.concatenate([x0 + (x1 - x0) * along, x0 + (x1 - x0) * along, [x0] * 200, [x1] * 200])
    lat = np.concatenate([[y0] * 200, [y1] * 200, y0 + (y1 - y0) * along, y0 + (y1 - y0) * along])
    x, y = Transformer.from_crs(4326, 4549, always_xy=True).transform(lon, lat)
    assert found[0] <= x.min() + 0.01 and found[2] >= x.max() - 0.01
    assert found[1] <= y.min() + 0.01 and found[3] >= y.max() - 0.01
    corners_x, corners_y = Transformer.from_crs(4326, 4549, always_xy=True).transform(
        [x0, x1, x0, x1], [y0, y0, y1, y1]
    )
    assert min(corners_y) > y.min() + 1  # the bulge
    assert view_box.in_crs(box, "EPSG:4326") == view_box.grown(box)


@pytest.fixture(scope="module")
def projected_flatgeobuf(tmp_path_factory):
    """The footprints in EPSG:32651 (UTM 51N), as FlatGeobuf with its packed R-tree."""
    path = tmp_path_factory.mktemp("extent_fgb") / "buildings_utm.fgb"
    frame = footprints(COUNT, 3).to_crs("EPSG:32651")
    pyogrio.write_dataframe(frame, path, driver="FlatGeobuf", SPATIAL_INDEX="YES")
    return path


def test_a_flatgeobuf_in_utm_reads_the_view_through_its_index(projected_flatgeobuf):
    from yangpu_gis.model.io import read_file

    (full,) = read_file(projected_flatgeobuf)
    (view,) = read_file(projected_flatgeobuf, bbox_wgs84=VIEW)
    bounds = shapely.bounds(full.data.geometry.values.to_numpy())
    meets = view_box.meets(bounds, VIEW)
    crossing = shapely.intersects(full.data.geometry.values.to_numpy(), shapely.box(*VIEW))
    held = set(view.data["bid"])
    # GDAL's filter tests the geometry itself, so a feature whose envelope only reaches
    # in by a corner may be left out; every feature crossing the view is there, and
    # nothing whose envelope misses it
    assert set(full.data["bid"][crossing]) <= held <= set(full.data["bid"][meets])
    assert 0 < len(view.data) < COUNT / 8
    assert view.info()["feature_count"] == COUNT
    assert view.info()["file_geometry_type"] == "Polygon"
    # in the file's order (a FlatGeobuf with an index is stored sorted along a curve)
    place = {bid: i for i, bid in enumerate(full.data["bid"])}
    assert np.all(np.diff([place[bid] for bid in view.data["bid"]]) > 0)


def test_render_of_a_bbox_from_a_flatgeobuf_draws_what_a_full_read_draws(
    projected_flatgeobuf, tmp_path
):
    bbox = "121.515,31.285,121.535,31.300"
    out = tmp_path / "view.png"
    assert main(["render", str(out), "--file", str(projected_flatgeobuf), "--bbox", bbox]) == 0
    reference = tmp_path / "full.png"
    box = tuple(float(v) for v in bbox.split(","))
    _render_from_full_read([str(projected_flatgeobuf)], reference, box, None)
    assert_same_picture(out, reference)


def test_time_spent_decoding_does_not_count_against_the_query_budget(buildings):
    """On a busy machine, decoding a million footprints took longer than the budget for
    the queries, and `render` fell back to reading the file with GDAL: 900 MB."""
    import time

    from yangpu_gis.model.sqlite_budget import BudgetExceeded, budgeted

    connection = sqlite3.connect(buildings)
    # long enough for SQLite to look at the clock (every 20,000 steps)
    query = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) "
        "SELECT count(*) FROM c"
    )
    with budgeted(connection, seconds=0.3) as clock:
        with clock.paused():
            time.sleep(0.4)  # as if decoding
        assert connection.execute(query).fetchone()[0] == 100_000
    with pytest.raises(BudgetExceeded), budgeted(connection, seconds=0.3):
        time.sleep(0.4)
        connection.execute(query).fetchone()
    connection.close()


def test_export_html_clip_writes_only_the_features_of_the_bbox(buildings, tmp_path, capsys):
    full, rows = in_view_of_full_read(buildings, VIEW)
    box = ",".join(str(v) for v in VIEW)
    clipped, whole = tmp_path / "clipped.html", tmp_path / "whole.html"
    assert (
        main(["export-html", str(clipped), "--file", str(buildings), "--bbox", box, "--clip"]) == 0
    )
    printed = capsys.readouterr().out
    # GDAL's filter tests the geometry itself, the envelope test may keep a few more
    clipped_count = int(printed.split("buildings: ")[1].split(" feature")[0].replace(",", ""))
    assert 0 < clipped_count <= len(rows) < COUNT
    assert clipped_count > 0.95 * len(rows)
    assert main(["export-html", str(whole), "--file", str(buildings), "--bbox", box]) == 0
    assert f"buildings: {COUNT:,} features" in capsys.readouterr().out
    assert clipped.stat().st_size < whole.stat().st_size / 2  # the page itself is ~250 kB


def test_export_html_clip_without_a_bbox_is_one_line(buildings, tmp_path, capsys):
    assert main(["export-html", str(tmp_path / "x.html"), "--file", str(buildings), "--clip"]) == 1
    err = capsys.readouterr().err
    assert "--clip goes with --bbox" in err and err.count("\n") == 1
    assert not (tmp_path / "x.html").exists()
