"""Grouping a column's values into the keys categorised styles colour by, without pandas.

A key is the value as text (what Style.fill_for compares), or None for a missing value
(None, NaN, NaT, pd.NA).
"""

from __future__ import annotations

import numpy as np


def _missing(value) -> bool:
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    try:
        return bool(value != value)  # NaN
    except (TypeError, ValueError):
        return False


_missing_each = np.frompyfunc(_missing, 1, 1)


def category_codes(values) -> tuple[np.ndarray, list[str | None]]:
    """Per value, an index into the returned keys (int32)."""
    values = np.asarray(values)
    if values.ndim != 1:
        values = values.ravel()
    if values.dtype.kind in "biuU":
        missing = np.zeros(len(values), bool)
    elif values.dtype.kind == "f":
        missing = np.isnan(values)
    else:
        values = values.astype(object)
        missing = _missing_each(values).astype(bool) if len(values) else np.zeros(0, bool)
    present = values[~missing]
    try:
        uniques, inverse = np.unique(present, return_inverse=True)
        keys: list[str | None] = [str(u) for u in uniques.tolist()]
    except TypeError:  # values of several kinds that do not sort together
        uniques, inverse = np.unique(
            np.array([str(v) for v in present], dtype=object), return_inverse=True
        )
        keys = [str(u) for u in uniques.tolist()]
    codes = np.full(len(values), len(keys), np.int32)
    codes[~missing] = inverse.ravel()
    if missing.any():
        keys.append(None)
    # Two values can share a text ("1" and 1): they share a key.
    distinct = list(dict.fromkeys(keys))
    if len(distinct) != len(keys):
        remap = np.array([distinct.index(k) for k in keys], np.int32)
        codes = remap[codes]
    return codes, distinct
