"""Per-layer work done once per geometry array and reused by every render of that layer."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from yangpu_gis.model.categories import category_codes
from yangpu_gis.model.display import DisplayData
from yangpu_gis.model.style import Style


class PreparedLayer:
    def __init__(self, display: DisplayData) -> None:
        self.display = display
        self.bounds = display.bounds  # display-CRS envelope per feature
        self._fill_codes: dict[tuple, tuple[np.ndarray, tuple[str | None, ...]]] = {}
        self._lock = threading.Lock()

    def geometries(self, rows) -> np.ndarray:
        """Display-CRS shapely geometries of some rows."""
        return self.display.geometries(rows)

    def fill_codes(
        self, style: Style, category_values: np.ndarray | None
    ) -> tuple[np.ndarray, tuple[str | None, ...]]:
        """Per feature, an index into the returned fill colours."""
        key = (style.fill, style.category_field, style.categories)
        with self._lock:
            cached = self._fill_codes.get(key)
        if cached is not None:
            return cached
        if style.category_field is None or category_values is None:
            result = np.zeros(self.display.count, np.int32), (style.fill,)
        else:
            codes, keys = category_codes(category_values)
            result = _merge_equal_colours(codes, [style.fill_for(key) for key in keys])
        with self._lock:
            self._fill_codes[key] = result
        return result


def _merge_equal_colours(codes: np.ndarray, colours: list[str | None]):
    distinct = list(dict.fromkeys(colours))
    remap = np.array([distinct.index(c) for c in colours], np.int32)
    return remap[codes], tuple(distinct)


class PreparedCache:
    """A few recently drawn layers' prepared data, keyed by data version."""

    def __init__(self, capacity: int = 32) -> None:
        self._entries: OrderedDict[int, PreparedLayer] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def get(self, version: int, display: DisplayData) -> PreparedLayer:
        with self._lock:
            prepared = self._entries.get(version)
            if prepared is not None:
                self._entries.move_to_end(version)
                return prepared
        prepared = PreparedLayer(display)
        with self._lock:
            self._entries[version] = prepared
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)
        return prepared
