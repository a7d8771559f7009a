"""A basemap layer in a project or session file: its spec under the "basemap" key.

Kept apart from model.project so the project file code only calls these two functions.
"""

from __future__ import annotations

from yangpu_gis.model.basemap.layer import basemap_layer, is_basemap, spec_of
from yangpu_gis.model.basemap.spec import BasemapError, BasemapSpec

KEY = "basemap"


def basemap_entry(layer) -> dict:
    """The extra fields a project file keeps for a layer: the spec of a basemap, else none."""
    return {KEY: spec_of(layer).to_dict()} if is_basemap(layer) else {}


def basemap_from_entry(entry: dict):
    """The basemap layer saved in a project entry, or None if the entry is not a basemap.

    A missing file is not an error here: the layer is kept, and drawing it says what is
    wrong, so a planner whose drive is not mounted does not lose the choice."""
    if entry.get("kind") != "basemap":
        return None
    try:
        spec = BasemapSpec.from_dict(entry.get(KEY))
    except BasemapError as exc:
        raise ValueError(str(exc)) from None
    return basemap_layer(spec, layer_id=entry.get("id") or None)
