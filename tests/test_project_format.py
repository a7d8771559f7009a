"""The project and session format: versioned, checked field by field, bounded on reading,
unknown keys kept; every message names the file."""

from __future__ import annotations

import json
import os

import pytest

from yangpu_gis.model import project_format
from yangpu_gis.model.embedded import EMBEDDED_LAYERS
from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.project import Project

EMBEDDED_IDS = [spec.name for spec in EMBEDDED_LAYERS]


def write(path, doc) -> None:
    path.write_text(json.dumps(doc), encoding="utf-8")


def ids(project) -> list[str]:
    return [layer.id for layer in project.layers]


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("id", ["x"], "“id” must be text"),
        ("title", 123, "“title” must be text"),
        ("visible", "false", "“visible” must be true or false, not 'false'"),
        ("visible", 0, "“visible” must be true or false"),
        ("opacity", "half", "“opacity” must be a number from 0 to 1"),
        ("opacity", True, "“opacity” must be a number from 0 to 1"),
        ("source", {"path": "x"}, "“source” must be text"),
        ("source", "", "“source” must be text"),
        ("source_layer", 5, "“source_layer” must be text"),
        ("declared_crs", [4326], "“declared_crs” must be text"),
        ("kind", 7, "“kind” must be text"),
        ("style", [1, 2], "“style” must be an object"),
    ],
)
def test_a_field_of_the_wrong_type_leaves_the_layer_out_naming_the_field_and_file(
    project, tmp_path, field, value, said
):
    doc = project.to_dict()
    doc["layers"][1][field] = value  # the river
    path = tmp_path / "plan.ygis.json"
    write(path, doc)
    loaded, report = Project.load(path)
    assert ids(loaded) == ["districts", "riverside", "sites"]
    assert len(report.warnings) == 1 and report.damaged
    assert report.warnings[0].startswith("plan.ygis.json: layer 2")
    assert said in report.warnings[0]


def test_visible_false_as_text_is_never_read_as_true(project, tmp_path):
    doc = project.to_dict()
    doc["layers"][0]["visible"] = "false"
    path = tmp_path / "plan.json"
    write(path, doc)
    loaded, _ = Project.load(path)
    assert "districts" not in ids(loaded)


def test_unknown_keys_are_kept_on_load_and_written_back_on_save(project, tmp_path):
    doc = project.to_dict()
    doc["basemap"] = {"source": "osm", "opacity": 0.6}
    doc["layers"][3]["label_rules"] = [{"field": "name_zh", "size": 14}]
    path = tmp_path / "plan.json"
    write(path, doc)
    loaded, report = Project.load(path)
    assert report.warnings == []
    loaded.update_layer("sites", opacity=0.5)
    loaded.save(path)
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["basemap"] == {"source": "osm", "opacity": 0.6}
    sites = next(entry for entry in again["layers"] if entry["id"] == "sites")
    assert sites["label_rules"] == [{"field": "name_zh", "size": 14}]
    assert sites["opacity"] == 0.5  # known keys are this version's


def test_a_newer_version_loads_with_a_warning_naming_the_version(project, tmp_path):
    doc = project.to_dict()
    doc["version"] = 7
    doc["layers"][0]["blend_mode"] = "multiply"
    path = tmp_path / "from-the-future.ygis.json"
    write(path, doc)
    loaded, report = Project.load(path)
    assert ids(loaded) == EMBEDDED_IDS
    assert len(report.warnings) == 1 and not report.damaged
    assert "from-the-future.ygis.json" in report.warnings[0]
    assert "version 7" in report.warnings[0]
    loaded.save(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["layers"][0]["blend_mode"] == "multiply"


@pytest.mark.parametrize("version", ["2", 0, -1, True, 1.5, None])
def test_a_version_that_is_not_a_positive_number_is_refused(project, tmp_path, version):
    doc = project.to_dict()
    doc["version"] = version
    path = tmp_path / "odd.json"
    write(path, doc)
    with pytest.raises(LoadError, match=r"^odd\.json: .*version"):
        Project.load(path)


@pytest.mark.parametrize("where", ["layers", "ui_state", "top"])
def test_deep_nesting_gives_a_clear_message_not_a_recursion_error(project, tmp_path, where):
    deep = "[" * 100_000 + "]" * 100_000
    doc = json.dumps(project.to_dict())
    if where == "top":
        text = deep
    elif where == "layers":
        text = doc.replace('"layers": [', '"layers": [' + deep + ", ", 1)
    else:
        text = doc.replace('"ui_state": {}', '"ui_state": {"x": ' + deep + "}", 1)
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        Project.load(path)
    message = str(info.value)
    assert message.startswith("deep.json: ")
    assert "nested too deeply" in message or "not a Yangpu GIS project" in message


def test_moderately_deep_nesting_past_the_limit_is_refused(project, tmp_path):
    doc = project.to_dict()
    value: list = []
    for _ in range(project_format.MAX_DEPTH + 5):
        value = [value]
    doc["ui_state"] = {"x": value}
    path = tmp_path / "deep.json"
    write(path, doc)
    with pytest.raises(LoadError, match=r"^deep\.json: nested too deeply"):
        Project.load(path)


def test_a_huge_file_is_refused_by_its_size_without_reading_it(tmp_path):
    path = tmp_path / "huge.ygis.json"
    with open(path, "wb") as file:  # sparse: big on paper, nothing on disk
        file.truncate(project_format.MAX_BYTES + 1)
    with pytest.raises(LoadError, match=r"^huge\.ygis\.json: .*too big for a project file"):
        Project.load(path)


def test_a_folder_or_a_fifo_is_refused_at_once(tmp_path):
    folder = tmp_path / "folder.ygis.json"
    folder.mkdir()
    with pytest.raises(LoadError, match=r"^folder\.ygis\.json: is a folder"):
        Project.load(folder)
    fifo = tmp_path / "pipe.ygis.json"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match=r"^pipe\.ygis\.json: .*named pipe"):
        Project.load(fifo)


def test_a_view_extent_with_text_or_booleans_is_reported(project, tmp_path):
    doc = project.to_dict()
    doc["view_extent"] = [True, 31.2, 121.6, 31.4]
    path = tmp_path / "view.json"
    write(path, doc)
    loaded, report = Project.load(path)
    assert report.damaged and report.warnings[0].startswith("view.json: the saved view")
