"""Attribute values as plain JSON scalars, a whole column at a time."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def json_scalar(value):
    """str, int, finite float, bool or None: what JSON.parse gives back unchanged."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, np.generic):
        return json_scalar(value.item())
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def json_column(series: pd.Series) -> list:
    """A column as a list of JSON scalars, missing values (None, NaN, NaT, NA) as None."""
    values = series.astype(object).where(series.notna(), None).tolist()
    return [json_scalar(v) for v in values]
