"""Basemaps from files the tests write (MBTiles, PMTiles, GeoPackage tiles, XYZ folders),
drawn under the vector layers by `render` and saved with the project."""

from __future__ import annotations

import sqlite3

import pytest
from basemap_fixtures import (
    YANGPU_BOX,
    png_tile,
    tiles_of,
    write_mbtiles,
    write_pmtiles,
    write_xyz_folder,
)
from PySide6.QtGui import QColor, QImage

from yangpu_gis.cli import main
from yangpu_gis.model.basemap import tilemath
from yangpu_gis.model.basemap.layer import basemap_layer
from yangpu_gis.model.basemap.readers import open_reader
from yangpu_gis.model.basemap.spec import BasemapError, BasemapSpec, parse_spec
from yangpu_gis.model.embedded import load_embedded_layers
from yangpu_gis.model.project import Project
from yangpu_gis.render.map_image import render_map_image
from yangpu_gis.render.renderer import Renderer
from yangpu_gis.render.snapshot import snapshot_layers
from yangpu_gis.render.viewport import Viewport

# A corner of Yangpu with no vector feature over it, far from labels: (lon, lat).
OPEN_SPOT = (121.553, 31.333)


def zoom_tiles(z):
    return tiles_of(YANGPU_BOX, range(z, z + 1))


def per_tile_colour(z, x, y):
    """Each tile's colour says which tile it is, so misplaced tiles show."""
    return png_tile(f"#{(x * 37) % 256:02x}{(y * 53) % 256:02x}{(z * 17) % 256:02x}")


def expected_colour(lon, lat, z):
    x, y = lonlat_tile(lon, lat, z)
    return QColor(f"#{(x * 37) % 256:02x}{(y * 53) % 256:02x}{(z * 17) % 256:02x}")


def lonlat_tile(lon, lat, z):
    mx, my = tilemath.lonlat_to_mercator(lon, lat)
    size = tilemath.tile_metres(z)
    return int((mx + tilemath.ORIGIN) // size), int((tilemath.ORIGIN - my) // size)


def write_gpkg_tiles(path, tiles, data):
    """A GeoPackage tile pyramid on the Web Mercator grid, tables as the standard defines."""
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY,
          organization TEXT, organization_coordsys_id INTEGER, definition TEXT,
          description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT,
          identifier TEXT, description TEXT, last_change TEXT, min_x REAL, min_y REAL,
          max_x REAL, max_y REAL, srs_id INTEGER);
        CREATE TABLE gpkg_tile_matrix_set (table_name TEXT PRIMARY KEY, srs_id INTEGER,
          min_x REAL, min_y REAL, max_x REAL, max_y REAL);
        CREATE TABLE gpkg_tile_matrix (table_name TEXT, zoom_level INTEGER,
          matrix_width INTEGER, matrix_height INTEGER, tile_width INTEGER,
          tile_height INTEGER, pixel_x_size REAL, pixel_y_size REAL);
        CREATE TABLE streets (id INTEGER PRIMARY KEY, zoom_level INTEGER,
          tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
        """
    )
    o = tilemath.ORIGIN
    db.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 / Pseudo-Mercator', 3857, "
        "'EPSG', 3857, '', '')"
    )
    db.execute(
        "INSERT INTO gpkg_contents VALUES ('streets', 'tiles', 'Streets', "
        "'GeoPackage test ©', '', ?, ?, ?, ?, 3857)",
        (-o, -o, o, o),
    )
    db.execute(
        "INSERT INTO gpkg_tile_matrix_set VALUES ('streets', 3857, ?, ?, ?, ?)", (-o, -o, o, o)
    )
    for z in sorted({t[0] for t in tiles}):
        res = tilemath.resolution(z)
        db.execute(
            "INSERT INTO gpkg_tile_matrix VALUES ('streets', ?, ?, ?, 256, 256, ?, ?)",
            (z, 1 << z, 1 << z, res, res),
        )
    db.executemany(
        "INSERT INTO streets (zoom_level, tile_column, tile_row, tile_data) VALUES (?,?,?,?)",
        [(z, x, y, data(z, x, y)) for z, x, y in tiles],
    )
    db.commit()
    db.close()
    return path


WRITERS = {
    "mbtiles": lambda tmp, tiles: write_mbtiles(tmp / "b.mbtiles", tiles, per_tile_colour),
    "pmtiles": lambda tmp, tiles: write_pmtiles(tmp / "b.pmtiles", tiles, per_tile_colour),
    "gpkg": lambda tmp, tiles: write_gpkg_tiles(tmp / "b.gpkg", tiles, per_tile_colour),
    "folder": lambda tmp, tiles: write_xyz_folder(tmp / "xyz", tiles, per_tile_colour),
}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_each_file_source_draws_its_tiles_in_place(qapp, tmp_path, kind):
    source = WRITERS[kind](tmp_path, zoom_tiles(14))
    spec = parse_spec(str(source))
    assert spec.kind == kind
    vp = Viewport.fit_wgs84((121.545, 31.325, 121.56, 31.34), 600, 600)
    assert tilemath.zoom_for_scale(vp.scale) >= 14  # tiles of zoom 14 drawn (or scaled up)
    image = render_map_image([basemap_layer(spec)], (600, 600), viewport=vp, decorations=False)
    for lon, lat in [OPEN_SPOT, (121.548, 31.328), (121.557, 31.338)]:
        px, py = vp.wgs84_to_pixel(lon, lat)
        assert QColor(image.pixel(int(px), int(py))) == expected_colour(lon, lat, 14), (lon, lat)


def test_reader_metadata(qapp, tmp_path):
    mb = open_reader(parse_spec(str(WRITERS["mbtiles"](tmp_path, zoom_tiles(12)))))
    assert (mb.info.min_zoom, mb.info.max_zoom, mb.info.tile_format) == (12, 12, "png")
    assert mb.info.attribution == "Test tiles ©"
    pm = open_reader(parse_spec(str(WRITERS["pmtiles"](tmp_path, zoom_tiles(12)))))
    assert pm.info.attribution == "PMTiles test ©"
    z, x, y = zoom_tiles(12)[0]
    assert QImage.fromData(pm.tile(z, x, y)).width() == 256
    assert pm.tile(12, 0, 0) is None  # outside what the file holds


def test_cli_render_draws_the_basemap_under_the_districts_with_attribution(qapp, tmp_path):
    source = write_mbtiles(tmp_path / "city.mbtiles", zoom_tiles(13), per_tile_colour)
    out = tmp_path / "map.png"
    assert main(["render", str(out), "--basemap", str(source), "--size", "800x600"]) == 0
    image = QImage(str(out))
    vp = Viewport.fit_wgs84((121.478, 31.240, 121.577, 31.352), 800, 600, 0.0)
    px, py = vp.wgs84_to_pixel(*OPEN_SPOT)
    seen = QColor(image.pixel(int(px), int(py)))
    want = expected_colour(*OPEN_SPOT, 13)
    # The district's fill is thinned over a basemap: the tile's colour shows through.
    assert (
        max(
            abs(seen.red() - want.red()),
            abs(seen.green() - want.green()),
            abs(seen.blue() - want.blue()),
        )
        < 64
    )
    # The attribution box sits in the bottom-right corner: pale, with dark text.
    corner = [QColor(image.pixel(x, y)) for x in range(700, 799) for y in range(586, 599)]
    assert any(c.lightness() > 200 for c in corner) and any(c.lightness() < 120 for c in corner)


def test_cli_render_refuses_a_bad_basemap_in_one_line(qapp, tmp_path, capsys):
    out = tmp_path / "map.png"
    bad = tmp_path / "bad.mbtiles"
    bad.write_text("not a database")
    for source in (str(tmp_path / "missing.mbtiles"), str(bad), "https://example.org/tiles"):
        assert main(["render", str(out), "--basemap", source]) == 1
        err = capsys.readouterr().err.strip()
        assert err.startswith("yangpu-gis: ") and "\n" not in err
    assert not out.exists()
    assert main(["render", str(out), "--basemap-crs", "gcj02"]) == 1


def test_district_fills_are_thinned_over_a_basemap(qapp, tmp_path):
    source = write_mbtiles(tmp_path / "city.mbtiles", zoom_tiles(13))
    layers = load_embedded_layers()
    plain = {s.id: s.style.fill_opacity for s in snapshot_layers(layers).layers}
    over = snapshot_layers([basemap_layer(parse_spec(str(source))), *layers])
    district = next(s for s in over.layers if s.kind == "district")
    assert district.style.fill_opacity <= 0.12 < plain[district.id]


def test_basemap_is_saved_with_the_project(qapp, tmp_path):
    source = write_mbtiles(tmp_path / "city.mbtiles", zoom_tiles(13))
    project = Project(load_embedded_layers())
    layer = basemap_layer(BasemapSpec(str(source), "gcj02"), opacity=0.5)
    project.add_layer(layer, 0)
    path = tmp_path / "p.ygis.json"
    project.save(path)
    loaded, report = Project.load(path)
    assert not report.warnings
    again = loaded.layers[0]
    assert again.kind == "basemap" and again.opacity == 0.5
    assert again.info["basemap"] == BasemapSpec(str(source), "gcj02")


def test_a_missing_basemap_file_is_kept_in_the_project_and_drawn_empty(qapp, tmp_path):
    spec = BasemapSpec(str(tmp_path / "gone.mbtiles"))
    renderer = Renderer()
    layers = [basemap_layer(spec), *load_embedded_layers()]
    image = render_map_image(layers, (300, 200), renderer=renderer)
    assert not image.isNull()
    assert "no such basemap file" in next(iter(renderer.basemap_notes.values()))


def test_unusable_specs_are_refused():
    with pytest.raises(BasemapError):
        parse_spec("http://example.org/{z}/{x}.png")
    with pytest.raises(BasemapError):
        BasemapSpec("osm", "bd09")
