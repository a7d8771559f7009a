"""The QGIS side of bench_basemap.py: a PyQGIS script for the system Python.

    /usr/bin/python3 perf_qgis_basemap.py MBTILES --extent X0,Y0,X1,Y1 --size WxH [--repeat N]

Opens the raster MBTiles through GDAL (as QGIS's Add Raster Layer does) and renders the
given Web Mercator extent: cold (a fresh layer, first render) and warm (the same layer
again, GDAL's block cache filled). Prints one JSON object of seconds on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRasterLayer,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from timing import best_of  # noqa: E402


def render(layer, extent, size) -> None:
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    settings.setExtent(QgsRectangle(*extent))
    settings.setOutputSize(QSize(*size))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mbtiles")
    parser.add_argument("--extent", required=True)
    parser.add_argument("--size", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    extent = [float(v) for v in args.extent.split(",")]
    size = [int(v) for v in args.size.split("x")]
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    colds = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        layer = QgsRasterLayer(args.mbtiles, "basemap", "gdal")
        if not layer.isValid():
            raise SystemExit(f"QGIS could not open {args.mbtiles}")
        render(layer, extent, size)
        colds.append(time.perf_counter() - started)
    layer = QgsRasterLayer(args.mbtiles, "basemap", "gdal")
    render(layer, extent, size)
    warm = best_of(args.repeat, lambda: render(layer, extent, size))
    print(json.dumps({"cold_s": min(colds), "warm_s": warm}), flush=True)
    # Tearing QGIS down here has crashed ("double free"): the figures are out, so leave.
    os._exit(0)


if __name__ == "__main__":
    main()
