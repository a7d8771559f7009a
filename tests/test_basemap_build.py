"""`basemap build`: an OSM XML extract written by the test, built with GDAL's OSM driver
into a vector MBTiles, then drawn with the built-in street style (also from PMTiles)."""

from __future__ import annotations

import sqlite3

import pytest
from basemap_fixtures import write_pmtiles
from osm_extract import BUILDINGS, LAKE, PARK, ROAD, write_osm
from PySide6.QtGui import QColor

from yangpu_gis.cli import main
from yangpu_gis.model.basemap import tilemath
from yangpu_gis.model.basemap.layer import basemap_layer
from yangpu_gis.model.basemap.readers import open_reader
from yangpu_gis.model.basemap.spec import parse_spec
from yangpu_gis.render import vector_style as vs
from yangpu_gis.render.map_image import render_map_image
from yangpu_gis.render.tile_store import forget_store
from yangpu_gis.render.vector_tiles import decode
from yangpu_gis.render.viewport import Viewport

VIEW = (121.500, 31.283, 121.540, 31.312)


@pytest.fixture
def built(tmp_path, capsys):
    extract = write_osm(tmp_path / "yangpu.osm")
    out = tmp_path / "yangpu.mbtiles"
    assert main(["basemap", "build", str(extract), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    yield out, printed
    forget_store(parse_spec(str(out)))


def middle(ring):
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)


def colour_at(image, vp, lon, lat) -> QColor:
    x, y = vp.wgs84_to_pixel(lon, lat)
    return QColor(image.pixel(int(x), int(y)))


def near(a: QColor, b: QColor, tolerance=12) -> bool:
    return all(abs(p - q) <= tolerance for p, q in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_build_reports_progress_and_writes_a_vector_mbtiles(built):
    out, printed = built
    assert "reading yangpu.osm: lines" in printed and "zoom 16:" in printed
    assert printed.strip().splitlines()[-1].startswith(f"wrote {out}")
    reader = open_reader(parse_spec(str(out)))
    assert reader.info.vector and (reader.info.min_zoom, reader.info.max_zoom) == (10, 16)
    assert "OpenStreetMap" in reader.info.attribution
    db = sqlite3.connect(out)
    (count,) = db.execute("SELECT COUNT(*) FROM tiles").fetchone()
    assert count > 20
    # The road's names ride along in the tiles for labels: Chinese, and English.
    (lon, lat) = ROAD[1]
    ((z, x, y),) = tilemath.tiles_for_bounds((lon, lat, lon + 1e-6, lat + 1e-6), 15)
    layers = decode(reader.tile(z, x, y))
    names = [f["properties"] for f in layers["transportation_name"]["features"]]
    assert {
        "name:zh": "四平路",
        "name:en": "Siping Road",
        "name": "四平路",
        "class": "primary",
    } in names
    primary = next(n for n in names if n["class"] == "primary")
    assert vs.label_text(primary) == "四平路\nSiping Road"


@pytest.mark.parametrize("container", ["mbtiles", "pmtiles"])
def test_the_built_basemap_draws_streets_water_parks_and_buildings(
    qapp, built, tmp_path, container
):
    out, _ = built
    source = out
    if container == "pmtiles":  # the same MVT tiles in a PMTiles archive
        reader = open_reader(parse_spec(str(out)))
        db = sqlite3.connect(out)
        tiles = {
            (z, x, tilemath.tms_row(z, row)): data
            for z, x, row, data in db.execute("SELECT * FROM tiles")
        }
        source = write_pmtiles(
            tmp_path / "yangpu.pmtiles",
            list(tiles),
            lambda z, x, y: reader.tile(z, x, y),
            tile_type="pbf",
        )
    vp = Viewport.fit_wgs84(VIEW, 1000, 800, 0.0)
    image = render_map_image(
        [basemap_layer(parse_spec(str(source)))], (1000, 800), viewport=vp, decorations=False
    )
    assert near(colour_at(image, vp, *middle(PARK)), QColor(vs.GREEN["park"]))
    assert near(colour_at(image, vp, *middle(LAKE)), QColor(vs.WATER))
    lon, lat = 121.510, 31.300  # on the primary road
    assert near(colour_at(image, vp, lon, lat), QColor(vs.ROADS["primary"].colour), 20)
    assert near(colour_at(image, vp, 121.530, 31.296), QColor(vs.LAND))
    close = Viewport.fit_wgs84((121.521, 31.3015, 121.527, 31.3030), 800, 400, 0.0)
    image = render_map_image(
        [basemap_layer(parse_spec(str(source)))], (800, 400), viewport=close, decorations=False
    )
    assert near(colour_at(image, close, *middle(BUILDINGS[1])), QColor(vs.BUILDING))
    forget_store(parse_spec(str(source)))


def test_bad_extracts_are_refused_in_one_line(tmp_path, capsys):
    garbage = tmp_path / "broken.osm.pbf"
    garbage.write_bytes(b"\x00\x01 this is no protobuf" * 50)
    extract = write_osm(tmp_path / "ok.osm")
    cases = [
        [str(garbage), "-o", str(tmp_path / "a.mbtiles")],
        [str(tmp_path / "missing.osm"), "-o", str(tmp_path / "b.mbtiles")],
        [str(tmp_path / "ok.osm"), "-o", str(extract)],  # the output may not be the input
        [str(extract), "-o", str(tmp_path / "no" / "folder.mbtiles")],
        [str(extract), "-o", str(tmp_path / "c.mbtiles"), "--bbox", "10,10,11,11"],
    ]
    for args in cases:
        assert main(["basemap", "build", *args]) == 1, args
        err = capsys.readouterr().err.strip()
        assert err.startswith("yangpu-gis: ") and "\n" not in err and "Traceback" not in err
    assert extract.read_text(encoding="utf-8").startswith("<?xml")
    assert not list(tmp_path.glob("*.mbtiles")) and not list(tmp_path.glob(".*tmp*"))
