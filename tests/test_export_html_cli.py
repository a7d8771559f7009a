"""`yangpu-gis export-html`: what it writes, what it says, and its exit codes."""

from __future__ import annotations

import json
import re

import pytest
from shapely.geometry import box, mapping

from yangpu_gis.cli import build_parser, main
from yangpu_gis.export.html import BASEMAPS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, *fragments: str) -> None:
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("yangpu-gis: ")
    for fragment in fragments:
        assert fragment in err


def page_layers(path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    body = re.search(
        r'<script type="application/json" id="yangpu-data">(.*?)</script>', text, re.DOTALL
    ).group(1)
    return json.loads(body)["layers"]


@pytest.fixture
def plots_file(tmp_path):
    path = tmp_path / "plots.geojson"
    features = [
        {
            "type": "Feature",
            "properties": {"name": f"Plot {i}", "use": "park"},
            "geometry": mapping(box(121.50 + i / 100, 31.28, 121.505 + i / 100, 31.285)),
        }
        for i in range(3)
    ]
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    return path


def test_exports_the_embedded_map_and_the_files(capsys, tmp_path, plots_file):
    out_path = tmp_path / "map.html"
    code, out, err = run(
        capsys, "export-html", str(out_path), "--file", str(plots_file), "--title", "杨浦 plots"
    )
    assert code == 0, err
    assert err == ""
    assert out.splitlines()[0].startswith(f"wrote {out_path} (")
    assert "  Renewal and innovation sites: 8 features" in out
    assert "  Huangpu River: 1 feature\n" in out
    assert "  plots: 3 features" in out
    layers = page_layers(out_path)
    assert [layer["kind"] for layer in layers] == ["district", "river", "riverside", "site", "user"]
    assert "<title>杨浦 plots</title>" in out_path.read_text(encoding="utf-8")


def test_basemap_note_is_printed(capsys, tmp_path):
    code, out, _ = run(capsys, "export-html", str(tmp_path / "m.html"), "--basemap", "osm")
    assert code == 0
    assert f"  note: {BASEMAPS['osm'].note}" in out


def test_cli_basemap_takes_any_source_and_osm_stays_a_shorthand():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    basemap = next(a for a in sub.choices["export-html"]._actions if a.dest == "basemap")
    assert basemap.choices is None and basemap.metavar == "SOURCE"
    assert "osm" in basemap.help and tuple(BASEMAPS) == ("osm",)


@pytest.mark.parametrize(
    "make_args, fragments",
    [
        (lambda d: [str(d / "missing" / "m.html")], ["cannot write", "No such file or directory"]),
        (lambda d: [str(d)], ["is a folder"]),
        (lambda d: [str(d / "m.html"), "--file", str(d / "nope.geojson")], ["nope.geojson"]),
        (
            lambda d: [
                str(d / "m.html"),
                "--file",
                str(d / "plots.geojson"),
                "--crs",
                "EPSG:999999",
            ],
            ["unknown CRS"],
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_1(capsys, tmp_path, plots_file, make_args, fragments):
    code, out, err = run(capsys, "export-html", *make_args(tmp_path))
    assert code == 1
    assert_one_line_error(err, *fragments)
    assert not (tmp_path / "m.html").exists()


def test_an_unknown_basemap_is_bad_input_in_one_line(capsys, tmp_path, monkeypatch):
    # --basemap takes any SOURCE now (a file, a folder, a URL, osm): a name that is none
    # of them is bad input, said in one line, rather than a usage error.
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "export-html", "m.html", "--basemap", "google")
    assert code == 1
    assert_one_line_error(err, "google", "no such basemap file or folder")
    assert not (tmp_path / "m.html").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["export-html"],
        ["export-html", "m.html", "--title"],
    ],
)
def test_usage_errors_exit_2(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "usage: yangpu-gis export-html" in err
    assert not (tmp_path / "m.html").exists()
