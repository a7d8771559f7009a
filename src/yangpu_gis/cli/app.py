"""`open` (and no command at all): the desktop app."""

from __future__ import annotations

import argparse

from yangpu_gis.cli.common import readable_formats_help


def cmd_app(args) -> int:
    from yangpu_gis.ui.app import run_app

    return run_app(list(getattr(args, "files", []) or []), declared_crs=getattr(args, "crs", None))


def add_commands(sub) -> None:
    """Add `open`."""
    p = sub.add_parser(
        "open",
        help="start the app with these files added as layers",
        epilog=readable_formats_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument(
        "--crs", help="declare the files' CRS, overriding what they say (EPSG:n, gcj02, bd09)"
    )
    p.set_defaults(func=cmd_app)
