"""Planners' files, built in a temporary folder for the reading tests.

Every builder returns the path to open. Places are real Yangpu sites in WGS84, so the
expected WGS84 bounds are known exactly whatever CRS a file is written in.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import Transformer

from yangpu_gis.model import chinese_crs

# (name, longitude, latitude) in WGS84.
SITES = [
    ("杨浦滨江", 121.5240, 31.2590),
    ("复旦大学", 121.5030, 31.2990),
    ("同济大学", 121.5040, 31.2840),
    ("五角场", 121.5140, 31.3010),
]
NAMES = [name for name, _, _ in SITES]
LONS = np.array([lon for _, lon, _ in SITES])
LATS = np.array([lat for _, _, lat in SITES])
SITES_BOUNDS = (LONS.min(), LATS.min(), LONS.max(), LATS.max())
# A quadrilateral around Fudan; its WGS84 bounds are those of its vertices.
PARCEL = [(121.498, 31.295), (121.508, 31.295), (121.508, 31.303), (121.498, 31.303)]
PARCEL_BOUNDS = (121.498, 31.295, 121.508, 31.303)


def project(lons, lats, epsg: int) -> tuple[np.ndarray, np.ndarray]:
    return Transformer.from_crs(4326, epsg, always_xy=True).transform(
        np.asarray(lons, float), np.asarray(lats, float)
    )


def sites_frame(epsg: int = 4326) -> gpd.GeoDataFrame:
    x, y = project(LONS, LATS, epsg) if epsg != 4326 else (LONS, LATS)
    return gpd.GeoDataFrame(
        {"名称": NAMES, "编号": ["001", "002", "003", "004"], "面积": [1.5, 2.0, 3.25, 0.5]},
        geometry=shapely.points(x, y),
        crs=f"EPSG:{epsg}",
    )


def parcel_frame(epsg: int) -> gpd.GeoDataFrame:
    x, y = project(*zip(*PARCEL, strict=True), epsg)
    return gpd.GeoDataFrame(
        {"用途": ["教育用地"]},
        geometry=[shapely.Polygon(zip(x, y, strict=True))],
        crs=f"EPSG:{epsg}",
    )


# --- shapefiles ---------------------------------------------------------------------------


def gbk_shapefile_without_cpg(folder: Path, name: str = "杨浦地块") -> Path:
    """GBK attributes, EPSG:4549, no .cpg and the DBF language byte cleared."""
    path = folder / f"{name}.shp"
    pyogrio.write_dataframe(sites_frame(4549), path, encoding="GBK")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    dbf = path.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    data[29] = 0
    dbf.write_bytes(bytes(data))
    return path


def shapefile(folder: Path, frame: gpd.GeoDataFrame, name: str, **kwargs) -> Path:
    path = folder / f"{name}.shp"
    pyogrio.write_dataframe(frame, path, **kwargs)
    return path


def zipped(folder: Path, shp: Path, name: str = "zipped.zip", inside: str = "") -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        for part in sorted(shp.parent.glob(shp.stem + ".*")):
            archive.write(part, inside + part.name)
    return path


def shapefile_without_prj(folder: Path) -> Path:
    path = shapefile(folder, sites_frame(4549), "no_prj")
    path.with_suffix(".prj").unlink()
    return path


# --- other formats ------------------------------------------------------------------------


def two_crs_geopackage(folder: Path) -> Path:
    path = folder / "规划.gpkg"
    pyogrio.write_dataframe(sites_frame(4490), path, layer="sites_cgcs2000")
    pyogrio.write_dataframe(parcel_frame(32651), path, layer="parcel_utm51n", append=True)
    return path


def kml(folder: Path, suffix: str = ".kml") -> Path:
    path = folder / f"sites{suffix}"
    frame = sites_frame().rename(columns={"名称": "Name"})[["Name", "geometry"]]
    pyogrio.write_dataframe(frame, path, driver="LIBKML")
    return path


def flatgeobuf(folder: Path) -> Path:
    path = folder / "parcel.fgb"
    pyogrio.write_dataframe(parcel_frame(4549), path)
    return path


def geoparquet(folder: Path) -> Path:
    path = folder / "sites.parquet"
    sites_frame(32651).to_parquet(path)
    return path


def geojson(folder: Path, frame: gpd.GeoDataFrame, name: str) -> Path:
    path = folder / name
    path.write_text(frame.to_json(ensure_ascii=False), encoding="utf-8")
    return path


def geojson_features(folder: Path, name: str, geometries: list[dict | None]) -> Path:
    features = [
        {"type": "Feature", "properties": {"名称": f"要素{i}"}, "geometry": geometry}
        for i, geometry in enumerate(geometries)
    ]
    path = folder / name
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def bowtie_geojson(folder: Path) -> Path:
    bowtie = {
        "type": "Polygon",
        "coordinates": [
            [[121.50, 31.28], [121.52, 31.30], [121.52, 31.28], [121.50, 31.30], [121.50, 31.28]]
        ],
    }
    square = {"type": "Polygon", "coordinates": [[list(p) for p in PARCEL + PARCEL[:1]]]}
    return geojson_features(folder, "bowtie.geojson", [bowtie, square])


def null_and_empty_geojson(folder: Path) -> Path:
    point = {"type": "Point", "coordinates": [121.5030, 31.2990]}
    empty = {"type": "Polygon", "coordinates": []}
    return geojson_features(folder, "gaps.geojson", [point, None, empty, None, point])


def projected_numbers_geojson(folder: Path) -> Path:
    """A GeoJSON (WGS84 by definition) that really holds CGCS2000 Gauss-Krüger metres."""
    frame = sites_frame(4549)
    path = folder / "metres.geojson"
    doc = json.loads(frame.to_json(ensure_ascii=False))
    doc.pop("crs", None)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


# --- tables -------------------------------------------------------------------------------


def sites_table(
    lon_name: str = "经度", lat_name: str = "纬度", lons=LONS, lats=LATS
) -> pd.DataFrame:
    return pd.DataFrame(
        {"名称": NAMES, "编号": ["001", "002", "003", "004"], lon_name: lons, lat_name: lats}
    )


def excel_csv_with_bom(folder: Path) -> Path:
    path = folder / "excel_utf8.csv"
    path.write_bytes(sites_table().to_csv(index=False).encode("utf-8-sig"))
    return path


def gbk_csv(folder: Path) -> Path:
    path = folder / "gbk.csv"
    path.write_bytes(sites_table("Longitude", "Latitude").to_csv(index=False).encode("gbk"))
    return path


def gcj02_csv(folder: Path) -> Path:
    lons, lats = chinese_crs.wgs84_to_gcj02(LONS, LATS)
    path = folder / "amap_gcj02.csv"
    path.write_text(sites_table("lng", "lat", lons, lats).to_csv(index=False), encoding="utf-8")
    return path


def xlsx(folder: Path) -> Path:
    path = folder / "调查表.xlsx"
    pyogrio.write_dataframe(sites_table("LON", "LAT"), path, layer="站点", driver="XLSX")
    notes = pd.DataFrame({"说明": ["坐标为WGS84"]})
    pyogrio.write_dataframe(notes, path, layer="说明", driver="XLSX", append=True)
    return path


def large_geopackage(folder: Path, count: int) -> Path:
    rng = np.random.default_rng(7)
    lons = rng.uniform(121.49, 121.56, count)
    lats = rng.uniform(31.25, 31.33, count)
    frame = gpd.GeoDataFrame(
        {"n": np.arange(count)}, geometry=shapely.points(lons, lats), crs="EPSG:4326"
    )
    path = folder / "large.gpkg"
    pyogrio.write_dataframe(frame, path, layer="points", use_arrow=True)
    return path


def mapinfo_tab(folder: Path) -> Path:
    path = folder / "sites.tab"
    pyogrio.write_dataframe(
        sites_frame(4549), path, driver="MapInfo File", layer_options={"ENCODING": "CP936"}
    )
    return path
