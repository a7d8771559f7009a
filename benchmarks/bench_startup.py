"""Start-up: how long a planner or a script waits before the app answers.

    python benchmarks/bench_startup.py [--repeat N]

Each figure is a whole new process, timed from before it is started (the best of N, since
start-up on a shared machine only ever gets slower), and printed beside its goal:
- `yangpu-gis sites --json` to its exit (goal 0.25 s);
- `python -c "import yangpu_gis"` (what every command pays first);
- the desktop app to its first finished map frame (goal 0.8 s), with Qt offscreen, through
  the same calls as `yangpu-gis` (create_application, last_session, MainWindow).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
FIRST_FRAME = r"""
import sys, time
started = float(sys.argv[1])
from yangpu_gis.ui.app import create_application, last_session
app = create_application()
from yangpu_gis.ui.main_window import MainWindow
project, _ = last_session()
window = MainWindow(project)
def finished(busy, _ms):
    if not busy:
        print(f"{time.time() - started:.4f}", flush=True)
        app.quit()
window.canvas.render_state.connect(finished)
window.show()
app.exec()
"""


def timed_process(argv: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def first_frame(env: dict) -> float:
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, repr(time.time())],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        # A fresh user: no last session, notes or settings of the real user's.
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "YANGPU_GIS_DATA_DIR": home}
        # Some machines set OpenBLAS's core type for old builds; with current NumPy it
        # makes `import numpy` alone take 0.2-0.3 s. A planner's machine has no such
        # setting, so the children run without it (both together, as they are meant).
        for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
            env.pop(name, None)
        env["XDG_CONFIG_HOME"] = env["XDG_CACHE_HOME"] = env["XDG_STATE_HOME"] = home
        rows = [
            (
                "yangpu-gis sites --json",
                min(
                    timed_process([str(BIN / "yangpu-gis"), "sites", "--json"], env)
                    for _ in range(args.repeat)
                ),
                0.25,
            ),
            (
                "python -c 'import yangpu_gis'",
                min(
                    timed_process([sys.executable, "-c", "import yangpu_gis"], env)
                    for _ in range(args.repeat)
                ),
                None,
            ),
            (
                "desktop app to its first map frame",
                min(first_frame(env) for _ in range(args.repeat)),
                0.8,
            ),
        ]
    print(
        f"start-up, best of {args.repeat} new processes ({os.cpu_count()} cores; "
        "OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset)"
    )
    for name, seconds, goal in rows:
        verdict = (
            ""
            if goal is None
            else f"  goal {goal:.2f} s: {'met' if seconds <= goal else 'NOT met'}"
        )
        print(f"  {name:38s} {seconds:7.3f} s{verdict}")


if __name__ == "__main__":
    main()
