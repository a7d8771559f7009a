"""The architecture rules, checked on the source: model/ is Qt-free, only ui/ uses QtWidgets.

Every module under src/yangpu_gis is parsed with ast, so imports inside functions, in
try blocks or behind `if TYPE_CHECKING` count as much as top-level ones.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import yangpu_gis

PACKAGE_DIR = Path(yangpu_gis.__file__).resolve().parent
PACKAGE = "yangpu_gis"
QT_ROOTS = ("PySide6", "shiboken6")


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    module: str  # absolute dotted name of what is imported

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: imports {self.module}"


def module_name(path: Path, root: Path = PACKAGE_DIR, package: str = PACKAGE) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def _resolve_relative(current: str, is_package: bool, level: int, module: str | None) -> str:
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def _constant_import_call(node: ast.Call) -> str | None:
    """`__import__("x")` and `importlib.import_module("x")` with a literal name."""
    func = node.func
    named = (isinstance(func, ast.Name) and func.id in ("__import__", "import_module")) or (
        isinstance(func, ast.Attribute) and func.attr == "import_module"
    )
    if (
        named
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return None


def imports_in_source(source: str, path: Path, current: str, is_package: bool) -> list[Import]:
    """Every module a source imports, anywhere in it; `from a import b` yields a and a.b."""
    found: list[Import] = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            found += [Import(path, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = _resolve_relative(current, is_package, node.level, node.module)
            found.append(Import(path, node.lineno, base))
            # `from PySide6 import QtWidgets` imports the submodule PySide6.QtWidgets.
            found += [
                Import(path, node.lineno, f"{base}.{alias.name}")
                for alias in node.names
                if alias.name != "*"
            ]
        elif isinstance(node, ast.Call):
            name = _constant_import_call(node)
            if name:
                found.append(Import(path, node.lineno, name))
    return found


def package_modules() -> list[Path]:
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def all_imports() -> list[Import]:
    result = []
    for path in package_modules():
        result += imports_in_source(
            path.read_text(encoding="utf-8"), path, module_name(path), path.name == "__init__.py"
        )
    return result


def in_area(path: Path, area: str) -> bool:
    return path.relative_to(PACKAGE_DIR).parts[0] == area


def is_qt(module: str) -> bool:
    return module.split(".")[0] in QT_ROOTS


def is_widgets(module: str) -> bool:
    # QtWidgets and the modules built on it (QtSvgWidgets, QtOpenGLWidgets, ...).
    parts = module.split(".")
    return parts[0] == "PySide6" and any(
        p.startswith("Qt") and p.endswith("Widgets") for p in parts[1:]
    )


def qt_in_model(imports: list[Import]) -> list[Import]:
    return [i for i in imports if in_area(i.path, "model") and is_qt(i.module)]


def widgets_outside_ui(imports: list[Import]) -> list[Import]:
    return [i for i in imports if not in_area(i.path, "ui") and is_widgets(i.module)]


def upward_from_model(imports: list[Import]) -> list[Import]:
    higher = tuple(f"{PACKAGE}.{area}" for area in ("ui", "render", "export", "cli", "selftest"))
    return [
        i
        for i in imports
        if in_area(i.path, "model")
        and (i.module in higher or i.module.startswith(tuple(h + "." for h in higher)))
    ]


def ui_from_render_or_export(imports: list[Import]) -> list[Import]:
    return [
        i
        for i in imports
        if (in_area(i.path, "render") or in_area(i.path, "export"))
        and (i.module == f"{PACKAGE}.ui" or i.module.startswith(f"{PACKAGE}.ui."))
    ]


def report(violations: list[Import]) -> str:
    return "\n".join(str(v) for v in violations)


# --- the rules on the real source ------------------------------------------------------------


def test_the_source_tree_is_found():
    paths = package_modules()
    assert any(in_area(p, "model") for p in paths)
    assert any(in_area(p, "ui") for p in paths)
    # The walk sees the ui's own Qt imports, so an empty result elsewhere means something.
    assert any(is_widgets(i.module) for i in all_imports() if in_area(i.path, "ui"))


def test_model_imports_no_pyside6():
    violations = qt_in_model(all_imports())
    assert not violations, "model/ must not use Qt:\n" + report(violations)


def test_only_ui_imports_qtwidgets():
    violations = widgets_outside_ui(all_imports())
    assert not violations, "only ui/ may use QtWidgets:\n" + report(violations)


def test_model_does_not_import_the_layers_above_it():
    violations = upward_from_model(all_imports())
    assert not violations, "model/ must not depend on ui/render/export:\n" + report(violations)


def test_render_and_export_do_not_import_ui():
    violations = ui_from_render_or_export(all_imports())
    assert not violations, "render/ and export/ must not depend on ui/:\n" + report(violations)


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
    on_disk = {module_name(p) for p in package_modules() if in_area(p, "model")}
    assert set(result["imported"]) == on_disk - {f"{PACKAGE}.model"}
    assert result["qt"] == [], f"importing the model loaded Qt: {result['qt']}"


def test_importing_render_and_export_leaves_qtwidgets_unloaded():
    result = _import_in_fresh_interpreter([f"{PACKAGE}.render", f"{PACKAGE}.export"])
    assert result["failed"] == {}
    widgets = [m for m in result["qt"] if is_widgets(m)]
    assert widgets == [], f"render/export loaded {widgets}"


# --- the checker itself catches every form ---------------------------------------------------

MODEL_FILE = PACKAGE_DIR / "model" / "example.py"
EXPORT_FILE = PACKAGE_DIR / "export" / "example.py"
UI_FILE = PACKAGE_DIR / "ui" / "example.py"


def check(source: str, path: Path) -> list[Import]:
    return imports_in_source(source, path, module_name(path), False)


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6",
        "import PySide6.QtCore",
        "import PySide6.QtCore as QtCore",
        "from PySide6 import QtGui",
        "from PySide6.QtCore import QObject, Signal",
        "import os, PySide6.QtGui",
        "def later():\n    from PySide6.QtCore import QTimer\n    return QTimer",
        "class A:\n    def f(self):\n        if True:\n            import PySide6.QtWidgets",
        "try:\n    import PySide6\nexcept ImportError:\n    PySide6 = None",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from PySide6.QtGui import QColor",
        "import importlib\nqt = importlib.import_module('PySide6.QtCore')",
        "qt = __import__('PySide6')",
        "import shiboken6",
    ],
)
def test_checker_flags_qt_in_model(source):
    violations = qt_in_model(check(source, MODEL_FILE))
    assert violations
    assert all(str(v).startswith(f"{MODEL_FILE}:") for v in violations)


@pytest.mark.parametrize(
    "source",
    [
        "import numpy\nfrom yangpu_gis.model import crs",
        "from . import style",
        "import PySide6_helpers",  # not the PySide6 package
        "text = 'import PySide6'",
    ],
)
def test_checker_accepts_qt_free_model_code(source):
    assert qt_in_model(check(source, MODEL_FILE)) == []


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6.QtWidgets",
        "from PySide6 import QtWidgets",
        "from PySide6 import QtCore, QtWidgets",
        "from PySide6.QtWidgets import QApplication",
        "from PySide6.QtSvgWidgets import QSvgWidget",
        "def f():\n    from PySide6.QtWidgets import QWidget\n    return QWidget",
    ],
)
def test_checker_flags_widgets_outside_ui(source):
    violations = widgets_outside_ui(check(source, EXPORT_FILE))
    assert violations and str(violations[0]).startswith(f"{EXPORT_FILE}:")
    assert widgets_outside_ui(check(source, UI_FILE)) == []


@pytest.mark.parametrize(
    "source",
    [
        "from PySide6.QtGui import QImage, QPainter",
        "from PySide6 import QtCore, QtGui",
    ],
)
def test_checker_lets_export_use_qtcore_and_qtgui(source):
    assert widgets_outside_ui(check(source, EXPORT_FILE)) == []


def test_checker_reports_the_line():
    (violation,) = qt_in_model(
        check("import os\n\n\ndef f():\n    import PySide6.QtCore\n", MODEL_FILE)
    )
    assert violation.line == 5
    assert str(violation) == f"{MODEL_FILE}:5: imports PySide6.QtCore"


@pytest.mark.parametrize(
    "source",
    [
        "from yangpu_gis.ui.app import run_app",
        "from ..ui import main_window",
        "from ..render.viewport import Viewport",
        "import yangpu_gis.export.html",
    ],
)
def test_checker_flags_model_reaching_up(source):
    assert upward_from_model(check(source, MODEL_FILE))


def test_relative_imports_resolve():
    path = PACKAGE_DIR / "model" / "example.py"
    modules = {i.module for i in check("from . import crs\nfrom ..render import viewport", path)}
    assert {"yangpu_gis.model.crs", "yangpu_gis.render.viewport"} <= modules
    init = PACKAGE_DIR / "model" / "__init__.py"
    modules = {
        i.module
        for i in imports_in_source("from .crs import parse_crs", init, module_name(init), True)
    }
    assert "yangpu_gis.model.crs" in modules
