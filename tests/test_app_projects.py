"""One window per project: opening replaces in place and lets the old layers go; unsaved
changes ask Save / Discard / Cancel; recent files and projects; the window's geometry."""

from __future__ import annotations

import gc
import json
import weakref

import pytest
from dialogs import press
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox
from test_main_window import write_geojson

from yangpu_gis.model.embedded import EMBEDDED_LAYERS
from yangpu_gis.model.project import Project
from yangpu_gis.ui.main_window import MainWindow

EMBEDDED_IDS = [spec.name for spec in EMBEDDED_LAYERS]


def ids(window) -> list[str]:
    return [layer.id for layer in window.project.layers]


def saved_project(tmp_path, name="review.ygis.json", hide="river") -> str:
    project = Project.with_embedded_map()
    project.update_layer(hide, visible=False)
    path = tmp_path / name
    project.save(path)
    return str(path)


def settle(qtbot, window) -> None:
    """Let a render started before finish on its worker: until then it holds a snapshot
    of the layers it was drawing, even once cancelled."""
    assert window.canvas.render_queue.wait(30_000)
    qtbot.wait(20)  # its last signal, which makes the queue forget it


def test_opening_a_project_replaces_the_content_of_the_same_window(qtbot, window, tmp_path):
    path = saved_project(tmp_path)
    project = window.project
    old = [weakref.ref(layer) for layer in window.project.layers]
    window.canvas.render_now()
    window.show_hits([])
    assert window.open_project(path)
    assert window.project is project and window.canvas.project is project
    assert window.project.layer("river").visible is False
    assert window.layers_panel.tree.layer_item("river").checkState(0).name == "Unchecked"
    assert window.windowTitle().startswith("review.ygis.json")
    settle(qtbot, window)
    gc.collect()
    assert all(ref() is None for ref in old)  # nothing of the window holds the old layers
    qtbot.waitUntil(lambda: window.view_restored)


def test_open_asks_about_unsaved_changes_and_cancel_keeps_everything(qtbot, window, tmp_path):
    path = saved_project(tmp_path)
    window.layer_edits.remove("districts")
    assert window.isWindowModified()
    seen: list = []
    press(QMessageBox.Cancel, seen)
    assert not window.open_project(path)
    assert seen and "Save the changes" in seen[0].text()
    assert "districts" not in ids(window)  # as it was, changes and all
    press(QMessageBox.Discard)
    assert window.open_project(path)
    assert ids(window) == EMBEDDED_IDS and not window.isWindowModified()
    assert not window.undo_action.isEnabled()  # a project opened: a fresh history


def test_save_in_the_prompt_saves_then_goes_on(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "mine.ygis.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.layer_edits.remove("districts")
    press(QMessageBox.Save)
    window.new_project_action.trigger()  # File > New project
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert [entry["id"] for entry in saved["layers"]] == EMBEDDED_IDS[1:]
    assert ids(window) == EMBEDDED_IDS  # and the new project is the embedded map
    assert window.project.path is None


def test_new_project_cancelled_changes_nothing(qtbot, window):
    window.layer_edits.rename("sites", "Mine")
    press(QMessageBox.Cancel)
    window.new_project_action.trigger()
    assert window.project.layer("sites").title == "Mine"


def test_quitting_a_changed_project_asks_and_cancel_keeps_the_window(qtbot, window, tmp_path):
    window.open_project(saved_project(tmp_path))
    window.layer_edits.remove("sites")
    press(QMessageBox.Cancel)
    assert not window.close()
    assert window.isVisible()
    press(QMessageBox.Discard)
    assert window.close()
    from yangpu_gis.ui.app import last_session

    project, _ = last_session()  # discarded: the session is the project as saved
    assert [layer.id for layer in project.layers] == EMBEDDED_IDS


def test_quitting_an_untitled_map_asks_nothing_and_the_session_keeps_it(qtbot, window):
    window.layer_edits.remove("sites")
    assert window.close()
    from yangpu_gis.ui.app import last_session

    project, _ = last_session()
    assert "sites" not in [layer.id for layer in project.layers]


def test_recent_files_and_projects_are_listed_and_a_missing_one_taken_off(qtbot, window, tmp_path):
    data = write_geojson(tmp_path / "survey.geojson")
    window.open_files([str(data)])
    qtbot.waitUntil(lambda: len(window.project.layers) == 5, timeout=10000)
    project_path = saved_project(tmp_path)
    press(QMessageBox.Discard)  # the added file is an unsaved change: asked about
    assert window.open_project(project_path)
    menu = window.recent_files_menu
    menu.aboutToShow.emit()
    assert [a.toolTip() for a in menu.actions()] == [str(data)]
    window.recent_projects_menu.aboutToShow.emit()
    assert [a.toolTip() for a in window.recent_projects_menu.actions()] == [project_path]
    menu.actions()[0].trigger()  # open it again from the menu
    qtbot.waitUntil(lambda: len(window.project.layers) == 5, timeout=10000)
    data.unlink()
    menu.aboutToShow.emit()
    menu.actions()[0].trigger()
    assert "survey.geojson is no longer there" in window.message_bar.text
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()] == ["No recent files"]
    window.layer_edits.stack.setClean()  # the file added again: nothing to ask at the end


def test_the_recent_list_is_capped(qtbot, window, tmp_path):
    from yangpu_gis.ui.recent_files import RECENT_LIMIT

    for i in range(RECENT_LIMIT + 3):
        window.projects.recent_projects.add(tmp_path / f"p{i}.ygis.json")
    paths = window.projects.recent_projects.paths()
    assert len(paths) == RECENT_LIMIT and paths[0].endswith(f"p{RECENT_LIMIT + 2}.ygis.json")


def test_the_window_remembers_its_geometry_and_docks(qtbot, window):
    window.resize(window.width(), 700)  # the app's own first size is 1400x880
    window.table_dock.show()
    qtbot.wait(50)
    assert window.close()
    assert isinstance(QSettings().value("window/geometry"), QByteArray)
    again = MainWindow(Project.with_embedded_map())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    # (restoring fits the window to the screen, which is narrow in the test display)
    assert again.height() == 700
    assert again.table_dock.isVisible()


# --- damaged sessions and projects ----------------------------------------------------------


DAMAGED = {
    "deep": "[" * 50_000 + "]" * 50_000,
    "truncated": '{"format": "yangpu-gis-project", "layers": [',
    "not json": "\x00\x01 binary",
    "wrong types": json.dumps(
        {
            "format": "yangpu-gis-project",
            "version": 1,
            "layers": [
                {"id": ["x"], "source": "embedded:districts"},
                {"title": 123, "source": "embedded:river"},
                {"visible": "false", "source": "embedded:sites"},
            ],
        }
    ),
}


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_last_session_starts_the_app_on_the_embedded_map(qtbot, damage):
    from yangpu_gis.model.user_data import session_path
    from yangpu_gis.ui.app import start_window

    path = session_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DAMAGED[damage], encoding="utf-8")
    window = start_window()
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    text = window.message_bar.text
    assert path.name in text
    kept = list(path.parent.glob(f"{path.name}.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == DAMAGED[damage]
    assert kept[0].name in text
    if damage == "wrong types":
        assert "“id”" in text and "“title”" in text and "“visible”" in text
        assert ids(window) == []  # every entry was damaged
    else:
        assert ids(window) == EMBEDDED_IDS
    assert window.close()
    # the next start reads the session written on quitting; the damaged copy stays
    assert list(path.parent.glob(f"{path.name}.damaged-*")) == kept


def test_a_last_session_over_hundreds_of_missing_files_shows_a_few_lines_at_start(
    qtbot, tmp_path, caplog
):
    from yangpu_gis.model.user_data import session_path
    from yangpu_gis.ui.app import start_window

    path = session_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    layers = [{"id": f"gone{n}", "source": str(tmp_path / f"gone{n}.geojson")} for n in range(150)]
    doc = {"format": "yangpu-gis-project", "version": 1, "layers": layers}
    path.write_text(json.dumps(doc), encoding="utf-8")
    window = start_window()
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    parts = window.message_bar.text.split("; ")
    assert len(parts) == 6, parts
    assert all("gone" in part for part in parts[:5])
    assert parts[5] == "and 145 more, listed in the log"
    logged = [r.getMessage() for r in caplog.records if ".geojson" in r.getMessage()]
    assert len(logged) == 150
    assert window.close()


@pytest.mark.parametrize("damage", DAMAGED)
def test_open_project_on_a_damaged_file_reports_it_in_the_message_bar(
    qtbot, window, tmp_path, monkeypatch, damage
):
    path = tmp_path / "damaged.ygis.json"
    path.write_text(DAMAGED[damage], encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.open_project_action.trigger()  # File > Open project…: the slot never raises
    assert "damaged.ygis.json" in window.message_bar.text
    assert path.read_text(encoding="utf-8") == DAMAGED[damage]
    if damage != "wrong types":
        assert ids(window) == EMBEDDED_IDS  # the map as it was


# --- memory -----------------------------------------------------------------------------------


def rss_mb() -> float:
    import ctypes
    import os

    gc.collect()
    try:  # give freed memory back to the system, so RSS shows what is still held
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass
    with open("/proc/self/statm") as file:
        return int(file.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not __import__("os").path.exists("/proc/self/statm"), reason="Linux only")
def test_opening_a_project_five_times_gives_the_old_layers_memory_back(qtbot, window, tmp_path):
    import geopandas as gpd
    import numpy as np
    import shapely

    count = 100_000
    x = 121.45 + (np.arange(count) % 400) * 0.0003
    y = 31.24 + (np.arange(count) // 400) * 0.0004
    frame = gpd.GeoDataFrame(
        {"name": [f"parcel {i}" for i in range(count)]},
        geometry=shapely.box(x, y, x + 0.0002, y + 0.0003),
        crs="EPSG:4326",
    )
    data = tmp_path / "parcels.gpkg"
    frame.to_file(data, engine="pyogrio")
    del frame
    project = Project.with_embedded_map()
    window.projects.replace_with(project)  # start from a known state
    loaded, _ = Project.load(saved_project(tmp_path))
    doc = loaded.to_dict()
    doc["layers"].append({"id": "parcels", "title": "Parcels", "kind": "user", "source": str(data)})
    path = tmp_path / "big.ygis.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    before = rss_mb()
    sizes, held = [], []
    for _ in range(5):
        assert window.open_project(str(path))
        window.canvas.render_now()  # drawn, so display data and caches exist
        settle(qtbot, window)
        held.append(weakref.ref(window.project.layer("parcels")))
        sizes.append(rss_mb())
    gc.collect()
    assert [ref() is None for ref in held] == [True] * 4 + [False]
    one_layer = sizes[0] - before
    growth = sizes[-1] - sizes[0]
    print(f"RSS: before {before:.0f} MB, after each open {[round(s) for s in sizes]} MB")
    # Stacking windows grew by about one layer per open; in place it stays level.
    assert growth < max(0.5 * one_layer, 25.0), (before, sizes)
