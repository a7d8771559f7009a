"""`self-test` and `install-desktop`: checking and installing this copy."""

from __future__ import annotations

from yangpu_gis.cli.common import EXIT_BAD_INPUT, EXIT_OK, CliError, print_json


def cmd_self_test(args) -> int:
    from yangpu_gis.selftest import print_report, run_checks

    checks = run_checks()
    passed = all(c.ok for c in checks)
    if args.json:
        print_json({"ok": passed, "checks": [c.to_dict() for c in checks]})
    else:
        print_report(checks)
    return EXIT_OK if passed else EXIT_BAD_INPUT


def cmd_install_desktop(args) -> int:
    from yangpu_gis.desktop_entry import install_desktop_entry

    try:
        written = install_desktop_entry()
    except OSError as exc:
        raise CliError(f"cannot install the desktop entry: {exc.strerror or exc}") from None
    print(f"installed the desktop entry and {len(written) - 1} icons; menu entry: {written[-1]}")
    return EXIT_OK


def add_commands(sub) -> None:
    """Add `self-test` and `install-desktop`."""
    p = sub.add_parser("self-test", help="check this installation: PROJ, GDAL, map, render, HTML")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_self_test)

    p = sub.add_parser(
        "install-desktop", help="add Yangpu GIS to the desktop's application menu (Linux)"
    )
    p.set_defaults(func=cmd_install_desktop)
