"""The built-in street style for vector basemaps (OpenMapTiles layer names and classes,
which `basemap build` writes too; Shortbread's names are mapped onto them).

Plain data: colours and widths per layer and class, and from which zoom each shows.
Widths are in pixels of a 256 px tile and grow with the zoom as web street maps do.
"""

from __future__ import annotations

from dataclasses import dataclass

LAND = "#f2efe9"
WATER = "#aad3df"
WATER_LINE = "#8fc1d6"
GREEN = {
    "park": "#c8facc",
    "grass": "#cdebb0",
    "wood": "#add19e",
    "forest": "#add19e",
    "cemetery": "#aacbaf",
    "pitch": "#aae0cb",
    "garden": "#cdebb0",
    "scrub": "#c8d7ab",
    "farmland": "#eef0d5",
}
BUILDING = "#d9d0c9"
BUILDING_LINE = "#c4b6ab"
CASING = "#b8b0a6"
TEXT = "#333333"
HALO = "#ffffff"
WATER_TEXT = "#3d6b8c"


@dataclass(frozen=True)
class Road:
    colour: str
    width: float  # at zoom 16, pixels of a 256 px tile
    min_zoom: int
    cased: bool = True
    dashed: bool = False


ROADS = {
    "motorway": Road("#e892a2", 7.0, 5),
    "trunk": Road("#f9b29c", 6.5, 6),
    "primary": Road("#fcd6a4", 6.0, 8),
    "secondary": Road("#f7fabf", 5.5, 9),
    "tertiary": Road("#ffffff", 5.0, 11),
    "minor": Road("#ffffff", 3.5, 13),
    "service": Road("#ffffff", 2.0, 14),
    "track": Road("#b5a68d", 1.2, 14, cased=False, dashed=True),
    "path": Road("#fa8072", 1.0, 15, cased=False, dashed=True),
}
RAIL = {"rail": ("#707070", 2.0, 10), "transit": ("#8a6fb0", 2.0, 11)}

# Shortbread (and others) say the same things under other names.
LAYER_ALIASES = {
    "streets": "transportation",
    "street_labels": "transportation_name",
    "water_polygons": "water",
    "water_lines": "waterway",
    "land": "landcover",
    "buildings": "building",
    "place_labels": "place",
    "roads": "transportation",
}
CLASS_ALIASES = {
    "residential": "minor",
    "unclassified": "minor",
    "living_street": "minor",
    "motorway_link": "motorway",
    "trunk_link": "trunk",
    "primary_link": "primary",
    "secondary_link": "secondary",
    "tertiary_link": "tertiary",
    "footway": "path",
    "cycleway": "path",
    "pedestrian": "path",
    "steps": "path",
    "subway": "transit",
    "light_rail": "transit",
    "tram": "transit",
    "monorail": "transit",
    "narrow_gauge": "rail",
}


def road_width(road: Road, z: int) -> float:
    """Roads thin out by a factor of about 1.5 per zoom below 16, thicken above it."""
    return max(0.6, road.width * 1.5 ** (z - 16))


def road_class(props: dict) -> str | None:
    cls = props.get("class") or props.get("kind") or props.get("highway")
    if cls is None:
        return None
    cls = CLASS_ALIASES.get(str(cls), str(cls))
    return cls


def label_text(props: dict) -> str | None:
    """The Chinese name, and the English one below it where both exist and differ."""
    zh = props.get("name:zh") or props.get("name_zh") or props.get("name")
    en = props.get("name:en") or props.get("name_en")
    if zh and en and en != zh:
        return f"{zh}\n{en}"
    return zh or en or None
