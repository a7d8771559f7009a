"""Running SQL through GDAL itself on a file opened for update, as `ogrinfo FILE -sql` does.

pyogrio opens files read-only for SQL, and no GDAL command-line tools are installed with
it, so the GDAL library that pyogrio ships is called through ctypes: GDALOpenEx with
GDAL_OF_UPDATE, then GDALDatasetExecuteSQL. This is the code QGIS runs for a GeoPackage.
"""

from __future__ import annotations

import ctypes
import glob
import os

import pyogrio

GDAL_OF_VECTOR, GDAL_OF_UPDATE = 0x04, 0x01


def _library() -> ctypes.CDLL:
    folder = os.path.join(os.path.dirname(pyogrio.__file__), os.pardir, "pyogrio.libs")
    found = glob.glob(os.path.join(folder, "libgdal*")) or glob.glob(
        os.path.join(folder, "gdal*.dll")
    )
    gdal = ctypes.CDLL(found[0])
    gdal.GDALAllRegister()
    gdal.GDALOpenEx.restype = ctypes.c_void_p
    gdal.GDALOpenEx.argtypes = [ctypes.c_char_p, ctypes.c_uint] + [ctypes.c_void_p] * 3
    gdal.GDALDatasetExecuteSQL.restype = ctypes.c_void_p
    gdal.GDALDatasetExecuteSQL.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_void_p,
        ctypes.c_char_p,
    ]
    gdal.GDALDatasetReleaseResultSet.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    gdal.GDALClose.argtypes = [ctypes.c_void_p]
    gdal.CPLGetLastErrorMsg.restype = ctypes.c_char_p
    gdal.CPLErrorReset.argtypes = []
    return gdal


def execute_sql(path, sql: str) -> None:
    """Run one SQL statement with GDAL on path opened for update; RuntimeError on failure."""
    gdal = _library()
    gdal.CPLErrorReset()
    dataset = gdal.GDALOpenEx(os.fsencode(path), GDAL_OF_VECTOR | GDAL_OF_UPDATE, None, None, None)
    if not dataset:
        raise RuntimeError(f"GDAL cannot open {path}: {gdal.CPLGetLastErrorMsg().decode()}")
    try:
        result = gdal.GDALDatasetExecuteSQL(dataset, sql.encode(), None, None)
        error = gdal.CPLGetLastErrorMsg().decode()
        if result:
            gdal.GDALDatasetReleaseResultSet(dataset, result)
        if error:
            raise RuntimeError(f"GDAL: {error}")
    finally:
        gdal.GDALClose(dataset)
