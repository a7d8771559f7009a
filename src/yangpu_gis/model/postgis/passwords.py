"""Passwords the planner typed in this session, in memory only (never saved anywhere).

~/.pgpass and PGPASSWORD are read by libpq itself; this is for the app's prompt, so a
layer reopened from a project, or a second layer on the same database, asks no more.
"""

from __future__ import annotations

import threading

from yangpu_gis.model.postgis.source import PgSource

_known: dict[str, str] = {}
_lock = threading.Lock()


def remember(source: PgSource | str, password: str) -> None:
    key = source.connection_uri if isinstance(source, PgSource) else source
    with _lock:
        _known[key] = password


def with_known_password(source: PgSource) -> PgSource:
    if source.password:
        return source
    with _lock:
        password = _known.get(source.connection_uri)
    return source.with_password(password) if password else source


def forget_all() -> None:
    with _lock:
        _known.clear()
