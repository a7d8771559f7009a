"""CSV and XLSX tables with longitude/latitude (or WKT) columns, as written by Excel."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "经度", "东经", "lon_wgs84", "longitude_wgs84")
LAT_NAMES = ("lat", "latitude", "y", "纬度", "北纬", "lat_wgs84", "latitude_wgs84")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "shape", "几何")


def _load_error(message: str) -> Exception:
    from yangpu_gis.model.io import LoadError

    return LoadError(message)


def _read_csv(path: Path) -> tuple[pd.DataFrame, str]:
    raw = path.read_bytes()
    for encoding in CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        from io import StringIO

        frame = pd.read_csv(StringIO(text), sep=None, engine="python", dtype=str)
        return frame, ("utf-8" if encoding == "utf-8-sig" else encoding)
    raise _load_error(f"{path.name}: text is neither UTF-8 nor GB18030")


def _find(columns, names) -> str | None:
    lowered = {str(c).strip().lower(): c for c in columns}
    return next((lowered[n] for n in names if n in lowered), None)


def read_table(path: Path) -> tuple[gpd.GeoDataFrame, str | None, list[str]]:
    if path.suffix.lower() == ".xlsx":
        import pyogrio

        frame = pyogrio.read_dataframe(path, read_geometry=False)
        frame = frame.astype(str)
        encoding = None
    else:
        frame, encoding = _read_csv(path)
    notes = []
    lon, lat = _find(frame.columns, LON_NAMES), _find(frame.columns, LAT_NAMES)
    wkt = _find(frame.columns, WKT_NAMES)
    if lon is not None and lat is not None:
        x = pd.to_numeric(frame[lon], errors="coerce")
        y = pd.to_numeric(frame[lat], errors="coerce")
        bad = x.isna() | y.isna()
        if bad.all():
            raise _load_error(f"{path.name}: columns {lon!r}/{lat!r} hold no numbers")
        geometry = shapely.points(x.to_numpy(), y.to_numpy())
        geometry[bad.to_numpy()] = None
        if bad.any():
            notes.append(f"{int(bad.sum())} row(s) without numeric coordinates")
        data = frame.drop(columns=[lon, lat])
    elif wkt is not None:
        try:
            geometry = shapely.from_wkt(frame[wkt].fillna("").to_numpy(), on_invalid="ignore")
        except Exception:
            raise _load_error(f"{path.name}: column {wkt!r} is not WKT") from None
        data = frame.drop(columns=[wkt])
    else:
        raise _load_error(
            f"{path.name}: no longitude/latitude columns (lon/lng/longitude/x/经度 and "
            "lat/latitude/y/纬度) and no WKT column"
        )
    return gpd.GeoDataFrame(data, geometry=geometry, crs=None), encoding, notes
