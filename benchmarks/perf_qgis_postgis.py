"""The QGIS side of bench_postgis.py: a whole `render` process through QGIS 3.22's
PostGIS provider, for the system Python (Debian's python3-qgis); never imported by the
project.

    perf_qgis_postgis.py CONNINFO TABLE MINX,MINY,MAXX,MAXY OUT.png --size WxH

Start-up, open the table (provider "postgres", its key and SRID given so QGIS asks
nothing more), draw the Web Mercator extent with the same symbol as ours, write a PNG.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from perf_qgis import map_settings, render, start_qgis  # noqa: E402
from qgis.core import (  # noqa: E402
    QgsFillSymbol,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conninfo")
    parser.add_argument("table")
    parser.add_argument("extent", help="Web Mercator MINX,MINY,MAXX,MAXY")
    parser.add_argument("out")
    parser.add_argument("--size", default="1600x1000")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    start_qgis()
    uri = f'{args.conninfo} key=\'id\' srid=32651 type=Polygon table="public"."{args.table}" (geom)'
    layer = QgsVectorLayer(uri, args.table, "postgres")
    if not layer.isValid():
        raise SystemExit(f"QGIS could not open {args.table}")
    symbol = QgsFillSymbol.createSimple(
        {
            "color": "158,202,225,153",
            "outline_color": "49,130,189,255",
            "outline_width": "1",
            "outline_width_unit": "Pixel",
            "joinstyle": "round",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    QgsProject.instance().addMapLayer(layer)
    extent = tuple(float(v) for v in args.extent.split(","))
    settings = map_settings(layer, extent, (width, height), "#f4f3ef", True)
    image = render(settings, parallel=True)
    if not image.save(args.out, "PNG"):
        raise SystemExit(f"could not write {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
