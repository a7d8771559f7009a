"""The `yangpu-gis` command: headless commands, their JSON, and their error paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest
from shapely.geometry import box, mapping, shape

from yangpu_gis import __version__
from yangpu_gis.cli import main
from yangpu_gis.model.chinese_crs import wgs84_to_gcj02
from yangpu_gis.paths import geodata_dir

VENV_BIN = Path(sys.executable).parent
KIC_POINT = ("121.5096", "31.3051")  # Jiangwan Stadium station, inside the KIC site
NOWHERE = ("100.0", "10.0")  # far from every embedded feature
EXPECTED_LAYERS = [
    # id, kind, geometry type, feature count, file
    ("districts", "district", "Polygon", 4, "districts.geojson"),
    ("river", "river", "Polygon", 1, "huangpu_river.geojson"),
    ("riverside", "riverside", "LineString", 2, "riverside.geojson"),
    ("sites", "site", "Polygon", 8, "sites.geojson"),
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str):
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def site_polygon(site_id: str):
    df = pyogrio.read_dataframe(geodata_dir() / "sites.geojson")
    return df.loc[df["id"] == site_id].geometry.iloc[0]


def write_geojson(path: Path, features: list[tuple[dict, object]]) -> Path:
    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": props, "geometry": mapping(geom)}
            for props, geom in features
        ],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def assert_one_line_error(err: str) -> None:
    assert "Traceback" not in err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("yangpu-gis: "), err


# --- version and listings --------------------------------------------------------------------


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"yangpu-gis {__version__}"


def test_layers_json(capsys):
    rows = run_json(capsys, "layers", "--json")
    got = [
        (r["id"], r["kind"], r["geometry_type"], r["feature_count"], Path(r["path"]).name)
        for r in rows
    ]
    assert got == EXPECTED_LAYERS
    for row in rows:
        path = Path(row["path"])
        assert path.is_absolute() and path.is_file()
        assert row["title"]
        # The count is the file's, not a fixed number.
        assert len(pyogrio.read_dataframe(path)) == row["feature_count"]


def test_layers_text(capsys):
    code, out, _ = run(capsys, "layers")
    assert code == 0
    lines = out.strip().splitlines()
    assert [line.split()[0] for line in lines] == [row[0] for row in EXPECTED_LAYERS]


def test_sites_json_is_a_wgs84_feature_collection_with_separate_fact_fields(capsys, tmp_path):
    doc = run_json(capsys, "sites", "--json")
    assert doc["type"] == "FeatureCollection"
    features = doc["features"]
    embedded = pyogrio.read_dataframe(geodata_dir() / "sites.geojson")
    assert [f["properties"]["id"] for f in features] == list(embedded["id"])
    for feature, original in zip(features, embedded.geometry, strict=True):
        assert feature["type"] == "Feature"
        geom = shape(feature["geometry"])
        assert geom.is_valid and geom.equals_exact(original, 1e-9)
        minx, miny, maxx, maxy = geom.bounds
        assert 121.4 < minx < maxx < 121.6 and 31.2 < miny < maxy < 31.35
        props = feature["properties"]
        assert props["name_en"] and props["name_zh"] and props["category"]
        assert props["facts"], props["id"]
        for fact in props["facts"]:
            assert {"id", "label", "value", "unit", "date", "source"} <= set(fact)
            assert fact["source"] in props["sources"]
            if fact["unit"]:
                assert isinstance(fact["value"], int | float), fact
        # Computed figures come with the sourced ones.
        assert {"area", "perimeter"} <= {f["id"] for f in props["facts"]}
    # Another GIS reader accepts it.
    path = tmp_path / "sites.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    reread = pyogrio.read_dataframe(path)
    assert len(reread) == len(embedded) and reread.crs.to_epsg() == 4326


def test_sites_text(capsys):
    code, out, _ = run(capsys, "sites")
    assert code == 0
    assert "Knowledge Innovative Community (创智天地)" in out
    assert len(out.strip().splitlines()) == 8


# --- identify --------------------------------------------------------------------------------


def hit_names(doc) -> list[str]:
    return [h["name"] for h in doc["hits"]]


def test_identify_names_the_knowledge_innovative_community(capsys):
    doc = run_json(capsys, "identify", *KIC_POINT, "--json")
    assert (doc["lon"], doc["lat"]) == tuple(map(float, KIC_POINT))
    names = hit_names(doc)
    assert names[0] == "Knowledge Innovative Community"
    assert "Yangpu District" in names
    kic = doc["hits"][0]
    assert kic["layer"] == "sites" and kic["properties"]["id"] == "kic"
    assert any(f["source"] == "places" for f in kic["facts"])
    assert set(kic["sources"]) == {f["source"] for f in kic["facts"]}


def test_identify_in_the_228_street_block_names_it_and_changbai_community(capsys):
    point = site_polygon("changbai-228").representative_point()
    doc = run_json(capsys, "identify", str(point.x), str(point.y), "--json")
    by_name = {h["name"]: h for h in doc["hits"]}
    block, community = by_name["Changbai 228 Street Block"], by_name["Changbai Community"]
    # The smaller, nested block is the likelier target and comes first.
    names = hit_names(doc)
    assert names.index("Changbai 228 Street Block") < names.index("Changbai Community")
    assert {"part-of", "bounding-streets"} <= {f["id"] for f in block["facts"]}
    assert {"workers-community", "un-habitat-recommendation"} <= {
        f["id"] for f in community["facts"]
    }
    for hit in (block, community):
        assert {"area", "perimeter"} <= {f["id"] for f in hit["facts"]}
    assert "Yangpu District" in names


def test_identify_text_output(capsys):
    code, out, _ = run(capsys, "identify", *KIC_POINT)
    assert code == 0
    assert "Renewal and innovation sites: Knowledge Innovative Community" in out
    assert "Nearest metro station: Jiangwan Stadium (Line 10)" in out


def test_identify_nothing(capsys):
    doc = run_json(capsys, "identify", *NOWHERE, "--json")
    assert doc["hits"] == []
    code, out, _ = run(capsys, "identify", *NOWHERE)
    assert code == 0 and out.startswith("nothing at")


def test_identify_with_a_file(capsys, tmp_path):
    lon, lat = 121.605, 31.205  # in Pudong, outside every site
    parcel = box(lon - 0.002, lat - 0.002, lon + 0.002, lat + 0.002)
    far = box(lon + 0.01, lat, lon + 0.012, lat + 0.002)
    path = write_geojson(
        tmp_path / "parcels.geojson",
        [({"name": "Test parcel"}, parcel), ({"name": "Far parcel"}, far)],
    )
    doc = run_json(capsys, "identify", str(lon), str(lat), "--file", str(path), "--json")
    file_hits = [h for h in doc["hits"] if h["layer_title"] == "parcels"]
    assert [h["name"] for h in file_hits] == ["Test parcel"]
    assert file_hits[0]["properties"] == {"name": "Test parcel"}
    area = next(f for f in file_hits[0]["facts"] if f["id"] == "area")
    assert area["source"] == "computed" and 10 < area["value"] < 20  # about 16 ha
    # The embedded map is still searched, and comes first.
    assert hit_names(doc)[0] == "Pudong New Area"


def test_identify_with_a_gcj02_file_and_declared_crs(capsys, tmp_path):
    lon, lat = 121.58, 31.30
    glon, glat = (float(v) for v in wgs84_to_gcj02(lon, lat))
    # A 100 m square drawn on a Chinese web map around the point: 470 m off in WGS84.
    square = box(glon - 0.0005, glat - 0.0005, glon + 0.0005, glat + 0.0005)
    path = write_geojson(tmp_path / "web.geojson", [({"name": "Web square"}, square)])
    plain = run_json(capsys, "identify", str(lon), str(lat), "--file", str(path), "--json")
    assert "Web square" not in hit_names(plain)
    declared = run_json(
        capsys, "identify", str(lon), str(lat), "--file", str(path), "--crs", "gcj02", "--json"
    )
    assert "Web square" in hit_names(declared)


def test_info_json(capsys, tmp_path):
    path = write_geojson(
        tmp_path / "one.geojson", [({"name": "A"}, box(121.50, 31.25, 121.51, 31.26))]
    )
    doc = run_json(capsys, "info", str(path), "--json")
    (layer,) = doc["layers"]
    assert layer["feature_count"] == 1
    assert layer["bounds_wgs84"] == pytest.approx([121.50, 31.25, 121.51, 31.26])
    assert "4326" in layer["crs"]


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],
        ["identify"],
        ["identify", "121.5"],
        ["identify", "east", "31.3"],
        ["layers", "--bogus"],
        ["info"],
        ["--no-such-option"],
    ],
)
def test_usage_errors_exit_2(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "usage:" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["identify", "121.5", "31.3", "--file", "/no/such/file.geojson"],
        ["info", "/no/such/file.geojson"],
        ["identify", "200", "31.3"],
        ["identify", "121.5", "95"],
        ["identify", "nan", "31.3"],
        ["identify", "121.5", "31.3", "--crs", "EPSG:99999999"],
        ["identify", "121.5", "31.3", "--crs", "mars"],
    ],
)
def test_bad_input_exits_1_with_one_line(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert out == ""
    assert_one_line_error(err)


def test_unknown_crs_with_a_file_exits_1(capsys, tmp_path):
    path = write_geojson(tmp_path / "one.geojson", [({}, box(121.5, 31.25, 121.51, 31.26))])
    for argv in (
        ["identify", "121.5", "31.3", "--file", str(path), "--crs", "nonsense"],
        ["info", str(path), "--crs", "nonsense"],
    ):
        code, _, err = run(capsys, *argv)
        assert code == 1
        assert_one_line_error(err)
        assert "nonsense" in err


@pytest.mark.parametrize("content", [b"not a GIS file at all\n", b'{"type": ', b"\x00\xff\xfe"])
def test_unreadable_file_exits_1_with_one_line(capsys, tmp_path, content):
    path = tmp_path / "broken.geojson"
    path.write_bytes(content)
    code, _, err = run(capsys, "info", str(path))
    assert code == 1
    assert_one_line_error(err)
    code, _, err = run(capsys, "identify", "121.5", "31.3", "--file", str(path))
    assert code == 1
    assert_one_line_error(err)


def test_a_folder_is_not_a_file(capsys, tmp_path):
    code, _, err = run(capsys, "info", str(tmp_path))
    assert code == 1
    assert_one_line_error(err)


# --- real processes, from another directory --------------------------------------------------


def run_process(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "YANGPU_GIS_DEBUG"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


ENTRY_POINTS = {
    "console-script": [str(VENV_BIN / "yangpu-gis")],
    "python-m": [sys.executable, "-m", "yangpu_gis"],
}


@pytest.fixture(params=sorted(ENTRY_POINTS))
def command(request) -> list[str]:
    cmd = ENTRY_POINTS[request.param]
    if not Path(cmd[0]).exists():
        pytest.fail(f"{cmd[0]} is missing: is the package installed in this environment?")
    return cmd


def test_process_version(command, tmp_path):
    proc = run_process([*command, "--version"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"yangpu-gis {__version__}"


def test_process_layers_and_identify_from_another_directory(command, tmp_path):
    proc = run_process([*command, "layers", "--json"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["id"] for r in rows] == [row[0] for row in EXPECTED_LAYERS]
    assert all(Path(r["path"]).is_file() for r in rows)

    proc = run_process([*command, "identify", *KIC_POINT, "--json"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["hits"][0]["name"] == "Knowledge Innovative Community"


def test_process_relative_file_path(command, tmp_path):
    write_geojson(tmp_path / "here.geojson", [({"name": "Here"}, box(121.6, 31.2, 121.61, 31.21))])
    proc = run_process(
        [*command, "identify", "121.605", "31.205", "--file", "here.geojson", "--json"], tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert "Here" in hit_names(json.loads(proc.stdout))


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["identify", "121.5", "31.3", "--file", "missing.geojson"], 1),
        (["identify", "121.5", "31.3", "--crs", "mars"], 1),
        (["identify", "999", "31.3"], 1),
        (["frobnicate"], 2),
    ],
)
def test_process_errors(command, tmp_path, argv, code):
    proc = run_process([*command, *argv], tmp_path)
    assert proc.returncode == code
    assert "Traceback" not in proc.stderr
    if code == 1:
        assert_one_line_error(proc.stderr)
        assert proc.stdout == ""
