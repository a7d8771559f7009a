"""A layer's attributes as a Qt table model: lazy cells, and sorting done on whole columns.

Sorting through QSortFilterProxyModel's per-comparison calls into Python takes tens of
seconds for 100,000 rows, so the model sorts itself with NumPy and the proxy delegates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from yangpu_gis.model.layer import Layer

if TYPE_CHECKING:
    import pandas as pd
# pandas is imported when a table is filled, not with the window: the table starts
# hidden, and pandas costs the first frame about 0.3 s.

DATA_ROW = Qt.ItemDataRole.UserRole + 1  # the row in the layer's GeoDataFrame behind a table row
_ROOT = QModelIndex()
GEOMETRY_TYPE_COLUMN = "(geometry type)"


def _is_missing(value) -> bool:
    import pandas as pd

    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and value != value)
    )


def cell_text(value) -> str:
    if _is_missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float | np.floating):
        return f"{float(value):.10g}"
    return str(value)


def sort_key(series: pd.Series) -> tuple[np.ndarray, np.ndarray, bool]:
    """(key, missing, numeric) for ordering a column; text holding only numbers is numeric."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
        key = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        return key, np.isnan(key), True
    if pd.api.types.is_datetime64_any_dtype(series):
        missing = series.isna().to_numpy()
        stamps = series.to_numpy(dtype="datetime64[ns]", na_value=np.datetime64("NaT"))
        return stamps.astype(np.int64), missing, False
    text = series.astype("string").fillna("").str.strip()
    present = (text != "").to_numpy()
    numbers = pd.to_numeric(text.where(text != ""), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
    if present.any() and not np.isnan(numbers[present]).any():
        return numbers, ~present, True
    return text.str.casefold().to_numpy(dtype=object).astype(str), ~present, False


def sorted_rows(series: pd.Series, descending: bool) -> np.ndarray:
    """Row positions in order; missing values always last, ties kept in file order."""
    key, missing, _ = sort_key(series)
    present = np.flatnonzero(~missing)
    ranks = np.unique(key[present], return_inverse=True)[1].astype(np.int64)
    ordered = present[np.argsort(-ranks if descending else ranks, kind="stable")]
    return np.concatenate([ordered, np.flatnonzero(missing)]).astype(np.int64)


class FeatureTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.layer: Layer | None = None
        self.column_names: list[str] = []
        self._series: list[pd.Series] = []
        self._columns: list[np.ndarray] = []
        self._numeric: list[bool] = []
        self.order = np.zeros(0, dtype=np.int64)  # table row -> data row
        self._position = np.zeros(0, dtype=np.int64)  # data row -> table row

    def set_layer(self, layer: Layer | None) -> None:
        self.beginResetModel()
        self.layer = layer
        if layer is None:
            self.column_names, self._columns, self._numeric, self._series = [], [], [], []
            self._set_order(np.zeros(0, dtype=np.int64))
        else:
            import pandas as pd

            frame = layer.to_frame()  # sorting needs each column's dtype
            geometry = frame.geometry.name
            self._series = [frame[c] for c in frame.columns if c != geometry]
            if not self._series:
                # A layer of bare shapes still gets rows to select: what kind each shape is.
                self._series = [frame.geom_type.rename(GEOMETRY_TYPE_COLUMN)]
            self.column_names = [str(series.name) for series in self._series]
            self._columns = [series.to_numpy(dtype=object) for series in self._series]
            self._numeric = [
                pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
                for series in self._series
            ]
            self._set_order(np.arange(len(frame), dtype=np.int64))
        self.endResetModel()

    def _set_order(self, order: np.ndarray) -> None:
        self.order = order
        self._position = np.empty_like(order)
        self._position[order] = np.arange(len(order), dtype=np.int64)

    def table_row(self, data_row: int) -> int:
        return int(self._position[data_row])

    def data_row(self, table_row: int) -> int:
        return int(self.order[table_row])

    # --- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.column_names)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return cell_text(self._columns[index.column()][self.order[index.row()]])
        if role == Qt.TextAlignmentRole:
            horizontal = Qt.AlignRight if self._numeric[index.column()] else Qt.AlignLeft
            return int(horizontal | Qt.AlignVCenter)
        if role == DATA_ROW:
            return int(self.order[index.row()])
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            if section >= len(self.column_names):
                return None
            name = str(self.column_names[section])
            # The one column the app writes itself; the others are the file's own names.
            return self.tr("(geometry type)") if name == GEOMETRY_TYPE_COLUMN else name
        return str(int(self.order[section]) + 1) if section < len(self.order) else None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if self.layer is None:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_data_rows = [int(self.order[i.row()]) for i in old]
        if 0 <= column < len(self.column_names):
            new_order = sorted_rows(
                self._series[column], descending=order == Qt.SortOrder.DescendingOrder
            )
        else:
            new_order = np.arange(len(self.order), dtype=np.int64)
        self._set_order(new_order)
        self.changePersistentIndexList(
            old,
            [
                self.index(self.table_row(r), i.column())
                for r, i in zip(old_data_rows, old, strict=True)
            ],
        )
        self.layoutChanged.emit()


class FeatureSortProxy(QSortFilterProxyModel):
    """Clicking a header sorts through here; the ordering itself is the source model's."""

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
