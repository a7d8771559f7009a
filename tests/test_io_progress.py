"""Progress reports and cancel for big reads, as the app's loading thread uses them."""

from __future__ import annotations

import threading

import io_fixtures as fx
import pytest

from yangpu_gis.model.io import LoadCancelled, LoadError, read_file

COUNT = 150_000  # three Arrow batches of 65,536 and a bit


@pytest.fixture(scope="module")
def large_gpkg(tmp_path_factory):
    return fx.large_geopackage(tmp_path_factory.mktemp("large"), COUNT)


def test_progress_is_reported_in_order_up_to_one(large_gpkg):
    reports = []
    [layer] = read_file(
        large_gpkg, progress=lambda fraction, message: reports.append((fraction, message))
    )
    assert len(layer.data) == COUNT
    fractions = [f for f, _ in reports]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    batch_messages = [m for _, m in reports if m.startswith("read ")]
    assert batch_messages == [
        "read 65,536 of 150,000 features",
        "read 131,072 of 150,000 features",
        "read 150,000 of 150,000 features",
    ]


def test_cancel_during_the_read_stops_it(large_gpkg):
    cancel = threading.Event()
    seen = []

    def progress(fraction, message):
        seen.append(message)
        if message.startswith("read "):
            cancel.set()  # as the app's Cancel button would, after the first batch

    with pytest.raises(LoadCancelled, match=r"^large\.gpkg: loading cancelled$"):
        read_file(large_gpkg, progress=progress, cancel=cancel)
    assert [m for m in seen if m.startswith("read ")] == ["read 65,536 of 150,000 features"]
    assert not any("features ready" in m for m in seen)


def test_cancel_from_another_thread(large_gpkg):
    cancel = threading.Event()
    started = threading.Event()
    outcome = {}

    def progress(fraction, message):
        started.set()
        cancel.wait(5)  # hold the reader until the other thread has pressed cancel

    def run():
        try:
            outcome["layers"] = read_file(large_gpkg, progress=progress, cancel=cancel)
        except LoadError as exc:
            outcome["error"] = exc

    reader = threading.Thread(target=run)
    reader.start()
    assert started.wait(10)
    cancel.set()
    reader.join(10)
    assert isinstance(outcome.get("error"), LoadCancelled)


def test_cancelled_before_starting(tmp_path):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(LoadCancelled):
        read_file(fx.excel_csv_with_bom(tmp_path), cancel=cancel)


def test_small_multi_layer_file_reports_each_layer(tmp_path):
    reports = []
    read_file(fx.two_crs_geopackage(tmp_path), progress=lambda f, m: reports.append((f, m)))
    ready = [f for f, m in reports if m.endswith("features ready")]
    assert ready == [0.5, 1.0]
    assert reports[-1] == (1.0, "loaded 规划.gpkg")


def test_csv_reports_progress(tmp_path):
    reports = []
    read_file(fx.gbk_csv(tmp_path), progress=lambda f, m: reports.append(m))
    assert "read 4 rows" in reports
