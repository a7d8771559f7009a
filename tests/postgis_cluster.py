"""A private PostgreSQL + PostGIS cluster for the tests: initdb in a temporary folder,
a free port on 127.0.0.1, trust authentication, stopped and removed afterwards.

initdb refuses to run as root, so as root (CI) the cluster is made and run by the
`postgres` user (Debian's postgresql package creates it). Footprint tables are loaded
with COPY (text WKB), as a bulk load of a real table would be.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BIN_CANDIDATES = ("/usr/lib/postgresql/15/bin",)
# The synthetic district: a jittered grid of footprints in UTM zone 51N around Yangpu.
FOOTPRINT_SRID = 32651
ORIGIN = (359_000.0, 3_461_000.0)  # metres, UTM 51N (about 121.53 E, 31.27 N)
# The default suite's table; the benchmark loads a million (benchmarks/bench_postgis.py).
SUITE_FOOTPRINTS = 100_000
MILLION_FOOTPRINTS = 1_000_000  # the `pg_million` fixture's, for the tests of scale


def pg_bin() -> Path | None:
    for folder in BIN_CANDIDATES:
        if (Path(folder) / "initdb").exists():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def postgis_available() -> bool:
    bin_dir = pg_bin()
    if bin_dir is None:
        return False
    share = (
        subprocess.run(
            [str(bin_dir / "pg_config"), "--sharedir"], capture_output=True, text=True
        ).stdout.strip()
        or "/usr/share/postgresql/15"
    )
    return (Path(share) / "extension" / "postgis.control").exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    user: str
    runner: list[str]  # prefix that runs a command as the cluster's owner
    bin_dir: Path

    def uri(self, database: str = "gis", table: str | None = None) -> str:
        base = f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"
        return f"{base}?table={table}" if table else base

    def conninfo(self, database: str = "gis") -> str:
        return f"host=127.0.0.1 port={self.port} user={self.user} dbname={database}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.runner, *args], check=check, capture_output=True, text=True, timeout=120
        )

    def stop(self) -> None:
        self.run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.folder / "data"),
            "-m",
            "immediate",
            "stop",
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    bin_dir = pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="yangpu-pg-"))
    runner: list[str] = []
    user = pwd.getpwuid(os.getuid()).pw_name
    if os.getuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        runner = ["runuser", "-u", "postgres", "--"]
        user = "postgres"
    port = _free_port()
    cluster = Cluster(folder, port, user, runner, bin_dir)
    data = folder / "data"
    cluster.run(
        str(bin_dir / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-U",
        user,
        "-E",
        "UTF8",
        "--locale=C",
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=128MB"
    )
    cluster.run(
        str(bin_dir / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-l",
        str(folder / "log"),
        "-w",
        "start",
    )
    _watch_parent(cluster)
    return cluster


def _watch_parent(cluster: Cluster) -> None:
    """A detached watcher stops the server and removes its folder if this process dies
    without doing so (a crash, a kill, a timeout), so no cluster outlives its tests."""
    script = (
        f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
        f"if [ -d '{cluster.folder}' ]; then "
        f"{' '.join(cluster.runner)} '{cluster.bin_dir / 'pg_ctl'}' -D '{cluster.folder / 'data'}' "
        f"-m immediate stop >/dev/null 2>&1; rm -rf '{cluster.folder}'; fi"
    )
    subprocess.Popen(
        ["sh", "-c", script],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def create_database(cluster: Cluster, name: str = "gis") -> None:
    import psycopg

    with psycopg.connect(cluster.conninfo("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(cluster.conninfo(name), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION postgis")


def footprint_rows(count: int, seed: int = 20):
    """(id, name, height, WKB hex) for `count` rectangular footprints on a jittered grid
    about 10 m apart: a square block of the district, in EPSG:32651 metres."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(count)))
    ids = np.arange(count)
    col, row = ids % side, ids // side
    x0 = ORIGIN[0] + col * 10.0 + rng.uniform(0, 2, count)
    y0 = ORIGIN[1] + row * 10.0 + rng.uniform(0, 2, count)
    w = rng.uniform(4, 8, count)
    h = rng.uniform(4, 8, count)
    ring = np.stack(
        [
            np.stack([x0, y0], 1),
            np.stack([x0 + w, y0], 1),
            np.stack([x0 + w, y0 + h], 1),
            np.stack([x0, y0 + h], 1),
            np.stack([x0, y0], 1),
        ],
        1,
    )  # (count, 5, 2)
    header = np.frombuffer(
        np.array([1], "u1").tobytes() + np.array([3, 1, 5], "<u4").tobytes(), "u1"
    )
    body = ring.astype("<f8").reshape(count, -1).view("u1")
    records = np.concatenate([np.broadcast_to(header, (count, len(header))), body], 1)
    hexes = records.tobytes().hex()
    size = records.shape[1] * 2
    heights = np.round(rng.uniform(6, 90, count), 1)
    for i in range(count):
        yield i + 1, f"Building {i + 1}", heights[i], hexes[i * size : (i + 1) * size]


def load_footprints(
    cluster: Cluster, table: str, count: int, *, index: bool = True, database: str = "gis"
) -> None:
    """A footprints table (id, name, height_m, geom Polygon 32651) loaded with COPY."""
    import psycopg

    with psycopg.connect(cluster.conninfo(database), autocommit=True) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute(
            f"CREATE TABLE {table} (id integer PRIMARY KEY, name text, height_m double precision,"
            f" geom geometry(Polygon, {FOOTPRINT_SRID}))"
        )
        with (
            conn.cursor() as cur,
            cur.copy(f"COPY {table} (id, name, height_m, geom) FROM STDIN") as copy,
        ):
            lines = []
            for i, name, height, wkb in footprint_rows(count):
                lines.append(f"{i}\t{name}\t{height}\t{wkb}\n")
                if len(lines) == 50_000:
                    copy.write("".join(lines))
                    lines = []
            copy.write("".join(lines))
        if index:
            conn.execute(f"CREATE INDEX ON {table} USING gist (geom)")
        conn.execute(f"ANALYZE {table}")


def terminate_other_backends(cluster: Cluster, database: str = "gis") -> int:
    """pg_terminate_backend on every other connection to the database: a dropped link."""
    import psycopg

    with psycopg.connect(cluster.conninfo(database), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,),
        ).fetchall()
    return len(rows)


@contextlib.contextmanager
def running_cluster():
    cluster = start_cluster()
    try:
        create_database(cluster)
        yield cluster
    finally:
        cluster.stop()


def wait_until(predicate, timeout: float = 10.0, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


# --- pytest fixtures (conftest.py makes them available to every test module) -------------

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def pg_cluster():
    """A private cluster for the whole session, with a `footprints` table of
    SUITE_FOOTPRINTS rows (GiST-indexed) and a 2,000-row `unindexed` table."""
    if not postgis_available():
        pytest.fail("PostgreSQL 15 with PostGIS is not installed: run scripts/setup as root")
    with running_cluster() as cluster:
        load_footprints(cluster, "footprints", SUITE_FOOTPRINTS)
        load_footprints(cluster, "unindexed", 2_000, index=False)
        yield cluster


@pytest.fixture(scope="session")
def pg_million(pg_cluster):
    """A million footprints (the issue's scale) in a database of their own, `scale`, so
    the suite's tables and dialogs stay as they are; loaded with COPY, GiST-indexed and
    analysed the first time a test asks (8-12 s here). Its address."""
    create_database(pg_cluster, "scale")
    load_footprints(pg_cluster, "footprints", MILLION_FOOTPRINTS, database="scale")
    return pg_cluster.uri(database="scale", table="footprints")


@pytest.fixture
def pg_uri(pg_cluster):
    """The footprints table's address."""
    return pg_cluster.uri(table="footprints")
