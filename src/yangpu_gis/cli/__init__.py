"""The `yangpu-gis` command: the desktop app, and headless commands for scripts and tests.

One module per command group (app, describe, render, notes, install, export_html); each
adds its sub-commands to the parser with `add_commands(sub)`. Exit codes: 0 success, 1 bad
input (one line on stderr), 2 usage error. Heavy modules (geopandas, Qt) are imported
inside the commands so `--help` and errors stay fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from yangpu_gis import __version__
from yangpu_gis.cli import app, basemap, describe, export_html, install, notes, render
from yangpu_gis.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    readable_formats_help,
)

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_USAGE", "CliError", "build_parser", "main"]

# The order of `--help`.
COMMAND_GROUPS = (app, describe, render, notes, install, export_html, basemap)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yangpu-gis",
        description="Yangpu GIS: a desktop GIS viewer for Yangpu District, Shanghai. "
        "With no command it starts the desktop app on the embedded map.",
        epilog=readable_formats_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"yangpu-gis {__version__}")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="print the log on stderr as well as writing it to the log file (any position)",
    )
    parser.set_defaults(func=app.cmd_app)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    # --verbose is accepted after the command too (`yangpu-gis info x.gpkg --verbose`).
    verbose = "--verbose" in argv
    argv = [arg for arg in argv if arg != "--verbose"]
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    from yangpu_gis import logs

    log_file = logs.setup(verbose=verbose)
    logs.logging.getLogger("yangpu_gis.cli").debug("yangpu-gis %s: %s", __version__, argv)
    from yangpu_gis.model.crs import UnknownCrsError
    from yangpu_gis.model.load_errors import LoadError

    try:
        return args.func(args)
    except (CliError, LoadError, UnknownCrsError) as exc:
        logs.logging.getLogger("yangpu_gis.cli").info("refused: %s", exc)
        print(f"yangpu-gis: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never show a traceback to the user: it goes to the log
        logs.log_unexpected("cli", exc)
        if os.environ.get("YANGPU_GIS_DEBUG"):
            raise
        details = f"details in {log_file}" if log_file else "set YANGPU_GIS_DEBUG=1 for details"
        first_line = (str(exc).splitlines() or [""])[0]
        print(
            f"yangpu-gis: unexpected error: {exc.__class__.__name__}: {first_line} ({details})",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
