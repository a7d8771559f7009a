"""The project: layer order and signals, selection, and saving/loading project files."""

from __future__ import annotations

import json
import os
import stat
import sys

import pytest
from shapely.geometry import box, mapping

from yangpu_gis.model.embedded import EMBEDDED_LAYERS
from yangpu_gis.model.events import Signal
from yangpu_gis.model.io import LoadError, read_file
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import YANGPU_EXTENT, LayerLook, Project, Selection
from yangpu_gis.model.style import Style, categorised

EMBEDDED_IDS = [spec.name for spec in EMBEDDED_LAYERS]


class Recorder:
    """Connects to every project signal and records what was emitted, in order."""

    def __init__(self, project: Project) -> None:
        self.events: list[tuple] = []
        project.layers_changed.connect(lambda: self.events.append(("layers",)))
        project.layer_changed.connect(lambda layer: self.events.append(("layer", layer)))
        project.selection_changed.connect(lambda sel: self.events.append(("selection", sel)))


def ids(project: Project) -> list[str]:
    return [layer.id for layer in project.layers]


def write_parcels(path, names=("North parcel", "South parcel")):
    features = [
        {
            "type": "Feature",
            "properties": {"name": name, "code": i},
            "geometry": mapping(box(121.52, 31.28 - 0.01 * i, 121.53, 31.29 - 0.01 * i)),
        }
        for i, name in enumerate(names)
    ]
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    return path


def user_layer(path, layer_id="parcels") -> Layer:
    loaded = read_file(path)[0]
    return Layer(
        id=layer_id,
        title="Parcels 地块",
        data=loaded.data,
        source=loaded.path,
        source_layer=loaded.source_layer,
        info=loaded.info(),
    )


@pytest.fixture
def parcels_file(tmp_path):
    return write_parcels(tmp_path / "parcels.geojson")


# --- layers and signals ----------------------------------------------------------------------


def test_embedded_map_bottom_to_top(project):
    assert ids(project) == EMBEDDED_IDS
    assert project.view_extent == YANGPU_EXTENT
    assert project.visible_layers() == list(project.layers)
    assert project.layer("sites").kind == "site"
    with pytest.raises(KeyError):
        project.layer("nope")


def test_add_layer_emits_and_places(project, parcels_file):
    rec = Recorder(project)
    layer = user_layer(parcels_file)
    assert project.add_layer(layer) is layer
    assert ids(project)[-1] == "parcels"
    assert rec.events == [("layers",)]
    second = project.add_layer(user_layer(parcels_file, "bottom"), index=0)
    assert ids(project)[0] == "bottom" and second.id == "bottom"
    assert rec.events == [("layers",), ("layers",)]


def test_add_layer_with_a_taken_id_gets_a_new_one(project, parcels_file):
    project.add_layer(user_layer(parcels_file, "sites"))
    assert len(set(ids(project))) == len(project.layers)
    assert project.layers[-1].id.startswith("sites-")
    assert project.layer("sites").kind == "site"


def test_remove_layer_emits_and_clears_its_selection(project):
    rec = Recorder(project)
    project.select(Selection("sites", (0, 2)))
    project.remove_layer("sites")
    assert "sites" not in ids(project)
    assert project.selection is None
    assert rec.events == [
        ("selection", Selection("sites", (0, 2))),
        ("selection", None),
        ("layers",),
    ]
    with pytest.raises(KeyError):
        project.remove_layer("sites")
    assert rec.events[-1] == ("layers",) and len(rec.events) == 3


def test_remove_other_layer_keeps_the_selection(project):
    project.select(Selection("sites", (1,)))
    rec = Recorder(project)
    project.remove_layer("river")
    assert project.selection == Selection("sites", (1,))
    assert rec.events == [("layers",)]


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, ["sites", "districts", "river", "riverside"]),
        (2, ["districts", "river", "sites", "riverside"]),
        (99, ["districts", "river", "riverside", "sites"]),
        (-5, ["sites", "districts", "river", "riverside"]),
    ],
)
def test_move_layer(project, index, expected):
    rec = Recorder(project)
    project.move_layer("sites", index)
    assert ids(project) == expected
    assert rec.events == [("layers",)]


def test_move_unknown_layer_raises_and_emits_nothing(project):
    rec = Recorder(project)
    with pytest.raises(KeyError):
        project.move_layer("nope", 0)
    assert ids(project) == EMBEDDED_IDS and rec.events == []


def test_update_layer_emits_the_layer(project):
    rec = Recorder(project)
    river = project.layer("river")
    new_style = river.style.with_(fill="#000080")
    project.update_layer("river", style=new_style)
    project.update_layer("river", visible=False)
    project.update_layer("river", opacity=0.25)
    assert rec.events == [("layer", river)] * 3
    assert river.style == new_style and river.visible is False and river.opacity == 0.25
    assert project.visible_layers() == [
        project.layer(i) for i in ("districts", "riverside", "sites")
    ]


@pytest.mark.parametrize("opacity", [-0.1, 1.5, float("nan")])
def test_update_layer_rejects_bad_opacity_and_changes_nothing(project, opacity):
    rec = Recorder(project)
    river = project.layer("river")
    before = (river.style, river.visible, river.opacity)
    with pytest.raises(ValueError):
        project.update_layer(
            "river", style=river.style.with_(fill="#000000"), visible=False, opacity=opacity
        )
    assert (river.style, river.visible, river.opacity) == before
    assert rec.events == []


def test_selection_emits_only_on_change(project):
    rec = Recorder(project)
    project.select(Selection("sites", (1,)))
    project.select(Selection("sites", (1,)))
    project.select(None)
    project.select(None)
    assert rec.events == [("selection", Selection("sites", (1,))), ("selection", None)]


def test_signal_connect_disconnect_and_reentrancy():
    signal = Signal()
    seen = []

    def slot(value):
        seen.append(value)

    def once(value):
        seen.append(("once", value))
        signal.disconnect(once)  # disconnecting while emitting must not skip others

    signal.connect(once)
    signal.connect(slot)
    signal.connect(slot)  # connecting twice delivers once
    signal.emit(1)
    signal.emit(2)
    signal.disconnect(slot)
    signal.disconnect(slot)  # a second disconnect is harmless
    signal.emit(3)
    assert seen == [("once", 1), 1, 2]


# --- save and load ---------------------------------------------------------------------------


def customise(project: Project, parcels_file) -> None:
    project.add_layer(user_layer(parcels_file))
    project.move_layer("parcels", 1)
    sites = project.layer("sites")
    project.update_layer(
        "sites", style=categorised(sites.style, "category", sites.data["category"])
    )
    project.update_layer("river", visible=False)
    project.update_layer("districts", opacity=0.4)
    project.update_layer(
        "parcels",
        style=Style(fill=None, stroke="#123456", stroke_width=2.5, dashed=True, label_field="name"),
    )
    project.view_extent = (121.50, 31.27, 121.55, 31.31)
    project.ui_state = {"docks": {"layers": True, "facts": False}, "tab": "事实", "zoom": 3.5}


def test_save_load_round_trip(project, parcels_file, tmp_path):
    customise(project, parcels_file)
    path = tmp_path / "plan.yangpu.json"
    project.save(path)
    assert project.path == path

    loaded, report = Project.load(path)
    assert report.warnings == []
    assert loaded.path == path
    assert ids(loaded) == ids(project) == ["districts", "parcels", "river", "riverside", "sites"]
    for original, restored in zip(project.layers, loaded.layers, strict=True):
        assert restored.title == original.title
        assert restored.style == original.style
        assert restored.visible == original.visible
        assert restored.opacity == original.opacity
        assert restored.source == original.source
        assert restored.feature_count == original.feature_count
        assert restored.data.geometry.geom_equals_exact(original.data.geometry, 1e-12).all()
    assert loaded.layer("sites").style.category_field == "category"
    assert loaded.layer("river").visible is False
    assert loaded.layer("districts").opacity == 0.4
    assert list(loaded.layer("parcels").data["name"]) == ["North parcel", "South parcel"]
    assert loaded.view_extent == (121.50, 31.27, 121.55, 31.31)
    assert loaded.ui_state == project.ui_state


def test_saved_file_is_readable_json_with_the_format_marker(project, parcels_file, tmp_path):
    customise(project, parcels_file)
    path = tmp_path / "plan.json"
    project.save(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "yangpu-gis-project" and doc["version"] == 1
    assert "事实" in path.read_text(encoding="utf-8")  # written as UTF-8, not escaped
    sources = {entry["id"]: entry["source"] for entry in doc["layers"]}
    assert sources["sites"] == "embedded:sites"
    assert os.path.isabs(sources["parcels"])


def test_relative_source_is_saved_absolute(project, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    write_parcels(data_dir / "parcels.geojson")
    monkeypatch.chdir(data_dir)
    project.add_layer(user_layer("parcels.geojson"))
    assert project.layer("parcels").source == "parcels.geojson"
    project.save(tmp_path / "plan.json")
    monkeypatch.chdir(tmp_path)  # opened later from elsewhere
    loaded, report = Project.load(tmp_path / "plan.json")
    assert report.warnings == []
    assert loaded.layer("parcels").feature_count == 2


def test_source_relative_to_the_project_file_is_found(project, tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    folder.mkdir()
    write_parcels(folder / "parcels.geojson")
    doc = project.to_dict()
    doc["layers"].append({"id": "parcels", "title": "Parcels", "source": "parcels.geojson"})
    (folder / "plan.json").write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    loaded, report = Project.load(folder / "plan.json")
    assert report.warnings == []
    assert loaded.layer("parcels").feature_count == 2
    assert loaded.layer("parcels").source == str(folder / "parcels.geojson")


def test_missing_source_is_reported_and_the_rest_kept(project, parcels_file, tmp_path):
    customise(project, parcels_file)
    path = tmp_path / "plan.json"
    project.save(path)
    parcels_file.unlink()
    loaded, report = Project.load(path)
    assert ids(loaded) == ["districts", "river", "riverside", "sites"]
    assert len(report.warnings) == 1
    assert "Parcels 地块" in report.warnings[0]
    # What remains keeps its saved settings.
    assert loaded.layer("river").visible is False
    assert loaded.layer("districts").opacity == 0.4
    assert loaded.view_extent == project.view_extent


def test_unknown_embedded_layer_is_reported(project, tmp_path):
    doc = project.to_dict()
    doc["layers"].insert(0, {"id": "old", "title": "Old layer", "source": "embedded:metro"})
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    loaded, report = Project.load(path)
    assert ids(loaded) == EMBEDDED_IDS
    assert len(report.warnings) == 1 and "Old layer" in report.warnings[0]


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e.__setitem__("opacity", 7),
        lambda e: e.__setitem__("opacity", "half"),
        lambda e: e.__setitem__("style", {"fill": "red"}),
        lambda e: e.__setitem__("style", "red"),
        lambda e: e.__setitem__("source", 42),
    ],
)
def test_a_damaged_layer_entry_is_reported_and_the_rest_kept(project, tmp_path, damage):
    doc = project.to_dict()
    damage(doc["layers"][1])  # the river
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    loaded, report = Project.load(path)
    assert ids(loaded) == ["districts", "riverside", "sites"]
    assert len(report.warnings) == 1
    assert all(0.0 <= layer.opacity <= 1.0 for layer in loaded.layers)


def test_damaged_entries_view_and_ui_state_are_reported(project, tmp_path):
    doc = project.to_dict()
    doc["layers"].append("not a layer")
    doc["view_extent"] = ["west", 0, 1, 2]
    doc["ui_state"] = ["not", "a", "dict"]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    loaded, report = Project.load(path)
    assert ids(loaded) == EMBEDDED_IDS
    assert loaded.view_extent == YANGPU_EXTENT
    assert loaded.ui_state == {}
    assert len(report.warnings) == 3


def notes_layer_of(project, look: LayerLook | None = None) -> Layer:
    """A review-notes layer as the app builds it from the notes store, on top."""
    from yangpu_gis.model.notes import NoteStore

    layer = NoteStore().to_layer()
    if look is not None:
        look.apply_to(layer)
    project.add_layer(layer)
    return layer


def test_the_notes_look_is_saved_without_the_notes_and_loaded_back(project, tmp_path):
    purple = Style(
        fill="#6a3d9a",
        stroke="#ffffff",
        point_size=20.0,
        category_field="status",
        categories=(("open", "#6a3d9a"), ("resolved", "#b2df8a")),
    )
    notes_layer_of(project, LayerLook(title="评审意见", visible=False, opacity=0.5, style=purple))
    path = tmp_path / "plan.json"
    project.save(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert [entry["kind"] for entry in doc["layers"]].count("notes") == 0
    loaded, report = Project.load(path)
    assert report.warnings == []
    assert ids(loaded) == EMBEDDED_IDS  # the notes come from the notes store, not the file
    assert loaded.notes_look == LayerLook(
        title="评审意见", visible=False, opacity=0.5, style=purple
    )
    # Until the notes layer is on the map again, saving keeps the look it had.
    loaded.save(path)
    assert Project.load(path)[0].notes_look == loaded.notes_look


def test_a_project_without_notes_saves_no_notes_look(project, tmp_path):
    assert "notes_layer" not in project.to_dict()
    path = tmp_path / "plan.json"
    project.save(path)
    assert Project.load(path)[0].notes_look is None


@pytest.mark.parametrize(
    "damaged",
    [
        "hidden",
        ["visible", False],
        {"visible": "false"},
        {"visible": 0},
        {"title": 7},
        {"opacity": 1.5},
        {"opacity": "half"},
        {"opacity": True},
        {"opacity": float("nan")},
        {"style": "purple"},
        {"style": {"fill": "purple"}},
        {"style": {"point_size": -1}},
        {"style": {"categories": 5}},
        {"style": {"categories": [["open", "#ffb000", "x"]]}},
    ],
)
def test_a_damaged_notes_look_is_reported_and_left_out(project, tmp_path, damaged):
    notes_layer_of(project, LayerLook(visible=False))
    doc = project.to_dict()
    doc["notes_layer"] = damaged
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    loaded, report = Project.load(path)
    assert loaded.notes_look is None
    assert ids(loaded) == EMBEDDED_IDS and loaded.view_extent == project.view_extent
    assert len(report.warnings) == 1 and "review notes" in report.warnings[0]


def test_duplicate_ids_in_a_file_are_made_unique(project, tmp_path):
    doc = project.to_dict()
    doc["layers"].append(dict(doc["layers"][-1]))
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    loaded, _ = Project.load(path)
    assert len(loaded.layers) == 5 and len(set(ids(loaded))) == 5


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"type": "FeatureCollection", "features": []}),
        json.dumps({"format": "some-other-app", "layers": []}),
        json.dumps([1, 2, 3]),
        json.dumps("yangpu-gis-project"),
        json.dumps({"format": "yangpu-gis-project", "layers": {"a": 1}}),
    ],
)
def test_a_file_that_is_not_a_project_raises_load_error(tmp_path, content):
    path = tmp_path / "other.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        Project.load(path)
    assert "other.json" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "yangpu-gis-project", "layers": [',  # cut off mid-write
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"\xff\xfe{\x00}\x00",
        b"",
    ],
)
def test_a_corrupt_file_raises_load_error(tmp_path, content):
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(LoadError) as info:
        Project.load(path)
    assert "broken.json" in str(info.value)


def test_a_missing_project_file_raises_load_error(tmp_path):
    with pytest.raises(LoadError):
        Project.load(tmp_path / "nowhere.json")


# --- atomic saving ---------------------------------------------------------------------------


def saved_then_failing(project, tmp_path, monkeypatch, target: str):
    path = tmp_path / "plan.json"
    project.save(path)
    before = path.read_bytes()
    project.update_layer("river", visible=False)
    project.ui_state = {"changed": True}

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr({"os": os}[target.split(".")[0]], target.split(".")[1], fail)
    return path, before


@pytest.mark.parametrize("target", ["os.fsync", "os.replace"])
def test_failed_save_leaves_the_old_file_whole(project, tmp_path, monkeypatch, target):
    path, before = saved_then_failing(project, tmp_path, monkeypatch, target)
    project.path = None
    with pytest.raises(OSError):
        project.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"], "temporary file left behind"
    assert project.path is None
    loaded, _ = Project.load(path)
    assert loaded.layer("river").visible is True


def test_failure_while_writing_leaves_the_old_file_whole(project, tmp_path, monkeypatch):
    path = tmp_path / "plan.json"
    project.save(path)
    before = path.read_bytes()
    project.ui_state = {"big": "x" * 100_000}
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            return False

        def write(self, text):
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            raise OSError(5, "Input/output error")

        def __getattr__(self, name):
            return getattr(self.handle, name)

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(OSError):
        project.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_unserialisable_state_fails_before_touching_the_file(project, tmp_path):
    path = tmp_path / "plan.json"
    project.save(path)
    before = path.read_bytes()
    project.ui_state = {"not json": {1, 2}}
    with pytest.raises(TypeError):
        project.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_saved_file_permissions(project, tmp_path):
    path = tmp_path / "plan.json"
    old_umask = os.umask(0o022)
    try:
        project.save(path)
    finally:
        os.umask(old_umask)
    # Readable by colleagues like any new file, not private like a temporary one.
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o640)
    project.save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
