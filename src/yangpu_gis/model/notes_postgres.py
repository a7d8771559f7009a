"""Review notes shared by a team in a PostgreSQL table, beside model.notes' GeoPackage.

Same fields, same calls (list, get, add, update, delete, to_layer, exports), so the app,
the command line and the API use either. What sharing adds:

- every change is one transaction; an edit is `UPDATE ... WHERE version = <the version
  this store last read>`, so when someone else changed the note meanwhile the edit is
  refused (StaleNoteError, one line), never silently written over theirs;
- `revision()` is a cheap number that moves with every change by anyone, and every
  change is also NOTIFYed on the table's channel (`listen()`): the app reloads the
  notes when told, and polls the revision every second or two as a fallback.

The address: postgresql://USER@HOST:PORT/DB[?table=[SCHEMA.]TABLE] (default table
review_notes, created on first use as a PostGIS point table in EPSG:4326). The password
comes from ~/.pgpass (or PGPASSWORD), never from settings.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from yangpu_gis.model import notes as gpkg_notes
from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.note_fields import (
    CHANGEABLE,
    STATUSES,
    Note,
    NoteNotFoundError,
    NotesError,
    StaleNoteError,
    check_note_id,
    check_status,
    new_note_fields,
    utc_now_iso,
    validated,
)
from yangpu_gis.model.notes import NoteStore
from yangpu_gis.model.postgis.source import quote_identifier, redacted, split_uri

DEFAULT_TABLE = "review_notes"
_COLUMNS = "fid, ST_X(geom), ST_Y(geom), text, author, created, status, category, site_id, version"


def _ddl(table: str, sequence: str, name: str) -> str:
    statuses = ", ".join(f"'{s}'" for s in STATUSES)
    return f"""
        CREATE TABLE IF NOT EXISTS {table} (
            fid serial PRIMARY KEY,
            geom geometry(Point, 4326) NOT NULL,
            text text NOT NULL,
            author text NOT NULL,
            created text NOT NULL,
            status text NOT NULL DEFAULT 'open' CHECK (status IN ({statuses})),
            category text,
            site_id text,
            version integer NOT NULL DEFAULT 1);
        CREATE INDEX IF NOT EXISTS {quote_identifier(name + "_geom")} ON {table} USING gist (geom);
        CREATE SEQUENCE IF NOT EXISTS {sequence};"""


class PgNoteStore:
    """Notes in one PostgreSQL table; each call connects, works in one transaction, and
    closes (so a dropped link costs one failed call, not the session)."""

    timeout = 10.0  # seconds to connect, and to wait for another writer's row lock

    def __init__(self, url: str) -> None:
        connection_uri, password, table = split_uri(url)
        schema, _, name = (table or DEFAULT_TABLE).rpartition(".")
        self._uri, self._password = connection_uri, password
        self._name = name
        self.table = f"{quote_identifier(schema or 'public')}.{quote_identifier(name)}"
        self._sequence = (
            f"{quote_identifier(schema or 'public')}.{quote_identifier(name + '_changes')}"
        )
        self.path = redacted(url)  # what messages and exports name: never the password
        self.warnings: list[str] = []
        self._seen: dict[int, int] = {}  # note id -> version this store last read
        self._lock = threading.Lock()
        self._ready = False
        with self._transaction():
            pass  # connects, creates the table if needed: a bad address fails here

    # --- connecting ----------------------------------------------------------------------

    def _connect(self):
        import psycopg

        kwargs = {"password": self._password} if self._password else {}
        try:
            return psycopg.connect(
                self._uri,
                connect_timeout=max(1, int(self.timeout)),
                application_name="yangpu-gis notes",
                **kwargs,
            )
        except psycopg.OperationalError as exc:
            raise NotesError.of(
                "notes_db_cannot_connect", path=self.path, problem=_line(exc)
            ) from None

    @contextmanager
    def _transaction(self):
        import psycopg

        try:
            with self._connect() as conn:
                with conn.transaction():
                    conn.execute(f"SET LOCAL lock_timeout = '{int(self.timeout * 1000)}ms'")
                    if not self._ready:
                        # Two first writers at once: the advisory lock makes one create.
                        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.table,))
                        conn.execute(_ddl(self.table, self._sequence, self._name))
                    yield conn
                self._ready = True
        except psycopg.errors.LockNotAvailable:
            raise NotesError.of("notes_db_busy") from None
        except psycopg.Error as exc:
            raise NotesError.of("notes_db_cannot_use", path=self.path, problem=_line(exc)) from None

    def _changed(self, conn, note_id: int) -> None:
        conn.execute(f"SELECT nextval('{self._sequence}')")
        conn.execute("SELECT pg_notify(%s, %s)", (self._name, str(note_id)))

    # --- reading -------------------------------------------------------------------------

    def _note(self, row) -> Note:
        fid, lon, lat, text, author, created, status, category, site_id, version = row
        self._seen[fid] = version
        return Note(fid, text, author, created, status, category, site_id, float(lon), float(lat))

    def list(self, site_id: str | None = None, status: str | None = None) -> list[Note]:
        if status is not None:
            check_status(status)
        clauses, params = [], []
        if site_id is not None:
            clauses.append("site_id = %s")
            params.append(site_id)
        if status is not None:
            clauses.append("status = %s")
            params.append(status)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._transaction() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM {self.table}{where} ORDER BY fid", params
            ).fetchall()
        with self._lock:
            return [self._note(row) for row in rows]

    def get(self, note_id: int) -> Note:
        note_id = check_note_id(note_id)
        with self._transaction() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM {self.table} WHERE fid = %s", (note_id,)
            ).fetchone()
        if row is None:
            raise NoteNotFoundError(note_id)
        with self._lock:
            return self._note(row)

    def revision(self) -> int:
        """Moves whenever anyone adds, changes or deletes a note (for polling)."""
        with self._transaction() as conn:
            value, called = conn.execute(
                f"SELECT last_value, is_called FROM {self._sequence}"
            ).fetchone()
        return int(value) if called else 0

    def listen(self, changed, stop: threading.Event, wait: float = 1.0) -> None:
        """Until `stop` is set: call `changed()` each time anyone changes a note (the
        server's NOTIFY on the table's channel, over a connection of its own). Returns
        when the link breaks (NotesError): the caller falls back to polling `revision()`
        and may listen again."""
        import psycopg
        from psycopg import sql

        conn = self._connect()
        try:
            conn.autocommit = True
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._name)))
            while not stop.is_set():
                # One notification or `wait` seconds, so a stop is seen within a second.
                for _ in conn.notifies(timeout=wait, stop_after=1):
                    changed()
        except psycopg.Error as exc:
            raise NotesError.of("notes_db_cannot_use", path=self.path, problem=_line(exc)) from None
        finally:
            conn.close()

    # --- changing ------------------------------------------------------------------------

    def add(self, text, author, lon, lat, status="open", category=None, site_id=None) -> Note:
        fields = new_note_fields(text, author, lon, lat, status, category, site_id)
        created = utc_now_iso()
        with self._transaction() as conn:
            note_id, version = conn.execute(
                f"INSERT INTO {self.table} (geom, text, author, created, status, category, site_id) "
                "VALUES (ST_SetSRID(ST_MakePoint(%s, %s), 4326), %s, %s, %s, %s, %s, %s) "
                "RETURNING fid, version",
                (
                    fields["lon"],
                    fields["lat"],
                    fields["text"],
                    fields["author"],
                    created,
                    fields["status"],
                    fields["category"],
                    fields["site_id"],
                ),
            ).fetchone()
            self._changed(conn, note_id)
        with self._lock:
            self._seen[note_id] = version
        return Note(id=note_id, created=created, **fields)

    def update(self, note_id: int, *, expected: Note | None = None, **changes) -> Note:
        """Change some fields. Refused (StaleNoteError) when someone else changed the note
        since this store last read it, or since `expected` (the note as the editor read
        it) when given: their change is kept, and the planner is told."""
        note_id = check_note_id(note_id)
        unknown = sorted(set(changes) - set(CHANGEABLE))
        if unknown:
            raise ValueError(
                f"cannot change {', '.join(unknown)}: a note's changeable fields are {', '.join(CHANGEABLE)}"
            )
        with self._transaction() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM {self.table} WHERE fid = %s FOR UPDATE", (note_id,)
            ).fetchone()
            if row is None:
                raise NoteNotFoundError(note_id)
            current_version = row[-1]
            with self._lock:
                seen = self._seen.get(note_id, current_version)
            current = Note(
                row[0], row[3], row[4], row[5], row[6], row[7], row[8], float(row[1]), float(row[2])
            )
            if seen != current_version or (expected is not None and current != expected):
                with self._lock:
                    self._seen[note_id] = current_version  # the next edit starts from theirs
                raise StaleNoteError(note_id, current.author)
            fields = validated({**current.to_dict(), **changes})
            (version,) = conn.execute(
                f"UPDATE {self.table} SET geom = ST_SetSRID(ST_MakePoint(%s, %s), 4326), text = %s, "
                "author = %s, status = %s, category = %s, site_id = %s, version = version + 1 "
                "WHERE fid = %s AND version = %s RETURNING version",
                (
                    fields["lon"],
                    fields["lat"],
                    fields["text"],
                    fields["author"],
                    fields["status"],
                    fields["category"],
                    fields["site_id"],
                    note_id,
                    current_version,
                ),
            ).fetchone()
            self._changed(conn, note_id)
        with self._lock:
            self._seen[note_id] = version
        return Note(id=note_id, created=current.created, **fields)

    def delete(self, note_id: int) -> None:
        note_id = check_note_id(note_id)
        with self._transaction() as conn:
            if conn.execute(f"DELETE FROM {self.table} WHERE fid = %s", (note_id,)).rowcount == 0:
                raise NoteNotFoundError(note_id)
            self._changed(conn, note_id)
        with self._lock:
            self._seen.pop(note_id, None)

    # --- as a layer, and exports: exactly as for the GeoPackage store -------------------

    to_layer = NoteStore.to_layer
    export_geojson = NoteStore.export_geojson
    export_csv = NoteStore.export_csv
    _export = NoteStore._export


def _line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else exc.__class__.__name__


def open_note_store(url: str | None = None, path=None):
    """The notes store to use: the PostgreSQL table at `url` (or YANGPU_GIS_NOTES_URL),
    else the GeoPackage at `path` (default the per-user notes.gpkg)."""
    import os

    url = url or os.environ.get(NOTES_URL_VARIABLE) or None
    if path is None and url:
        try:
            return PgNoteStore(url)
        except LoadError as exc:  # a malformed address
            raise NotesError.like(exc) from None
    return gpkg_notes.NoteStore(path)


NOTES_URL_VARIABLE = "YANGPU_GIS_NOTES_URL"
