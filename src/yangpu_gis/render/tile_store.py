"""Tiles of one basemap source, read and decoded on worker threads, kept in memory.

One TileStore per source spec, shared by every render (canvas, exports) in the process.
Loads run on the store's own thread pool, never on the UI thread; a finished load bumps
`generation` and tells the listeners (the canvas redraws), so tiles are drawn as they
arrive. A failed tile is not asked for again for a while, so a refusing server is not
hammered by every redraw.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtGui import QImage

from yangpu_gis.model.basemap.readers import TileReader, open_reader
from yangpu_gis.model.basemap.spec import BasemapError, BasemapSpec

log = logging.getLogger(__name__)
MEMORY_TILES = 1500  # decoded tiles kept: about 400 MB at most for 256 px ARGB
RETRY_AFTER_S = 30.0
TileKey = tuple[int, int, int, int]  # z, x, y, pixel size (0 for raster tiles)


class TileStore:
    def __init__(self, spec: BasemapSpec, reader: TileReader | None = None) -> None:
        self.spec = spec
        self.reader = reader or open_reader(spec)
        self.info = self.reader.info
        self.online = self.reader.online
        self.generation = 0
        self.loads = 0  # tiles read from the source (not from memory)
        self._images: OrderedDict[TileKey, QImage | None] = OrderedDict()
        self._failed: dict[TileKey, float] = {}
        self._pending: dict[TileKey, Future] = {}
        self._asked_at: dict[TileKey, float] = {}  # when each pending tile was asked for
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []
        workers = 6 if self.online else 3
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tiles")

    # --- listeners -------------------------------------------------------------------------

    def add_listener(self, callback: Callable[[], None]) -> None:
        with self._lock:
            self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if callback in self._listeners:
                self._listeners.remove(callback)

    # --- tiles ------------------------------------------------------------------------------

    def cached(self, key: TileKey):
        """The decoded tile, None if the source has none there, or False if not loaded."""
        with self._lock:
            if key in self._images:
                self._images.move_to_end(key)
                return self._images[key]
        return False

    def request(self, keys) -> list[Future]:
        """Start loading the tiles not in memory; the futures of those still loading."""
        futures = []
        now = time.monotonic()
        with self._lock:
            for key in keys:
                if key in self._images:
                    continue
                failed_at = self._failed.get(key)
                if failed_at is not None and now - failed_at < RETRY_AFTER_S:
                    continue
                future = self._pending.get(key)
                if future is None:
                    future = self._pool.submit(self._load, key)
                    self._pending[key] = future
                    self._asked_at[key] = now
                futures.append(future)
        return futures

    def _load(self, key: TileKey) -> None:
        z, x, y, px = key
        try:
            data = self.reader.tile(z, x, y)
            image = None
            if data:
                image = self._decode(data, key)
            with self._lock:
                self._store(key, image)
                self.loads += 1
        except (OSError, BasemapError, ValueError) as exc:
            log.info("basemap tile %s of %s failed: %s", key[:3], self.spec.display_name, exc)
            with self._lock:
                self._failed[key] = time.monotonic()
        except Exception:  # a worker must report, never die silently
            log.exception("basemap tile %s of %s failed", key[:3], self.spec.display_name)
            with self._lock:
                self._failed[key] = time.monotonic()
        finally:
            with self._lock:
                self._pending.pop(key, None)
                self._asked_at.pop(key, None)
                self.generation += 1
                listeners = list(self._listeners)
            for callback in listeners:
                callback()

    def _decode(self, data: bytes, key: TileKey) -> QImage | None:
        if self.info.vector:
            from yangpu_gis.render.vector_tiles import draw_vector_tile

            return draw_vector_tile(data, key[3] or 256, key[0])
        image = QImage.fromData(data)
        if image.isNull():
            raise ValueError("the tile is not an image Qt can read")
        return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)

    def _store(self, key: TileKey, image: QImage | None) -> None:
        self._images[key] = image
        self._failed.pop(key, None)
        while len(self._images) > MEMORY_TILES:
            self._images.popitem(last=False)

    def waiting(self) -> tuple[int, float]:
        """Tiles asked for and not yet loaded, and how long the oldest has waited (s)."""
        with self._lock:
            if not self._asked_at:
                return 0, 0.0
            return len(self._asked_at), time.monotonic() - min(self._asked_at.values())

    def status_message(self) -> str | None:
        status = getattr(self.reader, "status", None)
        return status.message(self.spec.display_name) if status is not None else None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self.reader.close()


_stores: dict[BasemapSpec, TileStore] = {}
_stores_lock = threading.Lock()


def store_for(spec: BasemapSpec) -> TileStore:
    """The shared store of a spec; BasemapError if its source cannot be opened."""
    with _stores_lock:
        store = _stores.get(spec)
        if store is None:
            store = TileStore(spec)
            _stores[spec] = store
        return store


def forget_store(spec: BasemapSpec) -> None:
    """Close a source's store (its file was replaced, or tests want a cold cache)."""
    with _stores_lock:
        store = _stores.pop(spec, None)
    if store is not None:
        store.close()
