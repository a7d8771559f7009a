"""The QGIS side of bench_identify.py: a PyQGIS script for the system Python.

    /usr/bin/python3 benchmarks/perf_qgis_identify.py GPKG LAYER --job JOB.json

For each click, what QGIS's identify tool asks the provider for: the features in a
rectangle of the tolerance around the point, geometries checked exactly, with their
attributes (the identify results list every hit with its fields). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsFeatureRequest, QgsRectangle, QgsVectorLayer  # noqa: E402

METRES_PER_DEGREE = 111_319.49


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gpkg")
    parser.add_argument("layer")
    parser.add_argument("--job", required=True)
    args = parser.parse_args()
    with open(args.job) as stream:
        job = json.load(stream)
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    layer = QgsVectorLayer(f"{args.gpkg}|layername={args.layer}", args.layer, "ogr")
    if not layer.isValid():
        raise SystemExit(f"QGIS could not open {args.gpkg}")
    name_index = layer.fields().indexOf(job["name_field"])
    times, found = [], []
    for lon, lat in job["clicks"]:
        started = time.perf_counter()
        dlat = job["tolerance_m"] / METRES_PER_DEGREE
        dlon = dlat / math.cos(math.radians(lat))
        request = QgsFeatureRequest().setFilterRect(
            QgsRectangle(lon - dlon, lat - dlat, lon + dlon, lat + dlat)
        )
        request.setFlags(QgsFeatureRequest.ExactIntersect)
        names = [feature.attributes()[name_index] for feature in layer.getFeatures(request)]
        times.append(time.perf_counter() - started)
        found.append(len(names))
    print(
        json.dumps(
            {
                "identify_median_s": statistics.median(times),
                "identify_max_s": max(times),
                "hits_median": statistics.median(found),
            }
        )
    )
    del layer
    app.exitQgis()


if __name__ == "__main__":
    main()
