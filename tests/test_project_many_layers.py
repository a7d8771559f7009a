"""A project of many layer entries opens quickly and in bounded memory: each distinct
source is read once and its layers share the read data (each keeps its own id, title,
style and visibility); past project_format.MAX_LAYERS the entries are kept in the file,
unopened, saved back as they were, and the planner is told. (1,000 entries over one small
GeoJSON took 6.4 s, each re-reading its file; 10,000 took the app past 4 GB.)"""

from __future__ import annotations

import json
import os
import time

import numpy as np
import pytest
from fresh_process import run_fresh
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog
from test_panels_layers import check_indicator_centre

from yangpu_gis.model import project_format
from yangpu_gis.model.project import Project
from yangpu_gis.model.style import Style

ENTRIES = 10_000
MAX_GAP_S = 0.5  # as tests/test_app_large_file.py: no freeze a planner would notice
FRESH = "YANGPU_GIS_FRESH_PROJECT_MEMORY_TEST"
in_a_fresh_process = pytest.mark.skipif(
    os.environ.get(FRESH) != "1", reason="run by test_memory_in_a_fresh_process"
)
not_in_the_fresh_process = pytest.mark.skipif(
    os.environ.get(FRESH) == "1", reason="this is the fresh process"
)


def write_parcels(path, count: int = 20) -> str:
    features = [
        {
            "type": "Feature",
            "properties": {"name": f"Parcel {i}"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [
                        [121.50 + i * 0.001, 31.30],
                        [121.5005 + i * 0.001, 31.30],
                        [121.5005 + i * 0.001, 31.3005],
                        [121.50 + i * 0.001, 31.30],
                    ]
                ],
            },
        }
        for i in range(count)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return str(path)


def entry(number: int, source: str, **more) -> dict:
    return {
        "id": f"parcels-{number}",
        "title": f"Parcels {number}",
        "kind": "user",
        "source": source,
        "visible": number % 2 == 0,
        **more,
    }


def write_project(path, layers) -> str:
    doc = {"format": "yangpu-gis-project", "version": 1, "layers": layers}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def many_entries(tmp_path, count: int = ENTRIES) -> tuple[str, list[dict]]:
    source = write_parcels(tmp_path / "parcels.geojson")
    layers = [entry(i, source) for i in range(count)]
    return write_project(tmp_path / "many.ygis.json", layers), layers


# --- one read per source ----------------------------------------------------------------------


@not_in_the_fresh_process
def test_entries_naming_one_file_share_its_read_data_and_keep_their_own_looks(tmp_path):
    parcels = write_parcels(tmp_path / "parcels.geojson")
    roads = write_parcels(tmp_path / "roads.geojson", count=3)
    red = Style(fill="#ff0000").to_dict()
    path = write_project(
        tmp_path / "views.ygis.json",
        [
            entry(0, parcels),
            entry(1, parcels, style=red, opacity=0.5, from_a_newer_version={"kept": True}),
            entry(2, roads),
            entry(3, parcels),
        ],
    )
    project, report = Project.load(path)
    assert report.warnings == []
    first, second, roads_layer, fourth = project.layers
    # one read, one copy of the features and of what drawing and picking build from them
    assert first.display is second.display is fourth.display
    assert first.geometries is second.geometries is fourth.geometries
    assert roads_layer.display is not first.display and roads_layer.feature_count == 3
    # each entry its own layer: id, title, visibility, opacity, style
    assert [layer.id for layer in project.layers] == [f"parcels-{i}" for i in range(4)]
    assert [layer.title for layer in project.layers] == [f"Parcels {i}" for i in range(4)]
    assert [layer.visible for layer in project.layers] == [True, False, True, False]
    assert (first.opacity, second.opacity) == (1.0, 0.5)
    assert first.style == fourth.style != second.style == Style.from_dict(red)
    project.update_layer("parcels-3", style=Style(fill="#00ff00"), visible=True)
    assert first.style != fourth.style and first.visible and not second.visible
    assert first.features_at(*first.display.bounds[4][:2], 1.0).tolist() == [4]
    # what a newer version wrote on one entry stays on that entry alone
    project.save(tmp_path / "saved.ygis.json")
    saved = json.loads((tmp_path / "saved.ygis.json").read_text(encoding="utf-8"))["layers"]
    assert [("from_a_newer_version" in layer) for layer in saved] == [False, True, False, False]


@not_in_the_fresh_process
def test_entries_naming_a_missing_file_are_each_reported(tmp_path):
    gone = str(tmp_path / "gone.geojson")
    path = write_project(tmp_path / "gone.ygis.json", [entry(i, gone) for i in range(3)])
    project, report = Project.load(path)
    assert project.layers == ()
    assert len(report.warnings) == 3
    for number, warning in enumerate(report.warnings, 1):
        assert warning.startswith(f"gone.ygis.json: layer {number} (“Parcels {number - 1}”)")
        assert "gone.geojson" in warning


# --- the layer budget -------------------------------------------------------------------------


@not_in_the_fresh_process
def test_past_the_budget_entries_are_kept_unopened_and_saved_back(tmp_path):
    path, layers = many_entries(tmp_path)
    budget = project_format.MAX_LAYERS
    project, report = Project.load(path)
    assert [layer.id for layer in project.layers] == [f"parcels-{i}" for i in range(budget)]
    (warning,) = report.warnings
    assert warning.key == "project_too_many_layers"
    assert str(warning) == (
        f"many.ygis.json: it has 10,000 layers; the first {budget} were opened and the other "
        f"{ENTRIES - budget:,} are kept in the file, unopened (a project opens at most "
        f"{budget} layers)"
    )
    assert not report.damaged  # nothing is wrong with the file: a session is not set aside
    project.update_layer("parcels-0", visible=False)
    project.save(tmp_path / "saved.ygis.json")
    saved = json.loads((tmp_path / "saved.ygis.json").read_text(encoding="utf-8"))["layers"]
    assert len(saved) == ENTRIES
    assert [layer["id"] for layer in saved] == [layer["id"] for layer in layers]
    assert saved[budget:] == layers[budget:]  # as they were written
    assert saved[0]["visible"] is False


# --- in the app -------------------------------------------------------------------------------


def open_through_the_menu(window, path: str, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (path, ""))
    window.open_project_action.trigger()  # File ▸ Open project…


@not_in_the_fresh_process
def test_a_10000_entry_project_opens_in_the_app_and_the_window_answers(
    qtbot, window, tmp_path, monkeypatch
):
    path, _ = many_entries(tmp_path)
    budget = project_format.MAX_LAYERS
    open_through_the_menu(window, path, monkeypatch)
    rendered = []
    window.canvas.render_state.connect(lambda busy, _ms: rendered.append(busy))
    assert window.windowTitle().startswith("many.ygis.json")
    text = window.message_bar.text
    assert text.startswith("many.ygis.json: it has 10,000 layers; the first")
    assert f"the other {ENTRIES - budget:,} are kept in the file" in text
    files = [layer for layer in window.project.layers if layer.id.startswith("parcels-")]
    assert len(files) == budget
    tree = window.layers_panel.tree
    assert tree.topLevelItemCount() == len(window.project.layers)

    # The map draws on its worker: meanwhile the window answers, and a click in the
    # layers list turns a layer on.
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    item = tree.layer_item("parcels-1")
    tree.scrollToItem(item)
    assert window.project.layer("parcels-1").visible is False
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=check_indicator_centre(tree, item))
    assert window.project.layer("parcels-1").visible is True
    qtbot.waitUntil(lambda: True in rendered and rendered[-1] is False, timeout=120_000)
    # a quick draw may be over in a few ticks: the loop's answering is judged on a few more
    qtbot.waitUntil(lambda: len(ticks) > 5, timeout=10_000)
    timer.stop()
    gaps = np.diff(ticks)
    assert gaps.max() < MAX_GAP_S, f"the event loop stalled for {gaps.max() * 1000:.0f} ms"


@not_in_the_fresh_process
def test_thousands_of_entries_over_a_missing_file_show_a_few_lines_and_log_all(
    qtbot, window, tmp_path, monkeypatch, caplog
):
    gone = str(tmp_path / "gone.geojson")
    count = project_format.MAX_LAYERS
    path = write_project(tmp_path / "gone.ygis.json", [entry(i, gone) for i in range(count)])
    open_through_the_menu(window, path, monkeypatch)
    parts = window.message_bar.text.split("; ")
    assert len(parts) == 6
    assert all(part.startswith("gone.ygis.json: layer ") for part in parts[:5])
    assert parts[5] == f"and {count - 5:,} more, listed in the log"
    logged = [r.getMessage() for r in caplog.records if "gone.ygis.json: layer" in r.getMessage()]
    assert len(logged) == count


@not_in_the_fresh_process
def test_memory_in_a_fresh_process():
    run_fresh(__file__, FRESH, passed=1)


def status_mb(key: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    raise AssertionError(f"no {key} in /proc/self/status")


@in_a_fresh_process
def test_opening_and_drawing_10000_entries_peaks_within_the_budget(
    qtbot, window, tmp_path, monkeypatch
):
    path, _ = many_entries(tmp_path)
    import yangpu_gis.model.io  # noqa: F401  the readers are loaded by any file: not counted

    window.canvas.render_now()
    base = status_mb("VmRSS:")
    open_through_the_menu(window, path, monkeypatch)
    window.canvas.render_now()  # every visible layer drawn, in view
    peak = status_mb("VmHWM:") - base
    canvas = window.canvas
    image_mb = canvas.width() * canvas.height() * canvas.devicePixelRatioF() ** 2 * 4 / 2**20
    drawn = sum(layer.visible for layer in window.project.layers)
    print(f"peak +{peak:.0f} MB for {drawn} layers drawn, {image_mb:.1f} MB an image")
    # A redraw holds an image per layer in view, so the budget bounds the peak; beyond
    # that, the layers share one read. The 10,000 entries, each its own read and all
    # opened, went past 4 GB.
    assert drawn <= project_format.MAX_LAYERS
    assert peak < project_format.MAX_LAYERS * image_mb + 150, (peak, drawn, image_mb)
