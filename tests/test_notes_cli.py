"""`yangpu-gis notes list|add|export`: output, files written, and one-line errors."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest
import shapely

from yangpu_gis.cli import main
from yangpu_gis.model.notes import NoteStore


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("YANGPU_GIS_DATA_DIR", str(folder))
    return folder


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_at_a_point_then_list(data_dir, capsys):
    code, out, err = run(
        capsys,
        "notes",
        "add",
        "入口太窄",
        "--author",
        "王工",
        "--at",
        "121.5096,31.3051",
        "--category",
        "access",
    )
    assert (code, err) == (0, "")
    assert out.startswith("added note #1 at 121.509600, 31.305100")
    notes = NoteStore(data_dir / "notes.gpkg").list()
    assert [(n.text, n.author, n.lon, n.lat, n.category, n.site_id) for n in notes] == [
        ("入口太窄", "王工", 121.5096, 31.3051, "access", None)
    ]

    code, out, _ = run(capsys, "notes", "list")
    assert code == 0 and "#1 open" in out and "入口太窄" in out and "[access]" in out
    code, out, _ = run(capsys, "notes", "list", "--json")
    doc = json.loads(out)
    assert code == 0 and doc == [notes[0].to_dict()]


def test_add_on_a_site_places_the_note_inside_it(data_dir, capsys, embedded_layers):
    code, out, err = run(
        capsys, "notes", "add", "Check the plaza", "--author", "Li", "--site", "kic", "--json"
    )
    assert code == 0, err
    note = json.loads(out)
    assert note["site_id"] == "kic"
    sites = next(layer for layer in embedded_layers if layer.kind == "site").data
    kic = sites[sites["id"] == "kic"].geometry.iloc[0]
    assert kic.contains(shapely.Point(note["lon"], note["lat"]))


def test_list_filters_by_site_and_status(data_dir, capsys):
    store = NoteStore(data_dir / "notes.gpkg")
    a = store.add("a", "me", 121.51, 31.30, site_id="kic")
    b = store.add("b", "me", 121.52, 31.27, site_id="kic", status="resolved")
    c = store.add("c", "me", 121.53, 31.28)
    for argv, expected in (
        (["--site", "kic"], [a, b]),
        (["--status", "open"], [a, c]),
        (["--site", "kic", "--status", "resolved"], [b]),
        (["--site", "wujiaochang"], []),
    ):
        code, out, _ = run(capsys, "notes", "list", "--json", *argv)
        assert code == 0 and [n["id"] for n in json.loads(out)] == [n.id for n in expected], argv
    code, out, _ = run(capsys, "notes", "list", "--site", "wujiaochang")
    assert code == 0 and out.strip() == "no notes"


def test_export_geojson_and_csv(data_dir, capsys, tmp_path):
    store = NoteStore(data_dir / "notes.gpkg")
    store.add("滨江步道", "王工", 121.5096, 31.3051, category="公共空间")
    store.add("second", "Li", 121.52, 31.28, status="resolved")

    code, out, err = run(capsys, "notes", "export", str(tmp_path / "out.geojson"))
    assert (code, err) == (0, "") and "exported 2 notes" in out
    doc = json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["text"] for f in doc["features"]] == ["滨江步道", "second"]

    code, out, err = run(capsys, "notes", "export", str(tmp_path / "out.csv"))
    assert (code, err) == (0, "") and "exported 2 notes" in out
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["text"], r["category"], r["status"]) for r in rows] == [
        ("滨江步道", "公共空间", "open"),
        ("second", "", "resolved"),
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["notes", "add", "x", "--author", "me", "--at", "121.5"], "--at expects LON,LAT"),
        (["notes", "add", "x", "--author", "me", "--at", "east,north"], "--at expects LON,LAT"),
        (["notes", "add", "x", "--author", "me", "--at", "200,31"], "longitude 200.0 is outside"),
        (["notes", "add", "  ", "--author", "me", "--at", "121.5,31.3"], "needs text"),
        (["notes", "add", "x", "--author", "", "--at", "121.5,31.3"], "needs an author"),
        (["notes", "add", "x", "--author", "me", "--site", "nowhere"], "unknown site 'nowhere'"),
        (["notes", "export", "notes.xlsx"], "name a .geojson or .csv file"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(data_dir, capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.startswith("yangpu-gis: ") and message in err and err.count("\n") == 1
    assert NoteStore(data_dir / "notes.gpkg").list() == []


@pytest.mark.parametrize(
    "argv",
    [
        ["notes"],
        ["notes", "add", "x", "--at", "121.5,31.3"],  # no author
        ["notes", "add", "x", "--author", "me"],  # neither --at nor --site
        ["notes", "add", "x", "--author", "me", "--at", "121.5,31.3", "--site", "kic"],
        ["notes", "list", "--status", "closed"],
    ],
)
def test_usage_errors_exit_2(data_dir, capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2 and "usage:" in err


def test_a_damaged_notes_file_is_reported_and_kept(data_dir, capsys):
    data_dir.mkdir(parents=True)
    (data_dir / "notes.gpkg").write_bytes(b"not a geopackage")
    code, out, err = run(capsys, "notes", "add", "x", "--author", "me", "--at", "121.5,31.3")
    assert code == 0 and "added note #1" in out
    assert err.startswith("yangpu-gis: warning: The notes file") and "corrupt-" in err
    kept = list(data_dir.glob("notes.corrupt-*.gpkg"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"not a geopackage"


def test_no_traceback_reaches_the_user(tmp_path):
    env = {**os.environ, "YANGPU_GIS_DATA_DIR": str(tmp_path / "data")}
    env.pop("YANGPU_GIS_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "yangpu_gis", "notes", "add", "x", "--author", "me", "--at", "1,95"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "yangpu-gis: latitude 95.0 is outside -90..90 (WGS84 degrees)"
    assert "Traceback" not in result.stderr
