"""The desktop app as a planner uses it: click a site, search, open files, save and reopen."""

import json

import pytest
import shapely
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from yangpu_gis.model.facts import geometry_figures
from yangpu_gis.model.project import Project
from yangpu_gis.ui.main_window import MainWindow


def site_geometry(project, site_id):
    layer = project.layer("sites")
    row = list(layer.data["id"]).index(site_id)
    return row, layer.data.geometry.iloc[row]


def pixel_of(canvas, lon, lat) -> QPoint:
    x, y = canvas.viewport.wgs84_to_pixel(lon, lat)
    return QPoint(round(x), round(y))


def test_opens_on_the_whole_of_yangpu(window):
    yangpu = window.project.layer("districts").data
    bounds = yangpu[yangpu["adcode"] == "310110"].total_bounds
    x0, y0, x1, y1 = window.canvas.viewport.extent_wgs84
    assert x0 <= bounds[0] and y0 <= bounds[1] and x1 >= bounds[2] and y1 >= bounds[3]
    # and not zoomed far out: Yangpu fills a good part of the view
    assert (bounds[2] - bounds[0]) / (x1 - x0) > 0.4 or (bounds[3] - bounds[1]) / (y1 - y0) > 0.4


def test_clicking_the_228_block_shows_its_facts_with_computed_area(qtbot, window):
    row, geometry = site_geometry(window.project, "changbai-228")
    point = geometry.representative_point()
    window.canvas.zoom_to_wgs84(geometry.buffer(0.01).bounds)
    window.canvas.render_now()
    qtbot.mouseClick(window.canvas, Qt.LeftButton, pos=pixel_of(window.canvas, point.x, point.y))
    panel = window.facts_panel
    qtbot.waitUntil(lambda: panel.current_hit is not None)
    assert panel.current_hit.layer.id == "sites"
    assert panel.current_hit.row == row
    text = panel.facts_text()
    assert "Changbai 228 Street Block" in text and "长白228街坊" in text
    area = next(f for f in geometry_figures(geometry) if f.id == "area")
    assert f"{area.value:,.2f}" in text and "ha" in text
    assert window.facts_dock.isVisible()
    assert window.project.selection is not None and window.project.selection.rows == (row,)


def test_searching_chinese_name_zooms_to_the_knowledge_innovative_community(qtbot, window):
    row, geometry = site_geometry(window.project, "kic")
    before = window.canvas.viewport.scale
    box = window.search_box
    box.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("创智")
    QApplication.sendEvent(box, event)
    qtbot.keyClick(box.completer_popup, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.facts_panel.current_hit is not None)
    assert window.facts_panel.current_hit.row == row
    x0, y0, x1, y1 = window.canvas.viewport.extent_wgs84
    kx0, ky0, kx1, ky1 = geometry.bounds
    assert x0 <= kx0 and y0 <= ky0 and x1 >= kx1 and y1 >= ky1
    assert window.canvas.viewport.scale < before / 4  # zoomed in on it, not left at the district


def write_geojson(path, name="Survey point", lon=121.52, lat=31.28):
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": name},
                        "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


def test_opening_a_file_adds_a_layer_off_the_ui_thread(qtbot, window, tmp_path):
    count = len(window.project.layers)
    window.open_files([str(write_geojson(tmp_path / "survey.geojson"))])
    qtbot.waitUntil(lambda: len(window.project.layers) == count + 1, timeout=10000)
    assert window.project.layers[-1].title == "survey"


@pytest.mark.parametrize(
    "content",
    [
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geom',  # truncated
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # an image named .geojson
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
        b'"geometry": {"type": "Point", "coordinates": [451234.5, 3462345.1]}}]}',  # metres
    ],
)
def test_a_bad_file_gives_a_message_and_the_map_keeps_working(
    qtbot, window, tmp_path, monkeypatch, content
):
    from yangpu_gis.ui import crs_dialog

    # Asked for a CRS, the planner cancels: the file must then be reported, not drawn.
    monkeypatch.setattr(crs_dialog, "ask_crs", lambda *a, **k: None)
    bad = tmp_path / "bad.geojson"
    bad.write_bytes(content)
    before = [layer.id for layer in window.project.layers]
    window.open_files([str(bad)])
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=10000)
    assert "bad.geojson" in window.message_bar.text
    assert "Traceback" not in window.message_bar.text
    assert [layer.id for layer in window.project.layers] == before
    # the map still answers a click
    _, geometry = site_geometry(window.project, "kic")
    point = geometry.representative_point()
    hits = window.canvas.identify_at(QPointF(pixel_of(window.canvas, point.x, point.y)))
    assert hits and hits[0].name == "Knowledge Innovative Community"


def test_dropping_a_file_on_the_window_opens_it(qtbot, window, tmp_path):
    path = write_geojson(tmp_path / "dropped.geojson")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    count = len(window.project.layers)
    event = QDropEvent(QPointF(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: len(window.project.layers) == count + 1, timeout=10000)


def test_project_round_trip_save_quit_reopen(qtbot, window, tmp_path):
    path = write_geojson(tmp_path / "planner.geojson", name="会议地点")
    window.open_files([str(path)])
    qtbot.waitUntil(lambda: len(window.project.layers) == 5, timeout=10000)
    user_layer = window.project.layers[-1]
    window.project.update_layer(
        user_layer.id, style=user_layer.style.with_(fill="#123456", stroke_width=2.5)
    )
    window.project.update_layer("river", visible=False, opacity=0.5)
    window.project.move_layer("sites", 0)
    window.table_dock.show()
    qtbot.wait(100)  # let the docks settle, so the view saved is the one on screen
    _, kic = site_geometry(window.project, "kic")
    window.canvas.zoom_to_wgs84(kic.buffer(0.005).bounds)
    view = window.canvas.viewport.extent_wgs84
    project_file = tmp_path / "review.ygis.json"
    assert window._save_to(project_file)
    saved = [
        (layer.id, layer.title, layer.visible, layer.opacity, layer.style)
        for layer in window.project.layers
    ]
    window.close()

    reopened = MainWindow()
    qtbot.addWidget(reopened)
    reopened.resize(window.size())
    reopened.show()
    qtbot.waitExposed(reopened)
    assert reopened.open_project(str(project_file))
    new = reopened  # the project opens in the same window
    assert [
        (layer.id, layer.title, layer.visible, layer.opacity, layer.style)
        for layer in new.project.layers
    ] == saved
    qtbot.waitUntil(lambda: new.view_restored)
    got = new.canvas.viewport.extent_wgs84
    # the reopened view shows the saved view (the window keeps its aspect ratio)
    assert shapely.box(*got).contains(shapely.box(*view).buffer(-1e-6))
    assert shapely.box(*view).area / shapely.box(*got).area > 0.9
    assert new.table_dock.isVisible()


def test_closing_remembers_the_session_and_the_next_start_restores_it(qtbot, window):
    from yangpu_gis.ui.app import last_session

    window.project.update_layer("riverside", visible=False)
    window.close()
    project, warnings = last_session()
    assert warnings == []
    assert [layer.id for layer in project.layers] == [layer.id for layer in window.project.layers]
    assert project.layer("riverside").visible is False
    assert project.path is None


def test_a_missing_file_in_a_project_is_reported_and_the_rest_kept(qtbot, window, tmp_path):
    path = write_geojson(tmp_path / "temporary.geojson")
    window.open_files([str(path)])
    qtbot.waitUntil(lambda: len(window.project.layers) == 5, timeout=10000)
    project_file = tmp_path / "p.ygis.json"
    assert window._save_to(project_file)
    path.unlink()
    project, report = Project.load(project_file)
    assert [layer.id for layer in project.layers] == ["districts", "river", "riverside", "sites"]
    assert any("temporary" in w for w in report.warnings)


def test_settings_written_by_a_test_stay_in_its_own_folder(window, tmp_path):
    from PySide6.QtCore import QSettings

    window._remember_dir(str(tmp_path / "somewhere" / "file.gpkg"))
    settings = QSettings()
    settings.sync()
    assert settings.fileName().startswith(str(tmp_path / "settings"))
    assert window._last_dir() == str(tmp_path / "somewhere")
    assert (tmp_path / "settings").exists()


def test_the_open_dialog_lists_every_format_the_readers_know(window):
    from yangpu_gis.model.file_formats import FORMATS

    patterns = window.open_queue.open_filter().split(";;")[0]
    listed = set(patterns[patterns.index("(") + 1 : patterns.index(")")].split())
    assert {"*.tab", "*.mif", "*.gpx", "*.gml", "*.geoparquet"} <= listed
    assert listed == {f"*{suffix}" for suffix in FORMATS}
