"""The Basemap menu in the app, against real tile files and a real tile server on 127.0.0.1:
tiles come in on workers while the window keeps answering, lower zooms stand in while the
right ones load, failures are reported, and the choice is kept with the session."""

from __future__ import annotations

import pytest
from basemap_fixtures import TileServer, png_tile, tiles_of, write_mbtiles
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialogButtonBox, QSlider

from yangpu_gis.model.basemap import tilemath
from yangpu_gis.model.basemap.spec import BasemapSpec, parse_spec
from yangpu_gis.render.tile_store import forget_store, store_for
from yangpu_gis.render.tiles import basemap_zoom
from yangpu_gis.ui.basemap_menu import BasemapUrlDialog

TILE = QColor("#2a7f62")
# Out at sea east of Shanghai: no layer of the map covers it, so the canvas shows the tiles.
SEA = (122.30, 31.00, 122.34, 31.02)


@pytest.fixture
def server():
    srv = TileServer(lambda z, x, y: png_tile(TILE.name()))
    yield srv
    forget_store(parse_spec(srv.template))
    srv.close()


def tile_at(lon, lat, z):
    mx, my = tilemath.lonlat_to_mercator(lon, lat)
    size = tilemath.tile_metres(z)
    return int((mx + tilemath.ORIGIN) // size), int((tilemath.ORIGIN - my) // size)


def centre_colour(window) -> QColor | None:
    image = window.canvas.image
    if image is None:  # nothing drawn yet
        return None
    return QColor(image.pixel(image.width() // 2, image.height() // 2))


def test_nothing_is_fetched_until_an_online_basemap_is_switched_on(qtbot, window, server):
    window.canvas.zoom_to_wgs84(SEA)
    try:
        qtbot.waitUntil(
            lambda: not window.canvas.busy and window.canvas.image is not None, timeout=15000
        )
    except Exception:
        raise AssertionError(
            f"busy={window.canvas.busy} image={window.canvas.image} "
            f"error={window.canvas._render_error} jobs={window.canvas.render_queue._jobs}"
        ) from None
    qtbot.wait(300)
    assert server.count == 0
    menu = window.basemaps.menu
    assert menu.title().replace("&", "") == "Basemap"
    assert [a.text() for a in menu.actions() if a.isCheckable() and a.isChecked()] == ["&None"]


def test_an_online_url_typed_in_the_dialog_draws_its_tiles_as_they_arrive(qtbot, window, server):
    window.canvas.zoom_to_wgs84(SEA)
    server.mode, server.delay = "slow", 0.6
    dialog = BasemapUrlDialog(window)
    qtbot.keyClicks(dialog.url_edit, "http://127.0.0.1/no-placeholders.png")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    assert "{z}" in dialog.error_label.text() and dialog.spec is None  # refused, dialog stays
    dialog.url_edit.clear()
    qtbot.keyClicks(dialog.url_edit, server.template)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    assert dialog.spec == parse_spec(server.template)
    assert window.basemaps.set_basemap(dialog.spec)
    # The first frame is drawn without waiting for the slow server...
    qtbot.waitUntil(lambda: not window.canvas.busy, timeout=5000)
    assert centre_colour(window) != TILE
    # ...and the tiles show as they arrive.
    qtbot.waitUntil(lambda: centre_colour(window) == TILE, timeout=10000)
    assert server.count > 0
    assert window.basemaps.watcher.redraws >= 1
    assert window.project.layers[0].kind == "basemap"


def test_lower_zoom_tiles_stand_in_while_the_closer_ones_load(qtbot, window, server):
    window.canvas.zoom_to_wgs84(SEA)
    window.basemaps.set_basemap(parse_spec(server.template))
    qtbot.waitUntil(lambda: centre_colour(window) == TILE, timeout=10000)
    server.mode, server.delay = "slow", 3.0
    before = server.count
    window.canvas.set_viewport(window.canvas.viewport.zoomed(4.0))
    qtbot.waitUntil(lambda: not window.canvas.busy, timeout=5000)
    # The closer tiles are asked for but not there yet: the scaled-up lower zoom shows.
    store = store_for(parse_spec(server.template))
    vp = window.canvas.viewport
    z = basemap_zoom(store, vp)
    x, y = tile_at(*vp.pixel_to_wgs84(vp.width / 2, vp.height / 2), z)
    assert store.cached((z, x, y, 0)) is False
    assert centre_colour(window) == TILE
    qtbot.waitUntil(lambda: server.count > before, timeout=5000)


def test_a_failing_server_is_said_in_the_message_bar(qtbot, window, server):
    window.canvas.zoom_to_wgs84(SEA)
    server.mode = "error"
    window.basemaps.set_basemap(parse_spec(server.template))
    qtbot.waitUntil(lambda: "500" in window.message_bar.text, timeout=10000)
    assert "Basemap" in window.message_bar.text


def test_a_file_basemap_its_opacity_and_the_session(qtbot, window, tmp_path):
    from yangpu_gis.ui.app import last_session

    source = write_mbtiles(
        tmp_path / "city.mbtiles", tiles_of(SEA, range(10, 15)), png_tile(TILE.name())
    )
    window.canvas.zoom_to_wgs84(SEA)
    assert window.basemaps.set_basemap(BasemapSpec(str(source)))
    qtbot.waitUntil(lambda: centre_colour(window) == TILE, timeout=10000)
    menu = window.basemaps.menu
    menu.aboutToShow.emit()
    slider = menu.findChild(QSlider, "basemap_opacity")
    slider.setValue(40)
    assert window.project.layers[0].opacity == pytest.approx(0.4)
    qtbot.waitUntil(lambda: centre_colour(window) != TILE, timeout=5000)
    recent = menu.findChild(type(menu), "basemap_recent")
    assert [a.toolTip() for a in recent.actions()] == [str(source)]
    window.close()
    project, warnings = last_session()
    assert warnings == []
    layer = project.layers[0]
    assert layer.kind == "basemap" and layer.opacity == pytest.approx(0.4)
    assert layer.info["basemap"] == BasemapSpec(str(source))


def test_a_broken_file_is_refused_with_a_message_and_the_map_kept(qtbot, window, tmp_path):
    bad = tmp_path / "broken.mbtiles"
    bad.write_bytes(b"garbage" * 100)
    layers = [layer.id for layer in window.project.layers]
    assert not window.basemaps.set_basemap(BasemapSpec(str(bad)))
    assert "broken.mbtiles" in window.message_bar.text
    assert [layer.id for layer in window.project.layers] == layers


def test_choosing_none_in_the_menu_removes_the_basemap(qtbot, window, tmp_path):
    source = write_mbtiles(tmp_path / "c.mbtiles", tiles_of(SEA, range(12, 13)))
    window.basemaps.set_basemap(BasemapSpec(str(source)))
    menu = window.basemaps.menu
    menu.aboutToShow.emit()
    none = next(a for a in menu.actions() if a.objectName() == "basemap_none")
    QTimer.singleShot(0, none.trigger)
    qtbot.waitUntil(lambda: all(layer.kind != "basemap" for layer in window.project.layers))


def test_the_basemap_in_the_layers_panel_offers_its_opacity_only(qtbot, window, tmp_path):
    source = write_mbtiles(tmp_path / "c.mbtiles", tiles_of(SEA, range(12, 13)))
    window.basemaps.set_basemap(BasemapSpec(str(source)))
    panel = window.layers_panel
    layer = window.project.layers[0]
    panel.select_layer(layer.id)
    editor = panel.editor
    assert not panel.zoom_button.isEnabled() and not panel.table_button.isEnabled()
    assert not editor.fill_button.isEnabled() and not editor.category_combo.isEnabled()
    editor.opacity_slider.setValue(55)
    assert window.project.layers[0].opacity == 0.55
    # A vector layer chosen next has its style controls back.
    panel.select_layer("districts")
    assert editor.fill_button.isEnabled() and panel.zoom_button.isEnabled()


def test_a_slow_server_is_said_while_its_tiles_are_awaited(qtbot, window, server, monkeypatch):
    from yangpu_gis.ui import basemap_watcher

    monkeypatch.setattr(basemap_watcher, "SLOW_S", 0.5)
    window.canvas.zoom_to_wgs84(SEA)
    server.mode, server.delay = "slow", 4.0
    window.basemaps.set_basemap(parse_spec(server.template))
    qtbot.waitUntil(lambda: "server is slow" in window.message_bar.text, timeout=5000)
    assert "tiles still loading" in window.message_bar.text


def test_a_recent_basemap_comes_back_from_the_menu(qtbot, window, tmp_path):
    source = write_mbtiles(
        tmp_path / "city.mbtiles", tiles_of(SEA, range(10, 15)), png_tile(TILE.name())
    )
    assert window.basemaps.set_basemap(BasemapSpec(str(source)))
    window.basemaps.set_basemap(None)  # taken off
    assert window.basemaps.current() is None
    menu = window.basemaps.menu
    menu.aboutToShow.emit()
    [entry] = menu.findChild(type(menu), "basemap_recent").actions()
    entry.trigger()
    assert window.basemaps.current().info["basemap"] == BasemapSpec(str(source))
