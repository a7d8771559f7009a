"""Real tile sources written by the tests: MBTiles, PMTiles, GeoPackage tiles, XYZ folders,
and a tile server on 127.0.0.1 (slow, failing and counting requests on demand)."""

from __future__ import annotations

import http.server
import sqlite3
import threading
import time
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from yangpu_gis.model.basemap import tilemath

YANGPU_BOX = (121.49, 31.25, 121.56, 31.34)
TILE_COLOUR = "#3c8dbc"  # the fill of every test tile: easy to find in a render


def png_tile(colour: str = TILE_COLOUR, marker_px: tuple[float, float] | None = None) -> bytes:
    """A 256 px PNG of one colour; with marker_px, a 3x3 px red dot centred there."""
    image = QImage(256, 256, QImage.Format_RGB32)
    image.fill(QColor(colour))
    if marker_px is not None:
        painter = QPainter(image)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor("#ff0000"))
        x, y = marker_px
        painter.drawRect(int(x) - 1, int(y) - 1, 3, 3)
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def tiles_of(bounds=YANGPU_BOX, zooms=range(11, 14)):
    return [t for z in zooms for t in tilemath.tiles_for_bounds(bounds, z)]


def write_mbtiles(path: Path, tiles, data=None, *, attribution="Test tiles ©", fmt="png") -> Path:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute(
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
        "tile_data BLOB)"
    )
    db.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [("name", "test"), ("format", fmt), ("attribution", attribution)],
    )
    payload = data if data is not None else png_tile()
    db.executemany(
        "INSERT INTO tiles VALUES (?, ?, ?, ?)",
        [
            (z, x, tilemath.tms_row(z, y), payload(z, x, y) if callable(payload) else payload)
            for z, x, y in tiles
        ],
    )
    db.commit()
    db.close()
    return path


def write_xyz_folder(root: Path, tiles, data=None) -> Path:
    payload = data if data is not None else png_tile()
    for z, x, y in tiles:
        folder = root / str(z) / str(x)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{y}.png").write_bytes(payload(z, x, y) if callable(payload) else payload)
    return root


def write_pmtiles(path: Path, tiles, data=None, *, tile_type="png") -> Path:
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer

    payload = data if data is not None else png_tile()
    with open(path, "wb") as handle:
        writer = Writer(handle)
        for tile_id, (z, x, y) in sorted((zxy_to_tileid(*t), t) for t in tiles):
            writer.write_tile(tile_id, payload(z, x, y) if callable(payload) else payload)
        zooms = [t[0] for t in tiles]
        writer.finalize(
            {
                "tile_type": TileType.MVT if tile_type == "pbf" else TileType.PNG,
                "tile_compression": Compression.NONE,
                "min_zoom": min(zooms),
                "max_zoom": max(zooms),
                "min_lon_e7": int(YANGPU_BOX[0] * 1e7),
                "min_lat_e7": int(YANGPU_BOX[1] * 1e7),
                "max_lon_e7": int(YANGPU_BOX[2] * 1e7),
                "max_lat_e7": int(YANGPU_BOX[3] * 1e7),
                "center_zoom": zooms[0],
                "center_lon_e7": int(121.52 * 1e7),
                "center_lat_e7": int(31.3 * 1e7),
            },
            {"attribution": "PMTiles test ©"},
        )
    return path


class TileServer:
    """A real HTTP tile server on 127.0.0.1; `mode` picks what it does per request:
    ok, slow (answers after `delay` s), error (500), missing (404)."""

    def __init__(self, tile_for=None) -> None:
        self.tile_for = tile_for or (lambda z, x, y: png_tile())
        self.mode = "ok"
        self.delay = 0.0
        self.requests: list[tuple[str, dict]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                with server._lock:
                    server.requests.append((self.path, dict(self.headers)))
                mode = server.mode
                if mode == "slow":
                    time.sleep(server.delay)
                if mode == "error":
                    self.send_error(500, "Internal Server Error")
                    return
                parts = self.path.split("?")[0].strip("/").split("/")
                try:
                    z, x, y = int(parts[-3]), int(parts[-2]), int(parts[-1].split(".")[0])
                except (ValueError, IndexError):
                    self.send_error(400)
                    return
                if mode == "missing":
                    self.send_error(404, "Not Found")
                    return
                body = server.tile_for(z, x, y)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *_args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def template(self) -> str:
        return f"http://127.0.0.1:{self.port}/tiles/{{z}}/{{x}}/{{y}}.png"

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def pixel(image: QImage, x: float, y: float) -> QColor:
    return QColor(image.pixel(int(x), int(y)))


def point_px(image_vp, lon: float, lat: float) -> QPointF:
    return QPointF(*image_vp.wgs84_to_pixel(lon, lat))
