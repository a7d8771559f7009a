"""Opening a 1M-feature GeoPackage: the window keeps answering while it reads, draws and
indexes, and the progress bar moves. (A load on the UI thread would freeze it for seconds.)"""

import time

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from PySide6.QtCore import QTimer

FEATURES = 1_000_000
MAX_GAP_S = 0.5  # no freeze a planner would take for the app hanging; typical worst is ~0.2 s


@pytest.fixture(scope="module")
def buildings(tmp_path_factory):
    rng = np.random.default_rng(5)
    x = rng.uniform(121.49, 121.56, FEATURES)
    y = rng.uniform(31.25, 31.33, FEATURES)
    size = rng.uniform(0.00005, 0.0003, FEATURES)
    frame = gpd.GeoDataFrame(
        {"bid": np.arange(FEATURES)},
        geometry=shapely.box(x, y, x + size, y + size),
        crs="EPSG:4326",
    )
    path = tmp_path_factory.mktemp("large") / "buildings.gpkg"
    pyogrio.write_dataframe(frame, path, layer="buildings", use_arrow=True)
    return path


def test_window_answers_while_a_large_layer_opens_and_draws(qtbot, window, buildings):
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    progress = []
    window.loader.progress.connect(lambda fraction, _message: progress.append(fraction))
    rendered = []
    window.canvas.render_state.connect(lambda busy, _ms: rendered.append(busy))

    window.open_files([str(buildings)])
    qtbot.waitUntil(lambda: len(window.project.layers) == 5, timeout=120000)
    layer = window.project.layers[-1]
    # built on the loader's thread, before the layer reached the UI
    assert "display" in layer.__dict__ and "bounds" in layer.__dict__
    qtbot.waitUntil(lambda: rendered and rendered[-1] is False, timeout=120000)
    # The spatial index comes after the first frame, still off the UI thread; meanwhile a
    # click is answered by comparing envelopes, and after, through the index, alike.
    centre = layer.display.bounds[123]
    click = ((centre[0] + centre[2]) / 2, (centre[1] + centre[3]) / 2)
    before = layer.features_at(*click)
    qtbot.waitUntil(lambda: layer.display.indexed, timeout=120000)
    timer.stop()
    assert 123 in before
    np.testing.assert_array_equal(before, layer.features_at(*click))

    assert layer.feature_count == FEATURES
    assert progress and max(progress) == 1.0 and min(progress) < 1.0
    gaps = np.diff(ticks)
    assert len(ticks) > 20
    assert gaps.max() < MAX_GAP_S, f"the event loop stalled for {gaps.max() * 1000:.0f} ms"
