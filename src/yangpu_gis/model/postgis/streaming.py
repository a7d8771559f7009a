"""A PostGIS layer fetched a view at a time, through a bounded cache of tiles.

The table's CRS is cut into square tiles whose side is a power of two of its units, the
smallest that makes a tile at least TILE_PIXELS wide at the view's scale; each tile is
fetched once (model.postgis.fetch, simplified at the tile's pixel) and kept in a cache
of recent tiles bounded by feature count, so memory stays flat however far the planner
pans. A view is the union of its tiles (features on tile edges counted once); after a
view is shown the tiles of its eight neighbouring views may be fetched ahead, nearest
first (`prefetch`), so a pan to a neighbouring view is drawn from memory.

`view()` runs on a worker thread; `cancel()` (from any thread) stops it between batches
and cancels the running query on the server.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

from yangpu_gis.model.load_errors import LoadCancelled
from yangpu_gis.model.postgis import fetch
from yangpu_gis.model.postgis.layers import PostgisTable

TILE_PIXELS = 256
MAX_CACHED_FEATURES = 1_500_000  # about 150 MB of vertices and bounds, whatever the table


class ViewStreamer:
    def __init__(self, table: PostgisTable, max_features: int = MAX_CACHED_FEATURES) -> None:
        self.table = table
        self._max_features = max_features
        self._cache: OrderedDict[tuple[int, int, int], fetch.ViewFeatures] = OrderedDict()
        self._cached_features = 0
        self._conn = None
        self._conn_lock = threading.Lock()  # one query at a time on the connection
        self._cache_lock = threading.Lock()
        self._cancel = threading.Event()
        self.fetched_tiles = 0  # tiles read from the server (for tests and benchmarks)

    # --- tiles ---------------------------------------------------------------------------

    def level_for(self, envelope, width_px: int) -> int:
        pixel = (envelope[2] - envelope[0]) / max(1, width_px)
        return math.ceil(math.log2(max(pixel * TILE_PIXELS, 1e-9)))

    def tiles_for(self, envelope, width_px: int, ring: int = 0) -> list[tuple[int, int, int]]:
        level = self.level_for(envelope, width_px)
        grow = ring * 2.0**level
        x0, y0, x1, y1 = envelope
        return self._tiles_at((x0 - grow, y0 - grow, x1 + grow, y1 + grow), level)

    # --- fetching ------------------------------------------------------------------------

    def cancel(self) -> None:
        """Stop the running fetch (called from another thread when the view moves)."""
        self._cancel.set()
        conn = self._conn
        if conn is not None:
            try:
                conn.cancel_safe(timeout=1.0)
            except Exception:  # noqa: BLE001  (a broken link: the fetch fails by itself)
                pass

    def view(
        self, bbox_wgs84, width_px: int, *, cancel: threading.Event | None = None, within=None
    ):
        """The features of the view (WGS84 bbox, drawn width_px wide); with `within` (a
        WGS84 bbox, default the view's) only those meeting it: tiles reach past the view
        (up to twice its width), and drawing what is not seen costs as much as the rest."""
        envelope = self.table.projection.from_wgs84_bbox(bbox_wgs84)
        keys = self.tiles_for(envelope, width_px)
        within = bbox_wgs84 if within is None else within
        return fetch.concat([self._tile(key, cancel) for key in keys], within=within)

    def prefetch(self, bbox_wgs84, width_px: int, *, cancel: threading.Event | None = None):
        """Fetch the tiles of the eight neighbouring views into the cache, nearest the
        view first (nothing returned; stopped by `cancel`)."""
        envelope = self.table.projection.from_wgs84_bbox(bbox_wgs84)
        inside = set(self.tiles_for(envelope, width_px))
        if not inside:
            return
        w, h = envelope[2] - envelope[0], envelope[3] - envelope[1]
        around = (envelope[0] - w, envelope[1] - h, envelope[2] + w, envelope[3] + h)
        level = next(iter(inside))[0]
        side = 2.0**level
        cx, cy = (envelope[0] + envelope[2]) / 2 / side, (envelope[1] + envelope[3]) / 2 / side
        ahead = [k for k in self._tiles_at(around, level) if k not in inside]
        vw, vh = w / side, h / side  # the view's size in tiles
        ahead.sort(key=lambda k: max(abs(k[1] + 0.5 - cx) / vw, abs(k[2] + 0.5 - cy) / vh))
        # The view and what is fetched ahead stay within half the cache, so fetching
        # ahead never evicts the view being looked at.
        with self._cache_lock:
            held = sum(len(self._cache[k]) for k in inside if k in self._cache)
        budget = self.max_features // 2
        for key in ahead:
            if cancel is not None and cancel.is_set() or held > budget:
                return
            held += len(self._tile(key, cancel))

    def _tiles_at(self, envelope, level: int) -> list[tuple[int, int, int]]:
        side = 2.0**level
        x0, y0 = math.floor(envelope[0] / side), math.floor(envelope[1] / side)
        x1, y1 = math.floor(envelope[2] / side), math.floor(envelope[3] / side)
        extent = self.table.info.extent
        if extent is not None:  # nothing to ask for outside the table
            x0, y0 = max(x0, math.floor(extent[0] / side)), max(y0, math.floor(extent[1] / side))
            x1, y1 = min(x1, math.floor(extent[2] / side)), min(y1, math.floor(extent[3] / side))
        return [(level, tx, ty) for ty in range(y0, y1 + 1) for tx in range(x0, x1 + 1)]

    def cached(self, key) -> bool:
        with self._cache_lock:
            return key in self._cache

    @property
    def cached_features(self) -> int:
        return self._cached_features

    def _tile(self, key, cancel) -> fetch.ViewFeatures:
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        level, tx, ty = key
        side = 2.0**level
        envelope = (tx * side, ty * side, (tx + 1) * side, (ty + 1) * side)
        pixel = side / TILE_PIXELS
        to = None if self.table.projection.identity else self.table.projection.to_wgs84
        with self._conn_lock:
            self._cancel = cancel or threading.Event()
            if self._cancel.is_set():
                raise LoadCancelled("the view changed")
            conn = self._connection()
            try:
                tile = fetch.fetch_view(
                    conn, self.table.info, envelope, pixel, cancel=self._cancel, to_wgs84=to
                )
            except fetch.ConnectionLost:
                self._drop_connection()
                raise
            except LoadCancelled:
                self._reset_after_cancel()
                raise
        self.fetched_tiles += 1
        self._store(key, tile)
        return tile

    @property
    def max_features(self) -> int:
        return self._max_features

    @max_features.setter
    def max_features(self, value: int) -> None:
        self._max_features = int(value)
        with self._cache_lock:
            self._trim()

    def _store(self, key, tile) -> None:
        with self._cache_lock:
            self._cache[key] = tile
            self._cached_features += len(tile)
            self._trim()

    def _trim(self) -> None:
        # Oldest first; the tile just stored stays, however big.
        while self._cached_features > self._max_features and len(self._cache) > 1:
            _old, dropped = self._cache.popitem(last=False)
            self._cached_features -= len(dropped)

    def _connection(self):
        if self._conn is None or self._conn.closed:
            self._conn = self.table.connect()
        return self._conn

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001
                pass

    def _reset_after_cancel(self) -> None:
        # A query cancelled on the server leaves the connection usable, but a cursor
        # abandoned between batches may still be streaming: start clean.
        self._drop_connection()

    def close(self) -> None:
        with self._conn_lock:
            self._drop_connection()
        with self._cache_lock:
            self._cache.clear()
            self._cached_features = 0
