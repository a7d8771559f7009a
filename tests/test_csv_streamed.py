"""A CSV is streamed from the file in chunks: its text is never held whole, progress is
the share of the file read, and a cancel stops between chunks. Reading the whole text at
once and parsing a copy peaked at about 12.9x the file's size on this file; streamed,
the peak is about 10x, nearly all of it the layer itself (its points)."""

import json
import subprocess
import sys
import threading

import pytest

from yangpu_gis.model import io, tables
from yangpu_gis.model.load_errors import LoadCancelled

# The peak is VmHWM, the child's own: ru_maxrss survives fork and exec, so a child of the
# whole test run (about 3 GB by then) reported the parent's size.
CHILD = """
import json, sys
from yangpu_gis.model import io
def status_mb(key):
    for line in open('/proc/self/status'):
        if line.startswith(key):
            return int(line.split()[1]) / 1024
base = status_mb('VmRSS:')
(layer,) = io.read_file(sys.argv[1])
peak = status_mb('VmHWM:')
print(json.dumps({"rows": len(layer.data), "growth": peak - base}))
"""


def write_points(path, rows: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write("name,code,lon,lat,floors\n")
        out.writelines(
            f"楼{i},{i:08d},{121.5 + (i % 5000) * 1e-5:.6f},{31.25 + (i % 7000) * 1e-5:.6f},"
            f"{i % 40}\n"
            for i in range(rows)
        )


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("csv") / "points.csv"
    write_points(path, 1_000_000)
    return path


def test_a_big_csv_peaks_well_under_the_whole_file_read(big_csv):
    size_mb = big_csv.stat().st_size / 2**20
    assert size_mb > 40
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(big_csv)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["rows"] == 1_000_000
    # the whole-file read peaked at 12.9x here; the bound leaves room for the allocator
    assert result["growth"] < 11.5 * size_mb, (result, size_mb)


def test_progress_follows_the_chunks_and_a_cancel_stops_between_them(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "CSV_CHUNK_ROWS", 10_000)
    path = tmp_path / "points.csv"
    write_points(path, 50_000)
    seen = []
    (layer,) = io.read_file(path, progress=lambda fraction, message: seen.append(message))
    assert len(layer.data) == 50_000
    rows = [m for m in seen if m.startswith("read ") and m.endswith(" rows")]
    assert rows[:5] == [f"read {n:,} rows" for n in (10_000, 20_000, 30_000, 40_000, 50_000)]

    cancel = threading.Event()
    reached = []

    def cancel_after_the_second_chunk(fraction, message):
        reached.append(message)
        if message == "read 20,000 rows":
            cancel.set()

    with pytest.raises(LoadCancelled, match=r"loading cancelled$"):
        io.read_file(path, progress=cancel_after_the_second_chunk, cancel=cancel)
    assert [m for m in reached if m.endswith(" rows")] == ["read 10,000 rows", "read 20,000 rows"]
