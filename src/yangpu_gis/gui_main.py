"""The desktop app's own launcher (`yangpu-gis-app`): a gui-script, so Windows opens no
console window beside it. Arguments are files to open, as a file manager passes them."""

from __future__ import annotations

import sys


def main() -> int:
    from yangpu_gis.cli import main as cli_main

    return cli_main(["open", *sys.argv[1:]])


if __name__ == "__main__":
    raise SystemExit(main())
