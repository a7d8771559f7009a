"""Time and memory to open a project of many layer entries over one small GeoJSON.

    .venv/bin/python benchmarks/bench_project_layers.py [--counts 1000 10000]
        [--qgis-counts 1000]

Each project is opened by Project.load (what File ▸ Open project and the session at
start-up do) in a fresh process: the seconds, the layers opened and the peak memory it
added (VmHWM). A project opens at most project_format.MAX_LAYERS layers (the rest are
kept in the file, unopened); the same file is also timed with that budget lifted, so
every entry is made a layer, to show the cost per entry of layers that share their
source's data. Baselines: QGIS 3.22 reading a .qgs of as many layers over the same file
(QgsProject.read, Debian's python3-qgis, /usr/bin/python3), and this app before each
source was read once for all its entries: 1,000 entries took 6.4 s (13.5 s on a
loaded 2-core machine).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = """
import json, sys, time
from yangpu_gis.model import project_format
if sys.argv[2] == "lifted":
    project_format.MAX_LAYERS = 10**9
import yangpu_gis.model.io  # the readers' import is the same for any count: not timed
from yangpu_gis.model.project import Project
def status_mb(key):
    for line in open('/proc/self/status'):
        if line.startswith(key):
            return int(line.split()[1]) / 1024
base = status_mb('VmRSS:')
start = time.perf_counter()
project, report = Project.load(sys.argv[1])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "layers": len(project.layers),
                  "growth_mb": status_mb('VmHWM:') - base}))
"""


def write_data(folder: Path) -> Path:
    """Twenty small parcels in Yangpu, as a planner's GeoJSON."""
    features = [
        {
            "type": "Feature",
            "properties": {"name": f"Parcel {i}"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [
                        [121.50 + i * 0.001, 31.30],
                        [121.5005 + i * 0.001, 31.30],
                        [121.5005 + i * 0.001, 31.3005],
                        [121.50 + i * 0.001, 31.30],
                    ]
                ],
            },
        }
        for i in range(20)
    ]
    path = folder / "parcels.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def write_project(folder: Path, data: Path, count: int) -> Path:
    layers = [
        {"id": f"parcels-{i}", "title": f"Parcels {i}", "kind": "user", "source": str(data)}
        for i in range(count)
    ]
    path = folder / f"parcels{count}.ygis.json"
    path.write_text(json.dumps({"format": "yangpu-gis-project", "version": 1, "layers": layers}))
    return path


def ours(project: Path, budget: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(project), budget],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


def qgis(folder: Path, data: Path, count: int) -> dict:
    script = str(HERE / "perf_qgis_project.py")
    qgs = folder / f"parcels{count}.qgs"
    for args in (["write", str(data), str(qgs), str(count)], ["read", str(qgs)]):
        run = subprocess.run(
            ["/usr/bin/python3", script, *args],
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE,
        )
    return json.loads(run.stdout.strip().splitlines()[-1])


def line(who: str, count: int, result: dict) -> str:
    return (
        f"{who:<24} {count:>6,} entries: {result['seconds']:6.2f} s, "
        f"{result['layers']:>6,} layers, +{result['growth_mb']:5.0f} MB peak"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--qgis-counts", type=int, nargs="*", default=[1000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        data = write_data(folder)
        for count in args.counts:
            project = write_project(folder, data, count)
            budgeted = ours(project, "budget")
            lifted = ours(project, "lifted")
            print(line("Yangpu GIS", count, budgeted))
            print(line("Yangpu GIS, no budget", count, lifted))
            if count in args.qgis_counts:
                theirs = qgis(folder, data, count)
                print(line("QGIS 3.22", count, theirs))
                print(
                    f"{'':<24} QGIS / ours, every entry opened: "
                    f"{theirs['seconds'] / lifted['seconds']:.0f}x"
                )
    print(
        "baseline before each source was read once: 1,000 entries took 6.4 s "
        "(13.5 s on a loaded 2-core machine), each re-reading its file"
    )


if __name__ == "__main__":
    main()
