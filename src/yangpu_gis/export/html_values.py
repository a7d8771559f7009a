"""Attribute values as plain JSON scalars, a whole column at a time.

JSON.parse reads every number as a double, which holds integers exactly only up to
2^53: an 18-digit code such as 310110123456789012 would come back as
310110123456789000. Such integers travel as their decimal text instead.

Dates and times travel as ISO text the page formats for its language
(`{"time": [...]}` columns, see `time_column`): the wall-clock time in the source's
own zone, with that zone's UTC offset stated, or none when the source gave no zone.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

MAX_EXACT_INTEGER = 2**53  # the largest a JavaScript number holds exactly


def json_scalar(value):
    """str, int, finite float, bool or None: what JSON.parse gives back unchanged."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if -MAX_EXACT_INTEGER <= value <= MAX_EXACT_INTEGER else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, np.generic):
        return json_scalar(value.item())
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return time_text(value)
    return str(value)


def time_text(value) -> str:
    """ISO text of a date, time or date-time, in its own zone ("+08:00", "Z" for UTC),
    with no seconds or fractions when they are zero."""
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.tzinfo is None and value.time() == dt.time(0):
            return value.date().isoformat()
        spec = "minutes" if value.second == 0 and value.microsecond == 0 else "auto"
        text = value.isoformat(timespec=spec)
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return value.isoformat()


def is_time_column(series: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return True
    if series.dtype != object:
        return False
    present = series.dropna()
    return len(present) > 0 and all(
        isinstance(v, dt.datetime | dt.date | dt.time) for v in present.iloc[:50]
    )


def json_column(series: pd.Series) -> list:
    """A column as a list of JSON scalars, missing values (None, NaN, NaT, NA) as None."""
    values = series.astype(object).where(series.notna(), None).tolist()
    return [json_scalar(v) for v in values]


def page_column(series: pd.Series):
    """A column for the page: a list of JSON scalars, or {"time": [ISO text]} for dates and
    times, which the page formats for its language."""
    if is_time_column(series):
        return {"time": json_column(series)}
    return json_column(series)
