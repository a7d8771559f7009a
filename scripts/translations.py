"""Keep the interface translations in step with the source.

    python scripts/translations.py update   # pyside6-lupdate: new strings into the .ts files
    python scripts/translations.py build    # pyside6-lrelease: .ts -> .qm (committed, shipped)
    python scripts/translations.py check    # exit 1 if a .ts or .qm is behind the source

Translate the new entries with Qt Linguist (pyside6-linguist resources/i18n/*.ts) between
update and build. The .ts files carry no line numbers (-locations none), so moving code
does not change them; the .qm files are committed so the wheel and the frozen app ship
them without a build step.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "src" / "yangpu_gis" / "ui"
# Model modules that mark their labels with a Qt-free QT_TRANSLATE_NOOP (the format
# registry's dialog names), translated where the interface shows them.
MARKED_MODEL_SOURCES = [REPO / "src" / "yangpu_gis" / "model" / "file_formats.py"]
I18N = REPO / "resources" / "i18n"
# English needs a catalogue only for its plural forms ("1 note", "2 notes").
CATALOGUES = [I18N / "yangpu_gis_zh_CN.ts", I18N / "yangpu_gis_en.ts"]


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install -e '.[test]')")
    return found


def source_files() -> list[str]:
    return sorted(str(p) for p in [*SOURCES.rglob("*.py"), *MARKED_MODEL_SOURCES])


def lupdate(ts: Path) -> str:
    result = subprocess.run(
        [_tool("pyside6-lupdate"), *source_files(), "-locations", "none", "-no-obsolete"]
        + ["-target-language", ts.stem.split("_", 2)[-1]]
        + (["-pluralonly"] if ts.stem.endswith("_en") else [])
        + ["-ts", str(ts)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout + result.stderr


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
    )


def messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    """(context, source, comment) -> the <translation> element."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            key = (name, message.findtext("source", ""), message.findtext("comment", ""))
            found[key] = message.find("translation")
    return found


def unfinished(ts: Path) -> list[str]:
    """Entries with no translation, or one marked unfinished or obsolete."""
    problems = []
    for (context, source, _), translation in messages(ts).items():
        kind = translation.get("type") if translation is not None else "missing"
        forms = [translation.text or ""] if translation is not None else [""]
        if translation is not None and translation.findall("numerusform"):
            forms = [form.text or "" for form in translation.findall("numerusform")]
        if kind in ("unfinished", "obsolete", "vanished", "missing") or not all(forms):
            problems.append(f"{context}: {source!r}")
    return problems


def problems() -> list[str]:
    """Why the committed catalogues are not in step with the source; empty when they are."""
    found = []
    with tempfile.TemporaryDirectory() as folder:
        for ts in CATALOGUES:
            copy = Path(folder) / ts.name
            shutil.copyfile(ts, copy)
            lupdate(copy)
            before, after = set(messages(ts)), set(messages(copy))
            found += [f"{ts.name}: new in the source: {k[0]}: {k[1]!r}" for k in after - before]
            found += [f"{ts.name}: gone from the source: {k[0]}: {k[1]!r}" for k in before - after]
            found += [f"{ts.name}: not translated: {p}" for p in unfinished(ts)]
            qm = ts.with_suffix(".qm")
            built = Path(folder) / qm.name
            lrelease(ts, built)
            if not qm.exists() or not filecmp.cmp(qm, built, shallow=False):
                found.append(f"{qm.name} is not compiled from {ts.name}: run build")
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "build", "check"))
    args = parser.parse_args(argv)
    I18N.mkdir(parents=True, exist_ok=True)
    if args.command == "update":
        for ts in CATALOGUES:
            print(lupdate(ts).strip())
            left = unfinished(ts)
            print(f"{ts.name}: {len(left)} entries to translate")
    elif args.command == "build":
        for ts in CATALOGUES:
            lrelease(ts, ts.with_suffix(".qm"))
    else:
        found = problems()
        print("\n".join(found) or "translations are in step with the source")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
