"""Render speed on a big layer: 100,000 rotated rectangles around Yangpu at 1600x1000.

Renders the whole of Yangpu and a sixteenth of it (a quarter of the width and height,
centred) with:

  yangpu renderer    render.renderer.Renderer, a fresh cache each run (nothing reused)
  naive drawPolygon  the baseline: one antialiased QPainter.drawPolygon per feature, with
                     its QPolygonF built point by point, no spatial index
  GeoDataFrame.plot  geopandas with matplotlib's Agg backend (skipped without matplotlib)

Display-CRS geometries are computed before timing, for every contender. Prints the best
of --repeat runs and each contender's speed relative to the baseline (baseline time
divided by its time: above 1 is faster than the baseline).

    .venv/bin/python benchmarks/bench_render.py [--features 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import shapely

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen, QPolygonF  # noqa: E402
from timing import best_of  # noqa: E402

from yangpu_gis.model.layer import Layer  # noqa: E402
from yangpu_gis.model.project import YANGPU_EXTENT  # noqa: E402
from yangpu_gis.model.style import Style  # noqa: E402
from yangpu_gis.render.renderer import Renderer  # noqa: E402
from yangpu_gis.render.snapshot import snapshot_layers  # noqa: E402
from yangpu_gis.render.viewport import Viewport  # noqa: E402

BASELINE = "naive drawPolygon (baseline)"
STYLE = Style(fill="#74a9cf", fill_opacity=0.7, stroke="#2b8cbe", stroke_width=1.0)


def rotated_rectangles(count: int, seed: int = 20240607) -> np.ndarray:
    """Rectangles 7.5 to 40 m a side at random angles, uniformly over Yangpu, in WGS84."""
    rng = np.random.default_rng(seed)
    lon0, lat0, lon1, lat1 = YANGPU_EXTENT
    cx, cy = rng.uniform(lon0, lon1, count), rng.uniform(lat0, lat1, count)
    half_w = rng.uniform(7.5, 40, count) / 2 / 94_900
    half_h = rng.uniform(7.5, 40, count) / 2 / 110_900
    angle = rng.uniform(0, np.pi, count)
    corners = np.array([(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)], float)
    dx, dy = corners[None, :, 0] * half_w[:, None], corners[None, :, 1] * half_h[:, None]
    cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
    x = cx[:, None] + dx * cos - dy * sin
    y = cy[:, None] + dx * sin + dy * cos
    return shapely.polygons(np.stack([x, y], axis=-1))


def make_layer(count: int) -> Layer:
    import geopandas as gpd

    data = gpd.GeoDataFrame(geometry=rotated_rectangles(count), crs="EPSG:4326")
    layer = Layer(id="blocks", title="blocks", data=data, style=STYLE)
    _ = layer.display_index  # reprojection and index, once, outside the timings
    return layer


def ours(layer: Layer, view: Viewport):
    snapshot = snapshot_layers([layer])

    def run():
        image = Renderer().render(snapshot, view, labels=False)
        assert image is not None

    return run


def naive(layer: Layer, view: Viewport):
    geometries = layer.display_geometries

    def run():
        image = QImage(view.width, view.height, QImage.Format_ARGB32_Premultiplied)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing, True)
        fill = QColor(STYLE.fill)
        fill.setAlphaF(STYLE.fill_opacity)
        painter.setBrush(fill)
        painter.setPen(QPen(QColor(STYLE.stroke), STYLE.stroke_width))
        for geometry in geometries:
            coords = shapely.get_coordinates(geometry)
            xs, ys = view.map_to_pixel(coords[:, 0], coords[:, 1])
            painter.drawPolygon(
                QPolygonF([QPointF(x, y) for x, y in zip(xs, ys, strict=True)]), Qt.OddEvenFill
            )
        painter.end()

    return run


def geopandas_plot(layer: Layer, view: Viewport):
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use("Agg")
    import geopandas as gpd
    import matplotlib.pyplot as plt

    frame = gpd.GeoDataFrame(geometry=layer.display_geometries, crs="EPSG:3857")
    x0, y0, x1, y1 = view.extent

    def run():
        figure = plt.figure(figsize=(view.width / 100, view.height / 100), dpi=100)
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_axis_off()
        frame.plot(
            ax=axes,
            facecolor=STYLE.fill,
            alpha=STYLE.fill_opacity,
            edgecolor=STYLE.stroke,
            linewidth=STYLE.stroke_width * 0.75,
        )
        axes.set_xlim(x0, x1)
        axes.set_ylim(y0, y1)
        figure.canvas.draw()
        plt.close(figure)

    return run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--baseline-repeat",
        type=int,
        default=1,
        help="runs of the (slow) baselines; the best is kept",
    )
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])

    print(f"generating {args.features:,} rotated rectangles (seeded)…", flush=True)
    layer = make_layer(args.features)
    full = Viewport.fit_wgs84(YANGPU_EXTENT, 1600, 1000)
    views = {"full extent": full, "1/16 extent": full.zoomed(4.0)}
    contenders = [
        ("yangpu renderer", ours, args.repeat),
        (BASELINE, naive, args.baseline_repeat),
        ("GeoDataFrame.plot", geopandas_plot, args.baseline_repeat),
    ]

    results: dict[str, dict[str, float | None]] = {}
    for name, factory, repeat in contenders:
        results[name] = {}
        for view_name, view in views.items():
            run = factory(layer, view)
            if run is None:
                results[name][view_name] = None
                continue
            results[name][view_name] = best_of(repeat, run)
            print(f"  {name:30s} {view_name:12s} {results[name][view_name]:8.3f} s", flush=True)

    print()
    print(
        f"{args.features:,} polygons, 1600x1000 px, best of {args.repeat} (baselines best of "
        f"{args.baseline_repeat}); ratio = {BASELINE} time / this time"
    )
    header = f"{'renderer':32s}" + "".join(f"{v:>24s}" for v in views)
    print(header)
    print("-" * len(header))
    baseline = results[BASELINE]
    for name, times in results.items():
        cells = []
        for view_name in views:
            t = times[view_name]
            if t is None:
                cells.append(f"{'skipped (no matplotlib)':>24s}")
            else:
                cells.append(f"{t:9.3f} s {baseline[view_name] / t:8.2f}x   ")
        print(f"{name:32s}" + "".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
