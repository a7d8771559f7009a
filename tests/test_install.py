"""The wheel installs into a clean virtualenv and the installed command works from anywhere.

Builds the wheel, checks it carries the geodata and resources, installs it into a fresh
virtualenv (no system site-packages) with its dependencies from the package index, pinned
to the versions of the development environment, and runs the command from a folder
outside the repository. The virtualenv is kept in build/test-install/ keyed by a hash of
pyproject.toml and the Python version, so reruns only reinstall the wheel.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("YANGPU_GIS_TEST_CACHE", REPO / "build" / "test-install"))
BIN = "Scripts" if os.name == "nt" else "bin"


def _project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _venv_key() -> str:
    digest = hashlib.sha256((REPO / "pyproject.toml").read_bytes())
    digest.update(f"{sys.version_info[:3]}{sys.platform}".encode())
    return digest.hexdigest()[:16]


def _run(argv, *, timeout=1800, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, **kwargs)
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, argv))} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result


def _pins(folder: Path) -> Path:
    """The development environment's versions, as pip constraints (not requirements)."""
    frozen = _run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"]).stdout
    lines = [
        line
        for line in frozen.splitlines()
        if "==" in line
        and " @ " not in line
        and not line.lower().startswith(("yangpu-gis", "yangpu_gis"))
    ]
    path = folder / "constraints.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def timings():
    found: dict[str, float] = {}
    yield found
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "timings.json").write_text(json.dumps(found, indent=2), encoding="utf-8")
    print("\ninstall timings (s): " + ", ".join(f"{k} {v:.1f}" for k, v in found.items()))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, timings) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    started = time.perf_counter()
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)])
    timings["wheel_build"] = time.perf_counter() - started
    wheels = list(out.glob("yangpu_gis-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def venv(wheel, timings) -> Path:
    """A virtualenv with the wheel installed: dependencies kept across runs, the wheel fresh."""
    folder = CACHE / f"venv-{_venv_key()}"
    python = folder / BIN / ("python.exe" if os.name == "nt" else "python")
    ready = folder / "dependencies-installed"
    if not ready.exists():
        for stale in CACHE.glob("venv-*"):  # earlier dependency sets
            shutil.rmtree(stale, ignore_errors=True)
        started = time.perf_counter()
        _run([sys.executable, "-m", "venv", str(folder)])
        constraints = _pins(CACHE)
        _run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"])
        _run([str(python), "-m", "pip", "install", "-q", "-c", str(constraints), str(wheel)])
        timings["venv_with_dependencies"] = time.perf_counter() - started
        ready.write_text(_venv_key(), encoding="utf-8")
    else:
        started = time.perf_counter()
        _run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "--no-deps",
                "--force-reinstall",
                str(wheel),
            ]
        )
        timings["wheel_reinstall"] = time.perf_counter() - started
    return folder


@pytest.fixture(scope="module")
def outside(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("elsewhere")


def _yangpu(
    venv: Path, outside: Path, *args: str, check: bool = True
) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PROJ_DATA", "PROJ_LIB", "GDAL_DATA")
    }
    env.update(
        {
            "PATH": str(venv / BIN) + os.pathsep + env.get("PATH", ""),
            "QT_QPA_PLATFORM": "offscreen",
            "YANGPU_GIS_DATA_DIR": str(outside / "data"),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    exe = shutil.which("yangpu-gis", path=str(venv / BIN))
    assert exe is not None, "the wheel installed no yangpu-gis command"
    argv = [exe, *args]
    if check:
        return _run(argv, cwd=outside, env=env, timeout=300)
    return subprocess.run(argv, cwd=outside, env=env, capture_output=True, text=True, timeout=300)


def _site_packages(venv: Path) -> Path:
    python = venv / BIN / ("python.exe" if os.name == "nt" else "python")
    out = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
    ).stdout
    return Path(out.strip()).resolve()


# --- the wheel -------------------------------------------------------------------------------


def test_wheel_carries_data_and_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    geojson = {n for n in names if n.startswith("yangpu_gis/geodata/") and n.endswith(".geojson")}
    expected = {f"yangpu_gis/geodata/{p.name}" for p in (REPO / "geodata").glob("*.geojson")}
    assert expected and geojson == expected
    assert "yangpu_gis/geodata/facts.json" in names
    icons = {n for n in names if n.startswith("yangpu_gis/resources/icons/") and n.endswith(".png")}
    assert icons == {
        f"yangpu_gis/resources/icons/{p.name}" for p in (REPO / "resources" / "icons").glob("*.png")
    }
    assert "yangpu_gis/resources/yangpu-gis.desktop" in names
    # the interface's translations, compiled (resources/i18n/*.qm, kept in step by a test)
    assert {
        "yangpu_gis/resources/i18n/yangpu_gis_zh_CN.qm",
        "yangpu_gis/resources/i18n/yangpu_gis_en.qm",
    } <= names
    assert "yangpu_gis/cli/__init__.py" in names and "yangpu_gis/selftest.py" in names
    assert not any(n.startswith(("tests/", "scripts/", "geodata/")) for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "yangpu-gis = yangpu_gis.cli:main" in zipfile.ZipFile(wheel).read(metadata).decode()


# --- the installed command -------------------------------------------------------------------


def test_version(venv, outside):
    """One version, written in the package's __init__.py: the wheel's metadata and the
    installed command both carry it."""
    source = re.search(
        r'^__version__ = "([^"]+)"$',
        (REPO / "src" / "yangpu_gis" / "__init__.py").read_text(encoding="utf-8"),
        re.MULTILINE,
    ).group(1)
    assert _project()["dynamic"] == ["version"]
    out = _yangpu(venv, outside, "--version").stdout.strip()
    assert out == f"yangpu-gis {source}"
    python = venv / BIN / ("python.exe" if os.name == "nt" else "python")
    metadata = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('yangpu-gis'))"],
        capture_output=True,
        text=True,
        cwd=outside,
        timeout=60,
        check=True,
    )
    assert metadata.stdout.strip() == source


def test_imports_come_from_the_virtualenv_not_the_repository(venv, outside):
    python = venv / BIN / ("python.exe" if os.name == "nt" else "python")
    out = _run(
        [
            str(python),
            "-c",
            "import yangpu_gis, sys; print(yangpu_gis.__file__); print(sys.prefix)",
        ],
        cwd=outside,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    ).stdout.split("\n")
    assert Path(out[0]).resolve().is_relative_to(_site_packages(venv))
    assert not Path(out[0]).resolve().is_relative_to(REPO / "src")


def test_layers_are_read_from_the_installed_package(venv, outside):
    rows = json.loads(_yangpu(venv, outside, "layers", "--json").stdout)
    assert [(r["id"], r["feature_count"]) for r in rows] == [
        ("districts", 4),
        ("river", 1),
        ("riverside", 2),
        ("sites", 8),
    ]
    geodata = _site_packages(venv) / "yangpu_gis" / "geodata"
    for row in rows:
        path = Path(row["path"]).resolve()
        assert path.is_relative_to(geodata), path
        assert path.is_file()


def test_sites(venv, outside):
    doc = json.loads(_yangpu(venv, outside, "sites", "--json").stdout)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 8
    names = {f["properties"]["name_zh"] for f in doc["features"]}
    assert "五角场城市副中心" in names
    assert all(f["properties"]["facts"] for f in doc["features"])


def test_identify(venv, outside):
    doc = json.loads(_yangpu(venv, outside, "identify", "121.5096", "31.3051", "--json").stdout)
    hits = {(h["layer"], h["name"]) for h in doc["hits"]}
    assert ("districts", "Yangpu District") in hits
    assert ("sites", "Knowledge Innovative Community") in hits


def test_notes_work_in_the_installed_package(venv, outside):
    _yangpu(venv, outside, "notes", "add", "安装测试", "--author", "test", "--site", "wujiaochang")
    notes = json.loads(_yangpu(venv, outside, "notes", "list", "--json").stdout)
    assert [n["text"] for n in notes][-1] == "安装测试"


def test_self_test_passes(venv, outside):
    result = _yangpu(venv, outside, "self-test", "--json", check=False)
    doc = json.loads(result.stdout)
    failed = {c["name"]: c["detail"] for c in doc["checks"] if not c["ok"]}
    assert result.returncode == 0 and doc["ok"] and not failed, failed
    names = [c["name"] for c in doc["checks"]]
    assert {"proj", "gdal", "map", "render", "html"} <= set(names)
    geodata_detail = next(c["detail"] for c in doc["checks"] if c["name"] == "map")
    assert str(_site_packages(venv)) in geodata_detail
