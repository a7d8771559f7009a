"""Class breaks for graduated colours: quantiles, equal interval and natural breaks (Jenks).

The same breaks as mapclassify's Quantiles, EqualInterval and FisherJenks (which
`GeoDataFrame.explore(scheme=...)` uses; tests/test_classify.py compares them), in NumPy:
mapclassify would bring scipy, scikit-learn and networkx (about 210 MB installed, against
750 MB for the whole app, and 2 s to import) for three short computations.

Breaks are returned as class edges: the lowest value, then each class's upper bound
(the last is the highest value). A value v is in the first class whose upper bound is at
least v, as in mapclassify: classes are (lower, upper], the first one [lowest, upper].
"""

from __future__ import annotations

import numpy as np

QUANTILES, EQUAL_INTERVAL, NATURAL_BREAKS = "quantiles", "equal_interval", "natural_breaks"
SCHEMES = (QUANTILES, EQUAL_INTERVAL, NATURAL_BREAKS)
MIN_CLASSES, MAX_CLASSES = 2, 12
# Jenks' optimisation takes k * n^2 steps: above this many distinct values it runs on that
# many evenly spaced quantiles of them (QGIS samples 3,000 values at random for it).
JENKS_SAMPLE = 2_000


def numeric(values) -> np.ndarray:
    """The values as floats; NaN for missing ones and for any that are not numbers."""
    array = np.asarray(values)
    if array.dtype.kind in "biuf":
        return array.astype(np.float64)
    out = np.full(len(array), np.nan)
    for i, value in enumerate(array.tolist()):
        if isinstance(value, bool) or value is None:
            continue
        try:
            out[i] = float(value)
        except (TypeError, ValueError):
            pass
    out[~np.isfinite(out)] = np.nan
    return out


def is_numeric(values) -> bool:
    """Whether a column holds numbers (at least one, and nothing else but missing values)."""
    array = np.asarray(values)
    if array.dtype.kind in "biuf":
        return array.dtype.kind != "b" and len(array) > 0
    if array.dtype.kind != "O":
        return False
    present = [v for v in array.tolist() if v is not None and v == v]
    return bool(present) and all(
        isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool)
        for v in present
    )


def class_edges(values, scheme: str, k: int) -> tuple[float, ...]:
    """The class edges of the values' finite numbers (fewer than k classes when there are
    fewer distinct values); ValueError for an unknown scheme, a bad k or no numbers."""
    if scheme not in SCHEMES:
        raise ValueError(f"scheme {scheme!r}: choose from {', '.join(SCHEMES)}")
    if isinstance(k, bool) or not isinstance(k, int) or not MIN_CLASSES <= k <= MAX_CLASSES:
        raise ValueError(f"k {k!r}: give {MIN_CLASSES} to {MAX_CLASSES} classes")
    y = numeric(values)
    y = y[np.isfinite(y)]
    if len(y) == 0:
        raise ValueError("no numbers to classify")
    low, high = float(y.min()), float(y.max())
    if low == high:
        return (low, high)
    if scheme == QUANTILES:
        uppers = _quantile_uppers(y, k)
    elif scheme == EQUAL_INTERVAL:
        uppers = _equal_interval_uppers(low, high, k)
    else:
        uppers = _jenks_uppers(y, k)
    return (low, *(float(u) for u in uppers))


def classify(values, edges) -> np.ndarray:
    """Per value, its class (0 to len(edges) - 2), or -1 for a missing or non-numeric value.
    Values beyond the edges (data changed since the breaks were made) go to the end classes."""
    y = numeric(values)
    uppers = np.asarray(edges[1:], dtype=np.float64)
    classes = np.searchsorted(uppers, y, side="left")
    classes = np.minimum(classes, len(uppers) - 1).astype(np.int32)
    classes[np.isnan(y)] = -1
    return classes


def _quantile_uppers(y: np.ndarray, k: int) -> np.ndarray:
    # mapclassify.quantile: percentiles 100/k, 200/k, ... 100, linear interpolation, ties
    # collapsed (so fewer classes when many values are equal).
    percents = np.arange(1, k + 1) * (100.0 / k)
    percents[-1] = 100.0
    return np.unique(np.percentile(y, percents))


def _equal_interval_uppers(low: float, high: float, k: int) -> np.ndarray:
    width = (high - low) / k
    uppers = low + width * np.arange(1, k + 1)
    uppers[-1] = high
    return uppers


def _jenks_uppers(y: np.ndarray, k: int) -> np.ndarray:
    """Fisher's exact optimal grouping (the least total squared deviation from the class
    means) of the sorted values, computed on the distinct values with their counts."""
    distinct, counted = np.unique(y, return_counts=True)
    counts = counted.astype(np.float64)
    if len(distinct) > JENKS_SAMPLE:
        distinct = np.unique(np.quantile(y, np.linspace(0.0, 1.0, JENKS_SAMPLE)))
        counts = np.ones(len(distinct))
    n = len(distinct)
    if n <= k:
        return distinct
    w = np.concatenate([[0.0], np.cumsum(counts, dtype=np.float64)])
    s1 = np.concatenate([[0.0], np.cumsum(distinct * counts)])
    s2 = np.concatenate([[0.0], np.cumsum(distinct * distinct * counts)])

    def cost(starts: np.ndarray, end: int) -> np.ndarray:
        """Squared deviations of distinct[start:end + 1] about their mean, per start."""
        weight = w[end + 1] - w[starts]
        total = s1[end + 1] - s1[starts]
        return (s2[end + 1] - s2[starts]) - total * total / weight

    # best[c, j]: least cost of c + 1 classes over distinct[:j + 1]; start[c, j]: where
    # the last of them starts.
    best = np.full((k, n), np.inf)
    start = np.zeros((k, n), np.int64)
    ends = np.arange(1, n + 1)
    best[0] = s2[ends] - s1[ends] * s1[ends] / w[ends]
    for c in range(1, k):
        for j in range(c, n):
            starts = np.arange(c, j + 1)
            total = best[c - 1, starts - 1] + cost(starts, j)
            i = int(np.argmin(total))
            best[c, j], start[c, j] = total[i], starts[i]
    uppers = [distinct[-1]]
    j = n - 1
    for c in range(k - 1, 0, -1):
        j = int(start[c, j]) - 1
        uppers.append(distinct[j])
    return np.array(uppers[::-1])
