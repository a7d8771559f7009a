"""`basemap build`: an OpenStreetMap extract (.osm.pbf or .osm XML) into an offline basemap.

The output is an MBTiles file of MVT vector tiles (zooms 10 to 16 by default) in the
OpenMapTiles layer schema: transportation (roads by class, rail), transportation_name,
water, waterway, landcover (parks, green), building and place, with each feature's
name, name:zh and name:en. The app draws it with its built-in street style at any zoom
(closer than the last zoom its tiles are scaled, and stay sharp, being vectors).

GDAL's OSM driver (through pyogrio) reads both PBF and XML. Only the area asked for is
kept: Yangpu and a margin unless --bbox says otherwise. The file is written beside its
destination and moved into place when whole (model.atomic_file).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely

from yangpu_gis.model.basemap import tilemath

YANGPU_BOX = (121.478, 31.240, 121.577, 31.352)
MARGIN_DEG = 0.02
MIN_ZOOM, MAX_ZOOM = 10, 16
EXTENT = 4096
BUFFER_PX = 8  # of 256: features are clipped a little beyond the tile so edges join
SUFFIXES = (".osm.pbf", ".pbf", ".osm")
ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"
_TAG = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')

# From which zoom a class is kept in the tiles (the style draws from these zooms too).
ROAD_ZOOM = {
    "motorway": 10,
    "trunk": 10,
    "primary": 10,
    "secondary": 11,
    "tertiary": 12,
    "minor": 13,
    "service": 14,
    "track": 14,
    "path": 15,
    "rail": 10,
    "transit": 11,
}
ROAD_CLASSES = {
    "residential": "minor",
    "unclassified": "minor",
    "living_street": "minor",
    "road": "minor",
    "footway": "path",
    "cycleway": "path",
    "pedestrian": "path",
    "steps": "path",
    "bridleway": "path",
}
GREEN_TAGS = {
    ("leisure", "park"): "park",
    ("leisure", "garden"): "garden",
    ("leisure", "pitch"): "pitch",
    ("landuse", "grass"): "grass",
    ("landuse", "forest"): "forest",
    ("landuse", "cemetery"): "cemetery",
    ("landuse", "recreation_ground"): "park",
    ("landuse", "village_green"): "grass",
    ("landuse", "farmland"): "farmland",
    ("natural", "wood"): "wood",
    ("natural", "scrub"): "scrub",
}


class BuildError(ValueError):
    """A bad extract or request; one line for the planner."""


@dataclass(frozen=True)
class BuildReport:
    path: str
    tiles: int
    features: int
    min_zoom: int
    max_zoom: int
    bbox: tuple[float, float, float, float]


def default_bbox() -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = YANGPU_BOX
    return (x0 - MARGIN_DEG, y0 - MARGIN_DEG, x1 + MARGIN_DEG, y1 + MARGIN_DEG)


def build_basemap(
    extract,
    out_path,
    *,
    bbox=None,
    min_zoom: int = MIN_ZOOM,
    max_zoom: int | None = None,
    progress: Callable[[str], None] = lambda _text: None,
) -> BuildReport:
    from yangpu_gis.model.atomic_file import atomic_output

    extract = os.fspath(extract)
    name = os.path.basename(extract)
    if not os.path.isfile(extract):
        raise BuildError(f"{extract}: no such file")
    if not extract.lower().endswith(SUFFIXES):
        raise BuildError(f"{name}: not an OpenStreetMap extract (give a .osm.pbf or .osm file)")
    max_zoom = MAX_ZOOM if max_zoom is None else max_zoom
    if not 0 <= min_zoom <= max_zoom <= 18:
        raise BuildError(f"zooms {min_zoom} to {max_zoom}: choose a closest zoom of 10 to 18")
    bbox = tuple(float(v) for v in (bbox or default_bbox()))
    layers = read_extract(extract, bbox, progress)
    count = sum(len(features) for features in layers.values())
    if count == 0:
        raise BuildError(f"{name}: no OpenStreetMap features inside {_bbox_text(bbox)}")
    with atomic_output(out_path, suffixes=(".mbtiles",), inputs=[extract], what="basemap") as tmp:
        tiles = _write_mbtiles(tmp, layers, bbox, min_zoom, max_zoom, progress)
    return BuildReport(os.fspath(out_path), tiles, count, min_zoom, max_zoom, bbox)


# --- reading --------------------------------------------------------------------------------


def read_extract(extract: str, bbox, progress) -> dict[str, list[tuple[object, dict, int]]]:
    """Features by output layer: (Web Mercator geometry, properties, first zoom)."""
    import pyogrio

    name = os.path.basename(extract)
    out: dict[str, list] = {
        k: []
        for k in (
            "transportation",
            "transportation_name",
            "water",
            "waterway",
            "landcover",
            "building",
            "place",
        )
    }
    for layer in ("lines", "multipolygons", "points"):
        progress(f"reading {name}: {layer}…")
        try:
            frame = pyogrio.read_dataframe(extract, layer=layer, bbox=bbox)
        except Exception as exc:  # pyogrio raises its own errors for unreadable data
            reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            raise BuildError(f"{name}: not a readable OpenStreetMap extract ({reason})") from None
        if frame.empty:
            continue
        geoms = _to_mercator(np.asarray(frame.geometry.values, dtype=object))
        records = frame.drop(columns=frame.geometry.name).to_dict("records")
        for geom, record in zip(geoms, records, strict=True):
            if geom is None or shapely.is_empty(geom):
                continue
            tags = _tags(record)
            for target, props, zoom in _classify(layer, tags):
                out[target].append((geom, props, zoom))
        progress(f"  {layer}: {len(frame)} read")
    return out


def _to_mercator(geoms: np.ndarray) -> np.ndarray:
    def project(xy: np.ndarray) -> np.ndarray:
        x, y = tilemath.lonlat_to_mercator(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, project)


def _tags(record: dict) -> dict:
    tags = {k: v for k, v in record.items() if isinstance(v, str) and v and k != "other_tags"}
    other = record.get("other_tags")
    if isinstance(other, str):
        for key, value in _TAG.findall(other):
            tags.setdefault(key, value.replace('\\"', '"'))
    return tags


def _names(tags: dict) -> dict:
    return {k: tags[k] for k in ("name", "name:zh", "name:en") if tags.get(k)}


def _classify(layer: str, tags: dict):
    names = _names(tags)
    if layer == "lines":
        highway, railway, waterway = tags.get("highway"), tags.get("railway"), tags.get("waterway")
        if highway:
            cls = ROAD_CLASSES.get(highway, highway.removesuffix("_link"))
            if cls in ROAD_ZOOM:
                yield "transportation", {"class": cls}, ROAD_ZOOM[cls]
                if names:
                    yield "transportation_name", {"class": cls, **names}, max(ROAD_ZOOM[cls], 13)
        elif railway in ("rail", "subway", "light_rail", "tram", "monorail", "narrow_gauge"):
            cls = "rail" if railway in ("rail", "narrow_gauge") else "transit"
            yield "transportation", {"class": cls, "subclass": railway}, ROAD_ZOOM[cls]
        elif waterway in ("river", "canal", "stream", "drain", "ditch"):
            yield "waterway", {"class": waterway, **names}, 10 if waterway == "river" else 13
    elif layer == "multipolygons":
        if tags.get("building"):
            yield "building", {}, 14
            return
        if (
            tags.get("natural") == "water"
            or tags.get("landuse") in ("reservoir", "basin")
            or tags.get("waterway") == "riverbank"
        ):
            yield "water", {"class": tags.get("water") or "lake"}, 10
            return
        for (key, value), cls in GREEN_TAGS.items():
            if tags.get(key) == value:
                yield (
                    "landcover",
                    {"class": cls, **names},
                    10 if cls in ("park", "wood", "forest") else 12,
                )
                return
    elif layer == "points":
        place = tags.get("place")
        if place and names:
            zoom = {"city": 10, "town": 10, "suburb": 11, "quarter": 13, "neighbourhood": 14}
            yield "place", {"class": place, **names}, zoom.get(place, 14)


# --- tiles ----------------------------------------------------------------------------------


def _write_mbtiles(path, layers, bbox, min_zoom, max_zoom, progress) -> int:
    import mapbox_vector_tile

    path = os.fspath(path)
    os.remove(path)  # atomic_output made it empty; SQLite makes its own
    db = sqlite3.connect(path)
    try:
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        db.execute(
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
            "tile_data BLOB)"
        )
        db.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
        indexes = {
            name: (shapely.STRtree([f[0] for f in features]), features)
            for name, features in layers.items()
            if features
        }
        written = 0
        for z in range(min_zoom, max_zoom + 1):
            tiles = tilemath.tiles_for_bounds(bbox, z)
            res = tilemath.resolution(z)
            in_zoom = 0
            for _, x, y in tiles:
                bounds = tilemath.tile_bounds(z, x, y)
                pad = BUFFER_PX * res
                box = (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
                content = []
                for name, (tree, features) in indexes.items():
                    found = []
                    for i in tree.query(shapely.box(*box)):
                        geom, props, first_zoom = features[i]
                        if z < first_zoom:
                            continue
                        clipped = shapely.clip_by_rect(geom, *box)
                        if z < 14:
                            clipped = shapely.simplify(clipped, res * 0.5)
                        if clipped.is_empty:
                            continue
                        found.append({"geometry": clipped, "properties": props})
                    if found:
                        content.append({"name": name, "features": found})
                if not content:
                    continue
                data = mapbox_vector_tile.encode(
                    content,
                    default_options={"quantize_bounds": bounds, "extents": EXTENT},
                )
                db.execute(
                    "INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, tilemath.tms_row(z, y), data)
                )
                in_zoom += 1
            written += in_zoom
            progress(f"zoom {z}: {in_zoom} tiles")
        lon = (bbox[0] + bbox[2]) / 2
        lat = (bbox[1] + bbox[3]) / 2
        meta = {
            "name": "OpenStreetMap basemap",
            "format": "pbf",
            "type": "baselayer",
            "minzoom": str(min_zoom),
            "maxzoom": str(max_zoom),
            "bounds": ",".join(f"{v:.6f}" for v in bbox),
            "center": f"{lon:.6f},{lat:.6f},{min(14, max_zoom)}",
            "attribution": ATTRIBUTION,
            "json": json.dumps({"vector_layers": [{"id": name, "fields": {}} for name in layers]}),
        }
        db.executemany("INSERT INTO metadata VALUES (?, ?)", list(meta.items()))
        db.commit()
    finally:
        db.close()
    return written


def _bbox_text(bbox) -> str:
    return ",".join(f"{v:g}" for v in bbox)
