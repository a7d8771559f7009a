"""`yangpu-gis render` writing printable pages: OUT.pdf, and PNGs with --layout or --title."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils")


def run(*args):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }  # must go offscreen itself
    return subprocess.run(
        [sys.executable, "-m", "yangpu_gis", "render", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def page_points(path) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Page size:\s*([\d.]+) x ([\d.]+) pts", out)
    return float(match.group(1)), float(match.group(2))


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_pdf_is_an_a4_landscape_page_by_default(tmp_path):
    out = tmp_path / "yangpu.pdf"
    result = run(str(out), "--date", "2025-03-14")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        rf"wrote {re.escape(str(out))} \(A4 landscape, 300 dpi, scale 1:[\d,]+, vector map\)\n",
        result.stdout,
    )
    assert page_points(out) == pytest.approx((842, 595), abs=1)
    text = pdf_text(out)
    assert "Yangpu District, Shanghai" in text and "2025-03-14" in text
    assert "study and exchange only" in text


def test_a3_portrait_with_a_chinese_title_and_a_file(tmp_path):
    geojson = tmp_path / "survey.geojson"
    geojson.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"name": "地块"}, "geometry": {"type": "Polygon", '
        '"coordinates": [[[121.52, 31.28], [121.53, 31.28], [121.53, 31.29], '
        "[121.52, 31.29], [121.52, 31.28]]]}}]}",
        encoding="utf-8",
    )
    out = tmp_path / "a3.pdf"
    result = run(
        str(out),
        "--paper",
        "a3",
        "--orientation",
        "portrait",
        "--title",
        "杨浦区 调查",
        "--file",
        str(geojson),
        "--dpi",
        "200",
    )
    assert result.returncode == 0, result.stderr
    assert "A3 portrait, 200 dpi" in result.stdout
    assert page_points(out) == pytest.approx((842, 1191), abs=1)
    text = pdf_text(out)
    assert "杨浦区 调查" in text
    assert "survey" in text  # the file's layer is in the legend


def test_a_png_stays_the_plain_map_unless_a_layout_is_asked_for(tmp_path):
    plain, laid_out = tmp_path / "plain.png", tmp_path / "page.png"
    assert run(str(plain), "--size", "800x500").returncode == 0
    result = run(str(laid_out), "--size", "800x500", "--title", "Riverside review")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {laid_out} (800x500)"
    a, b = QImage(str(plain)), QImage(str(laid_out))
    assert a.size() == b.size() and (a.width(), a.height()) == (800, 500)
    # The plain map runs to the edges; the page has white paper round its frame.
    assert a.pixelColor(2, 2).name() != "#ffffff"
    assert b.pixelColor(2, 2).name() == "#ffffff"
    assert run(str(tmp_path / "layout.png"), "--layout").returncode == 0
    assert QImage(str(tmp_path / "layout.png")).pixelColor(2, 2).name() == "#ffffff"


def test_a_png_on_paper(tmp_path):
    out = tmp_path / "sheet.png"
    result = run(str(out), "--paper", "A4", "--dpi", "100")
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).size().toTuple() == (1169, 827)


@pytest.mark.parametrize(
    "name, args, message",
    [
        ("map.jpg", [], ".png or .pdf"),
        ("map.pdf", ["--size", "800x600"], "--size"),
        ("map.png", ["--size", "800x600", "--paper", "A4"], "not both"),
        ("map.png", ["--orientation", "portrait"], "--orientation goes with --paper"),
        ("map.pdf", ["--dpi", "5000"], "dots per inch"),
        ("map.pdf", ["--date", "14.3.2025"], "ISO date"),
        ("map.png", ["--title", "Small", "--size", "300x200"], "at least"),
        ("map.pdf", ["--title", "   "], "title"),
        ("missing-folder/map.pdf", [], "does not exist"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(tmp_path, name, args, message):
    result = run(str(tmp_path / name), *args)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not any(tmp_path.rglob("*.p*"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def test_an_unwritable_folder_is_one_line_and_exit_1():
    result = run("/proc/yangpu-map.pdf")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("yangpu-gis: cannot write /proc/yangpu-map.pdf")


def test_usage_errors_exit_2(tmp_path):
    assert run(str(tmp_path / "a.pdf"), "--paper", "A5").returncode == 2
    assert run(str(tmp_path / "a.pdf"), "--orientation", "sideways").returncode == 2
    assert run(str(tmp_path / "a.pdf"), "--dpi", "high").returncode == 2


def test_help_says_which_pngs_get_a_layout():
    result = subprocess.run(
        [sys.executable, "-m", "yangpu_gis", "render", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "OUT.png alone is the plain map" in text
    assert "--layout" in text and "--paper" in text and "--dpi" in text
