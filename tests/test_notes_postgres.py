"""Shared review notes in PostgreSQL (model.notes_postgres) on the session's private
cluster: the GeoPackage store's API, concurrent writers, refused stale edits, the
command line through YANGPU_GIS_NOTES_URL, and windows seeing each other's notes."""

from __future__ import annotations

import json
import threading
import time
import uuid

import psycopg
import pytest
from PySide6.QtCore import QSettings

from yangpu_gis.cli import main
from yangpu_gis.model.note_fields import NoteNotFoundError, NotesError, StaleNoteError
from yangpu_gis.model.notes import NoteStore
from yangpu_gis.model.notes_postgres import PgNoteStore, open_note_store
from yangpu_gis.ui.note_dialog import NoteDialog

SPOT = (121.5035, 31.3225)


@pytest.fixture
def notes_url(pg_cluster):
    """A notes table of the test's own in the shared database."""
    return pg_cluster.uri(table=f"notes_{uuid.uuid4().hex[:10]}")


def test_the_same_calls_as_the_geopackage_store(notes_url, tmp_path):
    store = PgNoteStore(notes_url)
    lon, lat = SPOT
    first = store.add("Ramp missing", "Li Wei", lon, lat, category="access", site_id="kic")
    second = store.add("Bench broken", "Zhou", lon + 0.001, lat)
    assert [n.id for n in store.list()] == [first.id, second.id]
    assert [n.id for n in store.list(site_id="kic")] == [first.id]
    assert store.get(first.id) == first
    resolved = store.update(second.id, status="resolved")
    assert store.list(status="resolved") == [resolved]
    store.delete(first.id)
    with pytest.raises(NoteNotFoundError):
        store.get(first.id)
    with pytest.raises(ValueError, match="cannot change created"):
        store.update(second.id, created="yesterday")
    layer = store.to_layer()
    assert layer.kind == "notes" and list(layer.data["text"]) == ["Bench broken"]
    out = tmp_path / "notes.geojson"
    assert store.export_geojson(out) == 1
    assert (
        json.loads(out.read_text(encoding="utf-8"))["features"][0]["properties"]["author"] == "Zhou"
    )
    # The same rows as a GeoPackage store given the same calls would hold.
    local = NoteStore(tmp_path / "n.gpkg")
    copy = local.add("Bench broken", "Zhou", lon + 0.001, lat, status="resolved")
    assert {k: v for k, v in copy.to_dict().items() if k not in ("id", "created")} == {
        k: v for k, v in store.get(second.id).to_dict().items() if k not in ("id", "created")
    }


def test_two_planners_writing_at_once_lose_nothing(notes_url):
    stores = [PgNoteStore(notes_url), PgNoteStore(notes_url)]
    shared = stores[0].add("Counter", "Li", *SPOT)
    errors = []

    def planner(store, who):
        try:
            for i in range(40):
                store.add(f"{who} note {i}", who, SPOT[0] + i * 1e-4, SPOT[1])
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)

    threads = [
        threading.Thread(target=planner, args=(s, w)) for s, w in zip(stores, "AB", strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    texts = [n.text for n in PgNoteStore(notes_url).list()]
    assert len(texts) == 81 and len(set(texts)) == 81
    assert {f"A note {i}" for i in range(40)} | {f"B note {i}" for i in range(40)} <= set(texts)
    assert shared.id in [n.id for n in stores[1].list()]


def test_an_edit_of_a_note_changed_meanwhile_is_refused_not_written_over(notes_url):
    mine, theirs = PgNoteStore(notes_url), PgNoteStore(notes_url)
    note = mine.add("Check the kerb", "Li", *SPOT)
    opened_by_me = mine.get(note.id)
    opened_by_them = theirs.get(note.id)
    theirs.update(note.id, expected=opened_by_them, text="Kerb fixed, check drainage")
    with pytest.raises(StaleNoteError, match=f"note {note.id} was changed by someone else"):
        mine.update(note.id, expected=opened_by_me, text="Kerb too high")
    assert PgNoteStore(notes_url).get(note.id).text == "Kerb fixed, check drainage"
    # Without the note as read, the version this store last saw decides the same way...
    other = mine.add("Second", "Li", *SPOT)
    theirs.update(other.id, status="resolved")
    with pytest.raises(StaleNoteError):
        mine.update(other.id, text="Second, edited")
    # ...and once it has read their change, an edit goes through.
    assert mine.update(other.id, text="Second, edited").status == "resolved"


def test_two_concurrent_edits_of_one_note_keep_exactly_one(notes_url):
    note = PgNoteStore(notes_url).add("Original", "Li", *SPOT)
    stores = [PgNoteStore(notes_url) for _ in range(2)]
    opened = [s.get(note.id) for s in stores]
    outcomes = []
    barrier = threading.Barrier(2)

    def edit(i):
        barrier.wait()
        try:
            stores[i].update(note.id, expected=opened[i], text=f"edit {i}")
            outcomes.append(("saved", i))
        except StaleNoteError:
            outcomes.append(("refused", i))

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(kind for kind, _ in outcomes) == ["refused", "saved"]
    [winner] = [i for kind, i in outcomes if kind == "saved"]
    assert PgNoteStore(notes_url).get(note.id).text == f"edit {winner}"


def test_a_stale_edit_is_refused_in_the_geopackage_store_too(tmp_path):
    store = NoteStore(tmp_path / "notes.gpkg")
    note = store.add("One", "Li", *SPOT)
    store.update(note.id, text="Two")
    with pytest.raises(StaleNoteError):
        store.update(note.id, expected=note, text="Three")
    assert store.get(note.id).text == "Two"


def test_the_command_line_uses_the_shared_table_from_the_environment(
    notes_url, monkeypatch, capsys, tmp_path
):
    monkeypatch.setenv("YANGPU_GIS_NOTES_URL", notes_url)
    code = main(["notes", "add", "Shared", "--author", "Li", "--at", "121.5035,31.3225"])
    assert code == 0
    capsys.readouterr()
    assert main(["notes", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [n["text"] for n in listed] == ["Shared"]
    assert [n.text for n in PgNoteStore(notes_url).list()] == ["Shared"]
    assert NoteStore().list() == []  # the local GeoPackage was not used
    monkeypatch.setenv("YANGPU_GIS_NOTES_URL", notes_url.replace("/gis?", "/nosuchdb?"))
    assert main(["notes", "list"]) == 1
    assert "cannot connect to the notes database" in capsys.readouterr().err


def test_an_unreachable_database_is_one_clear_error():
    with pytest.raises(NotesError, match="cannot connect to the notes database"):
        open_note_store("postgresql://nobody@127.0.0.1:1/gis")


def test_a_window_sees_another_planners_notes_within_seconds(qtbot, notes_url):
    from tests_support_window import open_window

    QSettings().setValue("notes/url", notes_url)
    window = open_window(qtbot)
    assert type(window.notes.store).__name__ == "PgNoteStore"
    PgNoteStore(notes_url).add("From the other office", "Zhou", *SPOT)
    qtbot.waitUntil(
        lambda: (
            window.notes.layer() is not None
            and "From the other office" in list(window.notes.layer().data["text"])
        ),
        timeout=10_000,
    )


def test_two_windows_are_told_of_each_others_notes_by_the_server(qtbot, notes_url, pg_cluster):
    """Through LISTEN/NOTIFY: with the fallback polling stopped in both windows, a note
    added in one still appears in the other, and a note resolved there comes back."""
    from tests_support_window import open_window

    pg_conninfo = pg_cluster.conninfo()
    QSettings().setValue("notes/url", notes_url)
    first, second = open_window(qtbot), open_window(qtbot)
    for window in (first, second):
        window.notes._poll_timer.stop()

    def texts(window, status=None):
        layer = window.notes.layer()
        if layer is None:
            return []
        rows = layer.data
        return [t for t, s in zip(rows["text"], rows["status"], strict=True) if status in (None, s)]

    def listening() -> int:
        with psycopg.connect(pg_conninfo, autocommit=True) as probe:
            return probe.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                "'yangpu-gis notes' AND query LIKE 'LISTEN%%'"
            ).fetchone()[0]

    qtbot.waitUntil(lambda: listening() >= 2, timeout=10_000)
    started = time.perf_counter()
    note = first.notes.store.add("Seen next door", "Zhou", *SPOT)
    first.notes.refresh_layer()
    qtbot.waitUntil(lambda: "Seen next door" in texts(second), timeout=5_000)
    print(
        f"a note added in one window was drawn in the other {time.perf_counter() - started:.2f} s later"
    )
    second.notes.set_status(note.id, "resolved")
    qtbot.waitUntil(lambda: "Seen next door" in texts(first, "resolved"), timeout=5_000)


def test_the_note_form_says_when_someone_else_changed_the_note(qtbot, notes_url, monkeypatch):
    from tests_support_window import open_window

    QSettings().setValue("notes/url", notes_url)
    note = PgNoteStore(notes_url).add("Check the kerb", "Li", *SPOT)
    window = open_window(qtbot)
    shown = []

    def exec_(dialog):
        # While this planner types, a colleague changes the note.
        PgNoteStore(notes_url).update(note.id, text="Kerb fixed")
        dialog.text_edit.setPlainText("Kerb too high")
        dialog.save_button.click()
        shown.append(dialog.error_label.text())
        return dialog.result()

    monkeypatch.setattr(NoteDialog, "exec", exec_)
    assert window.notes.edit(note.id, window) is None
    assert "changed by someone else" in shown[0]
    with psycopg.connect(notes_url.split("?")[0]) as conn:
        table = notes_url.split("table=")[1]
        assert conn.execute(f"SELECT text FROM {table}").fetchone()[0] == "Kerb fixed"
