"""Peak memory of reading a big CSV of points, per byte of file, in a fresh process.

    .venv/bin/python benchmarks/bench_csv_memory.py [--mb 150] [--dir /tmp]

Writes a CSV of lon/lat points with a name, a code and a number column (about --mb
megabytes), then reads it with io.read_file in a child process and prints the child's
peak RSS growth over its baseline (after imports), the time, and the ratio to the file's
size. Baseline: the whole-file read (the text decoded at once, every cell a Python
string until the end) peaked at about 12x the file's size.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
from fresh_read import read_in_fresh_process


def write_csv(path: Path, megabytes: float) -> int:
    rows = int(megabytes * 2**20 / 52)
    rng = np.random.default_rng(7)
    with open(path, "w", encoding="utf-8") as out:
        out.write("name,code,lon,lat,floors\n")
        step = 200_000
        for start in range(0, rows, step):
            n = min(step, rows - start)
            lon = 121.5 + rng.random(n) * 0.05
            lat = 31.25 + rng.random(n) * 0.05
            floors = rng.integers(1, 40, n)
            out.writelines(
                f"楼{start + i},{start + i:08d},{lon[i]:.6f},{lat[i]:.6f},{floors[i]}\n"
                for i in range(n)
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=150)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        path = Path(folder) / "points.csv"
        write_csv(path, args.mb)
        size_mb = path.stat().st_size / 2**20
        result = read_in_fresh_process(path)
    growth = result["growth"]
    print(f"CSV {size_mb:.0f} MB, {result['features']:,} rows read in {result['seconds']:.1f} s")
    print(f"peak RSS growth {growth:.0f} MB = {growth / size_mb:.1f}x the file (baseline ~12x)")


if __name__ == "__main__":
    main()
