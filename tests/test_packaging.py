"""What the package declares is what it uses: dependencies, licence, entry points, pins."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
# Installed with a declared distribution and version-locked to it, never on its own.
COMES_WITH = {"shiboken6": "pyside6-essentials"}


def declared(requirements) -> set[str]:
    return {canonicalize_name(Requirement(text).name) for text in requirements}


def top_level_imports(folder: Path) -> set[str]:
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"yangpu_gis"}


def distributions_of(modules: set[str], declared_names: set[str]) -> set[str]:
    """The distribution each module comes from; where several installed ones provide it
    (PySide6 and PySide6-Essentials in a venv made before the switch), the declared one."""
    owners = packages_distributions()
    found = set()
    for module in modules:
        assert module in owners, f"{module} is imported but no installed distribution has it"
        names = {COMES_WITH.get(canonicalize_name(d), canonicalize_name(d)) for d in owners[module]}
        found |= (names & declared_names) or names
    return found


def test_every_import_of_the_package_is_a_declared_dependency_and_every_one_is_used():
    runtime = declared(PROJECT["dependencies"])
    used = distributions_of(top_level_imports(REPO / "src" / "yangpu_gis"), runtime)
    assert used - runtime == set(), "imported but not declared"
    assert runtime - used == set(), "declared but never imported"


def test_the_full_pyside6_with_its_addons_is_not_required():
    runtime = declared(PROJECT["dependencies"])
    assert "pyside6" not in runtime and "pyside6-addons" not in runtime
    assert "pyside6-essentials" in runtime


def test_pyside6_6_12_0_stays_excluded_on_python_3_11():
    """PySide6 6.12.0 on Python 3.11 aborts the interpreter (none_dealloc)."""
    for text in PROJECT["dependencies"]:
        requirement = Requirement(text)
        if canonicalize_name(requirement.name) == "pyside6-essentials" and requirement.marker:
            if requirement.marker.evaluate({"python_version": "3.11"}):
                assert not requirement.specifier.contains("6.12.0")
                break
    else:
        raise AssertionError("no PySide6-Essentials requirement for Python 3.11")


def test_licence_metadata_and_entry_points():
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert PROJECT["license"] == "MIT" and licence.startswith("MIT License")
    assert PROJECT["license-files"] == ["LICENSE"]
    assert PROJECT["authors"] and any("GIS" in c for c in PROJECT["classifiers"])
    assert PROJECT["scripts"]["yangpu-gis"] == "yangpu_gis.cli:main"
    assert PROJECT["gui-scripts"]["yangpu-gis-app"] == "yangpu_gis.gui_main:main"


def test_the_constraints_pin_every_declared_dependency_at_a_version_the_ranges_allow():
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = re.fullmatch(r"([A-Za-z0-9_.\-]+)==(\S+)", line).groups()
            pins[canonicalize_name(name)] = version
    extras = PROJECT["optional-dependencies"]
    groups = [PROJECT["dependencies"], extras["test"], extras["notebook"]]
    for group in groups:
        for text in group:
            requirement = Requirement(text)
            name = canonicalize_name(requirement.name)
            if name == "yangpu-gis" or (requirement.marker and not requirement.marker.evaluate()):
                continue
            assert name in pins, f"{name} is not pinned in constraints.txt"
            assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} vs {text}"
