"""The evented project: one event per kind of change, a read-only layer list, and
replace() swapping the whole content in place."""

from __future__ import annotations

import gc
import weakref

import pytest

from yangpu_gis.model.embedded import EMBEDDED_LAYERS, load_embedded_layer
from yangpu_gis.model.layer import Layer, LayerKind
from yangpu_gis.model.project import Project, Selection
from yangpu_gis.model.style import Style

EVENT_NAMES = (
    "layer_added",
    "layer_removed",
    "layer_moved",
    "layer_style_changed",
    "layer_visibility_changed",
    "layer_opacity_changed",
    "layer_renamed",
    "selection_changed",
    "replaced",
)


def record(project: Project) -> list[tuple]:
    events: list[tuple] = []
    for name in EVENT_NAMES:
        getattr(project.events, name).connect(lambda *args, n=name: events.append((n, *args)))
    return events


def ids(project: Project) -> list[str]:
    return [layer.id for layer in project.layers]


def test_the_layer_list_cannot_be_changed_from_outside(project):
    with pytest.raises(AttributeError):
        project.layers.append(project.layers[0])
    with pytest.raises(TypeError):
        project.layers[0] = project.layers[1]
    assert ids(project) == [spec.name for spec in EMBEDDED_LAYERS]


def test_add_remove_and_move_announce_the_layer_and_its_places(project):
    events = record(project)
    river = project.layer("river")
    removed = project.remove_layer("river")
    assert removed is river
    assert events == [("layer_removed", river, 1)]
    events.clear()
    project.add_layer(river, 0)
    assert events == [("layer_added", river, 0)]
    assert ids(project)[0] == "river"
    events.clear()
    project.move_layer("river", 3)
    assert events == [("layer_moved", river, 0, 3)]
    events.clear()
    project.move_layer("river", 3)  # where it is already: nothing moved
    assert events == []


def test_each_change_of_a_layer_has_its_own_event(project):
    events = record(project)
    sites = project.layer("sites")
    project.update_layer("sites", style=Style(fill="#123456"))
    project.update_layer("sites", visible=False)
    project.update_layer("sites", opacity=0.5)
    project.rename_layer("sites", "  Sites 地块  ")
    assert events == [
        ("layer_style_changed", sites),
        ("layer_visibility_changed", sites),
        ("layer_opacity_changed", sites),
        ("layer_renamed", sites),
    ]
    assert sites.title == "Sites 地块"
    events.clear()
    project.update_layer("sites", visible=False, opacity=0.5)  # unchanged: no event
    assert events == []
    with pytest.raises(ValueError):
        project.rename_layer("sites", "   ")
    assert sites.title == "Sites 地块"


def test_removing_the_selected_layer_clears_the_selection_first(project):
    project.select(Selection("sites", (0,)))
    events = record(project)
    sites = project.layer("sites")
    project.remove_layer("sites")
    assert events == [("selection_changed", None), ("layer_removed", sites, 3)]


def test_replace_layer_keeps_the_place(project):
    events = record(project)
    old = project.layer("river")
    new = load_embedded_layer(EMBEDDED_LAYERS[1])
    project.replace_layer("river", new)
    assert project.layers[1] is new and new.id == "river"
    assert events == [("layer_removed", old, 1), ("layer_added", new, 1)]


def test_replace_swaps_everything_in_place_and_lets_the_old_layers_go(project):
    other = Project([load_embedded_layer(EMBEDDED_LAYERS[3])])
    other.view_extent = (121.5, 31.25, 121.55, 31.3)
    other.select(Selection("sites", (1,)))
    other.extra = {"written_by": "a later version"}
    old_layers = [weakref.ref(layer) for layer in project.layers]
    events = record(project)
    coarse = []
    project.layers_changed.connect(lambda: coarse.append("layers"))
    project.replace(other)
    assert ids(project) == ["sites"]
    assert project.view_extent == (121.5, 31.25, 121.55, 31.3)
    assert project.selection == Selection("sites", (1,))
    assert project.extra == {"written_by": "a later version"}
    assert other.layers == () and other.selection is None
    assert [e[0] for e in events] == ["replaced", "selection_changed"]
    assert coarse == ["layers"]
    project.layers_changed.disconnect(project.layers_changed._slots[-1])
    gc.collect()
    assert all(ref() is None for ref in old_layers)


def test_kinds_say_what_is_drawn_above_the_labels(project):
    assert LayerKind.NOTES.drawn_above_labels
    assert not any(layer.drawn_above_labels for layer in project.layers)
    odd = Layer(id="x", title="x", data=project.layer("sites").data, kind="a later kind")
    assert odd.drawn_above_labels is False
    assert all(LayerKind(layer.kind).embedded for layer in project.layers)
