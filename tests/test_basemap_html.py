"""The HTML export takes the basemap along: a file's tiles embedded (within a stated size
budget), shown in real headless Chromium with the network off; a URL stays online."""

from __future__ import annotations

import json
import re

import pytest
from basemap_fixtures import png_tile, tiles_of, write_mbtiles
from osm_extract import PARK, write_osm
from PySide6.QtGui import QColor, QImage
from test_export_html_browser import browser, foreign_requests, open_page  # noqa: F401

from yangpu_gis.cli import main
from yangpu_gis.export.html import export_html
from yangpu_gis.export.html_basemap import page_basemap
from yangpu_gis.model.basemap.spec import BasemapSpec, parse_spec
from yangpu_gis.render import vector_style as vs
from yangpu_gis.render.tile_store import forget_store

TILE = QColor("#5b3fa0")
SEA = (122.30, 31.00, 122.34, 31.02)  # no layer of the map here: the tiles show
BOTH = (121.47, 30.99, 122.35, 31.36)  # Yangpu, where the page opens, and the sea


def page_data(path) -> dict:
    text = path.read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" id="yangpu-data">(.*?)</script>', text, re.S)
    return json.loads(raw.group(1))


def screenshot_colour(opened, lon, lat) -> QColor:
    x, y = opened.js(
        "([lat, lon]) => { const p = yangpuExport.map.latLngToContainerPoint([lat, lon]);"
        " return [p.x, p.y]; }",
        [lat, lon],
    )
    box = opened.page.locator("#map").bounding_box()
    image = QImage.fromData(opened.page.screenshot())
    return QColor(image.pixel(int(box["x"] + x), int(box["y"] + y)))


def wait_for_tiles(opened) -> None:
    opened.wait_for(
        "document.querySelectorAll('.yp-basemap img.leaflet-tile-loaded').length > 0"
        " && !document.querySelector('.yp-basemap img:not(.leaflet-tile-loaded)')"
    )
    opened.page.wait_for_timeout(600)  # Leaflet fades new tiles in over 200 ms


@pytest.mark.browser
def test_a_file_basemap_is_embedded_and_shows_offline(qapp, tmp_path, open_page, capsys):  # noqa: F811
    source = write_mbtiles(
        tmp_path / "sea.mbtiles", tiles_of(BOTH, range(8, 15)), png_tile(TILE.name())
    )
    out = tmp_path / "map.html"
    assert main(["export-html", str(out), "--basemap", str(source)]) == 0
    printed = capsys.readouterr().out
    assert "note: The basemap (sea.mbtiles) is embedded for zooms" in printed
    assert "8.0 MB budget" in printed
    data = page_data(out)["basemap"]
    assert data["tiles"] and data["url"] == ""
    assert "img-src data:;" in out.read_text(encoding="utf-8").replace(
        "img-src data: ", "img-src data:;"
    )
    # The same through the exporter, the view at sea where no layer hides the tiles.
    sea_page = tmp_path / "sea.html"
    export_html([], sea_page, basemap=BasemapSpec(str(source)), view_bounds_wgs84=SEA)
    opened = open_page(sea_page)
    wait_for_tiles(opened)
    assert foreign_requests(opened) == [] and opened.aborted == []
    assert screenshot_colour(opened, (SEA[0] + SEA[2]) / 2, (SEA[1] + SEA[3]) / 2) == TILE
    assert "Test tiles" in opened.page.inner_text(".leaflet-control-attribution")
    forget_store(parse_spec(str(source)))


@pytest.mark.browser
def test_a_built_vector_basemap_is_drawn_into_the_page(qapp, tmp_path, open_page):  # noqa: F811
    extract = write_osm(tmp_path / "y.osm")
    built = tmp_path / "y.mbtiles"
    assert main(["basemap", "build", str(extract), "-o", str(built), "--max-zoom", "15"]) == 0
    bounds = (121.50, 31.283, 121.54, 31.312)
    out = tmp_path / "streets.html"
    report = export_html([], out, basemap=BasemapSpec(str(built)), view_bounds_wgs84=bounds)
    assert any("embedded for zooms" in note for note in report.notes)
    opened = open_page(out)
    wait_for_tiles(opened)
    assert opened.aborted == []
    park = sum(p[0] for p in PARK) / 4, sum(p[1] for p in PARK) / 4
    seen = screenshot_colour(opened, *park)
    want = QColor(vs.GREEN["park"])
    assert all(abs(a - b) < 12 for a, b in zip(seen.getRgb()[:3], want.getRgb()[:3], strict=True))
    forget_store(parse_spec(str(built)))


def test_the_size_budget_caps_the_embedded_zooms(qapp, tmp_path):
    source = write_mbtiles(
        tmp_path / "b.mbtiles", tiles_of(SEA, range(8, 17)), png_tile(TILE.name())
    )
    small = page_basemap(BasemapSpec(str(source)), SEA, budget_bytes=20_000)
    large = page_basemap(BasemapSpec(str(source)), SEA, budget_bytes=10_000_000)
    assert small.max_native_zoom < large.max_native_zoom == 16
    assert sum(len(uri) for uri in small.tiles.values()) * 3 / 4 < 20_000 * 1.05
    assert "20 kB budget" in small.note and "9.5 MB budget" in large.note
    forget_store(parse_spec(str(source)))


def test_an_online_basemap_stays_online(tmp_path):
    url = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"
    out = tmp_path / "online.html"
    report = export_html([], out, basemap=url)
    data = page_data(out)["basemap"]
    assert data["url"] == url and "tiles" not in data
    assert "img-src data: http://127.0.0.1:9" in out.read_text(encoding="utf-8")
    assert any("needs an internet connection" in note for note in report.notes)


def test_an_online_gcj02_basemap_is_refused_in_one_line(tmp_path, capsys):
    out = tmp_path / "x.html"
    code = main(
        ["export-html", str(out), "--basemap", "http://h/{z}/{x}/{y}.png", "--basemap-crs", "gcj02"]
    )
    assert code == 1
    err = capsys.readouterr().err.strip()
    assert "GCJ-02" in err and "\n" not in err
    assert not out.exists()
