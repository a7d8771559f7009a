"""PyInstaller hook for pyarrow, replacing the general one that bundles all of it.

The app reads record batches through pyogrio's Arrow interface and GeoParquet files with
pyarrow.parquet. Arrow Flight, Substrait, the cloud file systems, ORC and CUDA are not
used; leaving them out saves about 60 MB. The shared libraries the kept extension
modules link to are found by PyInstaller's dependency analysis.
"""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = (
    "tests",
    "flight",
    "substrait",
    "s3fs",
    "gcsfs",
    "azurefs",
    "hdfs",
    "orc",
    "cuda",
    "gandiva",
    "interchange",
    "benchmark",
)

hiddenimports = collect_submodules(
    "pyarrow", filter=lambda name: not any(part in name for part in UNUSED)
)
excludedimports = [f"pyarrow._{part}" for part in UNUSED] + [f"pyarrow.{part}" for part in UNUSED]
