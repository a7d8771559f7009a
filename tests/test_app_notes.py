"""Review notes in the app: written on the map or on a site, shown everywhere, never lost."""

import csv
import json
import re
import shutil
import sqlite3
import subprocess

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QTableView, QToolBar

from yangpu_gis.model.field_roles import field_label
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.notes import NoteStore
from yangpu_gis.model.user_data import notes_path
from yangpu_gis.ui.note_dialog import AUTHOR_SETTING, NoteDialog

AMBER = (0xFF, 0xB0, 0x00)  # an open note's pin
SOFT_GREEN = (0x8B, 0xC4, 0x8A)  # a resolved one's
QUIET_SPOT = (121.5035, 31.3225)  # open ground in the north of Yangpu: no site, no label


def fill_dialog(
    monkeypatch, text="入口台阶需要无障碍坡道", author="Li Wei", category="access", status=None
):
    """Answer the note form as a planner would: type, then press Save."""
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        dialog.text_edit.setPlainText(text)
        dialog.author_edit.setText(author)
        dialog.category_edit.setText(category or "")
        if status is not None:
            dialog.status_box.setCurrentIndex(dialog.status_box.findData(status))
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(NoteDialog, "exec", exec_)
    return seen


def answer_delete(monkeypatch, answer):
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def site(window, site_id):
    layer = window.project.layer("sites")
    row = list(layer.data["id"]).index(site_id)
    return row, layer.data.geometry.iloc[row]


def click_at(qtbot, window, lon, lat):
    x, y = window.canvas.viewport.wgs84_to_pixel(lon, lat)
    qtbot.mouseClick(window.canvas, Qt.LeftButton, pos=QPoint(round(x), round(y)))


def pixel_at(window, lon, lat) -> tuple[int, int, int]:
    window.canvas.render_now()
    x, y = window.canvas.viewport.wgs84_to_pixel(lon, lat)
    colour = window.canvas.grab().toImage().pixelColor(round(x), round(y))
    return colour.red(), colour.green(), colour.blue()


def near(colour, expected, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def table_texts(window) -> set:
    model = window.attribute_table.findChild(QTableView).model()
    return {
        model.index(r, c).data()
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    }


def notes_layer(window):
    [layer] = [lyr for lyr in window.project.layers if lyr.kind == "notes"]
    return layer


def look_beside(window, lon, lat):
    """Zoom in with the point a quarter across the map: the district's label is drawn at the
    middle of the view, over any marker there."""
    window.canvas.zoom_to_wgs84((lon - 0.002, lat - 0.003, lon + 0.006, lat + 0.003))
    window.canvas.render_now()


def show_note(qtbot, window, lon, lat):
    """Zoom in on a note and click it with the browse tool, as a planner would."""
    window.tool_actions["browse"].trigger()
    look_beside(window, lon, lat)
    click_at(qtbot, window, lon, lat)
    panel = window.facts_panel
    qtbot.waitUntil(
        lambda: panel.current_hit is not None and panel.current_hit.layer.kind == "notes"
    )
    return panel


# --- the form ----------------------------------------------------------------------------


def test_the_form_saves_only_with_text_and_author_and_remembers_the_author(qtbot):
    dialog = NoteDialog("At a point")
    qtbot.addWidget(dialog)
    assert dialog.author_edit.text() == ""
    assert not dialog.save_button.isEnabled()
    dialog.text_edit.setPlainText("Check the pavement")
    assert not dialog.save_button.isEnabled()
    dialog.author_edit.setText("  ")
    assert not dialog.save_button.isEnabled()
    dialog.author_edit.setText("Wang Fang")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result() == QDialog.Accepted
    assert QSettings().value(AUTHOR_SETTING) == "Wang Fang"
    again = NoteDialog("At another point")
    qtbot.addWidget(again)
    assert again.author_edit.text() == "Wang Fang"


# --- adding ------------------------------------------------------------------------------


def test_adding_a_note_by_clicking_inside_a_site_with_the_tool(qtbot, window, monkeypatch):
    forms = fill_dialog(monkeypatch, text="入口台阶需要无障碍坡道\n东门需要坡道")
    add_note = window.tool_actions["add_note"]
    assert add_note in window.findChild(QToolBar, "map_toolbar").actions()
    [tools_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Tools"]
    assert add_note in tools_menu.actions()
    add_note.trigger()
    assert window.canvas.tool.name == "add_note"
    _, kic = site(window, "kic")
    point = kic.representative_point()
    click_at(qtbot, window, point.x, point.y)

    assert "Knowledge Innovative Community" in forms[0].where_label.text()
    [note] = NoteStore().list()
    assert note.text == "入口台阶需要无障碍坡道\n东门需要坡道" and note.author == "Li Wei"
    assert note.category == "access" and note.status == "open"
    assert note.site_id == "kic"  # clicked inside the site
    assert abs(note.lon - point.x) < 1e-4 and abs(note.lat - point.y) < 1e-4
    layer = window.project.layers[-1]
    assert layer.kind == "notes" and layer.feature_count == 1  # on top of the map
    assert layer.data["text"].iloc[0] == note.text
    window.open_attribute_table(layer.id)
    assert "入口台阶需要无障碍坡道\n东门需要坡道" in table_texts(window)
    assert "Li Wei" in table_texts(window)


def test_a_note_at_open_ground_is_drawn_as_an_amber_pin_and_belongs_to_no_site(
    qtbot, window, monkeypatch
):
    fill_dialog(monkeypatch, text="Street trees missing")
    lon, lat = QUIET_SPOT
    look_beside(window, lon, lat)
    before = pixel_at(window, lon, lat)
    window.tool_actions["add_note"].trigger()
    click_at(qtbot, window, lon, lat)
    [note] = NoteStore().list()
    assert note.site_id is None
    assert not near(before, AMBER) and near(pixel_at(window, note.lon, note.lat), AMBER)


def test_cancelling_the_form_saves_nothing(qtbot, window, monkeypatch):
    def exec_(dialog):
        dialog.text_edit.setPlainText("Never mind")
        dialog.author_edit.setText("Li")
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
        return dialog.result()

    monkeypatch.setattr(NoteDialog, "exec", exec_)
    window.tool_actions["add_note"].trigger()
    click_at(qtbot, window, *QUIET_SPOT)
    assert NoteStore().list() == []
    assert not [lyr for lyr in window.project.layers if lyr.kind == "notes"]


def test_a_note_on_the_228_block_from_its_facts_panel(qtbot, window, monkeypatch):
    forms = fill_dialog(monkeypatch, text="Courtyard lighting to review\n夜间照明不足")
    row, geometry = site(window, "changbai-228")
    window.show_hits([Hit(window.project.layer("sites"), row)])
    panel = window.facts_panel
    assert "No notes yet" in panel.browser.toPlainText()
    assert panel.add_note_button.isVisibleTo(panel)
    qtbot.mouseClick(panel.add_note_button, Qt.LeftButton)

    assert "Changbai 228 Street Block" in forms[0].where_label.text()
    [note] = NoteStore().list(site_id="changbai-228")
    assert note.geometry.equals(geometry.representative_point())
    facts = panel.browser.toPlainText()
    assert "Review notes" in facts and "1 note, 1 open" in facts
    assert "Courtyard lighting to review\n夜间照明不足" in facts  # its lines kept
    assert "Li Wei" in facts and "Open" in facts

    # The note itself, clicked on the map, names its site.
    panel = show_note(qtbot, window, note.lon, note.lat)
    facts = panel.browser.toPlainText()
    assert f"Review note {note.id}" in facts
    assert "Changbai 228 Street Block" in facts and "Li Wei" in facts and "access" in facts
    assert panel.note_buttons["resolve"].isVisibleTo(panel)
    assert not panel.add_note_button.isVisibleTo(panel)


def test_a_site_with_no_notes_lists_none_and_other_sites_notes_stay_out(qtbot, window):
    NoteStore().add("Only for KIC", "Zhou", 121.51, 31.30, site_id="kic")
    window.notes.refresh_layer()
    row, _ = site(window, "changbai-228")
    window.show_hits([Hit(window.project.layer("sites"), row)])
    facts = window.facts_panel.browser.toPlainText()
    assert "No notes yet" in facts and "Only for KIC" not in facts


# --- acting on a note from the facts panel -----------------------------------------------


def test_resolve_reopen_edit_and_delete_from_the_facts_panel(qtbot, window, monkeypatch):
    lon, lat = QUIET_SPOT
    note = NoteStore().add("Bench missing", "Zhou", lon, lat)
    keep = NoteStore().add("Keep me", "Zhou", lon + 0.002, lat)
    window.notes.refresh_layer()
    panel = show_note(qtbot, window, lon, lat)
    assert near(pixel_at(window, lon, lat), AMBER)

    qtbot.mouseClick(panel.note_buttons["resolve"], Qt.LeftButton)
    assert NoteStore().get(note.id).status == "resolved"
    assert panel.current_hit.properties["status"] == "resolved"
    assert "Resolved" in panel.browser.toPlainText()
    assert panel.note_buttons["reopen"].isVisibleTo(panel)
    assert not panel.note_buttons["resolve"].isVisibleTo(panel)
    assert near(pixel_at(window, lon, lat), SOFT_GREEN)  # categorised on the map

    qtbot.mouseClick(panel.note_buttons["reopen"], Qt.LeftButton)
    assert NoteStore().get(note.id).status == "open"

    forms = fill_dialog(
        monkeypatch, text="Two benches missing", author="Zhou Min", category="furniture"
    )
    qtbot.mouseClick(panel.note_buttons["edit"], Qt.LeftButton)
    assert forms[0].text_edit.toPlainText() == "Two benches missing"
    edited = NoteStore().get(note.id)
    assert (edited.text, edited.author, edited.category) == (
        "Two benches missing",
        "Zhou Min",
        "furniture",
    )
    assert edited.created == note.created
    assert "Two benches missing" in panel.browser.toPlainText()

    asked = answer_delete(monkeypatch, QMessageBox.No)
    qtbot.mouseClick(panel.note_buttons["delete"], Qt.LeftButton)
    assert "Two benches missing" in asked[0]
    assert NoteStore().get(note.id).text == "Two benches missing"  # "No" keeps it

    answer_delete(monkeypatch, QMessageBox.Yes)
    qtbot.mouseClick(panel.note_buttons["delete"], Qt.LeftButton)
    assert [n.id for n in NoteStore().list()] == [keep.id]
    assert notes_layer(window).feature_count == 1
    assert panel.current_hit is None  # the deleted note is no longer shown
    assert not near(pixel_at(window, lon, lat), AMBER)


def test_the_attribute_table_follows_the_notes(qtbot, window, monkeypatch):
    NoteStore().add("First", "Li", 121.52, 31.30)
    window.notes.refresh_layer()
    window.open_attribute_table(notes_layer(window).id)
    assert "First" in table_texts(window)
    fill_dialog(monkeypatch, text="Second, from the map")
    window.tool_actions["add_note"].trigger()
    click_at(qtbot, window, *QUIET_SPOT)
    texts = table_texts(window)
    assert "First" in texts and "Second, from the map" in texts


def test_a_selected_note_stays_selected_when_another_is_deleted(qtbot, window):
    from yangpu_gis.model.project import Selection

    store = NoteStore()
    first = store.add("First", "Li", 121.52, 31.30)
    second = store.add("Second", "Li", 121.53, 31.30)
    window.notes.refresh_layer()
    layer = notes_layer(window)
    window.open_attribute_table(layer.id)
    window.project.select(Selection(layer.id, (1,)))  # "Second", picked in the table
    window.notes.delete(first.id, confirm=False)
    layer = notes_layer(window)
    [row] = window.project.selection.rows
    assert layer.data["id"].iloc[row] == second.id
    assert window.attribute_table.selected_rows() == [row]


# --- the layer stays on top, and sessions --------------------------------------------------


def test_the_notes_layer_stays_on_top_when_a_file_is_opened(qtbot, window, tmp_path):
    from io_fixtures import geojson, sites_frame

    NoteStore().add("On top", "Li", 121.52, 31.30)
    window.notes.refresh_layer()
    path = geojson(tmp_path, sites_frame(), "parks.geojson")
    window.open_files([str(path)])
    qtbot.waitUntil(
        lambda: len(window.project.layers) == 6 and not window.loader.busy, timeout=20000
    )
    kinds = [layer.kind for layer in window.project.layers]
    assert kinds[-1] == "notes" and kinds[-2] == "user"
    # Moved down (by the layers panel, say), it goes back on top.
    window.project.move_layer(notes_layer(window).id, 0)
    assert window.project.layers[-1].kind == "notes"


def test_notes_survive_quit_and_restart_without_duplicates(qtbot, window):
    from yangpu_gis.model.user_data import session_path
    from yangpu_gis.ui.app import last_session
    from yangpu_gis.ui.main_window import MainWindow

    NoteStore().add("Keep the old plane trees", "Chen", 121.53, 31.29)
    window.notes.refresh_layer()
    window.close()
    saved = json.loads(session_path().read_text(encoding="utf-8"))
    assert [entry["kind"] for entry in saved["layers"]].count("notes") == 0
    for _ in range(2):  # two restarts: still one notes layer, on top
        project, warnings = last_session()
        assert warnings == []
        again = MainWindow(project)
        qtbot.addWidget(again)
        again.show()
        assert [layer.kind for layer in again.project.layers].count("notes") == 1
        assert again.project.layers[-1].kind == "notes"
        assert again.project.layers[-1].data["text"].tolist() == ["Keep the old plane trees"]
        assert again.message_bar.text == ""
        again.close()


def test_a_saved_project_reopens_with_one_notes_layer(qtbot, window, tmp_path, monkeypatch):
    NoteStore().add("Project note", "Chen", 121.53, 31.29)
    window.notes.refresh_layer()
    path = tmp_path / "review.ygis.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    window.save_project_as_action.trigger()
    assert window.open_project(str(path))
    reopened = window  # the project opens in the same window
    kinds = [layer.kind for layer in reopened.project.layers]
    assert kinds.count("notes") == 1 and kinds[-1] == "notes"
    assert reopened.message_bar.text == ""


def restart(qtbot, window):
    """Quit, then start again as the app does, from the remembered session."""
    window.close()
    return start_again(qtbot)


def start_again(qtbot):
    from yangpu_gis.ui.app import last_session
    from yangpu_gis.ui.main_window import MainWindow

    project, warnings = last_session()
    again = MainWindow(project)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.view_restored)
    return again, warnings


def test_a_hidden_restyled_notes_layer_stays_so_after_a_restart(qtbot, window):
    from yangpu_gis.ui.notes_controller import MAP_STYLE

    NoteStore().add("Keep the old plane trees", "Chen", 121.53, 31.29)
    window.notes.refresh_layer()
    assert notes_layer(window).style == MAP_STYLE and notes_layer(window).visible
    purple = MAP_STYLE.with_(
        fill="#6a3d9a",
        stroke="#ffffff",
        point_size=20.0,
        categories=(("open", "#6a3d9a"), ("resolved", "#b2df8a")),
    )
    window.project.update_layer(notes_layer(window).id, visible=False, opacity=0.7, style=purple)

    again, warnings = restart(qtbot, window)
    assert warnings == [] and again.message_bar.text == ""
    layer = notes_layer(again)
    assert (layer.visible, layer.opacity, layer.style) == (False, 0.7, purple)
    assert again.project.layers[-1] is layer
    assert layer.data["text"].tolist() == ["Keep the old plane trees"]
    # A note added after the restart keeps the layer as the planner left it.
    again.notes.store.add("Widen the pavement", "Li", 121.52, 31.30)
    again.notes.refresh_layer()
    assert (notes_layer(again).visible, notes_layer(again).style) == (False, purple)

    # Shown again, it is shown after the next restart too.
    again.project.update_layer(notes_layer(again).id, visible=True)
    third, _ = restart(qtbot, again)
    assert notes_layer(third).visible is True and notes_layer(third).style == purple
    third.close()


def test_the_notes_look_is_kept_through_a_session_without_notes(qtbot, window):
    store = NoteStore()
    note = store.add("Soon resolved", "Chen", 121.53, 31.29)
    window.notes.refresh_layer()
    window.project.update_layer(notes_layer(window).id, visible=False)
    store.delete(note.id)
    again, _ = restart(qtbot, window)
    assert [lyr.kind for lyr in again.project.layers].count("notes") == 0  # nothing to show
    third, _ = restart(qtbot, again)
    third.notes.store.add("A new note", "Li", 121.52, 31.30)
    third.notes.refresh_layer()
    assert notes_layer(third).visible is False
    third.close()


@pytest.mark.parametrize(
    "damaged",
    [
        "not a look",
        {"visible": "no"},
        {"visible": False, "opacity": 3},
        {"visible": False, "style": {"fill": "purple"}},
        {"visible": False, "style": {"categories": [["open"]]}},
    ],
)
def test_a_damaged_notes_look_in_the_session_starts_with_the_usual_look(qtbot, window, damaged):
    from yangpu_gis.model.user_data import session_path
    from yangpu_gis.ui.notes_controller import MAP_STYLE

    NoteStore().add("Still shown", "Chen", 121.53, 31.29)
    window.notes.refresh_layer()
    window.close()
    saved = json.loads(session_path().read_text(encoding="utf-8"))
    saved["notes_layer"] = damaged
    session_path().write_text(json.dumps(saved), encoding="utf-8")
    again, warnings = start_again(qtbot)
    assert len(warnings) == 1 and "review notes" in warnings[0]
    layer = notes_layer(again)
    assert (layer.visible, layer.opacity, layer.style) == (True, 1.0, MAP_STYLE)
    assert [lyr.id for lyr in again.project.layers][:-1] == [
        lyr.id for lyr in window.project.layers
    ][:-1]
    again.close()


# --- when the notes file misbehaves --------------------------------------------------------


def test_a_corrupt_notes_file_is_set_aside_and_the_app_opens(qtbot, monkeypatch):
    from yangpu_gis.model.project import Project
    from yangpu_gis.ui.main_window import MainWindow

    path = notes_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a geopackage at all")
    win = MainWindow(Project.with_embedded_map())
    qtbot.addWidget(win)
    win.show()
    assert "could not be read" in win.message_bar.text and "corrupt" in win.message_bar.text
    kept = list(path.parent.glob("notes.corrupt-*.gpkg"))
    assert kept and kept[0].read_bytes() == b"this is not a geopackage at all"
    fill_dialog(monkeypatch, text="Works again")
    win.tool_actions["add_note"].trigger()
    click_at(qtbot, win, *QUIET_SPOT)
    assert [n.text for n in NoteStore().list()] == ["Works again"]


def test_a_locked_notes_file_keeps_the_form_open_and_loses_nothing(qtbot, window, monkeypatch):
    earlier = NoteStore().add("Saved before the lock", "Chen", 121.52, 31.30)
    window.notes.refresh_layer()
    window.notes.store.timeout = 0.2
    other_program = sqlite3.connect(notes_path(), isolation_level=None)
    other_program.execute("BEGIN EXCLUSIVE")
    attempts = []

    def exec_(dialog):
        dialog.text_edit.setPlainText("Written while the file was locked")
        dialog.author_edit.setText("Li")
        dialog.save_button.click()
        attempts.append(
            (
                dialog.result(),
                dialog.error_label.isVisibleTo(dialog),
                dialog.error_label.text(),
                window.message_bar.text,
            )
        )
        other_program.rollback()  # the other program lets go; Save again
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(NoteDialog, "exec", exec_)
    window.tool_actions["add_note"].trigger()
    click_at(qtbot, window, *QUIET_SPOT)
    other_program.close()

    result, error_shown, error, bar = attempts[0]
    assert result != QDialog.Accepted and error_shown
    assert "locked" in error and "still here" in error
    assert "locked" in bar and "another program" in bar
    texts = [n.text for n in NoteStore().list()]
    assert texts == [earlier.text, "Written while the file was locked"]
    assert notes_layer(window).feature_count == 2


def test_an_unusable_notes_path_is_reported_and_retried(qtbot, monkeypatch):
    from yangpu_gis.model.project import Project
    from yangpu_gis.ui.main_window import MainWindow

    path = notes_path()
    path.mkdir(parents=True)  # a folder where the notes file should be
    win = MainWindow(Project.with_embedded_map())
    qtbot.addWidget(win)
    win.show()
    assert "Review notes are unavailable" in win.message_bar.text
    assert "is not a file" in win.message_bar.text

    attempts = []

    def exec_(dialog):
        dialog.text_edit.setPlainText("Not lost")
        dialog.author_edit.setText("Li")
        dialog.save_button.click()
        attempts.append(dialog.error_label.text())
        path.rmdir()  # the planner clears the way; Save again
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(NoteDialog, "exec", exec_)
    win.tool_actions["add_note"].trigger()
    click_at(qtbot, win, *QUIET_SPOT)
    assert "cannot be opened" in attempts[0]
    assert [n.text for n in NoteStore().list()] == ["Not lost"]


def test_a_note_with_a_damaged_location_is_reported_and_the_rest_shown(qtbot, window):
    store = NoteStore()
    good = store.add("Readable", "Li", 121.52, 31.30)
    bad = store.add("Damaged", "Li", 121.53, 31.30)
    with sqlite3.connect(notes_path()) as conn:
        conn.execute("UPDATE notes SET geom = x'00' WHERE fid = ?", (bad.id,))
    window.notes.refresh_layer()
    assert f"note {bad.id} was skipped" in window.message_bar.text
    assert notes_layer(window).data["id"].tolist() == [good.id]


# --- exports ---------------------------------------------------------------------------------


def choose_file(monkeypatch, path, chosen_filter=""):
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), chosen_filter))
    )


def test_export_notes_keeps_chinese_text(qtbot, window, tmp_path, monkeypatch):
    NoteStore().add(
        "滨江步道照明不足\n夜间需要巡查",
        "刘",
        121.53,
        31.26,
        category="安全",
        site_id="changbai-228",
    )
    choose_file(monkeypatch, tmp_path / "notes.geojson")
    window.export_notes_action.trigger()
    doc = json.loads((tmp_path / "notes.geojson").read_text(encoding="utf-8"))
    [feature] = doc["features"]
    assert feature["properties"]["text"] == "滨江步道照明不足\n夜间需要巡查"
    assert feature["properties"]["site_id"] == "changbai-228"
    assert feature["geometry"]["coordinates"] == [121.53, 31.26]

    choose_file(monkeypatch, tmp_path / "notes.csv")
    window.export_notes_action.trigger()
    raw = (tmp_path / "notes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    [row] = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert row["text"] == "滨江步道照明不足\n夜间需要巡查" and row["category"] == "安全"
    assert "Exported 1 review note to" in window.statusBar().currentMessage()


def test_export_notes_takes_the_chosen_type_or_refuses_another(
    qtbot, window, tmp_path, monkeypatch
):
    NoteStore().add("绿地", "Li", 121.52, 31.30)
    choose_file(monkeypatch, tmp_path / "for-excel", "CSV for Excel (*.csv)")
    window.export_notes_action.trigger()
    assert "绿地" in (tmp_path / "for-excel.csv").read_text(encoding="utf-8-sig")

    choose_file(monkeypatch, tmp_path / "notes.txt", "GeoJSON (*.geojson)")
    window.export_notes_action.trigger()
    assert not (tmp_path / "notes.txt").exists()
    assert "choose a .geojson or a .csv" in window.message_bar.text


def test_notes_are_in_the_html_map_popups(qtbot, window, tmp_path, monkeypatch):
    NoteStore().add("Fence blocks the river view", "高", 121.535, 31.262, site_id="kic")
    window.notes.refresh_layer()
    choose_file(monkeypatch, tmp_path / "map.html")
    window.export_html_action.trigger()
    text = (tmp_path / "map.html").read_text(encoding="utf-8")
    body = re.search(r"<script[^>]*application/json[^>]*>(.*?)</script>", text, re.S).group(1)
    [notes] = [layer for layer in json.loads(body)["layers"] if layer["kind"] == "notes"]
    # Popups list fields under their labels (model.field_roles), as the facts panel does.
    popup = dict(notes["popup"]["attributes"])
    text, author = (popup[field_label("notes", field)] for field in ("text", "author"))
    assert notes["values"][text] == ["Fence blocks the river view"]
    assert notes["values"][author] == ["高"]
    assert dict(notes["legend"]) == {"open": "#ffb000", "resolved": "#8bc48a"}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_notes_layer_is_in_the_pdf_legend(qtbot, window, tmp_path, monkeypatch):
    from yangpu_gis.ui.export_image_dialog import ExportImageDialog

    NoteStore().add("Fence blocks the river view", "Gao", 121.535, 31.262)
    window.notes.refresh_layer()
    choose_file(monkeypatch, tmp_path / "map.pdf", "PDF document (*.pdf)")
    monkeypatch.setattr(ExportImageDialog, "exec", lambda dialog: QDialog.Accepted)
    window.export_image_action.trigger()
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "map.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Review notes" in text
    assert re.search(r"\bopen\b", text) and re.search(r"\bresolved\b", text)
