"""`yangpu-gis self-test`: every check passes here, and each one can fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from yangpu_gis import selftest
from yangpu_gis.cli import main


@pytest.fixture(autouse=True)
def _application(qapp):
    """The suite's QApplication, made before the self-test would make a plain QGuiApplication."""
    return qapp


def test_every_check_passes_in_this_environment():
    checks = selftest.run_checks()
    assert [c.name for c in checks] == [
        "python",
        "qt",
        "proj",
        "gdal",
        "map",
        "notes",
        "render",
        "html",
        "translations",
    ]
    failed = {c.name: c.detail for c in checks if not c.ok}
    assert not failed, failed
    assert all(c.detail for c in checks)


def test_cli_json_and_exit_code(capsys):
    assert main(["self-test", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] is True and len(doc["checks"]) == len(selftest.CHECKS)
    assert {"name", "ok", "detail", "seconds"} <= set(doc["checks"][0])


def test_a_failed_check_makes_the_command_fail(monkeypatch, capsys):
    def check_broken():
        raise OSError("proj.db: no such file")

    monkeypatch.setattr(selftest, "CHECKS", (selftest.check_python, check_broken))
    assert main(["self-test"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("PASS  python")
    assert out[1] == "FAIL  broken  OSError: proj.db: no such file"
    assert out[2] == "self-test: 1 of 2 checks FAILED"


def test_a_check_that_raises_keeps_its_name(monkeypatch):
    import yangpu_gis.model.embedded as embedded

    def missing(*args, **kwargs):
        raise FileNotFoundError("the packaged 'geodata' folder is missing")

    monkeypatch.setattr(embedded, "load_embedded_layers", missing)
    result = selftest.run_check(selftest.check_map)
    assert (result.name, result.ok) == ("map", False)
    assert result.detail == "FileNotFoundError: the packaged 'geodata' folder is missing"
    assert [c.name for c in selftest.run_checks()] == [
        c.__name__.removeprefix("check_") for c in selftest.CHECKS
    ]


def test_proj_check_fails_on_a_wrong_transform(monkeypatch):
    monkeypatch.setattr(selftest, "REFERENCE_WGS84", (121.6, 31.3051))
    name, ok, detail = selftest.check_proj()
    assert (name, ok) == ("proj", False) and "expected 121.6" in detail


def test_map_check_fails_on_unexpected_counts(monkeypatch):
    monkeypatch.setattr(
        selftest, "EXPECTED_LAYERS", {"districts": 4, "river": 1, "riverside": 2, "sites": 9}
    )
    name, ok, detail = selftest.check_map()
    assert not ok and "expected" in detail


def test_map_check_fails_on_a_wrong_area(monkeypatch):
    monkeypatch.setattr(selftest, "YANGPU_AREA_KM2", 55.0)
    _, ok, detail = selftest.check_map()
    assert not ok and "Yangpu's area is 60." in detail


def test_render_judge_refuses_blank_images():
    blank = QImage(200, 100, QImage.Format.Format_ARGB32)
    blank.fill(QColor("#f2efe9"))
    _, ok, detail = selftest._judge_image(blank)
    assert not ok and "blank" in detail
    assert selftest._judge_image(QImage())[1] is False
    assert selftest._judge_image(None)[1] is False


@pytest.mark.parametrize(
    ("page", "remote"),
    [
        ('<script src="https://unpkg.com/leaflet.js"></script>', True),
        ("<script defer src='http://example.com/a.js'></script>", True),
        ('<link rel="stylesheet" href="//cdn.example.com/leaflet.css">', True),
        ("<LINK HREF=https://cdn.example.com/x.css rel=stylesheet>", True),
        ("<script>var url = 'https://tile.openstreetmap.org/';</script>", False),
        ('<a href="https://www.openstreetmap.org/copyright">OSM</a>', False),
        ('<link rel="icon" href="data:image/png;base64,AAAA">', False),
    ],
)
def test_remote_asset_pattern(page, remote):
    assert bool(selftest._REMOTE_ASSET.search(page)) is remote


def test_html_check_fails_on_remote_scripts_and_missing_sites(monkeypatch):
    import yangpu_gis.export.html as html

    def remote_page(layers, out_path, **kwargs):
        out_path.write_text(
            '<script src="https://cdn.example.com/leaflet.js"></script>', encoding="utf-8"
        )

    monkeypatch.setattr(html, "export_html", remote_page)
    _, ok, detail = selftest.check_html()
    assert not ok and "network" in detail

    def page_without_sites(layers, out_path, **kwargs):
        out_path.write_text("<html><script>/* no data */</script></html>", encoding="utf-8")

    monkeypatch.setattr(html, "export_html", page_without_sites)
    _, ok, detail = selftest.check_html()
    assert not ok and "lacks the sites" in detail and "Wujiaochang" in detail


def test_a_missing_qt_platform_plugin_is_a_failed_check_not_a_crash(tmp_path):
    """Qt aborts the process when it cannot load its platform plugin; the self-test looks first."""
    script = (
        "from pathlib import Path\n"
        "from yangpu_gis import selftest\n"
        f"selftest._platform_plugin_folder = lambda: Path({str(tmp_path)!r})\n"
        "for check in (selftest.check_qt, selftest.check_render):\n"
        "    c = selftest.run_check(check)\n"
        "    print(c.name, c.ok, c.detail)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    expected = f"the Qt platform plugin 'offscreen' is not in {tmp_path}"
    assert lines == [f"qt False {expected}", f"render False RuntimeError: {expected}"]
