"""The log: a rotating file in the per-user log folder with the tracebacks the user never
sees (reader and render threads, unexpected errors), `--verbose`, and the About box naming
it. Tests keep it in their own folder (conftest sets YANGPU_GIS_LOG_DIR)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from yangpu_gis import logs
from yangpu_gis.cli import describe, main
from yangpu_gis.model.project import YANGPU_EXTENT
from yangpu_gis.render.snapshot import take_snapshot
from yangpu_gis.render.viewport import Viewport


@pytest.fixture(autouse=True)
def fresh_log():
    """Each test starts with the log set up in its own folder (as the app and CLI do)."""
    logs.setup()
    yield
    for handler in logging.getLogger(logs.LOGGER).handlers:
        handler.flush()


def log_text() -> str:
    for handler in logging.getLogger(logs.LOGGER).handlers:
        handler.flush()
    path = logs.log_path()
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_the_log_is_in_the_per_user_log_folder(monkeypatch, tmp_path):
    import platformdirs

    assert logs.log_path() == Path(os.environ[logs.LOG_DIR_ENV]) / "yangpu-gis.log"
    assert tmp_path not in logs.log_path().parents  # tests compare their folder's listing
    monkeypatch.delenv(logs.LOG_DIR_ENV)
    assert logs.log_dir() == Path(platformdirs.user_log_dir("yangpu-gis", appauthor=False))


def test_an_unexpected_cli_error_is_one_line_and_its_traceback_is_logged(
    monkeypatch, capsys, tmp_path
):
    def buggy(args):
        raise ZeroDivisionError("a bug in the layers command")

    monkeypatch.setattr(describe, "cmd_layers", buggy)
    code = main(["layers"])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "unexpected error: ZeroDivisionError: a bug in the layers command" in err
    assert str(logs.log_path()) in err
    text = log_text()
    assert "Traceback (most recent call last)" in text and "def buggy" not in err
    assert "ZeroDivisionError: a bug in the layers command" in text


def test_verbose_prints_the_log_on_stderr_in_any_position(capsys):
    assert main(["layers", "--verbose"]) == 0
    out, err = capsys.readouterr()
    assert "Districts" in out
    assert "DEBUG yangpu_gis.cli" in err
    assert main(["--verbose", "layers"]) == 0
    assert "DEBUG yangpu_gis.cli" in capsys.readouterr().err
    assert main(["layers"]) == 0
    assert capsys.readouterr().err == ""


def test_the_log_rotates(tmp_path):
    log = logging.getLogger("yangpu_gis.test")
    for _ in range(logs.MAX_BYTES // 100 + 100):
        log.info("x" * 100)
    names = sorted(p.name for p in logs.log_dir().iterdir())
    assert names[:2] == ["yangpu-gis.log", "yangpu-gis.log.1"]
    assert all(p.stat().st_size <= logs.MAX_BYTES + 500 for p in logs.log_dir().iterdir())


def test_a_reader_thread_bug_is_logged_not_shown(window, qtbot, tmp_path, monkeypatch):
    from yangpu_gis.model import open_layers

    def buggy_reader(path, **kwargs):
        raise KeyError("a bug in a reader")

    # The reader thread imports open_layers when it runs, so it gets this one.
    monkeypatch.setattr(open_layers, "open_layers", buggy_reader)
    data = tmp_path / "plots.geojson"
    data.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    window.open_files([str(data)])
    qtbot.waitUntil(lambda: "could not be read" in window.message_bar.text, timeout=10_000)
    assert "Traceback" not in window.message_bar.text
    qtbot.waitUntil(lambda: "a bug in a reader" in log_text(), timeout=5_000)
    text = log_text()
    assert "Traceback (most recent call last)" in text and "buggy_reader" in text


def test_a_render_thread_bug_is_logged(qtbot, project, monkeypatch):
    from yangpu_gis.render.job import RenderQueue
    from yangpu_gis.render.renderer import Renderer

    queue = RenderQueue(Renderer())

    def broken(*args, **kwargs):
        raise ValueError("a bug in the renderer")

    monkeypatch.setattr(queue.renderer, "render", broken)
    with qtbot.waitSignal(queue.failed, timeout=5000):
        queue.start(take_snapshot(project), Viewport.fit_wgs84(YANGPU_EXTENT, 100, 100))
    queue.wait()
    text = log_text()
    assert "ValueError: a bug in the renderer" in text
    assert "Traceback (most recent call last)" in text and "in broken" in text


def test_the_about_box_says_where_the_log_is(qtbot, tmp_path):
    from yangpu_gis.ui.panels.about_dialog import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert str(logs.log_path()) in dialog.text.toPlainText()


def test_nothing_is_created_until_something_is_logged(tmp_path):
    assert not logs.log_dir().exists()
    logging.getLogger("yangpu_gis.test").info("now")
    assert log_text().rstrip().endswith("now")
    assert os.listdir(logs.log_dir()) == ["yangpu-gis.log"]


def test_a_refused_input_is_recorded_too(capsys, tmp_path):
    missing = tmp_path / "gone.geojson"
    assert main(["info", str(missing)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert f"refused: {missing}: no such file" in log_text()
