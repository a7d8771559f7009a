"""The app's Export image action: file dialog, options dialog, and the page it writes."""

import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog

from yangpu_gis.export.image import DEFAULT_TITLE
from yangpu_gis.ui.export_image_dialog import ExportImageDialog, with_suffix

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils")

CHANGBAI = (121.515, 31.285, 121.545, 31.305)


def choose_file(monkeypatch, path, chosen_filter):
    calls = []

    def fake_dialog(parent, caption, folder, filters, **options):
        calls.append(filters)
        return str(path), chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    return calls


def answer_options(monkeypatch, *, title=None, paper=None, orientation=None, accept=True):
    shown = []

    def fake_exec(dialog):
        shown.append(dialog)
        if title is not None:
            dialog.title_edit.setText(title)
        if paper is not None:
            dialog.paper.setCurrentText(paper)
        if orientation is not None:
            dialog.orientation.setCurrentIndex(dialog.orientation.findData(orientation))
        return QDialog.Accepted if accept else QDialog.Rejected

    monkeypatch.setattr(ExportImageDialog, "exec", fake_exec)
    return shown


def pdf_facts(path) -> tuple[tuple[float, float], str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Page size:\s*([\d.]+) x ([\d.]+) pts", info)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return (float(match.group(1)), float(match.group(2))), text


def scale_on_page(text: str) -> int:
    return int(re.search(r"Scale 1:([\d,]+)", text).group(1).replace(",", ""))


def test_export_image_action_writes_an_a3_portrait_pdf_of_the_current_view(
    qtbot, window, tmp_path, monkeypatch
):
    whole = tmp_path / "whole.pdf"
    choose_file(monkeypatch, whole, "PDF document (*.pdf)")
    answer_options(monkeypatch)
    window.export_image_action.trigger()
    (width, height), whole_text = pdf_facts(whole)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape by default
    assert "Yangpu District, Shanghai" in whole_text

    window.canvas.zoom_to_wgs84(CHANGBAI)
    out = tmp_path / "changbai.pdf"
    calls = choose_file(monkeypatch, out, "PDF document (*.pdf)")
    shown = answer_options(
        monkeypatch, title="长白新村 Changbai review", paper="A3", orientation="portrait"
    )
    window.export_image_action.trigger()
    assert "*.pdf" in calls[0] and "*.png" in calls[0]
    assert len(shown) == 1 and shown[0].is_pdf
    (width, height), text = pdf_facts(out)
    assert (round(width), round(height)) == (842, 1191)
    assert "长白新村 Changbai review" in text
    # The zoomed view prints at a larger scale (smaller 1:N) than the whole district.
    assert scale_on_page(text) < scale_on_page(whole_text) / 2
    assert "Exported" in window.statusBar().currentMessage()


def test_a_png_without_suffix_gets_the_chosen_type_and_cancel_writes_nothing(
    qtbot, window, tmp_path, monkeypatch
):
    choose_file(monkeypatch, tmp_path / "cancelled", "PNG image (*.png)")
    answer_options(monkeypatch, accept=False)
    window.export_image_action.trigger()
    assert list(tmp_path.glob("cancelled*")) == []

    choose_file(monkeypatch, tmp_path / "riverside", "PNG image (*.png)")
    shown = answer_options(monkeypatch)
    window.export_image_action.trigger()
    assert not shown[0].is_pdf
    from PySide6.QtGui import QImage

    image = QImage(str(tmp_path / "riverside.png"))
    assert (image.width(), image.height()) == (1600, 1000)


def test_an_unwritable_place_gives_a_message_not_a_crash(qtbot, window, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(
        window.message_bar,
        "show_message",
        lambda text, level="info", **kw: messages.append((text, level)),
    )
    choose_file(monkeypatch, tmp_path / "no-such-folder" / "map.pdf", "PDF document (*.pdf)")
    answer_options(monkeypatch)
    window.export_image_action.trigger()
    assert len(messages) == 1 and messages[0][1] == "error"
    assert "Could not export" in messages[0][0] and "does not exist" in messages[0][0]


def test_options_dialog(qtbot):
    pdf = ExportImageDialog(True)
    qtbot.addWidget(pdf)
    assert pdf.title_edit.text() == DEFAULT_TITLE
    pdf.paper.setCurrentText("A3")
    pdf.orientation.setCurrentIndex(pdf.orientation.findData("portrait"))
    assert pdf.options().export_arguments() == {
        "title": DEFAULT_TITLE,
        "paper": "A3",
        "orientation": "portrait",
        "dpi": 300,
    }
    ok = pdf.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
    pdf.title_edit.setText("  ")
    assert not ok.isEnabled()
    qtbot.keyClicks(pdf.title_edit, "Yangpu")  # typed: ASCII only
    assert ok.isEnabled()

    png = ExportImageDialog(False)
    qtbot.addWidget(png)
    png.show()
    assert png.paper.isHidden() and png.orientation.isHidden()
    assert "paper" not in png.options().export_arguments()


@pytest.mark.parametrize(
    "path, chosen, expected",
    [
        ("/x/map", "PDF document (*.pdf)", "/x/map.pdf"),
        ("/x/map", "PNG image (*.png)", "/x/map.png"),
        ("/x/map.PDF", "PNG image (*.png)", "/x/map.PDF"),
        ("/x/map.v2", "PDF document (*.pdf)", "/x/map.v2.pdf"),
    ],
)
def test_the_suffix_follows_the_chosen_type_when_missing(path, chosen, expected):
    assert with_suffix(path, chosen) == expected


def test_the_wait_cursor_is_restored_after_an_export(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    choose_file(monkeypatch, tmp_path / "map.png", "PNG image (*.png)")
    answer_options(monkeypatch)
    window.export_image_action.trigger()
    assert (tmp_path / "map.png").exists()
    assert (
        QApplication.overrideCursor() is None
        or QApplication.overrideCursor().shape() != Qt.WaitCursor
    )
