"""Memory tests measured in a pytest process of their own: by their turn in the whole run
the suite's process holds gigabytes, and its fragmented heap blurs what the app gives back."""

from __future__ import annotations

import os
import subprocess
import sys


def run_fresh(test_file: str, flag: str, passed: int) -> None:
    """Run test_file's tests again in a new pytest process with flag=1 in its environment
    and require exactly `passed` of them to pass there."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", test_file, "-q", "-p", "no:cacheprovider"],
        env={**os.environ, flag: "1"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert f"\n{passed} passed" in run.stdout, run.stdout[-2000:]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")
