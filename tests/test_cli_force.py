"""Every command that writes a file refuses to replace an existing one unless --force is
given (export-html, render, notes export, basemap build); an input is never replaced,
with --force or not."""

from __future__ import annotations

from pathlib import Path

import pytest
from osm_extract import write_osm

from yangpu_gis.cli import main

OLD = b"an existing file the planner keeps\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("YANGPU_GIS_DATA_DIR", str(folder))
    return folder


def commands(tmp_path: Path) -> dict[str, tuple[Path, list[str]]]:
    extract = write_osm(tmp_path / "yangpu.osm")
    return {
        "export-html": (tmp_path / "map.html", ["export-html", str(tmp_path / "map.html")]),
        "render": (tmp_path / "map.png", ["render", str(tmp_path / "map.png")]),
        "notes geojson": (
            tmp_path / "notes.geojson",
            ["notes", "export", str(tmp_path / "notes.geojson")],
        ),
        "notes csv": (tmp_path / "notes.csv", ["notes", "export", str(tmp_path / "notes.csv")]),
        "basemap build": (
            tmp_path / "yangpu.mbtiles",
            ["basemap", "build", str(extract), "-o", str(tmp_path / "yangpu.mbtiles")],
        ),
    }


@pytest.mark.parametrize(
    "name", ["export-html", "render", "notes geojson", "notes csv", "basemap build"]
)
def test_an_existing_output_is_kept_without_force_and_replaced_with_it(
    tmp_path, capsys, data_dir, name
):
    out, argv = commands(tmp_path)[name]
    out.write_bytes(OLD)
    code, printed, err = run(capsys, *argv)
    assert code == 1, printed
    assert err.strip() == f"yangpu-gis: {out} already exists: pass --force to replace it"
    assert out.read_bytes() == OLD

    code, printed, err = run(capsys, *argv, "--force")
    assert code == 0, err
    assert out.read_bytes() != OLD and out.stat().st_size > 0


@pytest.mark.parametrize("name", ["export-html", "render", "notes geojson"])
def test_a_new_output_needs_no_force(tmp_path, capsys, data_dir, name):
    out, argv = commands(tmp_path)[name]
    code, printed, err = run(capsys, *argv)
    assert code == 0, err
    assert out.stat().st_size > 0


def test_force_never_lets_an_input_be_replaced(tmp_path, capsys):
    sites = tmp_path / "sites.geojson"
    sites.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"a"},'
        '"geometry":{"type":"Point","coordinates":[121.52,31.29]}}]}',
        encoding="utf-8",
    )
    before = sites.read_bytes()
    (tmp_path / "sites.png").symlink_to(sites)
    code, printed, err = run(
        capsys, "render", str(tmp_path / "sites.png"), "--file", str(sites), "--force"
    )
    assert code == 1 and "already exists" not in err and "sites.png" in err
    assert sites.read_bytes() == before and (tmp_path / "sites.png").is_symlink()
