"""Review notes: the GeoPackage store, its exports, validation, damage and crash safety."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pyogrio
import pytest

from yangpu_gis.model import geopackage as gpkg
from yangpu_gis.model.note_fields import EXPORT_COLUMNS, Note, NoteNotFoundError, NotesError
from yangpu_gis.model.notes import NoteStore

LON, LAT = 121.5096, 31.3051


@pytest.fixture
def store(tmp_path) -> NoteStore:
    return NoteStore(tmp_path / "notes.gpkg")


def _corrupt_names(folder: Path) -> list[Path]:
    return sorted(folder.glob("notes.corrupt-*.gpkg"))


# --- round trip ----------------------------------------------------------------------------


def test_add_list_update_delete_round_trip(store):
    first = store.add(
        "Check the riverside path width",
        "Li Wei",
        LON,
        LAT,
        category="access",
        site_id="riverside-hq",
    )
    second = store.add("Façade survey done", "Zhang Min", 121.52, 31.28, status="resolved")
    assert isinstance(first, Note) and first.id != second.id
    assert first.status == "open" and first.category == "access" and first.site_id == "riverside-hq"
    created = datetime.strptime(first.created, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - created).total_seconds()) < 60

    # A second store on the same file sees exactly what was saved.
    reopened = NoteStore(store.path)
    assert reopened.list() == [first, second]
    assert reopened.warnings == []
    assert reopened.list(site_id="riverside-hq") == [first]
    assert reopened.list(status="resolved") == [second]
    assert reopened.list(site_id="riverside-hq", status="resolved") == []

    changed = store.update(first.id, status="resolved", text="Path is 4 m wide", lon=121.511)
    assert (changed.status, changed.text, changed.lon, changed.lat) == (
        "resolved",
        "Path is 4 m wide",
        121.511,
        LAT,
    )
    assert changed.created == first.created and changed.author == first.author
    assert NoteStore(store.path).get(first.id) == changed

    store.delete(second.id)
    assert [n.id for n in NoteStore(store.path).list()] == [first.id]
    # Ids are never reused after a delete.
    third = store.add("New", "Li Wei", LON, LAT)
    assert third.id > second.id


def test_missing_note_is_reported(store):
    note = store.add("x", "y", LON, LAT)
    with pytest.raises(NoteNotFoundError, match="no note 999"):
        store.update(999, status="resolved")
    with pytest.raises(NoteNotFoundError, match="no note 999"):
        store.delete(999)
    assert store.list() == [note]


def test_listing_a_store_that_was_never_written_creates_nothing(tmp_path):
    store = NoteStore(tmp_path / "sub" / "notes.gpkg")
    assert store.list() == []
    assert not store.path.exists()
    store.add("first", "me", LON, LAT)  # creates the folder and the file
    assert store.path.is_file()


def test_default_location_follows_the_data_dir_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("YANGPU_GIS_DATA_DIR", str(tmp_path / "data"))
    store = NoteStore()
    assert store.path == tmp_path / "data" / "notes.gpkg"
    store.add("hello", "me", LON, LAT)
    assert (tmp_path / "data" / "notes.gpkg").is_file()


def test_chinese_text_round_trips(store):
    text = "杨浦滨江步道需要增加座椅；请与街道办确认。"
    note = store.add(text, "王建国", LON, LAT, category="公共空间", site_id="kic")
    again = NoteStore(store.path).get(note.id)
    assert (again.text, again.author, again.category) == (text, "王建国", "公共空间")


# --- the file is a real GeoPackage ----------------------------------------------------------


def test_gdal_reads_the_notes_file_as_a_point_layer(store):
    store.add("北侧入口", "王工", LON, LAT, category="入口")
    store.add("Second", "Li", 121.52, 31.28, status="resolved", site_id="kic")

    # GDAL checks the GeoPackage header and tables as it opens the file and warns about
    # anything amiss; it must have nothing to say.
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        layers = pyogrio.list_layers(store.path)
        info = pyogrio.read_info(store.path)
        frame = pyogrio.read_dataframe(store.path, fid_as_index=True)
    assert [str(w.message) for w in said] == []
    assert [tuple(row) for row in layers] == [("notes", "Point")]
    assert info["driver"] == "GPKG" and info["crs"] == "EPSG:4326"
    assert info["fid_column"] == "fid" and info["geometry_name"] == "geom"
    assert list(frame.index) == [n.id for n in store.list()]
    assert list(frame["text"]) == ["北侧入口", "Second"]
    assert list(frame["status"]) == ["open", "resolved"]
    assert frame.geometry.iloc[0].x == LON and frame.geometry.iloc[0].y == LAT
    assert frame.geometry.iloc[1].coords[0] == (121.52, 31.28)

    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == gpkg.APPLICATION_ID
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    extent = conn.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents").fetchone()
    assert extent == (LON, 31.28, 121.52, LAT)
    conn.close()


def test_saves_are_durable_transactions(store):
    store.add("x", "me", LON, LAT)
    with store._connect() as conn:
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # rollback journal
    assert not Path(str(store.path) + "-journal").exists()  # no transaction left open


def test_gdal_edits_are_read_back(store):
    """A note added by another GIS (here GDAL appending a feature) appears in the list."""
    import geopandas as gpd
    import shapely

    store.add("ours", "me", LON, LAT)
    theirs = gpd.GeoDataFrame(
        {
            "text": ["来自 QGIS"],
            "author": ["GIS"],
            "created": ["2025-01-02T03:04:05.000Z"],
            "status": ["open"],
            "category": [None],
            "site_id": [None],
        },
        geometry=[shapely.Point(121.50, 31.29)],
        crs="EPSG:4326",
    )
    pyogrio.write_dataframe(theirs, store.path, layer="notes", append=True)
    notes = NoteStore(store.path).list()
    assert [n.text for n in notes] == ["ours", "来自 QGIS"]
    assert (notes[1].lon, notes[1].lat) == (121.50, 31.29)


def test_geometry_blob_reader_accepts_envelopes_and_big_endian():
    import struct

    wkb_be = struct.pack(">BIdd", 0, 1, 121.5, 31.25)
    with_envelope = (
        b"GP"
        + bytes((0, 0b0000_0010))
        + struct.pack(">i", 4326)
        + struct.pack(">4d", 121.5, 121.5, 31.25, 31.25)
        + wkb_be
    )
    assert gpkg.read_point(with_envelope) == (121.5, 31.25)
    assert gpkg.read_point(gpkg.point_blob(1.5, -2.25)) == (1.5, -2.25)
    for bad in (b"", b"XX\x00\x01\xe6\x10\x00\x00", gpkg.point_blob(1, 2)[:-4], None):
        with pytest.raises(gpkg.GeometryBlobError):
            gpkg.read_point(bad)


# --- layer and exports ------------------------------------------------------------------------


def test_to_layer_is_a_visible_point_layer(store):
    store.add("a", "me", LON, LAT)
    store.add("b", "me", 121.52, 31.28, status="resolved")
    layer = store.to_layer()
    assert layer.kind == "notes" and layer.visible and layer.geometry_type == "Point"
    assert layer.feature_count == 2 and layer.data.crs.to_epsg() == 4326
    assert list(layer.data["text"]) == ["a", "b"]
    assert layer.style.point_size >= 8 and layer.style.fill is not None
    assert layer.style.fill_for("open") != layer.style.fill_for("resolved")
    empty = NoteStore(store.path.with_name("empty.gpkg")).to_layer()
    assert empty.feature_count == 0 and empty.kind == "notes"


def test_geojson_export(store, tmp_path):
    a = store.add("杨浦大桥下的空地", "王工", LON, LAT, category="空地", site_id="kic")
    b = store.add("Second", "Li", 121.52, 31.28, status="resolved")
    out = tmp_path / "notes.geojson"
    assert store.export_geojson(out) == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "杨浦大桥" in out.read_text(encoding="utf-8")  # written as UTF-8, not \\u escapes
    assert doc["type"] == "FeatureCollection"
    first, second = doc["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [LON, LAT]}
    assert first["properties"] == {
        "id": a.id,
        "text": a.text,
        "author": "王工",
        "created": a.created,
        "status": "open",
        "category": "空地",
        "site_id": "kic",
    }
    assert second["properties"]["status"] == "resolved" and second["properties"]["category"] is None
    assert second["geometry"]["coordinates"] == [b.lon, b.lat]
    frame = pyogrio.read_dataframe(out)
    assert list(frame["text"]) == [a.text, b.text]


def test_csv_export_opens_in_excel_with_chinese_text(store, tmp_path):
    a = store.add('意见："保留"老厂房, 第二行\n续', "王工", LON, LAT, category="风貌")
    b = store.add("Second", "Li", 121.52, 31.28, status="resolved", site_id="kic")
    out = tmp_path / "notes.csv"
    assert store.export_csv(out) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that tells Excel it is UTF-8
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert rows[1] == [str(a.id), a.text, "王工", a.created, "open", "风貌", "", str(LON), str(LAT)]
    assert rows[2] == [
        str(b.id),
        "Second",
        "Li",
        b.created,
        "resolved",
        "",
        "kic",
        "121.52",
        "31.28",
    ]


def test_export_to_a_missing_folder_is_a_clear_error(store, tmp_path):
    store.add("a", "me", LON, LAT)
    with pytest.raises(NotesError, match="cannot write"):
        store.export_csv(tmp_path / "no" / "such" / "notes.csv")


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": ""}, "needs text"),
        ({"text": "   \n"}, "needs text"),
        ({"text": None}, "needs text"),
        ({"author": ""}, "needs an author"),
        ({"status": "closed"}, "status must be one of open, resolved"),
        ({"lon": 181.0}, "longitude 181.0 is outside"),
        ({"lon": -180.5}, "longitude -180.5 is outside"),
        ({"lat": 90.01}, "latitude 90.01 is outside"),
        ({"lat": float("nan")}, "latitude nan is outside"),
        ({"lon": "121.5"}, "longitude must be a number"),
        ({"text": "x" * 10_001}, "text is too long"),
        ({"category": 5}, "category must be text"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(store, kwargs, message):
    fields = {"text": "ok", "author": "me", "lon": LON, "lat": LAT} | kwargs
    with pytest.raises(ValueError, match=message):
        store.add(**fields)
    assert store.list() == []


def test_bad_updates_change_nothing(store):
    note = store.add("keep me", "me", LON, LAT)
    for changes, message in (
        ({"status": "done"}, "status"),
        ({"lat": 100}, "latitude"),
        ({"text": ""}, "needs text"),
        ({"created": "x"}, "cannot change created"),
        ({"id": 5}, "cannot change id"),
    ):
        with pytest.raises(ValueError, match=message):
            store.update(note.id, **changes)
    with pytest.raises(ValueError, match="whole number"):
        store.update("1", status="resolved")
    assert store.list() == [note]


def test_status_filter_is_validated(store):
    with pytest.raises(ValueError, match="status must be one of"):
        store.list(status="maybe")


# --- damaged files are set aside, never overwritten -------------------------------------------


def _assert_set_aside(tmp_path, original: bytes, store: NoteStore, reason: str):
    aside = _corrupt_names(tmp_path)
    assert len(aside) == 1, aside
    assert aside[0].read_bytes() == original
    assert len(store.warnings) == 1 and reason in store.warnings[0]
    assert aside[0].name in store.warnings[0] and "new, empty notes file" in store.warnings[0]
    # The fresh store works and is a GeoPackage again.
    note = store.add("after", "me", LON, LAT)
    assert NoteStore(store.path).list() == [note]
    assert len(pyogrio.read_dataframe(store.path)) == 1
    assert aside[0].read_bytes() == original


def test_a_file_that_is_not_sqlite_is_set_aside(tmp_path):
    path = tmp_path / "notes.gpkg"
    garbage = b"This is not a GeoPackage.\x00\x01\x02" * 200
    path.write_bytes(garbage)
    store = NoteStore(path)
    assert not path.exists()  # nothing written yet: the old bytes were moved, not overwritten
    _assert_set_aside(tmp_path, garbage, store, "not a database")


def test_sqlite_without_the_notes_tables_is_set_aside(tmp_path):
    path = tmp_path / "notes.gpkg"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE something_else (a, b)")
    conn.execute("INSERT INTO something_else VALUES (1, '重要')")
    conn.commit()
    conn.close()
    original = path.read_bytes()
    store = NoteStore(path)
    _assert_set_aside(
        tmp_path,
        original,
        store,
        "no gpkg_spatial_ref_sys, gpkg_contents, gpkg_geometry_columns, notes table",
    )


def test_a_notes_table_without_its_columns_is_set_aside(tmp_path):
    path = tmp_path / "notes.gpkg"
    NoteStore(path).add("x", "y", LON, LAT)
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE notes DROP COLUMN author")
    conn.commit()
    conn.close()
    original = path.read_bytes()
    store = NoteStore(path)
    _assert_set_aside(tmp_path, original, store, "lacks the author column")


def test_a_damaged_geopackage_is_set_aside(tmp_path):
    path = tmp_path / "notes.gpkg"
    first = NoteStore(path)
    for i in range(300):
        first.add(f"note {i} " + "长文本" * 40, "me", LON, LAT)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Scribble over the pages after the first, where the tables live.
    for offset in range(page_size, len(data), page_size):
        data[offset : offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    store = NoteStore(path)
    aside = _corrupt_names(tmp_path)
    assert len(aside) == 1 and aside[0].read_bytes() == bytes(data)
    assert store.warnings and ("malformed" in store.warnings[0] or "integrity" in store.warnings[0])
    assert store.list() == []


def test_a_leftover_journal_moves_with_the_damaged_file(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_bytes(b"garbage" * 100)
    journal = tmp_path / "notes.gpkg-journal"
    journal.write_bytes(b"old journal")
    store = NoteStore(path)
    aside = _corrupt_names(tmp_path)[0]
    assert Path(str(aside) + "-journal").read_bytes() == b"old journal"
    assert not journal.exists()
    store.add("fresh", "me", LON, LAT)
    assert [n.text for n in NoteStore(path).list()] == ["fresh"]


def test_setting_aside_twice_keeps_both_files(tmp_path, monkeypatch):
    path = tmp_path / "notes.gpkg"
    path.write_bytes(b"first garbage")
    NoteStore(path)
    path.write_bytes(b"second garbage")
    NoteStore(path)  # the same second: the name gets a counter instead of replacing
    contents = sorted(p.read_bytes() for p in _corrupt_names(tmp_path))
    assert contents == [b"first garbage", b"second garbage"]


def test_an_empty_file_is_simply_started(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_bytes(b"")
    store = NoteStore(path)
    assert store.warnings == [] and _corrupt_names(tmp_path) == []
    store.add("first", "me", LON, LAT)
    assert len(NoteStore(path).list()) == 1


def test_a_locked_file_is_an_error_not_damage(tmp_path, monkeypatch):
    path = tmp_path / "notes.gpkg"
    NoteStore(path).add("precious", "me", LON, LAT)
    monkeypatch.setattr(NoteStore, "timeout", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(NotesError, match="locked"):
            NoteStore(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _corrupt_names(tmp_path) == []
    assert [n.text for n in NoteStore(path).list()] == ["precious"]


def test_a_folder_in_the_way_is_an_error(tmp_path):
    (tmp_path / "notes.gpkg").mkdir()
    with pytest.raises(NotesError, match="not a file"):
        NoteStore(tmp_path / "notes.gpkg")


# --- crash safety ----------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from yangpu_gis.model.notes import NoteStore

    store = NoteStore(sys.argv[1])
    start = int(sys.argv[2])
    i = start
    while True:
        note = store.add(f"笔记 {i} " + "内容" * (i % 40 + 1), f"作者 {i}", 121.4 + (i % 1000) * 1e-4,
                         31.2 + (i % 997) * 1e-4, category=f"c{i % 7}", site_id=f"site-{i % 5}")
        print(note.id, i, flush=True)
        i += 1
    """
)


def _expected_note(i: int) -> dict:
    return {
        "text": f"笔记 {i} " + "内容" * (i % 40 + 1),
        "author": f"作者 {i}",
        "lon": 121.4 + (i % 1000) * 1e-4,
        "lat": 31.2 + (i % 997) * 1e-4,
        "category": f"c{i % 7}",
        "site_id": f"site-{i % 5}",
        "status": "open",
    }


def _run_and_kill(
    path: Path, start: int, lines_before_kill: int, rng: random.Random
) -> dict[int, int]:
    """Start a writer, let it commit some notes, SIGKILL it; returns printed id -> sequence."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    printed: dict[int, int] = {}
    try:
        deadline = time.monotonic() + 60
        while len(printed) < lines_before_kill:
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"the writer stopped early: {proc.stderr.read()}")
            note_id, seq = map(int, line.split())
            printed[note_id] = seq
            assert time.monotonic() < deadline, "the writer is too slow"
        time.sleep(rng.uniform(0, 0.004))  # land somewhere inside the next transaction
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        # Lines written before the kill but not read yet are committed notes too; the
        # kill can cut the last line short, and a cut line names no note for sure.
        for line in proc.stdout.read().split("\n")[:-1]:
            if line.strip():
                note_id, seq = map(int, line.split())
                printed[note_id] = seq
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return printed


def test_sigkill_while_saving_loses_no_committed_note(tmp_path):
    path = tmp_path / "notes.gpkg"
    rng = random.Random(20240501)
    printed: dict[int, int] = {}
    start = 0
    for round_ in range(4):
        got = _run_and_kill(path, start, rng.randint(20, 80), rng)
        printed.update(got)
        start = max(got.values()) + 2  # sequence numbers stay unique across rounds

        store = NoteStore(path)  # opens cleanly: rolls back any half-written transaction
        assert store.warnings == [], f"round {round_}: {store.warnings}"
        assert _corrupt_names(tmp_path) == []
        notes = {n.id: n for n in store.list()}
        missing = sorted(set(printed) - set(notes))
        assert missing == [], f"round {round_}: committed notes lost: {missing}"
        for note_id, seq in printed.items():
            expected = _expected_note(seq)
            assert {k: getattr(notes[note_id], k) for k in expected} == expected, note_id
        # At most the one note being committed when the kill came may exist unprinted.
        assert len(notes) - len(printed) <= round_ + 1
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()

    assert len(pyogrio.read_dataframe(path)) == len(NoteStore(path).list())
    after = NoteStore(path).add("after the crashes", "me", LON, LAT)
    assert NoteStore(path).get(after.id).text == "after the crashes"
