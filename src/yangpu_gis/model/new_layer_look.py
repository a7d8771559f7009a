"""How a newly opened layer first looks: a colour of its own and a label field.

Every file the planner opens gets the next colour of a colour-blind-safe palette
(model.colours.LAYER_PALETTE) that is not near any colour already on the map (the
embedded layers', their categories', and earlier files'), and is labelled by the first
name-like field it has (when it has at most AUTO_LABEL_MAX_FEATURES features). Both can be changed in the style editor; a layer opened from a
project keeps the look saved there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from yangpu_gis.model.colours import darker, most_distinct
from yangpu_gis.model.layer import Layer, LayerKind
from yangpu_gis.model.style import Style

# Exact names first, in this order (Chinese before English: the planners' own files are
# labelled in Chinese); then any field ending in 名称 / 名 / name.
LABEL_FIELDS = (
    "名称",
    "名字",
    "地名",
    "项目名称",
    "地块名称",
    "name_zh",
    "name",
    "Name",
    "NAME",
    "name_en",
    "标题",
    "title",
    "Title",
    "TITLE",
)
_NAME_LIKE = re.compile(r"(名称|名字|地名|[_ ]?name)$", re.IGNORECASE)
# Bigger layers (building footprints, parcels of a whole city) are not labelled unasked:
# their labels would crowd the map and reading their names slows every first frame.
AUTO_LABEL_MAX_FEATURES = 10_000
FILL_OPACITY = 0.55
LINE_WIDTH = 2.0


def label_field_for(columns: Iterable[str]) -> str | None:
    """The field a layer of these columns is labelled by: a name-like one, else None."""
    columns = [str(c) for c in columns]
    exact = next((name for name in LABEL_FIELDS if name in columns), None)
    if exact is not None:
        return exact
    return next((c for c in columns if _NAME_LIKE.search(c)), None)


def colours_of(style: Style) -> list[str]:
    """Every colour a style draws with."""
    colours = [style.fill, style.stroke, *(colour for _, colour in style.categories)]
    if style.graduated is not None:
        colours += list(style.graduated.colours)
    return [c for c in colours if c is not None]


def new_layer_style(layer: Layer, others: Sequence[Layer]) -> Style:
    """The style a just-opened layer starts with, beside the layers already there."""
    taken = [
        c for other in others if other.kind != LayerKind.BASEMAP for c in colours_of(other.style)
    ]
    colour = most_distinct(taken)
    label = label_field_for(layer.column_names) if _labelled_unasked(layer) else None
    if layer.geometry_type == "LineString":
        # Big line layers keep one-pixel lines, which Qt draws several times faster.
        width = LINE_WIDTH if _feature_count(layer) <= AUTO_LABEL_MAX_FEATURES else 1.0
        return Style(fill=None, stroke=colour, stroke_width=width, label_field=label)
    return Style(
        fill=colour,
        fill_opacity=FILL_OPACITY if layer.geometry_type != "Point" else 0.9,
        stroke=darker(colour),
        stroke_width=1.0,  # a 1 px outline keeps the fast drawing path for big layers
        label_field=label,
    )


def _labelled_unasked(layer: Layer) -> bool:
    """Small layers only: a big one's labels would read its names for every frame (a
    PostGIS table's from the server, while its view may hold fewer rows than it has)."""
    return _feature_count(layer) <= AUTO_LABEL_MAX_FEATURES


def _feature_count(layer: Layer) -> int:
    # A database layer holds one view at a time: its table's count is what it shows.
    return max(layer.feature_count, int(layer.info.get("feature_count") or 0))


def give_new_looks(new: Sequence[Layer], existing: Sequence[Layer]) -> None:
    """Style each new layer in turn, each distinct from those before it."""
    seen = list(existing)
    for layer in new:
        if layer.kind == LayerKind.USER:
            layer.style = new_layer_style(layer, seen)
        seen.append(layer)
