"""The frozen one-folder build works on its own: self-test, CLI and the app window.

Builds dist/yangpu-gis/ with scripts/build_frozen.py --if-changed (so a rerun with the
same sources reuses the last build) and runs it from a folder outside the repository,
with no PROJ/GDAL variables of the development environment to lean on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
import build_frozen  # noqa: E402

REQUIRED_CHECKS = ("proj", "gdal", "map", "notes", "render", "html", "translations")


@pytest.fixture(scope="module")
def frozen_app() -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is needed for the frozen build: pip install -e '.[freeze]'")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_frozen.py"), "--if-changed", "--json"],
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"\nfrozen build: {'built in ' + str(report['seconds']) + ' s' if report['built'] else 'reused'}, "
        f"{report['size_mb']} MB"
    )
    exe = Path(report["executable"])
    assert exe.is_file() and os.access(exe, os.X_OK)
    assert build_frozen.is_current(report["key"])  # a rerun from the same inputs reuses it
    return exe


@pytest.fixture
def clean_env(tmp_path) -> dict:
    """No Python, PROJ or GDAL settings from here: the build must carry its own."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "PROJ_", "GDAL_", "VIRTUAL_ENV"))
    }
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "YANGPU_GIS_DATA_DIR": str(tmp_path / "data"),
            "PATH": os.pathsep.join(
                p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p
            ),
        }
    )
    return env


def test_build_key_follows_the_inputs_only(tmp_path, monkeypatch):
    for name in (
        "src/yangpu_gis/cli.py",
        "geodata/sites.geojson",
        "resources/a.png",
        "packaging/yangpu-gis.spec",
        "pyproject.toml",
        "scripts/build_frozen.py",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    monkeypatch.setattr(build_frozen, "REPO", tmp_path)
    key = build_frozen.build_key()
    assert build_frozen.build_key() == key
    # Byte code, tests and notes elsewhere do not make a new build...
    (tmp_path / "src/yangpu_gis/__pycache__").mkdir()
    (tmp_path / "src/yangpu_gis/__pycache__/cli.cpython-311.pyc").write_bytes(b"x")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests/test_x.py").write_text("x", encoding="utf-8")
    assert build_frozen.build_key() == key
    # ...a changed, added or renamed input does.
    (tmp_path / "src/yangpu_gis/cli.py").write_text("changed", encoding="utf-8")
    changed = build_frozen.build_key()
    assert changed != key
    (tmp_path / "geodata/new.geojson").write_text("{}", encoding="utf-8")
    assert build_frozen.build_key() not in (key, changed)
    (tmp_path / "resources/a.png").rename(tmp_path / "resources/b.png")
    assert len({key, changed, build_frozen.build_key()}) == 3


def test_self_test_passes_in_the_frozen_build(frozen_app, clean_env, tmp_path):
    result = subprocess.run(
        [str(frozen_app), "self-test", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env,
        timeout=300,
    )
    doc = json.loads(result.stdout)
    checks = {c["name"]: c for c in doc["checks"]}
    failed = {name: c["detail"] for name, c in checks.items() if not c["ok"]}
    assert result.returncode == 0 and doc["ok"], failed
    for name in REQUIRED_CHECKS:
        assert checks[name]["ok"], (name, checks[name]["detail"])
    assert "frozen build" in checks["python"]["detail"]
    internal = str(frozen_app.parent)
    # Each library uses the data bundled for it: pyproj's proj.db, and GDAL's own.
    assert f"in {internal}" in checks["proj"]["detail"]
    assert f"GDAL_DATA {internal}" in checks["gdal"]["detail"]
    assert f"GDAL's PROJ data {internal}" in checks["gdal"]["detail"]
    assert internal in checks["map"]["detail"]


def test_self_test_text_output(frozen_app, clean_env, tmp_path):
    result = subprocess.run(
        [str(frozen_app), "self-test"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env,
        timeout=300,
    )
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout
    assert lines[-1] == f"self-test: all {len(lines) - 1} checks passed"
    assert all(line.startswith("PASS ") for line in lines[:-1])


def test_cli_commands_in_the_frozen_build(frozen_app, clean_env, tmp_path):
    def run(*args):
        result = subprocess.run(
            [str(frozen_app), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=clean_env,
            timeout=300,
        )
        return result.returncode, result.stdout, result.stderr

    code, out, _ = run("--version")
    assert code == 0 and out.startswith("yangpu-gis ")
    code, out, _ = run("identify", "121.5096", "31.3051", "--json")
    assert code == 0
    assert ("districts", "Yangpu District") in {
        (h["layer"], h["name"]) for h in json.loads(out)["hits"]
    }
    code, _, _ = run("notes", "add", "冻结版测试", "--author", "test", "--site", "kic")
    assert code == 0
    code, _, _ = run("notes", "export", str(tmp_path / "notes.csv"))
    assert code == 0 and "冻结版测试" in (tmp_path / "notes.csv").read_text(encoding="utf-8-sig")
    code, out, err = run("identify", "500", "31")
    assert code == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err


def test_the_app_window_starts(frozen_app, clean_env, tmp_path):
    """With no command the frozen app opens its window and keeps running until closed."""
    proc = subprocess.Popen(
        [str(frozen_app)],
        cwd=tmp_path,
        env=clean_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(10)
        running = proc.poll() is None
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert running, f"the app exited with {proc.returncode}: {err[-2000:]}"
    assert "Traceback" not in err and "could not load the Qt platform plugin" not in err
