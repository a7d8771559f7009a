"""The architecture rules.

The layers (model < render < export < ui < selftest < cli) and "the model uses no Qt" are
import-linter contracts in pyproject.toml, run by `lint-imports` in scripts/test; the tests
here prove those contracts hold and catch a violation, and check what import-linter cannot
express: it sees external packages only at their top level (PySide6, not
PySide6.QtWidgets), and it reads source, not what importing a module actually loads.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import yangpu_gis

PACKAGE_DIR = Path(yangpu_gis.__file__).resolve().parent
REPO = Path(__file__).resolve().parent.parent
PACKAGE = "yangpu_gis"
QT_ROOTS = ("PySide6", "shiboken6")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def package_modules() -> list[Path]:
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def area(path: Path) -> str:
    return path.relative_to(PACKAGE_DIR).parts[0]


def is_widgets(module: str) -> bool:
    # QtWidgets and the modules built on it (QtSvgWidgets, QtOpenGLWidgets, ...).
    parts = module.split(".")
    return parts[0] == "PySide6" and any(
        p.startswith("Qt") and p.endswith("Widgets") for p in parts[1:]
    )


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, module) for every import anywhere in a source; `from a import b` gives a.b."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def widgets_imports(path: Path, source: str | None = None) -> list[str]:
    source = path.read_text(encoding="utf-8") if source is None else source
    return [f"{path}:{line}: {m}" for line, m in imported_modules(source) if is_widgets(m)]


# --- import-linter -------------------------------------------------------------------------


def run_lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_are_declared_for_every_layer():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    linter = config["tool"]["importlinter"]
    assert linter["root_package"] == PACKAGE
    contracts = {c["type"]: c for c in linter["contracts"]}
    layers = [
        [name.strip() for name in layer.split("|")] for layer in contracts["layers"]["layers"]
    ]
    order = ["gui_main", "cli", "selftest", "api ui", "export", "render", "model"]
    assert layers == [[f"{PACKAGE}.{a}" for a in layer.split()] for layer in order]
    assert contracts["forbidden"]["source_modules"] == [f"{PACKAGE}.model"]
    assert set(contracts["forbidden"]["forbidden_modules"]) == set(QT_ROOTS)
    # Every sub-package and top-level module is in a layer (a new one must be placed), but
    # for the small helpers every layer may use.
    top = {
        p.stem for p in PACKAGE_DIR.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()
    }
    layered = {name.removeprefix(f"{PACKAGE}.") for layer in layers for name in layer}
    assert top - layered == {"__init__", "__main__", "paths", "logs", "desktop_entry"}


def test_the_source_keeps_its_contracts():
    done = run_lint_imports(REPO, REPO / "src")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.fixture
def copied_tree(tmp_path):
    """The package and the contracts, copied so a test can break them."""
    shutil.copytree(
        PACKAGE_DIR, tmp_path / "src" / PACKAGE, ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(
    "where, source, broken",
    [
        ("model/example.py", "def later():\n    from PySide6.QtCore import QTimer\n", "no Qt"),
        (
            "model/example.py",
            "try:\n    import shiboken6\nexcept ImportError:\n    pass\n",
            "no Qt",
        ),
        ("model/example.py", "from yangpu_gis.render import viewport\n", "Layers"),
        ("render/example.py", "def f():\n    from yangpu_gis.ui import canvas\n", "Layers"),
        ("export/example.py", "from ..ui import main_window\n", "Layers"),
        ("ui/example.py", "import yangpu_gis.cli\n", "Layers"),
        ("ui/example.py", "from yangpu_gis.api import Map\n", "Layers"),
        ("api.py", "def f():\n    from yangpu_gis.ui import canvas\n", "Layers"),
    ],
)
def test_lint_imports_catches_a_broken_rule(copied_tree, where, source, broken):
    (copied_tree / "src" / PACKAGE / where).write_text(source, encoding="utf-8")
    done = run_lint_imports(copied_tree, copied_tree / "src")
    assert done.returncode != 0
    assert "1 broken" in done.stdout
    broken_section = done.stdout.split("Broken contracts", 1)[1]
    assert broken in broken_section and where.replace("/", ".")[:-3] in broken_section


# --- what import-linter cannot say ----------------------------------------------------------


def test_only_ui_imports_qtwidgets():
    outside = [w for p in package_modules() if area(p) != "ui" for w in widgets_imports(p)]
    assert outside == [], "only ui/ may use QtWidgets:\n" + "\n".join(outside)
    # The scan sees the ui's own widgets, so an empty result elsewhere means something.
    assert any(widgets_imports(p) for p in package_modules() if area(p) == "ui")


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6.QtWidgets",
        "from PySide6 import QtCore, QtWidgets",
        "from PySide6.QtSvgWidgets import QSvgWidget",
        "def f():\n    from PySide6.QtWidgets import QWidget\n    return QWidget",
    ],
)
def test_the_widgets_scan_catches_every_form(source):
    assert widgets_imports(PACKAGE_DIR / "render" / "example.py", source)


@pytest.mark.parametrize(
    "source", ["from PySide6.QtGui import QImage, QPainter", "from PySide6 import QtCore, QtGui"]
)
def test_the_widgets_scan_lets_render_use_qtcore_and_qtgui(source):
    assert widgets_imports(PACKAGE_DIR / "render" / "example.py", source) == []


def _import_in_fresh_interpreter(prefixes: list[str]) -> dict:
    code = f"""
import importlib, json, pkgutil, sys
import {PACKAGE}
imported, failed = [], {{}}
for prefix in {prefixes!r}:
    package = importlib.import_module(prefix)
    for info in pkgutil.walk_packages(package.__path__, prefix + "."):
        try:
            importlib.import_module(info.name)
            imported.append(info.name)
        except Exception as exc:
            failed[info.name] = repr(exc)
print(json.dumps({{"imported": imported, "failed": failed,
                  "qt": sorted(m for m in sys.modules if m.split(".")[0] in {QT_ROOTS!r})}}))
"""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=180, env=env
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_importing_every_model_module_leaves_pyside6_unloaded():
    result = _import_in_fresh_interpreter([f"{PACKAGE}.model"])
    assert result["failed"] == {}
    assert f"{PACKAGE}.model.project" in result["imported"]
    on_disk = {module_name(p) for p in package_modules() if area(p) == "model"}
    assert set(result["imported"]) == on_disk - {f"{PACKAGE}.model"}
    assert result["qt"] == [], f"importing the model loaded Qt: {result['qt']}"


def test_importing_render_and_export_leaves_qtwidgets_unloaded():
    result = _import_in_fresh_interpreter([f"{PACKAGE}.render", f"{PACKAGE}.export"])
    assert result["failed"] == {}
    widgets = [m for m in result["qt"] if is_widgets(m)]
    assert widgets == [], f"render/export loaded {widgets}"
