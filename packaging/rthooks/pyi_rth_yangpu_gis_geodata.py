"""Point GDAL and PROJ at the data files bundled in this frozen build.

Two PROJ libraries live in the process: pyproj's, and the one built into pyogrio's GDAL.
Their versions differ, and each needs a proj.db with the database layout it was built
for. pyproj uses PROJ_DATA (set here to its own bundled folder); pyogrio gives GDAL its
own bundled folder itself when it is imported, overriding PROJ_DATA for GDAL only. Any
PROJ_DATA, PROJ_LIB or GDAL_DATA from the user's environment is replaced: it would
belong to some other installation.
"""

import os
import sys

_base = sys._MEIPASS
_proj = os.path.join(_base, "pyproj", "proj_dir", "share", "proj")
_gdal = os.path.join(_base, "pyogrio", "gdal_data")

if os.path.isfile(os.path.join(_proj, "proj.db")):
    os.environ["PROJ_DATA"] = _proj
    os.environ["PROJ_LIB"] = _proj
if os.path.isdir(_gdal):
    os.environ["GDAL_DATA"] = _gdal
# Look for grids only in the bundle; never download them at run time.
os.environ["PROJ_NETWORK"] = "OFF"
