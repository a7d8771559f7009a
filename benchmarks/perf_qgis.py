"""The QGIS side of bench_performance.py: a PyQGIS script for the system Python.

Run by bench_performance.py with /usr/bin/python3 (Debian's python3-qgis), never imported
by the project. Two modes, each printing one JSON object on stdout:

  measure GPKG --job JOB.json   load to first frame, full and 1/16 extent renders with
                                antialiasing on and off (sequential and parallel jobs),
                                identify requests, peak RSS; saves the first frame
  cli GPKG OUT.png --size WxH   the whole-process contender: start-up, open, render the
      [--extent X0,Y0,X1,Y1]    layer's extent (or this Web Mercator one), write a PNG
                                (timed from outside)

Views are given as Web Mercator extents, so QGIS draws exactly what our renderer draws.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsMapRendererParallelJob,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402
from timing import best_of, rss_kb  # noqa: E402

METRES_PER_DEGREE = 111_319.49


_APP: list[QgsApplication] = []  # the application must outlive every QGIS object


def start_qgis() -> QgsApplication:
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    _APP.append(app)
    return app


def hex_rgba(hex_colour: str, alpha: float = 1.0) -> str:
    colour = QColor(hex_colour)
    return f"{colour.red()},{colour.green()},{colour.blue()},{round(alpha * 255)}"


def open_layer(path: str, style: dict) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername=buildings", "buildings", "ogr")
    if not layer.isValid():
        raise SystemExit(f"QGIS could not open {path}")
    symbol = QgsFillSymbol.createSimple(
        {
            "color": hex_rgba(style["fill"], style["fill_opacity"]),
            "outline_color": hex_rgba(style["stroke"]),
            "outline_width": str(style["stroke_width"]),
            "outline_width_unit": "Pixel",
            "joinstyle": "round",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def map_settings(layer, extent, size, background: str, antialias: bool) -> QgsMapSettings:
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    settings.setOutputSize(QSize(*size))
    settings.setOutputDpi(96)
    settings.setExtent(QgsRectangle(*extent))
    settings.setBackgroundColor(QColor(background))
    settings.setFlag(QgsMapSettings.Antialiasing, antialias)
    return settings


def render(settings: QgsMapSettings, parallel: bool = False):
    job = (QgsMapRendererParallelJob if parallel else QgsMapRendererSequentialJob)(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def identify_times(layer: QgsVectorLayer, clicks, tolerance_m: float) -> tuple[list[float], int]:
    """Per click: a filter rectangle of the tolerance around it (in the layer's lon/lat),
    answered through the GeoPackage's R-tree, geometries checked exactly."""
    times, found = [], 0
    for lon, lat in clicks:
        started = time.perf_counter()
        dlat = tolerance_m / METRES_PER_DEGREE
        dlon = dlat / math.cos(math.radians(lat))
        request = QgsFeatureRequest().setFilterRect(
            QgsRectangle(lon - dlon, lat - dlat, lon + dlon, lat + dlat)
        )
        request.setFlags(QgsFeatureRequest.ExactIntersect)
        request.setNoAttributes()
        ids = [feature.id() for feature in layer.getFeatures(request)]
        times.append(time.perf_counter() - started)
        found += len(ids)
    return times, found


def measure(args) -> dict:
    with open(args.job) as stream:
        job = json.load(stream)
    size = tuple(job["size"])
    start_qgis()
    rss_before = rss_kb()
    started = time.perf_counter()
    layer = open_layer(args.gpkg, job["style"])
    QgsProject.instance().addMapLayer(layer)
    first = render(map_settings(layer, job["full"], size, job["background"], True))
    load_to_first_frame = time.perf_counter() - started
    if job.get("image"):
        first.save(job["image"])
    result = {"load_to_first_frame": load_to_first_frame, "features": layer.featureCount()}
    repeat = job["repeat"]
    for view in ("full", "sixteenth"):
        for antialias in (True, False):
            settings = map_settings(layer, job[view], size, job["background"], antialias)
            for parallel in (False, True):
                key = f"{view}_{'aa' if antialias else 'noaa'}_{'parallel' if parallel else 'sequential'}"
                result[key] = best_of(repeat, lambda s=settings, p=parallel: render(s, p))
    times, found = identify_times(layer, job["clicks"], job["tolerance_m"])
    result["identify_median"] = statistics.median(times)
    result["identify_found"] = found
    result["rss_before_kb"] = rss_before
    result["peak_rss_kb"] = rss_kb("VmHWM")
    return result


def cli(args) -> dict:
    """Open, draw the layer's whole extent (or --extent) at the given size, write a PNG."""
    width, height = (int(v) for v in args.size.lower().split("x"))
    start_qgis()
    layer = open_layer(
        args.gpkg,
        {"fill": "#9ecae1", "fill_opacity": 0.6, "stroke": "#3182bd", "stroke_width": 1.0},
    )
    QgsProject.instance().addMapLayer(layer)
    to_mercator = QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem("EPSG:3857"), QgsProject.instance()
    )
    if args.extent:
        view = tuple(float(v) for v in args.extent.split(","))
    else:
        extent = to_mercator.transformBoundingBox(layer.extent())
        view = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    settings = map_settings(
        layer,
        view,
        (width, height),
        "#f4f3ef",
        True,
    )
    image = render(settings, parallel=True)
    if not image.save(args.out, "PNG"):
        raise SystemExit(f"could not write {args.out}")
    return {"written": args.out}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("measure")
    one.add_argument("gpkg")
    one.add_argument("--job", required=True)
    one.set_defaults(func=measure)
    whole = commands.add_parser("cli")
    whole.add_argument("gpkg")
    whole.add_argument("out")
    whole.add_argument("--size", default="1600x1000")
    whole.add_argument("--extent", help="Web Mercator X0,Y0,X1,Y1 (default: the layer's)")
    whole.set_defaults(func=cli)
    args = parser.parse_args(argv)
    result = args.func(args)
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    QgsProject.instance().removeAllMapLayers()
    QgsApplication.exitQgis()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
