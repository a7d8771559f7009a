"""Per-layer work done once per geometry array and reused by every render of that layer."""

from __future__ import annotations

import threading
import weakref

import numpy as np

from yangpu_gis.model.categories import category_codes
from yangpu_gis.model.classify import classify
from yangpu_gis.model.display import DisplayData
from yangpu_gis.model.style import Style


class PreparedLayer:
    def __init__(self, display: DisplayData) -> None:
        # Weak: the cache keeps this entry only while the display data lives elsewhere.
        self._display = weakref.ref(display)
        self.bounds = display.bounds  # display-CRS envelope per feature
        self._fill_codes: dict[tuple, tuple[np.ndarray, tuple[str | None, ...]]] = {}
        self._lock = threading.Lock()

    @property
    def display(self) -> DisplayData:
        display = self._display()
        if display is None:  # only a drawing whose layer is gone could ask
            raise LookupError("the layer's display data was released")
        return display

    def geometries(self, rows) -> np.ndarray:
        """Display-CRS shapely geometries of some rows."""
        return self.display.geometries(rows)

    def fill_codes(
        self, style: Style, category_values: np.ndarray | None
    ) -> tuple[np.ndarray, tuple[str | None, ...]]:
        """Per feature, an index into the returned fill colours."""
        key = (style.fill, style.category_field, style.categories, style.graduated)
        with self._lock:
            cached = self._fill_codes.get(key)
        if cached is not None:
            return cached
        if style.colour_field is None or category_values is None:
            result = np.zeros(self.display.count, np.int32), (style.fill,)
        elif style.graduated is not None:
            classes = classify(category_values, style.graduated.edges)
            k = style.graduated.k
            codes = np.where(classes < 0, k, classes).astype(np.int32)  # k: no number
            result = _merge_equal_colours(codes, [*style.graduated.colours, style.fill])
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
    """Every drawn layer's prepared data, for as long as its display data lives.

    Keyed weakly by the DisplayData, and a PreparedLayer refers to it weakly too: a layer
    taken off the map frees its coordinates, index and fill codes with it. (An LRU of 32
    entries holding them strongly kept removed layers in memory: 60 MB a 100k-polygon
    layer, 2 GB after 50 open-and-remove cycles.)"""

    def __init__(self) -> None:
        self._entries: weakref.WeakKeyDictionary[DisplayData, PreparedLayer] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def get(self, version: int, display: DisplayData) -> PreparedLayer:
        """`version` (render.snapshot.data_version) names the data in callers' image keys;
        the entry itself follows the display data object."""
        with self._lock:
            prepared = self._entries.get(display)
            if prepared is None:
                prepared = PreparedLayer(display)
                self._entries[display] = prepared
            return prepared
