"""The interface, the exports, the commands and the API read layers through the Layer API (column names,
columns, rows by index, geometries, feature count, `to_frame()` where pandas is really
needed), never through `layer.data`: a layer read on the lean path has no frame until
one is asked for, and building it for a search or a note lookup cost the whole table.
"""

from __future__ import annotations

import ast
from pathlib import Path

import yangpu_gis

PACKAGE_DIR = Path(yangpu_gis.__file__).resolve().parent
CONSUMERS = ("ui", "export", "cli", "api.py", "selftest.py")
# Modules of ui/ that may import pandas: the attribute table sorts by each column's dtype.
PANDAS_IN_UI = {"ui/panels/feature_table_model.py"}
PANDAS_ROOTS = {"pandas", "geopandas"}


def data_reads(source: str) -> list[str]:
    """`x.data` read as a value (`item.data(role)`, Qt's method, is a call and fine)."""
    tree = ast.parse(source)
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "data" and id(node) not in called
    ]


def pandas_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in PANDAS_ROOTS]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in PANDAS_ROOTS:
            found.append(node.module or "")
    return found


def consumer_modules():
    for name in CONSUMERS:
        place = PACKAGE_DIR / name
        for path in sorted(place.rglob("*.py")) if place.is_dir() else [place]:
            yield path.relative_to(PACKAGE_DIR).as_posix(), path.read_text(encoding="utf-8")


def test_the_checks_catch_a_reach_into_the_frame():
    assert data_reads('names = layer.data["name"].tolist()') == ["layer.data"]
    assert data_reads("frame = self.layer.data") == ["self.layer.data"]
    assert data_reads("role = item.data(0, USER_ROLE)") == []
    assert pandas_imports("import pandas as pd\nfrom geopandas import GeoDataFrame") == [
        "pandas",
        "geopandas",
    ]


def test_no_interface_export_or_command_module_reads_layer_data():
    reads = {}
    for name, source in consumer_modules():
        # export/image.py: the written page's bytes (`written.data`), not a layer.
        found = [r for r in data_reads(source) if r != "written.data"]
        if found:
            reads[name] = found
    assert reads == {}, f"read layers through the Layer API, not .data: {reads}"


def test_the_interface_imports_no_pandas_but_for_the_attribute_tables_sorting():
    found = {
        name: imports
        for name, source in consumer_modules()
        if name.startswith("ui/") and name not in PANDAS_IN_UI
        for imports in [pandas_imports(source)]
        if imports
    }
    assert found == {}
