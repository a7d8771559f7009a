import sys

from yangpu_gis.cli import main

sys.exit(main())
