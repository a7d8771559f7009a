"""Background rendering: results arrive as signals, a new job supersedes the old one."""

import threading

import pytest
from test_render_large_layers import rectangles_layer

from yangpu_gis.model.project import YANGPU_EXTENT, Project
from yangpu_gis.render.job import RenderQueue
from yangpu_gis.render.renderer import Renderer
from yangpu_gis.render.snapshot import take_snapshot
from yangpu_gis.render.viewport import Viewport


@pytest.fixture
def queue(qapp):
    q = RenderQueue(Renderer())
    yield q
    q.cancel()
    q.wait()


def test_a_job_delivers_its_image_on_the_ui_thread(qtbot, queue, project):
    view = Viewport.fit_wgs84(YANGPU_EXTENT, 640, 480)
    busy = []
    queue.busy_changed.connect(busy.append)
    delivered_on = []
    queue.finished.connect(lambda *args: delivered_on.append(threading.current_thread()))
    with qtbot.waitSignal(queue.finished, timeout=10_000) as done:
        generation = queue.start(take_snapshot(project), view)
    image, viewport, finished_generation, ms = done.args
    assert (image.width(), image.height()) == (640, 480)
    assert viewport == view and finished_generation == generation and ms > 0
    assert delivered_on == [threading.main_thread()]
    assert busy == [True, False]


def test_a_new_job_cancels_the_one_before(qtbot, queue, project):
    big = Project.with_embedded_map()
    big.add_layer(rectangles_layer(100_000))
    slow_view = Viewport.fit_wgs84(YANGPU_EXTENT, 1600, 1000).zoomed(4.0)
    results = []
    queue.finished.connect(
        lambda image, viewport, generation, ms: results.append((viewport, generation))
    )

    queue.start(take_snapshot(big), slow_view)
    first = queue._jobs[-1]
    quick_view = Viewport.fit_wgs84(YANGPU_EXTENT, 320, 200)
    with qtbot.waitSignal(queue.finished, timeout=20_000):
        latest = queue.start(take_snapshot(project), quick_view)
    assert first.is_cancelled
    assert queue.wait(20_000)
    qtbot.wait(50)  # let any late signal from the first job arrive
    assert results == [(quick_view, latest)]


def test_a_failing_render_is_reported_not_swallowed(qtbot, queue, project, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("bad geometry")

    monkeypatch.setattr(queue.renderer, "render", broken)
    with qtbot.waitSignal(queue.failed, timeout=5000) as failure:
        queue.start(take_snapshot(project), Viewport.fit_wgs84(YANGPU_EXTENT, 100, 100))
    assert failure.args == ["ValueError: bad geometry"]
    assert not queue.busy


def test_the_newest_result_is_delivered_even_after_an_older_job_is_tidied_away(
    qtbot, queue, project
):
    """An older job's `cancelled` can be handled after the newest job has finished on its
    thread but before its `finished` is delivered: tidying up then must not forget it."""
    view = Viewport.fit_wgs84(YANGPU_EXTENT, 320, 200)
    queue.start(take_snapshot(project), view)
    latest = queue.start(take_snapshot(project), view.zoomed(2.0))
    assert queue.wait(20_000)  # both done on their threads; their signals still queued
    queue._forget_done()  # what the older job's cancelled signal does
    with qtbot.waitSignal(queue.finished, timeout=10_000) as done:
        pass
    assert done.args[2] == latest
    qtbot.waitUntil(lambda: not queue.busy, timeout=5_000)
