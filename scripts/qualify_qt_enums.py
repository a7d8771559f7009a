"""Write short Qt enum names out in full where mypy cannot see them: Qt.AlignLeft becomes
Qt.AlignmentFlag.AlignLeft, QPainter.Antialiasing becomes QPainter.RenderHint.Antialiasing.

PySide6 still accepts the short names at run time, but its type stubs declare only the
qualified ones, so each short name is a mypy error. The script runs mypy, takes its
`has no attribute` errors on Qt classes, finds the one enum of that class with the member,
and rewrites exactly that spot. Run it on your new code after a rebase:

    .venv/bin/python scripts/qualify_qt_enums.py [PATH ...]   # default: src
"""

from __future__ import annotations

import enum
import importlib
import re
import subprocess
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtSvg", "QtNetwork")
ERROR = re.compile(
    r'^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): error: "type\[(?P<cls>Q\w*)\]" '
    r'has no attribute "(?P<name>\w+)"'
)


@cache
def qt_class(name: str):
    for module in QT_MODULES:
        found = getattr(importlib.import_module(f"PySide6.{module}"), name, None)
        if found is not None:
            return found
    return None


def enum_of(cls_name: str, member: str) -> str | None:
    """The one enum of the Qt class that has this member, or None when none or several."""
    cls = qt_class(cls_name)
    if cls is None:
        return None
    owners = {
        attr
        for base in cls.__mro__  # QIODevice.WriteOnly is QIODeviceBase.OpenModeFlag's
        for attr, value in vars(base).items()
        if isinstance(value, type) and issubclass(value, enum.Enum) and member in value.__members__
    }
    return owners.pop() if len(owners) == 1 else None


def mypy_errors(paths: list[str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--show-column-numbers", "--no-error-summary", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return done.stdout.splitlines()


def main(argv: list[str]) -> int:
    paths = argv or ["src"]
    edits: dict[str, list[tuple[int, int, str, str, str]]] = defaultdict(list)
    for line in mypy_errors(paths):
        match = ERROR.match(line)
        if not match:
            continue
        owner = enum_of(match["cls"], match["name"])
        if owner is None:
            print(f"left: {line}")
            continue
        edits[match["path"]].append(
            (int(match["line"]), int(match["col"]), match["cls"], match["name"], owner)
        )
    changed = 0
    for path, spots in edits.items():
        file = ROOT / path
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        # Right to left, so earlier columns on the same line stay where they were.
        for number, col, cls, name, owner in sorted(spots, reverse=True):
            text = lines[number - 1]
            short = re.compile(rf"\b{cls}\.{name}\b")
            # mypy's column is where the expression starts (`Qt`, or `QtCore` in QtCore.Qt.X).
            found = short.search(text, col - 1) or short.search(text)
            if not found:
                print(f"left: {path}:{number}: {cls}.{name} not found on the line")
                continue
            start, end = found.span()
            lines[number - 1] = text[:start] + f"{cls}.{owner}.{name}" + text[end:]
            changed += 1
        file.write_text("".join(lines), encoding="utf-8")
    print(f"qualified {changed} Qt enum names in {len(edits)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
