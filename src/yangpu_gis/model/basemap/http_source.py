"""Online tiles: XYZ URL templates, WMTS GetTile URLs and OpenStreetMap, with a disk cache.

Nothing here runs unless the planner switched an online basemap on. Requests carry a
User-Agent naming the app (OSM's tile usage policy forbids a library's default one),
time out instead of hanging, and what went wrong is kept in `status` for the map to say.
Tiles are kept in the per-user cache folder, bounded in size, oldest first out.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from yangpu_gis.model.basemap.readers import TileInfo, TileReader, inflate, sniff_format
from yangpu_gis.model.basemap.spec import OSM_ATTRIBUTION, OSM_TEMPLATE, BasemapSpec

CACHE_DIR_ENV = "YANGPU_GIS_CACHE_DIR"
TIMEOUT_S = 10.0
CACHE_MAX_BYTES = 300 * 1024 * 1024
CACHE_MAX_AGE_S = 7 * 24 * 3600  # OSM asks clients to keep tiles at least this long
REFERER = "https://pypi.org/project/yangpu-gis/"  # where the app is described
_WMTS_KEYS = ("tilematrix", "tilerow", "tilecol")


class TileFetchError(OSError):
    """A tile server failed (timeout, refused, HTTP error); str() is one line."""


def user_agent() -> str:
    from yangpu_gis import __version__

    return f"YangpuGIS/{__version__} (desktop GIS viewer for Yangpu District planners)"


def tile_cache_dir() -> Path:
    override = os.environ.get(CACHE_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser() / "tiles"
    import platformdirs

    return Path(platformdirs.user_cache_dir("yangpu-gis", appauthor=False)) / "tiles"


@dataclass
class FetchStatus:
    """What the server has done lately, for the status line on the map."""

    fetched: int = 0
    from_cache: int = 0
    failed: int = 0
    missing: int = 0  # 404: the server has no such tile
    last_error: str | None = None
    last_error_at: float = 0.0

    def message(self, name: str) -> str | None:
        if self.last_error and time.monotonic() - self.last_error_at < 60:
            return f"{name}: {self.last_error}"
        return None


def tile_url(spec: BasemapSpec, z: int, x: int, y: int) -> str:
    if spec.kind == "osm":
        template = OSM_TEMPLATE
    else:
        template = spec.source
    if spec.kind == "wmts":
        return _wmts_url(template, z, x, y)
    return (
        template.replace("{z}", str(z))
        .replace("{x}", str(x))
        .replace("{-y}", str((1 << z) - 1 - y))
        .replace("{y}", str(y))
    )


def _wmts_url(url: str, z: int | str, x: int | str, y: int | str) -> str:
    """A KVP GetTile request for a Web Mercator tile matrix set whose matrices are named by
    zoom (GoogleMapsCompatible, Tianditu's `w`): the three tile parameters set, others kept."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    values = {"tilematrix": str(z), "tilerow": str(y), "tilecol": str(x)}
    kept = [(k, v) for k, v in query if k.lower() not in _WMTS_KEYS]
    names = {k.lower(): k for k, _ in query}
    kept += [(names.get(key, key.upper()), values[key]) for key in _WMTS_KEYS]
    return urlunsplit(parts._replace(query=urlencode(kept, safe="{}")))


class HttpTileReader(TileReader):
    online = True

    def __init__(self, spec: BasemapSpec, timeout_s: float | None = None) -> None:
        super().__init__(spec)
        self.timeout_s = TIMEOUT_S if timeout_s is None else timeout_s
        self.status = FetchStatus()
        self._lock = threading.Lock()
        key = hashlib.sha1(f"{spec.kind}:{spec.source}".encode()).hexdigest()[:16]
        self.cache_dir = tile_cache_dir() / key
        self._writes = 0
        fmt = _format_from_url(OSM_TEMPLATE if spec.kind == "osm" else spec.source)
        self.info = TileInfo(
            tile_format=fmt,
            min_zoom=0,
            max_zoom=19 if spec.kind == "osm" else 20,
            attribution=OSM_ATTRIBUTION if spec.kind == "osm" else _host_attribution(spec),
            name=spec.display_name,
        )

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        cached = self._from_cache(z, x, y)
        if cached is not None:
            with self._lock:
                self.status.from_cache += 1
            return cached or None  # b"": the server said it has no such tile
        url = tile_url(self.spec, z, x, y)
        request = urllib.request.Request(
            url, headers={"User-Agent": user_agent(), "Referer": REFERER, "Accept": "image/*,*/*"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                data = response.read()
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 204):
                with self._lock:
                    self.status.missing += 1
                self._to_cache(z, x, y, b"")
                return None
            raise self._failed(f"the server answered {exc.code} {exc.reason}") from None
        except TimeoutError:
            raise self._failed(f"the server did not answer within {self.timeout_s:g} s") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                text = f"the server did not answer within {self.timeout_s:g} s"
            elif isinstance(reason, ConnectionRefusedError):
                text = "the server refused the connection"
            else:
                text = f"cannot reach the server ({reason})"
            raise self._failed(text) from None
        except (OSError, ValueError) as exc:
            raise self._failed(f"cannot reach the server ({exc.__class__.__name__})") from None
        with self._lock:
            self.status.fetched += 1
            if self.info.tile_format == "png" and data:
                self.info.tile_format = sniff_format(data)
        inflated = inflate(data) or b""
        self._to_cache(z, x, y, inflated)
        return inflated

    def _failed(self, text: str) -> TileFetchError:
        with self._lock:
            self.status.failed += 1
            self.status.last_error = text
            self.status.last_error_at = time.monotonic()
        return TileFetchError(text)

    # --- the disk cache -------------------------------------------------------------------

    def _path(self, z: int, x: int, y: int) -> Path:
        return self.cache_dir / str(z) / str(x) / f"{y}.tile"

    def _from_cache(self, z: int, x: int, y: int) -> bytes | None:
        path = self._path(z, x, y)
        try:
            if time.time() - path.stat().st_mtime > CACHE_MAX_AGE_S:
                return None
            return path.read_bytes()
        except OSError:
            return None

    def _to_cache(self, z: int, x: int, y: int, data: bytes) -> None:
        path = self._path(z, x, y)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{threading.get_ident()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)  # a reader on another thread never sees half a tile
        except OSError:
            return  # a full or read-only cache only costs refetching
        with self._lock:
            self._writes += 1
            prune = self._writes % 200 == 0
        if prune:
            prune_cache(tile_cache_dir())


def prune_cache(root: Path, max_bytes: int = CACHE_MAX_BYTES) -> int:
    """Delete the oldest cached tiles until the cache is under 80% of max_bytes."""
    files = []
    total = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            files.append((st.st_mtime, st.st_size, path))
            total += st.st_size
    if total <= max_bytes:
        return 0
    removed = 0
    for _mtime, size, path in sorted(files):
        if total <= max_bytes * 0.8:
            break
        try:
            os.remove(path)
        except OSError:
            continue
        total -= size
        removed += 1
    return removed


def _format_from_url(url: str) -> str:
    match = re.search(r"\.(png|jpe?g|webp|pbf|mvt)(?:[?#]|$)", url.lower())
    if not match:
        return "png"
    return {"jpeg": "jpg", "mvt": "pbf"}.get(match.group(1), match.group(1))


def _host_attribution(spec: BasemapSpec) -> str:
    return f"Tiles: {urlsplit(spec.source).hostname or spec.source}"
