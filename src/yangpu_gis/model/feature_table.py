"""A layer's features without pandas: WGS84 geometries, and attribute columns read on demand.

Drawing needs the geometries and at most a label and a category column. A GeoDataFrame
costs importing geopandas and pandas (about 0.3 s) and a copy of every attribute, so a
layer made from a FeatureTable builds one only when something wants the whole table
(the attribute table, the facts panel, exports); `yangpu-gis render` never does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from yangpu_gis.model.flat_features import WkbFeatures

WGS84 = "EPSG:4326"
GEOMETRY = "geometry"

# Reads some columns, one value per feature in table order (a pandas Series numbered
# 0..n-1 keeps its dtype).
ColumnLoader = Callable[[Sequence[str]], Mapping[str, Sequence]]
# Reads some columns of some rows only: (row positions, names) -> {name: values in the
# order of the rows given}. A click on a million features wants a few rows, not columns.
RowLoader = Callable[[Sequence[int], Sequence[str]], Mapping[str, Sequence]]


class FeatureTable:
    """Geometries in WGS84 (shapely, one per row) and named attribute columns.

    Columns are given up front (`columns`), or read by `load_columns` the first time
    one is asked for; either way they are read once and kept.
    """

    def __init__(
        self,
        geometries,
        column_names: Sequence[str],
        columns: Mapping[str, Sequence] | None = None,
        load_columns: ColumnLoader | None = None,
        *,
        flat: WkbFeatures | None = None,
        load_rows: RowLoader | None = None,
        file_rows: Callable[[Sequence[int]], list[int]] | None = None,
    ) -> None:
        """`geometries`: an array, or with `flat` (the features as read from WKB) a
        function that decodes them, called the first time they are wanted. `file_rows`,
        for a table of the features in a view: each row's place in the whole file's
        table, which names and numbers a feature as a full read would."""
        if callable(geometries):
            if flat is None:
                raise ValueError("geometries to decode later come with their flat features")
            self._geometries = geometries
        else:
            self._geometries = np.asarray(geometries, dtype=object)
        self.flat = flat
        self.column_names = tuple(str(name) for name in column_names)
        if GEOMETRY in self.column_names:
            raise ValueError(f"an attribute column may not be called {GEOMETRY!r}")
        self._columns: dict[str, Sequence] = dict(columns or {})
        unknown = set(self._columns) - set(self.column_names)
        if unknown:
            raise ValueError(f"columns {sorted(unknown)} are not among column_names")
        if load_columns is None and len(self._columns) != len(self.column_names):
            raise ValueError("without load_columns, every column must be given")
        self._load_columns = load_columns
        self._load_rows = load_rows
        self._file_rows = file_rows
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self.flat.flat.count if self.flat is not None else len(self._geometries)

    @property
    def geometries(self) -> np.ndarray:
        """The WGS84 shapely geometries, one per row."""
        if callable(self._geometries):
            with self._lock:
                if callable(self._geometries):
                    self._geometries = np.asarray(self._geometries(), dtype=object)
        return self._geometries

    def _values(self, names: Sequence[str]) -> dict[str, Sequence]:
        with self._lock:
            missing = [name for name in names if name not in self._columns]
            if missing:
                assert self._load_columns is not None  # __init__ insists when columns are missing
                loaded = self._load_columns(missing)
                for name in missing:
                    values = loaded[name]
                    if len(values) != len(self):
                        raise ValueError(
                            f"column {name!r} has {len(values)} values for {len(self)} features"
                        )
                    self._columns[name] = values
            return {name: self._columns[name] for name in names}

    def column(self, name: str) -> np.ndarray:
        """One column's values; KeyError for a name the table does not have."""
        if name not in self.column_names:
            raise KeyError(name)
        values = self._values([name])[name]
        if isinstance(values, np.ndarray):
            return values
        return values.to_numpy() if hasattr(values, "to_numpy") else _array(values)

    def values(self, rows: Sequence[int], name: str) -> list:
        """One column's values at some rows, without reading the whole column when the
        table can read rows (identify on a million features touches only the hits)."""
        return self.rows_values(rows, [name])[name]

    def rows_values(self, rows: Sequence[int], names: Sequence[str]) -> dict[str, list]:
        """Some columns' values at some rows: {name: [value per row]}."""
        rows = [int(r) for r in rows]
        for name in names:
            if name not in self.column_names:
                raise KeyError(name)
        with self._lock:
            kept = {name: self._columns[name] for name in names if name in self._columns}
        wanted = [name for name in names if name not in kept]
        result = {name: _pick(values, rows) for name, values in kept.items()}
        if wanted and self._load_rows is not None and rows:
            loaded = self._load_rows(rows, wanted)
            result.update({name: list(loaded[name]) for name in wanted})
        elif wanted:
            result.update({name: _pick(self.column(name), rows) for name in wanted})
        return {name: result[name] for name in names}

    def file_rows(self, rows: Sequence[int]) -> list[int]:
        """The rows' places in the whole file's table (the same, unless read by extent)."""
        if self._file_rows is None:
            return [int(r) for r in rows]
        return list(self._file_rows([int(r) for r in rows]))

    def row(self, index: int) -> dict:
        """One feature's attributes, by column name."""
        values = self.rows_values([index], self.column_names)
        return {name: column[0] for name, column in values.items()}

    def geometry(self, index: int):
        """One feature's WGS84 geometry, decoding only it while the rest wait."""
        decode = self._geometries
        if callable(decode) and hasattr(decode, "one"):
            return decode.one(int(index))
        return self.geometries[int(index)]

    def to_frame(self):
        """The whole table as a GeoDataFrame in WGS84 (imports geopandas)."""
        import geopandas as gpd

        values = self._values(self.column_names)
        # Plain sequences become lists, so pandas infers each column's type as for a file;
        # arrays and pandas Series (numbered 0..n-1) keep theirs.
        columns = {
            name: v if isinstance(v, np.ndarray) or hasattr(v, "to_numpy") else list(v)
            for name, v in values.items()
        }
        return gpd.GeoDataFrame(
            columns, geometry=gpd.GeoSeries(self.geometries, crs=WGS84), crs=WGS84
        )


def _pick(values: Sequence | np.ndarray, rows: list[int]) -> list:
    if hasattr(values, "iloc"):
        return values.iloc[rows].tolist()
    return [values[r] for r in rows]


def _array(values: Sequence) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = list(values)
    return array
