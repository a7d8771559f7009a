"""Read one file with the app's reader in a fresh Python process and report its cost:
features, seconds, and peak RSS growth over the process's baseline after imports. A fresh
process, because a long-lived one keeps freed pages and would blur the peak."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# VmHWM is the child's own peak; ru_maxrss survives fork and exec (a big parent's size).
CHILD = """
import json, sys, time
from yangpu_gis.model import io
def status_mb(key):
    for line in open('/proc/self/status'):
        if line.startswith(key):
            return int(line.split()[1]) / 1024
base = status_mb('VmRSS:')
start = time.perf_counter()
(layer,) = io.read_file(sys.argv[1])
seconds = time.perf_counter() - start
peak = status_mb('VmHWM:')
print(json.dumps({"features": len(layer.data), "seconds": seconds, "growth": peak - base}))
"""


def read_in_fresh_process(path: Path) -> dict:
    """{"features", "seconds", "growth" (MB)}; SystemExit with the reader's error text if
    the file did not open."""
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=False
    )
    if run.returncode != 0:
        raise SystemExit(f"{path.name}: not opened\n{run.stderr[-2000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])
