"""The QGIS side of bench_project_layers.py: a PyQGIS script for the system Python.

Run with /usr/bin/python3 (Debian's python3-qgis), never imported by the project:

  write DATA.geojson OUT.qgs COUNT   a project of COUNT layers over the one file
  read PROJECT.qgs                   prints {"seconds", "layers", "growth_mb"} as JSON:
                                     QgsProject.read, and the peak memory it added
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer  # noqa: E402
from timing import rss_kb  # noqa: E402


def main() -> None:
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    if sys.argv[1] == "write":
        data, out, count = sys.argv[2], sys.argv[3], int(sys.argv[4])
        layers = [QgsVectorLayer(data, f"Parcels {i}", "ogr") for i in range(count)]
        project.addMapLayers(layers)
        project.write(out)
        print(json.dumps({"written": out}))
    else:
        before = rss_kb()
        started = time.perf_counter()
        project.read(sys.argv[2])
        seconds = time.perf_counter() - started
        growth = (rss_kb("VmHWM") - before) / 1024
        layers = len(project.mapLayers())
        print(json.dumps({"seconds": seconds, "layers": layers, "growth_mb": growth}))
    app.exitQgis()


if __name__ == "__main__":
    main()
