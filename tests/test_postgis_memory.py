"""Memory stays flat as the planner pans a PostGIS layer across its whole table: the
tiles fetched are held in a cache bounded by feature count, the oldest let go, so a
second sweep over the table grows the process by next to nothing. Measured in a pytest
process of its own (as tests/test_memory_released.py does): the suite's process has a
fragmented heap that moves RSS by more than the bound set here."""

import os

import pytest
from fresh_process import rss_mb, run_fresh

from yangpu_gis.model.postgis.layers import is_streamed
from yangpu_gis.render.viewport import Viewport

FRESH = "YANGPU_GIS_FRESH_POSTGIS_MEMORY_TEST"
CACHE_BOUND = 20_000  # features: a fifth of the table, so tiles are let go as it pans


@pytest.mark.skipif(os.environ.get(FRESH) == "1", reason="this is the fresh process")
def test_postgis_memory_in_a_fresh_process():
    run_fresh(__file__, FRESH, passed=1)


@pytest.mark.skipif(os.environ.get(FRESH) != "1", reason="run by the fresh-process test")
def test_panning_across_the_whole_table_twice_keeps_memory_flat(qtbot, window, pg_uri):
    from yangpu_gis.model import crs

    with qtbot.waitSignal(window.postgis.view_ready, timeout=20_000):
        window.open_files([pg_uri])
    [layer] = [lyr for lyr in window.project.layers if is_streamed(lyr)]
    west, south, east, north = layer.bounds
    [streamer] = [s for s in window.postgis._streamers.values() if s is not None]
    streamer.max_features = CACHE_BOUND
    steps = 5
    w, h = (east - west) / steps, (north - south) / steps

    def sweep() -> list[int]:
        held = []
        for j in range(steps):
            for i in range(steps):
                x0, y0 = west + i * w, south + j * h
                vp = window.canvas.viewport
                bbox = crs.transform_bounds((x0, y0, x0 + w, y0 + h), crs.WGS84, crs.DISPLAY)
                target = Viewport.fit(bbox, vp.width, vp.height, margin=0.0)
                with qtbot.waitSignal(window.postgis.view_ready, timeout=20_000):
                    window.canvas.set_viewport(target)
                qtbot.waitUntil(lambda: not window.canvas.busy, timeout=20_000)
                held.append(window.postgis.streamed_layers()[0].feature_count)
                # The cache is bounded whatever has been fetched, the view's own tiles aside.
                assert streamer.cached_features <= CACHE_BOUND + 4 * max(held)
        return held

    first = sweep()
    after_first = rss_mb()
    fetched = streamer.fetched_tiles
    second = sweep()
    after_second = rss_mb()
    print(f"RSS after one sweep {after_first:.0f} MB, after two {after_second:.0f} MB")
    assert sum(first) > 50_000 and second == first  # the whole table, drawn again alike
    assert streamer.fetched_tiles > fetched  # let go and fetched again: the bound held
    assert after_second - after_first < 40, (after_first, after_second)
