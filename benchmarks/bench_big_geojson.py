"""A valid GeoJSON over GDAL's 200 MB object limit opens, with its time and memory.

    .venv/bin/python benchmarks/bench_big_geojson.py [--mb 380] [--dir /tmp]

GDAL streams a FeatureCollection and applies OGR_GEOJSON_MAX_OBJ_SIZE (200 MB by
default) to each feature, so what it refuses as "too complex/large" (and the app called
damaged or truncated) is a file holding one huge feature. This writes a FeatureCollection
of about --mb megabytes: small building polygons and one survey line of about 210 MB
(over the default limit), and opens it with io.read_file in a fresh process: prints the
features read, seconds, and peak RSS growth over the process's baseline and per byte of
file. Baseline: before the limit was lifted the file was refused.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from fresh_read import read_in_fresh_process

LINE_MB = 210


def write_line(out) -> None:
    """One LineString feature of about LINE_MB megabytes, written in pieces."""
    out.write('{"type":"Feature","properties":{"id":-1,"name":"survey line"},')
    out.write('"geometry":{"type":"LineString","coordinates":[')
    start = out.tell()
    k = 0
    while out.tell() - start < LINE_MB * 2**20:
        out.write(
            ",".join(
                f"[{121.48 + (k + j) * 1e-8:.8f},{31.25 + (k + j) * 1e-9:.9f}]"
                for j in range(100_000)
            )
            + ","
        )
        k += 100_000
    out.write("[121.6,31.35]]}}\n")


def write_geojson(path: Path, megabytes: float) -> None:
    target = megabytes * 2**20
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","features":[\n')
        write_line(out)
        i = 1
        while out.tell() < target:
            x = 121.48 + (i % 2000) * 4e-5
            y = 31.25 + (i // 2000) * 4e-5
            ring = [[x, y], [x + 3e-5, y], [x + 3e-5, y + 3e-5], [x, y + 3e-5], [x, y]]
            feature = {
                "type": "Feature",
                "properties": {"id": i, "name": f"楼{i}", "floors": i % 30},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            out.write("," + json.dumps(feature, ensure_ascii=False) + "\n")
            i += 1
        out.write("]}\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=380)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        path = Path(folder) / "buildings.geojson"
        write_geojson(path, args.mb)
        size_mb = path.stat().st_size / 2**20
        result = read_in_fresh_process(path)
    print(
        f"GeoJSON {size_mb:.0f} MB (one feature of {LINE_MB} MB, over GDAL's 200 MB "
        "default limit): "
        f"{result['features']:,} features in {result['seconds']:.1f} s"
    )
    print(f"peak RSS growth {result['growth']:.0f} MB = {result['growth'] / size_mb:.1f}x the file")


if __name__ == "__main__":
    main()
