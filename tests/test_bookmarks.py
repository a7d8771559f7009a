"""model.bookmarks in project files: written, read back, unknown keys kept, damage reported."""

import json

from yangpu_gis.model.bookmarks import Bookmark, unique_name
from yangpu_gis.model.project import Project


def test_saved_and_read_back_with_unknown_keys_kept(tmp_path):
    project = Project()
    project.set_bookmarks([Bookmark("长白社区", (121.52, 31.28, 121.53, 31.29))])
    path = tmp_path / "p.ygis.json"
    project.save(path)
    doc = json.loads(path.read_text("utf-8"))
    doc["bookmarks"][0]["colour"] = "#ff0000"  # a newer version's key
    doc["bookmarks"].append({"name": "", "extent": [1, 2, 3, 4]})
    doc["bookmarks"].append({"name": "bad", "extent": [3, 2, 1, 4]})
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    again, report = Project.load(path)
    assert [b.name for b in again.bookmarks] == ["长白社区"]
    assert again.bookmarks[0].extent == (121.52, 31.28, 121.53, 31.29)
    assert report.damaged
    assert any("bookmark 2 was left out" in w for w in report.warnings)
    assert any("bookmark 3 was left out" in w for w in report.warnings)
    again.save(path)
    assert json.loads(path.read_text("utf-8"))["bookmarks"][0]["colour"] == "#ff0000"


def test_not_a_list_is_reported_and_nothing_else_lost(tmp_path):
    path = tmp_path / "p.ygis.json"
    Project().save(path)
    doc = json.loads(path.read_text("utf-8"))
    doc["bookmarks"] = "oops"
    path.write_text(json.dumps(doc), "utf-8")
    again, report = Project.load(path)
    assert again.bookmarks == ()
    assert report.damaged


def test_unique_names():
    marks = [Bookmark("A", (0, 0, 1, 1)), Bookmark("A (2)", (0, 0, 1, 1))]
    assert unique_name("A", marks) == "A (3)"
    assert unique_name("B", marks) == "B"
    assert unique_name("A", marks, ignore=0) == "A"
