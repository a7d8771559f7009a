"""PyInstaller hook for pyogrio, which ships none.

pyogrio's wheels carry GDAL (pyogrio.libs), GDAL's data files (pyogrio/gdal_data) and
the PROJ data of the PROJ built into that GDAL (pyogrio/proj_data). pyogrio finds both
folders next to its own modules at import time, so they are bundled at the same place.
Its compiled modules import each other, which the import scanner cannot see.
"""

from PyInstaller.utils.hooks import collect_data_files

hiddenimports = ["pyogrio._err", "pyogrio._geometry", "pyogrio._io", "pyogrio._ogr", "pyogrio._vsi"]

datas = collect_data_files("pyogrio", subdir="gdal_data") + collect_data_files(
    "pyogrio", subdir="proj_data"
)

# pyogrio's test suite and its fixture files are not needed at run time.
excludedimports = ["pyogrio.tests"]
