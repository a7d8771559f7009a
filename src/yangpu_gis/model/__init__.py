"""The model: layers, styles, the project, site facts, CRS and file I/O. No Qt here."""

import os

# PROJ (in pyproj and inside GDAL) reads this when it first needs the network: nothing a
# file says may make it download grids (model.reading_guard turns the rest of it off).
os.environ.setdefault("PROJ_NETWORK", "OFF")
