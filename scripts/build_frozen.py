"""Build the one-folder frozen app, dist/yangpu-gis/, with PyInstaller.

    pip install -e '.[freeze]'
    python scripts/build_frozen.py               # build
    python scripts/build_frozen.py --if-changed  # skip when nothing it is built from changed
    dist/yangpu-gis/yangpu-gis self-test         # check the result

The build key (a hash of src/, geodata/, resources/, packaging/, pyproject.toml, this
script and the Python and PyInstaller versions) is written to dist/yangpu-gis.build-key
after a successful build; --if-changed compares against it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "packaging" / "yangpu-gis.spec"
DIST = REPO / "dist"
WORK = REPO / "build" / "pyinstaller"
APP = DIST / "yangpu-gis"
KEY_FILE = DIST / "yangpu-gis.build-key"
INPUTS = ("src", "geodata", "resources", "packaging", "pyproject.toml", "scripts/build_frozen.py")
SKIPPED_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache"}


def executable() -> Path:
    return APP / ("yangpu-gis.exe" if sys.platform == "win32" else "yangpu-gis")


def _input_files():
    for name in INPUTS:
        path = REPO / name
        if path.is_file():
            yield path
        elif path.is_dir():
            for file in sorted(path.rglob("*")):
                if (
                    file.is_file()
                    and not SKIPPED_PARTS & set(file.relative_to(REPO).parts)
                    and file.suffix not in (".pyc", ".pyo")
                ):
                    yield file


def build_key() -> str:
    import PyInstaller

    digest = hashlib.sha256()
    digest.update(f"python {sys.version} pyinstaller {PyInstaller.__version__}\n".encode())
    for file in _input_files():
        digest.update(file.relative_to(REPO).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def is_current(key: str) -> bool:
    return (
        executable().is_file()
        and KEY_FILE.is_file()
        and KEY_FILE.read_text(encoding="utf-8").strip() == key
    )


def build(*, clean: bool = False) -> dict:
    """Run PyInstaller; returns what was built, how long it took and how big it is."""
    key = build_key()
    KEY_FILE.unlink(missing_ok=True)  # an interrupted build must not look current
    if clean:
        shutil.rmtree(WORK, ignore_errors=True)
    started = time.perf_counter()
    argv = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    if clean:
        argv.insert(3, "--clean")
    subprocess.run(argv, cwd=REPO, check=True)
    seconds = time.perf_counter() - started
    KEY_FILE.write_text(key + "\n", encoding="utf-8")
    return {
        "app": str(APP),
        "executable": str(executable()),
        "built": True,
        "key": key,
        "seconds": round(seconds, 1),
        "size_mb": round(folder_size(APP) / 1e6, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Build the frozen one-folder app in dist/yangpu-gis/."
    )
    parser.add_argument(
        "--if-changed",
        action="store_true",
        help="do nothing when the last build was made from the same inputs",
    )
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's cache first")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print(
            "build_frozen: PyInstaller is not installed; run: pip install -e '.[freeze]'",
            file=sys.stderr,
        )
        return 1
    key = build_key()
    if args.if_changed and is_current(key):
        result = {
            "app": str(APP),
            "executable": str(executable()),
            "built": False,
            "key": key,
            "seconds": 0.0,
            "size_mb": round(folder_size(APP) / 1e6, 1),
        }
    else:
        try:
            result = build(clean=args.clean)
        except subprocess.CalledProcessError as exc:
            print(
                f"build_frozen: PyInstaller failed with exit code {exc.returncode}", file=sys.stderr
            )
            return 1
    if args.json:
        print(json.dumps(result))
    elif result["built"]:
        print(f"built {result['app']} in {result['seconds']} s, {result['size_mb']} MB")
    else:
        print(f"{result['app']} is up to date ({result['size_mb']} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
