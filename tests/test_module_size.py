"""No module of the package grows past 500 lines: small modules with names that explain them."""

from __future__ import annotations

from pathlib import Path

import yangpu_gis

PACKAGE_DIR = Path(yangpu_gis.__file__).resolve().parent
MAX_LINES = 500


def line_counts() -> dict[str, int]:
    return {
        path.relative_to(PACKAGE_DIR).as_posix(): len(path.read_bytes().splitlines())
        for path in PACKAGE_DIR.rglob("*.py")
        if "__pycache__" not in path.parts
    }


def test_no_module_is_over_500_lines():
    counts = line_counts()
    assert "cli/__init__.py" in counts and "model/layer.py" in counts  # the walk sees the tree
    over = {name: n for name, n in counts.items() if n > MAX_LINES}
    assert over == {}, f"modules over {MAX_LINES} lines (split them): {over}"
