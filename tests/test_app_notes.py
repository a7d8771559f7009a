"""Review notes in the app: written on the map or on a site, shown everywhere, never lost."""

import csv
import json
import shutil
import subprocess

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from yangpu_gis.model.notes import NoteStore
from yangpu_gis.ui.note_dialog import NoteDialog


def fill_dialog(monkeypatch, text="入口台阶需要无障碍坡道", author="Li Wei", category="access"):
    """Answer the note dialog as a planner would: type, then Save."""
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        dialog.text_edit.setPlainText(text)
        dialog.author_edit.setText(author)
        dialog.category_edit.setText(category or "")
        dialog.accept()
        return QDialog.Accepted

    monkeypatch.setattr(NoteDialog, "exec", exec_)
    return seen


def site(window, site_id):
    layer = window.project.layer("sites")
    row = list(layer.data["id"]).index(site_id)
    return row, layer.data.geometry.iloc[row]


def click_at(qtbot, window, lon, lat):
    x, y = window.canvas.viewport.wgs84_to_pixel(lon, lat)
    qtbot.mouseClick(window.canvas, Qt.LeftButton, pos=QPoint(round(x), round(y)))


def test_dialog_saves_only_with_text_and_author(qtbot):
    dialog = NoteDialog("At a point")
    qtbot.addWidget(dialog)
    dialog.author_edit.setText("")
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled()
    dialog.text_edit.setPlainText("Check the pavement")
    assert not save.isEnabled()
    dialog.author_edit.setText("Wang")
    assert save.isEnabled()


def test_adding_a_note_by_clicking_the_map(qtbot, window, monkeypatch):
    fill_dialog(monkeypatch)
    window.tool_actions["add_note"].trigger()
    _, kic = site(window, "kic")
    point = kic.representative_point()
    click_at(qtbot, window, point.x, point.y)

    notes = NoteStore().list()
    assert len(notes) == 1
    note = notes[0]
    assert note.text == "入口台阶需要无障碍坡道" and note.author == "Li Wei"
    assert note.site_id == "kic"  # clicked inside the site
    assert abs(note.lon - point.x) < 1e-4 and abs(note.lat - point.y) < 1e-4
    layer = window.project.layers[-1]
    assert layer.id == "notes" and layer.feature_count == 1  # on top of the map
    # in the attribute table too
    window.open_attribute_table("notes")
    assert "入口台阶需要无障碍坡道" in _table_texts(window.attribute_table)


def _table_texts(table) -> set:
    from PySide6.QtWidgets import QTableView

    view = table.findChild(QTableView)
    model = view.model()
    return {model.index(r, c).data() for r in range(model.rowCount())
            for c in range(model.columnCount())}


def test_a_note_on_the_228_block_shows_in_its_facts(qtbot, window, monkeypatch):
    fill_dialog(monkeypatch, text="Courtyard lighting to review")
    row, geometry = site(window, "changbai-228")
    from yangpu_gis.model.identify import Hit

    window.show_hits([Hit(window.project.layer("sites"), row)])
    assert window.facts_panel.add_note_button.isVisibleTo(window.facts_panel)
    qtbot.mouseClick(window.facts_panel.add_note_button, Qt.LeftButton)
    [note] = NoteStore().list(site_id="changbai-228")
    assert geometry.contains(note.geometry)
    html = window.facts_panel.browser.toPlainText()
    assert "Review notes" in html and "Courtyard lighting to review" in html


def test_resolve_and_delete_from_the_facts_panel(qtbot, window, monkeypatch):
    store = NoteStore()
    note = store.add("Bench missing", "Zhou", 121.52, 31.28)
    window.notes.refresh_layer()
    window.canvas.zoom_to_wgs84((121.515, 31.275, 121.525, 31.285))
    window.canvas.render_now()
    click_at(qtbot, window, 121.52, 31.28)
    panel = window.facts_panel
    qtbot.waitUntil(lambda: panel.current_hit is not None)
    assert panel.current_hit.layer.kind == "notes"
    qtbot.mouseClick(panel.note_buttons["resolve"], Qt.LeftButton)
    assert NoteStore().get(note.id).status == "resolved"
    assert panel.current_hit is not None and panel.current_hit.properties["status"] == "resolved"
    assert panel.note_buttons["reopen"].isVisibleTo(panel)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    qtbot.mouseClick(panel.note_buttons["delete"], Qt.LeftButton)
    assert NoteStore().list() == []
    assert window.project.layer("notes").feature_count == 0


def test_notes_survive_quit_and_restart_without_duplicates(qtbot, window):
    from yangpu_gis.ui.app import last_session
    from yangpu_gis.ui.main_window import MainWindow

    NoteStore().add("Keep the old plane trees", "Chen", 121.53, 31.29, site_id=None)
    window.notes.refresh_layer()
    window.close()
    project, warnings = last_session()
    assert warnings == []
    again = MainWindow(project)
    qtbot.addWidget(again)
    assert [layer.id for layer in again.project.layers].count("notes") == 1
    assert again.project.layer("notes").feature_count == 1


def test_a_corrupt_notes_file_is_set_aside_and_the_app_opens(qtbot, tmp_path):
    from yangpu_gis.model.project import Project
    from yangpu_gis.model.user_data import notes_path
    from yangpu_gis.ui.main_window import MainWindow

    path = notes_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a geopackage at all")
    win = MainWindow(Project.with_embedded_map())
    qtbot.addWidget(win)
    win.show()
    assert "corrupt" in win.message_bar.text or "set aside" in win.message_bar.text
    kept = list(path.parent.glob("notes.corrupt-*.gpkg"))
    assert kept and kept[0].read_bytes() == b"this is not a geopackage at all"
    assert win.notes.store is not None  # a fresh store works
    assert win.notes.store.add("Works again", "Sun", 121.5, 31.3).id > 0


def test_export_notes_keeps_chinese_text(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    NoteStore().add("滨江步道照明不足", "刘", 121.53, 31.26, category="安全")
    for suffix in ("geojson", "csv"):
        out = tmp_path / f"notes.{suffix}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, o=out, **k: (str(o), "")))
        window.export_notes_action.trigger()
        if suffix == "geojson":
            doc = json.loads(out.read_text(encoding="utf-8"))
            assert doc["features"][0]["properties"]["text"] == "滨江步道照明不足"
        else:
            rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
            assert rows[0]["text"] == "滨江步道照明不足" and rows[0]["category"] == "安全"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_notes_are_in_html_and_pdf_exports(window, tmp_path):
    from yangpu_gis.export.html import export_html
    from yangpu_gis.export.image import export_image

    NoteStore().add("Fence blocks the river view", "Gao", 121.535, 31.262)
    window.notes.refresh_layer()
    html = tmp_path / "map.html"
    export_html(window.project.layers, html)
    assert "Fence blocks the river view" in html.read_text(encoding="utf-8")
    pdf = tmp_path / "map.pdf"
    export_image(window.project.layers, pdf, paper="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Review notes" in text  # the notes layer is in the legend
