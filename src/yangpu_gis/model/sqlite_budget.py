"""SQLite reads with a time budget and a cancel: a query that never ends (a view defined
by an endless recursive query) is interrupted instead of hanging the reader.

GDAL reads a GeoPackage through its own SQLite connection, where no handler can be set,
so `check_geopackage` first asks, on a connection of ours under the budget, the questions
GDAL will ask (the registered tables and geometry columns, each feature table's count):
a file whose answers never come is refused with one line before GDAL sees it.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote as url_quote

from yangpu_gis.model.load_errors import LoadCancelled, LoadError

BUDGET_S = 10.0
_CHECK_EVERY = 20_000  # SQLite virtual-machine steps between checks (well under 1 ms)


class BudgetExceeded(sqlite3.OperationalError):
    pass


class SqlClock:
    """The deadline of a budgeted block, moved on by the time spent outside SQLite."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline

    @contextmanager
    def paused(self):
        started = time.monotonic()
        try:
            yield
        finally:
            self.deadline += time.monotonic() - started


@contextmanager
def budgeted(
    connection: sqlite3.Connection,
    seconds: float = BUDGET_S,
    cancel: threading.Event | None = None,
):
    """Queries in the block stop (sqlite3.OperationalError) past `seconds` or on cancel;
    then BudgetExceeded or LoadCancelled is raised instead. The block is given a
    SqlClock: time spent in its `paused()` blocks (decoding what was read, in Python)
    does not count, so a long read on a busy machine is not taken for an endless one."""
    clock = SqlClock(time.monotonic() + seconds)
    state: dict[str, str | None] = {"why": None}

    def handler() -> int:
        if cancel is not None and cancel.is_set():
            state["why"] = "cancel"
            return 1
        if time.monotonic() > clock.deadline:
            state["why"] = "budget"
            return 1
        return 0

    connection.set_progress_handler(handler, _CHECK_EVERY)
    try:
        yield clock
    except sqlite3.OperationalError:
        if state["why"] == "cancel":
            raise LoadCancelled("cancelled") from None
        if state["why"] == "budget":
            raise BudgetExceeded(f"did not finish within {seconds:g} s") from None
        raise
    finally:
        connection.set_progress_handler(None, 0)


def open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{url_quote(str(path.resolve()))}?mode=ro", uri=True)


def check_geopackage(
    path: Path, cancel: threading.Event | None = None, seconds: float = BUDGET_S
) -> None:
    """LoadError when reading the GeoPackage's registry or a feature table never ends."""
    try:
        connection = open_read_only(path)
    except sqlite3.Error:
        return  # GDAL says what is wrong with it
    try:
        what: str | tuple = "gpkg_what_contents"  # a model.messages id
        with budgeted(connection, seconds, cancel):
            tables = [
                row[0]
                for row in connection.execute(
                    "SELECT table_name FROM gpkg_contents WHERE data_type = 'features'"
                )
            ]
            what = "gpkg_what_columns"
            connection.execute("SELECT count(*) FROM gpkg_geometry_columns").fetchall()
            for table in tables:
                what = ("gpkg_what_table", {"table": repr(table)})
                quoted = '"' + table.replace('"', '""') + '"'
                connection.execute(f"SELECT count(*) FROM {quoted}").fetchall()
    except BudgetExceeded:
        raise LoadError.of(
            "sqlite_too_slow", name=path.name, what_key=what, seconds=f"{seconds:g}"
        ) from None
    except sqlite3.Error:
        return  # not this check's business: GDAL explains damaged files
    finally:
        connection.close()
