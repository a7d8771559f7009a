"""The app's save and export dialogs: the suffix is added to a bare name, and replacing a
file is asked first (the name with the added suffix included)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox


@pytest.fixture
def typed(monkeypatch):
    """What the planner types in the save dialog; records the dialog's calls."""
    calls = []
    answer = {}

    def fake_dialog(*args, **kwargs):
        calls.append((args, kwargs))
        return answer["path"], answer.get("filter", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))

    def set_answer(path, chosen_filter=""):
        answer.update(path=str(path), filter=chosen_filter)
        return calls

    return set_answer


@pytest.fixture
def replace_answers(monkeypatch):
    """Answers given to 'Replace file?', in order; records the questions asked."""
    asked, answers = [], []

    def fake_question(parent, title, text, *args):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(fake_question))
    return asked, answers


def test_a_project_saved_as_plan_becomes_plan_ygis_json(window, tmp_path, typed):
    calls = typed(tmp_path / "plan")
    assert window.save_project_as()
    saved = tmp_path / "plan.ygis.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["layers"]
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["plan.ygis.json"]
    # Qt's own question would have been about "plan", not the file written.
    assert calls[0][1]["options"] & QFileDialog.Option.DontConfirmOverwrite


def test_an_html_map_saved_as_map_becomes_map_html(window, tmp_path, typed):
    typed(tmp_path / "map")
    window.export_html_dialog()
    assert (tmp_path / "map.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not (tmp_path / "map").exists()


def test_replacing_a_file_is_asked_and_no_keeps_it(window, tmp_path, typed, replace_answers):
    asked, answers = replace_answers
    old = tmp_path / "map.html"
    old.write_bytes(b"an earlier map")
    typed(tmp_path / "map")  # the suffix is added, and then the question is asked
    answers.append(QMessageBox.StandardButton.No)
    window.export_html_dialog()
    assert len(asked) == 1 and "map.html" in asked[0]
    assert old.read_bytes() == b"an earlier map"
    answers.append(QMessageBox.StandardButton.Yes)
    window.export_html_dialog()
    assert old.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_new_name_is_not_asked_about(window, tmp_path, typed, replace_answers):
    asked, _ = replace_answers
    typed(tmp_path / "notes", "CSV for Excel (*.csv)")
    window.export_notes_dialog()
    assert (tmp_path / "notes.csv").exists() and asked == []


def test_a_project_is_not_saved_over_an_open_layer(window, tmp_path, typed, replace_answers, qtbot):
    data = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"name": "p"},
                    "geometry": {"type": "Point", "coordinates": [121.5, 31.3]},
                }
            ],
        }
    ).encode()
    source = tmp_path / "plots.json"
    source.write_bytes(data)
    count = len(window.project.layers)
    window.open_files([str(source)])
    qtbot.waitUntil(lambda: len(window.project.layers) > count, timeout=20_000)
    typed(source)
    replace_answers[1].append(QMessageBox.StandardButton.Yes)  # even when the planner says replace
    assert not window.save_project_as()
    assert source.read_bytes() == data
    assert "files being read" in window.message_bar.text
