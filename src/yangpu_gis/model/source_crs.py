"""Deciding a layer's coordinate system and bringing it to WGS84, refusing to guess.

Data whose CRS is unknown, or whose numbers cannot be what the CRS says (projected metres
in a "WGS84" GeoJSON), raise CrsRequired so the user is asked instead of the layer being
drawn in the wrong place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS

from yangpu_gis.model import crs as crs_mod
from yangpu_gis.model.crs import CrsSpec
from yangpu_gis.model.load_errors import CrsRequired, LoadError
from yangpu_gis.model.messages import Text

AREA_MARGIN_DEG = 2.0  # data this far outside a CRS's area of use means the CRS is wrong


@dataclass
class CrsOutcome:
    label: str  # e.g. "EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger CM 120E)"
    origin: str  # "file" | "declared" | "format" | "assumed"
    notes: list[str] = field(default_factory=list)


def crs_label(crs: CRS) -> str:
    authority = crs.to_authority()
    if authority:
        return f"{authority[0]}:{authority[1]} ({crs.name})"
    return crs.name


def _bounds(frame: gpd.GeoDataFrame) -> np.ndarray | None:
    if not len(frame):
        return None
    bounds = shapely.total_bounds(np.asarray(frame.geometry.values))
    return None if np.isnan(bounds).any() else bounds


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def lonlat_problem(bounds: np.ndarray | None) -> Text | None:
    """Why these bounds cannot be longitude/latitude (crs_problem_swapped or
    crs_problem_projected), or None when they can."""
    if bounds is None:
        return None
    minx, miny, maxx, maxy = bounds
    x_ok = -180.0 <= minx and maxx <= 180.0
    y_ok = -90.0 <= miny and maxy <= 90.0
    if x_ok and y_ok:
        return None
    if -90.0 <= minx and maxx <= 90.0 and -180.0 <= miny and maxy <= 180.0:
        return Text.of("crs_problem_swapped", reach=_number(max(abs(miny), abs(maxy))))
    reach = max(abs(minx), abs(maxx), abs(miny), abs(maxy))
    return Text.of("crs_problem_projected", reach=_number(reach))


def _value_hint(bounds: np.ndarray | None) -> dict:
    """What the numbers look like, as the `values` parameter of model.messages' crs_missing."""
    if bounds is None:
        return {"values": ""}
    problem = lonlat_problem(bounds)
    if problem is None:
        return {"values_key": "crs_values_lonlat"}
    minx, miny, maxx, maxy = bounds
    if problem.key == "crs_problem_swapped":
        reach = _number(max(abs(miny), abs(maxy)))
        return {"values_key": ("crs_values_swapped", {"reach": reach})}
    numbers = {"minx": _number(minx), "maxx": _number(maxx)}
    numbers |= {"miny": _number(miny), "maxy": _number(maxy)}
    return {"values_key": ("crs_values_metres", numbers)}


def looks_like(bounds: np.ndarray | None) -> str:
    """ "metres" when the numbers cannot be longitude/latitude (and are not merely
    swapped), "lonlat" when they can, "" when there are none."""
    if bounds is None:
        return ""
    problem = lonlat_problem(bounds)
    if problem is None or problem.key == "crs_problem_swapped":
        return "lonlat"
    return "metres"


def _require(key: str, path: str, layer: str | None, bounds=None, **params) -> CrsRequired:
    """CrsRequired with the model.messages id `key`, for the question that asks the user."""
    error = CrsRequired.of(key, **params)
    error.path, error.layer, error.looks_like = path, layer, looks_like(bounds)
    return error


def to_wgs84(
    frame: gpd.GeoDataFrame,
    declared: CrsSpec | None,
    *,
    label: str,
    path: str,
    layer: str | None,
    default: str | None,
    missing_hint: str = "",
) -> tuple[gpd.GeoDataFrame, CrsOutcome]:
    """`frame` (its .crs as the file says, maybe None) reprojected to EPSG:4326.

    `default` says what a file without a CRS means: "format" (its spec fixes WGS84),
    "assumed" (longitude/latitude columns, taken as WGS84 when the numbers fit), or None.
    """
    file_crs: CRS | None = frame.crs
    bounds = _bounds(frame)
    notes: list[str] = []
    if declared is not None:
        if file_crs is not None and not (
            declared.crs is not None and declared.crs.equals(file_crs)
        ):
            notes.append(
                Text.of("note_crs_file_says", file_crs=crs_label(file_crs), declared=declared.label)
            )
        if declared.datum:
            return _from_chinese_datum(frame, declared, file_crs, bounds, label, path, layer, notes)
        assert declared.crs is not None  # a CrsSpec is a datum or a CRS (model.crs.parse_crs)
        return _reproject(
            frame,
            declared.crs,
            CrsOutcome(declared.label, "declared", notes),
            bounds,
            label,
            path,
            layer,
        )
    wgs84 = CRS.from_epsg(4326)
    if file_crs is not None:
        # GDAL reports EPSG:4326 for formats that are WGS84 by definition (GeoJSON, KML).
        origin = "format" if default == "format" and file_crs.equals(wgs84) else "file"
        return _reproject(
            frame,
            file_crs,
            CrsOutcome(crs_label(file_crs), origin, notes),
            bounds,
            label,
            path,
            layer,
        )
    if default == "format":
        return _reproject(
            frame, wgs84, CrsOutcome(crs_label(wgs84), "format", notes), bounds, label, path, layer
        )
    if default == "assumed" and lonlat_problem(bounds) is None:
        notes.append(Text.of("note_crs_assumed"))
        return _reproject(
            frame, wgs84, CrsOutcome(crs_label(wgs84), "assumed", notes), bounds, label, path, layer
        )
    hint = {"hint_key": missing_hint} if missing_hint else {"hint": ""}
    raise _require(
        "crs_missing",
        path,
        layer,
        bounds,
        name=label,
        examples_key="crs_examples",
        **hint,
        **_value_hint(bounds),
    )


def _from_chinese_datum(frame, declared: CrsSpec, file_crs, bounds, label, path, layer, notes):
    if file_crs is not None and not file_crs.is_geographic:
        raise _require(
            "crs_projected_not_lonlat",
            path,
            layer,
            bounds,
            name=label,
            declared=declared.label,
            crs=crs_label(file_crs),
        )
    problem = lonlat_problem(bounds)
    if problem:
        raise _require(
            "crs_cannot_be_declared",
            path,
            layer,
            bounds,
            name=label,
            problem=problem,
            declared=declared.label,
            examples_key="crs_examples",
        )
    assert declared.datum is not None  # only called for a declared datum
    geometries = crs_mod.convert_datum_to_wgs84(np.asarray(frame.geometry.values), declared.datum)
    data = gpd.GeoDataFrame(
        frame.drop(columns=frame.geometry.name),
        geometry=gpd.GeoSeries(geometries, index=frame.index),
        crs=crs_mod.WGS84,
    )
    return data, CrsOutcome(declared.label, "declared", notes)


def _reproject(frame, target: CRS, outcome: CrsOutcome, bounds, label, path, layer):
    frame = frame.set_crs(target, allow_override=True)
    if target.is_geographic:
        problem = lonlat_problem(bounds)
        if problem:
            raise _require(
                "crs_needs_lonlat",
                path,
                layer,
                bounds,
                name=label,
                problem=problem,
                crs=outcome.label,
                examples_key="crs_examples",
            )
    if target.equals(crs_mod.WGS84):  # nothing to convert (to_crs would copy a million rows)
        return frame, outcome
    try:
        data = frame.to_crs(crs_mod.WGS84)
    except Exception as exc:  # pyproj: no transformation, or a broken CRS definition
        detail = " ".join(str(exc).split())[:160]
        raise LoadError.of(
            "cannot_convert_crs", name=label, crs=outcome.label, detail=detail
        ) from None
    converted = _bounds(data)
    if bounds is not None and (converted is None or lonlat_problem(converted)):
        raise _require(
            "crs_does_not_fit",
            path,
            layer,
            bounds,
            name=label,
            crs=outcome.label,
            examples_key="crs_examples",
        )
    outside = _outside_area_of_use(target, converted)
    if outside:
        outcome.notes.append(outside)
    return data, outcome


def _outside_area_of_use(crs: CRS, bounds) -> Text | None:
    area = crs.area_of_use
    if area is None or bounds is None:
        return None
    minx, miny, maxx, maxy = bounds
    m = AREA_MARGIN_DEG
    if (
        minx < area.west - m
        or maxx > area.east + m
        or miny < area.south - m
        or maxy > area.north + m
    ) and area.west < area.east:
        return Text.of("note_crs_outside_area", crs=crs_label(crs), area=area.name)
    return None
