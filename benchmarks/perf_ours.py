"""Our side of bench_performance.py, and the GeoDataFrame.plot baseline, one process each.

Run by bench_performance.py with the project's Python. Each mode prints one JSON object:

  measure GPKG --job JOB.json   read the file to the first full frame as the app does (read,
                                build display data, render; the index is built after), then
                                full and 1/16 extent renders, identify clicks, memory
  frame GPKG --job JOB.json     the GeoDataFrame alone: RSS growth from reading the file
  plot GPKG --job JOB.json      geopandas: read_file, to_crs, GeoDataFrame.plot drawn at the
                                same size and extents with matplotlib's Agg backend

Memory: VmRSS before reading (imports and Qt done), after the read alone (the
GeoDataFrame's own, after a garbage collection), and the process's peak (VmHWM).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time

from timing import best_of, rss_kb  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def measure(args, job: dict) -> dict:
    from PySide6.QtGui import QGuiApplication

    from yangpu_gis.model.identify import identify
    from yangpu_gis.model.open_layers import open_layers
    from yangpu_gis.model.style import Style
    from yangpu_gis.render.renderer import Renderer
    from yangpu_gis.render.snapshot import snapshot_layers
    from yangpu_gis.render.viewport import Viewport

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    size = tuple(job["size"])
    views = {
        name: Viewport.fit(tuple(job[name]), *size, margin=0.0) for name in ("full", "sixteenth")
    }
    gc.collect()
    rss_before = rss_kb()

    # As the app's reader thread does (ui.file_loader): read, build the display data,
    # show the first frame, then build the spatial index.
    started = time.perf_counter()
    _loaded, layer = open_layers(args.gpkg, index=False)[0]
    layer.style = Style(**job["style"])
    prepared_s = time.perf_counter() - started
    renderer = Renderer()
    snapshot = snapshot_layers([layer])
    image = renderer.render(snapshot, views["full"], labels=False)
    load_to_first_frame = time.perf_counter() - started
    layer.display.build_index()
    index_ready = time.perf_counter() - started
    if job.get("image"):
        image.save(job["image"])

    result = {
        "load_to_first_frame": load_to_first_frame,
        "read_and_prepare": prepared_s,
        "index_ready": index_ready,
        "features": layer.feature_count,
    }

    def render(view):
        renderer.clear_cache()  # a new view: no cached layer image to reuse
        assert renderer.render(snapshot, view, labels=False) is not None

    for name, view in views.items():
        result[name] = best_of(job["repeat"], lambda v=view: render(v))

    times, found = [], 0
    for lon, lat in job["clicks"]:
        started = time.perf_counter()
        hits = identify([layer], lon, lat, job["tolerance_m"])
        times.append(time.perf_counter() - started)
        found += len(hits)
    result["identify_median"] = statistics.median(times)
    result["identify_found"] = found
    result["rss_before_kb"] = rss_before
    result["peak_rss_kb"] = rss_kb("VmHWM")
    return result


def frame(args, job: dict) -> dict:
    """What the GeoDataFrame alone holds: RSS growth from reading it, in a fresh process."""
    from yangpu_gis.model.io import read_file

    gc.collect()
    before = rss_kb()
    data = read_file(args.gpkg)[0].data
    gc.collect()
    return {"geodataframe_kb": rss_kb() - before, "features": len(data)}


def plot(args, job: dict) -> dict:
    import matplotlib

    matplotlib.use("Agg")
    import geopandas as gpd
    import matplotlib.pyplot as plt

    style = job["style"]
    width, height = job["size"]
    rss_before = rss_kb()

    def draw(frame, extent, out=None):
        figure = plt.figure(figsize=(width / 100, height / 100), dpi=100)
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_axis_off()
        frame.plot(
            ax=axes,
            facecolor=style["fill"],
            alpha=style["fill_opacity"],
            edgecolor=style["stroke"],
            linewidth=style["stroke_width"] * 0.75,
        )
        axes.set_xlim(extent[0], extent[2])
        axes.set_ylim(extent[1], extent[3])
        figure.canvas.draw()
        if out:
            figure.savefig(out, dpi=100)
        plt.close(figure)

    started = time.perf_counter()
    frame = gpd.read_file(args.gpkg).to_crs("EPSG:3857")
    draw(frame, job["full"], job.get("image"))
    result = {"load_to_first_frame": time.perf_counter() - started}
    for name in ("full", "sixteenth"):
        result[name] = best_of(job["plot_repeat"], lambda e=job[name]: draw(frame, e))
    result["rss_before_kb"] = rss_before
    result["peak_rss_kb"] = rss_kb("VmHWM")
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("measure", "frame", "plot"))
    parser.add_argument("gpkg")
    parser.add_argument("--job", required=True)
    args = parser.parse_args(argv)
    with open(args.job) as stream:
        job = json.load(stream)
    result = {"measure": measure, "frame": frame, "plot": plot}[args.mode](args, job)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
