"""Review notes: what planners write about a point or a site, kept in a GeoPackage.

Every change is one SQLite transaction (rollback journal, synchronous=FULL), so a note
is on disk once `add` returns, and a crash or a killed process at any moment loses
nothing committed before it. The file is an ordinary GeoPackage point layer ("notes",
WGS84) that GDAL/pyogrio and QGIS can open. A file that cannot be read as one is set
aside under a new name, never overwritten, and a fresh store is started.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from yangpu_gis.model import geopackage as gpkg
from yangpu_gis.model import geopackage_functions
from yangpu_gis.model.messages import Text
from yangpu_gis.model.note_fields import (
    CHANGEABLE,
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
from yangpu_gis.model.style import Style
from yangpu_gis.model.user_data import ensure_dir, notes_path

TABLE = "notes"
GEOMETRY_COLUMN = "geom"
SQLITE_HEADER = b"SQLite format 3\x00"

NOTES_STYLE = Style(
    fill="#e31a1c",
    fill_opacity=1.0,
    stroke="#ffffff",
    stroke_width=1.5,
    point_size=11.0,
    category_field="status",
    categories=(("open", "#e31a1c"), ("resolved", "#33a02c")),
)

_ATTRIBUTE_COLUMNS = ("text", "author", "created", "status", "category", "site_id")
_TABLE_DDL = f"""CREATE TABLE {TABLE} (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    {GEOMETRY_COLUMN} POINT,
    "text" TEXT NOT NULL,
    author TEXT NOT NULL,
    created DATETIME NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    category TEXT,
    site_id TEXT)"""
_SELECT = f'SELECT fid, {GEOMETRY_COLUMN}, "text", author, created, status, category, site_id FROM {TABLE}'


def _sqlite_problem(exc: sqlite3.Error):
    """SQLite's error as a message's `problem`: a lock held by another program (QGIS
    editing the file, say) by its id, anything else as SQLite says it."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc).lower():
        return Text.of("notes_locked")
    return exc


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """True for "not a database" and "malformed" errors; false for locks, permissions, I/O."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return True
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


# --- the store -----------------------------------------------------------------------------


class NoteStore:
    """Notes in one GeoPackage file; each call opens, works in one transaction, and closes."""

    timeout = 10.0  # seconds to wait for another program's lock on the file

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else notes_path()
        self.warnings: list[str] = []
        self._check_existing_file()

    # --- opening, creating, setting aside ------------------------------------------------

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise NotesError.of(
                "notes_cannot_open", path=str(self.path), problem=_sqlite_problem(exc)
            ) from None
        try:
            # GDAL's and QGIS's spatial index triggers call these on every change.
            geopackage_functions.register(conn)
            conn.execute("PRAGMA synchronous = FULL")
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            ensure_dir(self.path.parent)
        except OSError as exc:
            raise NotesError.of(
                "notes_cannot_create_folder",
                path=str(self.path.parent),
                problem=exc.strerror or exc,
            ) from None
        try:
            with self._connect() as conn:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    self._create_if_empty(conn)
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.rollback()
                    raise
                conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise NotesError.of(
                "notes_cannot_save", path=str(self.path), problem=_sqlite_problem(exc)
            ) from None

    def _create_if_empty(self, conn: sqlite3.Connection) -> None:
        tables = gpkg.table_names(conn)
        if TABLE in tables:
            return
        if tables:
            raise NotesError.of("notes_changed_elsewhere", path=str(self.path), table=TABLE)
        gpkg.create_metadata(conn)
        conn.execute(_TABLE_DDL)
        gpkg.register_point_table(
            conn, TABLE, GEOMETRY_COLUMN, "Review notes", "Yangpu GIS review notes"
        )

    def _check_existing_file(self) -> None:
        if not self.path.exists():
            return  # created on the first save
        if not self.path.is_file():
            raise NotesError.of("notes_not_a_file", path=str(self.path))
        # Look before SQLite opens it: SQLite would replay or delete a journal lying
        # beside a file that is not a database at all.
        problem = self._header_problem()
        if problem:
            self._set_aside(problem)
            return
        try:
            with self._connect() as conn:
                problem = self._schema_problem(conn)
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise NotesError.of(
                    "notes_cannot_read", path=str(self.path), problem=_sqlite_problem(exc)
                ) from None
            self._set_aside(exc)
            return
        if problem:
            self._set_aside(problem)

    def _header_problem(self) -> Text | None:
        try:
            with self.path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise NotesError.of(
                "notes_cannot_read", path=str(self.path), problem=exc.strerror or exc
            ) from None
        if header and header != SQLITE_HEADER:
            return Text.of("notes_no_sqlite_header")
        return None

    @staticmethod
    def _schema_problem(conn: sqlite3.Connection) -> Text | None:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            return Text.of("notes_integrity", check=check)
        tables = gpkg.table_names(conn)
        if not tables:
            return None  # an empty SQLite file holds no notes: it is set up on the first save
        missing = [t for t in (*gpkg.METADATA_TABLES, TABLE) if t not in tables]
        if missing:
            return Text.of("notes_not_notes_gpkg", tables=", ".join(missing))
        absent = {"fid", GEOMETRY_COLUMN, *_ATTRIBUTE_COLUMNS} - gpkg.column_names(conn, TABLE)
        if absent:
            return Text.of("notes_lacks_columns", columns=", ".join(sorted(absent)))
        registered = conn.execute(
            "SELECT 1 FROM gpkg_geometry_columns WHERE table_name = ? AND column_name = ?",
            (TABLE, GEOMETRY_COLUMN),
        ).fetchone()
        if registered is None:
            return Text.of("notes_geometry_unregistered")
        return None

    def _set_aside(self, problem: Text | sqlite3.Error) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}{self.path.suffix}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}-{n}{self.path.suffix}")
        try:
            # Journals first: a leftover journal must never be replayed into the new file.
            for sidecar in ("-journal", "-wal", "-shm"):
                old = Path(str(self.path) + sidecar)
                if old.exists():
                    os.rename(old, Path(str(target) + sidecar))
            os.rename(self.path, target)
        except OSError as exc:
            raise NotesError.of(
                "notes_not_set_aside",
                path=str(self.path),
                problem=problem,
                reason=exc.strerror or exc,
            ) from None
        self.warnings.append(
            Text.of("notes_set_aside", path=str(self.path), problem=problem, kept=target.name)
        )

    # --- reading -------------------------------------------------------------------------

    def _note(self, row) -> Note | None:
        fid, blob, text, author, created, status, category, site_id = row
        try:
            lon, lat = gpkg.read_point(blob)
        except gpkg.GeometryBlobError as exc:
            message = Text.of("note_skipped_location", id=fid, problem=exc)
            if message not in self.warnings:
                self.warnings.append(message)
            return None
        return Note(
            id=fid,
            text=text,
            author=author,
            created=str(created),
            status=status,
            category=category,
            site_id=site_id,
            lon=lon,
            lat=lat,
        )

    def list(self, site_id: str | None = None, status: str | None = None) -> list[Note]:
        """Notes in the order they were added, optionally only one site's or one status."""
        if status is not None:
            check_status(status)
        if not self.path.exists():
            return []
        clauses, params = [], []
        if site_id is not None:
            clauses.append("site_id = ?")
            params.append(site_id)
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        try:
            with self._connect() as conn:
                if TABLE not in gpkg.table_names(conn):
                    return []
                rows = conn.execute(f"{_SELECT}{where} ORDER BY fid", params).fetchall()
        except sqlite3.Error as exc:
            raise NotesError.of(
                "notes_cannot_read", path=str(self.path), problem=_sqlite_problem(exc)
            ) from None
        return [note for note in map(self._note, rows) if note is not None]

    def get(self, note_id: int) -> Note:
        note_id = check_note_id(note_id)
        found = [n for n in self.list() if n.id == note_id]
        if not found:
            raise NoteNotFoundError(note_id)
        return found[0]

    # --- changing ------------------------------------------------------------------------

    def add(
        self,
        text: str,
        author: str,
        lon: float,
        lat: float,
        status: str = "open",
        category: str | None = None,
        site_id: str | None = None,
    ) -> Note:
        """Save a new note; it is on disk when this returns."""
        fields = new_note_fields(text, author, lon, lat, status, category, site_id)
        created = utc_now_iso()
        with self._transaction() as conn:
            cursor = conn.execute(
                f'INSERT INTO {TABLE} ({GEOMETRY_COLUMN}, "text", author, created, status, '
                "category, site_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    gpkg.point_blob(fields["lon"], fields["lat"]),
                    fields["text"],
                    fields["author"],
                    created,
                    fields["status"],
                    fields["category"],
                    fields["site_id"],
                ),
            )
            note_id = cursor.lastrowid
            if note_id is None:  # sqlite3 gives the new row's id after every INSERT
                raise NotesError.of(
                    "notes_cannot_save", path=str(self.path), problem_key="notes_no_new_row"
                )
            gpkg.touch_contents(conn, TABLE, fields["lon"], fields["lat"])
        return Note(id=note_id, created=created, **fields)

    def update(self, note_id: int, *, expected: Note | None = None, **changes) -> Note:
        """Change some of text, author, status, category, site_id, lon, lat; returns the note.
        With `expected` (the note as the editor read it), a note changed since is refused
        with StaleNoteError rather than written over."""
        note_id = check_note_id(note_id)
        unknown = sorted(set(changes) - set(CHANGEABLE))
        if unknown:
            raise ValueError(
                f"cannot change {', '.join(unknown)}: a note's changeable fields "
                f"are {', '.join(CHANGEABLE)}"
            )
        with self._transaction() as conn:
            row = conn.execute(f"{_SELECT} WHERE fid = ?", (note_id,)).fetchone()
            if row is None:
                raise NoteNotFoundError(note_id)
            current = self._note(row)
            if current is None:
                raise NotesError.of("note_damaged_location", id=note_id, path=str(self.path))
            if expected is not None and current != expected:
                raise StaleNoteError(note_id, current.author)
            fields = validated({**current.to_dict(), **changes})
            conn.execute(
                f'UPDATE {TABLE} SET {GEOMETRY_COLUMN} = ?, "text" = ?, author = ?, status = ?, '
                "category = ?, site_id = ? WHERE fid = ?",
                (
                    gpkg.point_blob(fields["lon"], fields["lat"]),
                    fields["text"],
                    fields["author"],
                    fields["status"],
                    fields["category"],
                    fields["site_id"],
                    note_id,
                ),
            )
            gpkg.touch_contents(conn, TABLE, fields["lon"], fields["lat"])
        return Note(id=note_id, created=current.created, **fields)

    def delete(self, note_id: int) -> None:
        note_id = check_note_id(note_id)
        with self._transaction() as conn:
            if conn.execute(f"DELETE FROM {TABLE} WHERE fid = ?", (note_id,)).rowcount == 0:
                raise NoteNotFoundError(note_id)
            gpkg.touch_contents(conn, TABLE)
            if conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] == 0:
                gpkg.clear_extent(conn, TABLE)

    # --- as a layer, and exports ---------------------------------------------------------

    def to_layer(self, notes: Sequence[Note] | None = None):
        """The notes (all, unless given) as a map layer of kind "notes" in WGS84.

        A FeatureTable, not a GeoDataFrame: the window builds this layer at start, before
        its first frame, and pandas would cost it a third of a second."""
        import shapely

        from yangpu_gis.model.feature_table import FeatureTable
        from yangpu_gis.model.layer import Layer

        notes = self.list() if notes is None else notes
        columns = {"id": [n.id for n in notes]}
        for name in _ATTRIBUTE_COLUMNS:
            columns[name] = [getattr(n, name) for n in notes]
        geometry = shapely.points([n.lon for n in notes], [n.lat for n in notes]) if notes else []
        data = FeatureTable(geometry, list(columns), columns)
        return Layer(
            id="notes",
            title="Review notes",
            data=data,
            kind="notes",
            style=NOTES_STYLE,
            source=str(self.path),
        )

    def export_geojson(
        self, path: str | os.PathLike, notes: Sequence[Note] | None = None, *, inputs=()
    ) -> int:
        """Write the notes as a GeoJSON FeatureCollection (UTF-8); returns how many.
        Neither the notes file nor any of `inputs` (the files open as layers) is replaced."""
        from yangpu_gis.model.notes_export import write_geojson

        notes = self.list() if notes is None else notes
        return self._export(write_geojson, path, notes, inputs)

    def export_csv(
        self, path: str | os.PathLike, notes: Sequence[Note] | None = None, *, inputs=()
    ) -> int:
        """Write the notes as CSV for spreadsheets (model.notes_export); returns how many.
        Neither the notes file nor any of `inputs` (the files open as layers) is replaced."""
        from yangpu_gis.model.notes_export import write_csv

        notes = self.list() if notes is None else notes
        return self._export(write_csv, path, notes, inputs)

    def _export(self, write, path, notes: Sequence[Note], inputs) -> int:
        from yangpu_gis.model.atomic_file import OutputRefused

        try:
            write(path, notes, inputs=[self.path, *inputs])
        except OutputRefused as exc:
            raise NotesError.like(exc) from None
        except OSError as exc:
            raise NotesError.of(
                "notes_cannot_write", path=path, reason=exc.strerror or exc
            ) from None
        return len(notes)
