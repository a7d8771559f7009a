"""The notes store keeps working once GDAL (or QGIS, which uses GDAL) adds a spatial index.

The index is made by GDAL itself (`SELECT CreateSpatialIndex('notes', 'geom')`, what
`ogrinfo notes.gpkg -sql ...` and QGIS's "Create spatial index" run); its triggers call
GDAL's SQL functions on every change, which the store must provide.
"""

from __future__ import annotations

import sqlite3

import pyogrio
import pytest
from gdal_update import execute_sql

from yangpu_gis.model.notes import NoteStore

RTREE = "rtree_notes_geom"


def indexed_store(tmp_path) -> NoteStore:
    store = NoteStore(tmp_path / "notes.gpkg")
    store.add("before the index", "Li", 121.50, 31.30)
    store.add("second", "Wang", 121.52, 31.27)
    execute_sql(store.path, "SELECT CreateSpatialIndex('notes', 'geom')")
    with sqlite3.connect(store.path) as conn:
        triggers = [
            row[0] for row in conn.execute("SELECT sql FROM sqlite_master WHERE type='trigger'")
        ]
    assert any("ST_IsEmpty" in sql for sql in triggers), "GDAL made no R-tree triggers"
    return store


def rtree_rows(path) -> dict[int, tuple[float, float, float, float]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(f"SELECT id, minx, maxx, miny, maxy FROM {RTREE}").fetchall()
    return {row[0]: row[1:] for row in rows}


def assert_index_matches(store: NoteStore) -> None:
    """One R-tree entry per note, around its point (the R-tree stores 32-bit floats)."""
    index = rtree_rows(store.path)
    notes = store.list()
    assert sorted(index) == [n.id for n in notes]
    for note in notes:
        minx, maxx, miny, maxy = index[note.id]
        assert minx <= note.lon <= maxx and miny <= note.lat <= maxy
        assert maxx - minx < 1e-4 and maxy - miny < 1e-4


def test_add_edit_and_delete_keep_working_after_gdal_adds_a_spatial_index(tmp_path):
    store = indexed_store(tmp_path)
    assert_index_matches(store)
    added = store.add("after the index", "Gao", 121.53, 31.29, site_id="kic")
    assert_index_matches(store)
    store.update(added.id, lon=121.55, lat=31.31, text="moved")
    assert_index_matches(store)
    store.update(added.id, status="resolved")  # no move: the entry stays
    assert_index_matches(store)
    store.delete(store.list()[0].id)
    assert_index_matches(store)
    assert [n.text for n in NoteStore(store.path).list()] == ["second", "moved"]


def test_gdal_finds_the_moved_note_through_its_index(tmp_path):
    store = indexed_store(tmp_path)
    note = store.add("on the river", "Li", 121.53, 31.29)
    store.update(note.id, lon=121.56, lat=31.26)
    # A bbox read goes through the R-tree; the note is found only where it now is.
    near = pyogrio.read_dataframe(store.path, bbox=(121.559, 31.259, 121.561, 31.261))
    assert list(near["text"]) == ["on the river"]
    old_place = pyogrio.read_dataframe(store.path, bbox=(121.529, 31.289, 121.531, 31.291))
    assert len(old_place) == 0


def test_the_store_reopens_an_indexed_file_without_setting_it_aside(tmp_path):
    store = indexed_store(tmp_path)
    again = NoteStore(store.path)
    assert again.warnings == []
    assert [n.text for n in again.list()] == ["before the index", "second"]
    assert list(tmp_path.iterdir()) == [store.path]


def test_plain_sqlite_without_the_functions_is_what_failed(tmp_path):
    store = indexed_store(tmp_path)
    with sqlite3.connect(store.path) as conn, pytest.raises(sqlite3.OperationalError, match="ST_"):
        conn.execute("UPDATE notes SET geom = geom WHERE fid = 1")
