"""Entry point of the frozen build: the `yangpu-gis` command (the app when given no command)."""

import sys

from yangpu_gis.cli import main

if __name__ == "__main__":
    sys.exit(main())
