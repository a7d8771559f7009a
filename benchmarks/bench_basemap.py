"""Time to a full basemap frame at Yangpu's extent from a local raster MBTiles, cold and
warm, ours beside QGIS 3.22 (PyQGIS) on the same file and view, as a ratio.

    .venv/bin/python benchmarks/bench_basemap.py [--size 1600x1000] [--repeat 5]

- cold: the source just opened, nothing in memory: every tile read from SQLite and
  decoded (ours: a fresh tile store and renderer; QGIS: a fresh raster layer, GDAL's
  MBTiles driver).
- warm: the same view again with the tiles in memory (ours: the decoded tiles kept by
  the tile store, the finished basemap image dropped, so the frame is composed again,
  as after a pan; QGIS: the same layer, GDAL's block cache filled).

The MBTiles is made here: zooms 11 to 15 over Yangpu and a margin, each tile a PNG with
streets and blocks drawn on it (about 10-20 kB, like a real street map's).
QGIS runs with Debian's python3-qgis on /usr/bin/python3 (benchmarks/perf_qgis_basemap.py);
its column is skipped if that is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import best_of  # noqa: E402

SYSTEM_PYTHON = "/usr/bin/python3"
YANGPU = (121.478, 31.240, 121.577, 31.352)
AREA = (121.40, 31.18, 121.66, 31.42)


def street_tile(seed: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    rng = random.Random(seed)
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor("#f2efe9"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for _ in range(25):
        painter.fillRect(
            rng.randrange(256),
            rng.randrange(256),
            rng.randrange(8, 40),
            rng.randrange(8, 40),
            QColor("#d9d0c9"),
        )
    for _ in range(12):
        colour = rng.choice(["#ffffff", "#fcd6a4", "#f7fabf"])
        painter.setPen(QPen(QColor(colour), rng.choice([2, 3, 5]), Qt.PenStyle.SolidLine))
        painter.drawLine(
            QPointF(rng.randrange(256), rng.randrange(256)),
            QPointF(rng.randrange(256), rng.randrange(256)),
        )
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def make_mbtiles(path: Path) -> int:
    from yangpu_gis.model.basemap import tilemath

    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute(
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
        "tile_row INTEGER, tile_data BLOB)"
    )
    db.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
    meta = [
        ("name", "bench"),
        ("format", "png"),
        ("minzoom", "11"),
        ("maxzoom", "15"),
        ("bounds", ",".join(map(str, AREA))),
        ("attribution", "benchmark tiles"),
    ]
    db.executemany("INSERT INTO metadata VALUES (?, ?)", meta)
    count = 0
    for z in range(11, 16):
        for _, x, y in tilemath.tiles_for_bounds(AREA, z):
            db.execute(
                "INSERT INTO tiles VALUES (?, ?, ?, ?)",
                (z, x, tilemath.tms_row(z, y), street_tile(z * 1_000_003 + x * 7919 + y)),
            )
            count += 1
    db.commit()
    db.close()
    return count


def ours(path: Path, size, repeat: int) -> dict:
    from yangpu_gis.model.basemap.layer import basemap_layer
    from yangpu_gis.model.basemap.spec import BasemapSpec
    from yangpu_gis.render.renderer import Renderer
    from yangpu_gis.render.snapshot import snapshot_layers
    from yangpu_gis.render.tile_store import forget_store, store_for
    from yangpu_gis.render.tiles import basemap_zoom, wanted_tiles
    from yangpu_gis.render.viewport import Viewport

    spec = BasemapSpec(str(path))
    vp = Viewport.fit_wgs84(YANGPU, *size, 0.0)
    snapshot = snapshot_layers([basemap_layer(spec)])

    def cold():
        forget_store(spec)
        image = Renderer().render(snapshot, vp, labels=False)
        assert image is not None

    renderer = Renderer()
    renderer.render(snapshot, vp, labels=False)

    def warm():
        renderer.clear_cache()
        renderer.render(snapshot, vp, labels=False)

    cold_s = best_of(repeat, cold)
    warm_s = best_of(repeat, warm)
    store = store_for(spec)
    z = basemap_zoom(store, vp)
    return {
        "cold_s": cold_s,
        "warm_s": warm_s,
        "zoom": z,
        "tiles": len(wanted_tiles(spec, vp, z)),
        "extent": vp.extent,
    }


def qgis(path: Path, extent, size, repeat: int) -> dict | None:
    try:
        probe = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if probe.returncode != 0:
        return None
    done = subprocess.run(
        [
            SYSTEM_PYTHON,
            str(HERE / "perf_qgis_basemap.py"),
            str(path),
            "--extent",
            ",".join(f"{v:.3f}" for v in extent),
            "--size",
            f"{size[0]}x{size[1]}",
            "--repeat",
            str(repeat),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        print(f"QGIS run failed: {done.stderr.strip().splitlines()[-1:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    from yangpu_gis.render.offscreen import ensure_gui_application

    ensure_gui_application()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "yangpu-streets.mbtiles"
        count = make_mbtiles(path)
        print(f"MBTiles: {count} PNG tiles, {path.stat().st_size / 1e6:.1f} MB, zooms 11-15")
        mine = ours(path, size, args.repeat)
        theirs = qgis(path, mine["extent"], size, args.repeat)
    print(
        f"Yangpu at {size[0]}x{size[1]}: zoom {mine['zoom']}, {mine['tiles']} tiles; "
        f"best of {args.repeat}"
    )
    print(f"{'':8}{'Yangpu GIS':>12}{'QGIS 3.22':>12}{'ratio':>8}")
    for key, label in (("cold_s", "cold"), ("warm_s", "warm")):
        q = theirs[key] if theirs else None
        ratio = f"{q / mine[key]:.1f}x" if q else "-"
        q_text = f"{q * 1000:.0f} ms" if q else "skipped"
        print(f"{label:8}{mine[key] * 1000:>9.0f} ms{q_text:>12}{ratio:>8}")
    if theirs:
        print("(ratio: QGIS time / ours; above 1 means ours is faster)")


if __name__ == "__main__":
    main()
