"""Every command on a postgresql:// address, against the session's private PostGIS
cluster (tests/postgis_cluster.py: 100,000 footprints loaded with COPY, and a million in
the `pg_million` fixture for the tests of scale)."""

import json
import os
import subprocess
import sys

import numpy as np
import psycopg
from PySide6.QtGui import QImage

from yangpu_gis.model.postgis.layers import PostgisTable, open_postgis

# A block inside the footprints' extent (about 600 m x 450 m).
VIEW = (121.5292, 31.2840, 121.5355, 31.2880)


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "yangpu_gis", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )


def test_info_lists_the_geometry_tables_with_counts_and_crs(pg_cluster):
    result = run("info", pg_cluster.uri(), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    tables = {t["table"]: t for t in doc["tables"]}
    assert tables["footprints"]["feature_count"] == 100_000
    assert tables["footprints"]["crs"] == "EPSG:32651"
    assert tables["unindexed"]["feature_count"] == 2_000


def test_info_describes_one_table_without_reading_it(pg_uri):
    result = run("info", pg_uri, "--json")
    assert result.returncode == 0, result.stderr
    layer = json.loads(result.stdout)["layers"][0]
    assert layer["format"] == "PostGIS" and layer["feature_count"] == 100_000
    assert [f["name"] for f in layer["fields"]] == ["id", "name", "height_m"]
    assert layer["spatial_index"] is True and layer["warnings"] == []
    west, south, east, north = layer["bounds_wgs84"]
    assert 121.51 < west < east < 121.56 and 31.27 < south < north < 31.31


def test_a_table_without_a_spatial_index_is_warned_about(pg_cluster):
    result = run("info", pg_cluster.uri(table="unindexed"))
    assert result.returncode == 0, result.stderr
    assert "no spatial (GiST) index" in result.stdout
    assert "CREATE INDEX" in result.stdout


def test_bad_addresses_are_one_line_each(pg_cluster):
    missing = run("info", pg_cluster.uri(table="nosuch"))
    assert missing.returncode == 1 and "no geometry table 'nosuch'" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    no_server = run("info", "postgresql://nobody@127.0.0.1:1/gis?table=t")
    assert no_server.returncode == 1 and "cannot connect to the database" in no_server.stderr
    assert "Traceback" not in no_server.stderr
    no_db = run("info", "postgresql://u@127.0.0.1:5/?table=t")
    assert no_db.returncode == 1 and "name the database" in no_db.stderr


def test_identify_asks_the_server_for_the_feature_at_the_point(pg_cluster, pg_uri):
    with psycopg.connect(pg_cluster.conninfo()) as conn:
        lon, lat, name, height = conn.execute(
            "SELECT ST_X(p), ST_Y(p), name, height_m FROM (SELECT name, height_m, "
            "ST_Transform(ST_PointOnSurface(geom), 4326) p FROM footprints WHERE id = 4242) s"
        ).fetchone()
    result = run("identify", str(lon), str(lat), "--file", pg_uri, "--json")
    assert result.returncode == 0, result.stderr
    hits = [h for h in json.loads(result.stdout)["hits"] if h["layer_title"] == "footprints"]
    assert [h["name"] for h in hits] == [name]
    assert hits[0]["properties"]["height_m"] == height


def test_render_draws_the_view_from_the_database(tmp_path, pg_uri):
    out = tmp_path / "view.png"
    bbox = ",".join(map(str, VIEW))
    result = run("render", str(out), "--file", pg_uri, "--bbox", bbox, "--size", "800x600")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 600)
    # The footprints cover a good share of the view: against the same view without them.
    bare = tmp_path / "bare.png"
    result = run("render", str(bare), "--bbox", bbox, "--size", "800x600")
    assert result.returncode == 0, result.stderr

    def pixels(path):
        image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
        array = np.frombuffer(image.constBits(), np.uint8)
        return array.reshape(600, -1, 4)[:, :800, :3].astype(int)

    changed = (np.abs(pixels(out) - pixels(bare)).sum(axis=2) > 60).mean()
    assert changed > 0.05


def test_a_view_holds_only_what_meets_it(pg_cluster, pg_uri):
    layer = open_postgis(pg_uri, bbox_wgs84=VIEW, width_px=800)
    table = PostgisTable(pg_uri)
    envelope = table.projection.from_wgs84_bbox(VIEW)
    with psycopg.connect(pg_cluster.conninfo()) as conn:
        expected = conn.execute(
            "SELECT count(*) FROM footprints WHERE geom && ST_MakeEnvelope(%s, %s, %s, %s, 32651)",
            envelope,
        ).fetchone()[0]
    assert 1_000 < layer.feature_count == expected < 100_000
    # Attributes are read for the rows held, in their order.
    names = layer.column("name")
    assert len(names) == expected and all(str(n).startswith("Building ") for n in names)


def test_zoomed_out_features_under_a_pixel_arrive_as_pixel_squares(pg_uri):
    table = PostgisTable(pg_uri)
    with table.connect() as conn:
        view = table.fetch_wgs84(conn, table.bounds_wgs84, 200)  # ~20 m a pixel: all tiny
    flat = view.features.flat
    assert len(view) == 100_000 and flat.simple.all() and flat.is_polygon.all()
    widths = flat.bounds[:, 2] - flat.bounds[:, 0]
    assert np.allclose(widths, np.median(widths), rtol=0.05)  # one pixel each


def test_export_html_takes_a_table(tmp_path, pg_cluster):
    out = tmp_path / "map.html"
    result = run("export-html", str(out), "--file", pg_cluster.uri(table="unindexed"))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "unindexed" in page and "Building 1999" in page


def test_a_password_in_the_address_is_never_kept(pg_cluster):
    uri = pg_cluster.uri(table="footprints").replace("@", ":s3cret@", 1)
    layer = open_postgis(uri, at=(0.0, 0.0))
    assert "s3cret" not in layer.source and layer.source.endswith("?table=footprints")
    assert "s3cret" not in json.dumps(layer.info)


def test_a_sixteenth_of_a_million_footprints_is_all_that_is_read(tmp_path, pg_million):
    table = PostgisTable(pg_million, exact=True)
    assert table.info.count == 1_000_000
    west, south, east, north = table.bounds_wgs84
    w, h = (east - west) / 4, (north - south) / 4
    cx, cy = (west + east) / 2, (south + north) / 2
    sixteenth = (cx - w, cy - h, cx, cy)
    layer = open_postgis(pg_million, bbox_wgs84=sixteenth, width_px=1600)
    # About 62,500 rows meet the view (edges included): not the million.
    assert 55_000 < layer.feature_count < 75_000
    out = tmp_path / "sixteenth.png"
    bbox = ",".join(f"{v:.7f}" for v in sixteenth)
    result = run("render", str(out), "--file", pg_million, "--bbox", bbox, "--size", "1600x1000")
    assert result.returncode == 0, result.stderr
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (1600, 1000)
