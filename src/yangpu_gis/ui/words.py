"""Words many panels share (geometry types), translated once, in the "Words" context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from yangpu_gis.model.translatable import QT_TRANSLATE_NOOP

GEOMETRY_TYPES = {
    "Point": QT_TRANSLATE_NOOP("Words", "point"),
    "MultiPoint": QT_TRANSLATE_NOOP("Words", "multipoint"),
    "LineString": QT_TRANSLATE_NOOP("Words", "line"),
    "MultiLineString": QT_TRANSLATE_NOOP("Words", "multiline"),
    "Polygon": QT_TRANSLATE_NOOP("Words", "polygon"),
    "MultiPolygon": QT_TRANSLATE_NOOP("Words", "multipolygon"),
    "GeometryCollection": QT_TRANSLATE_NOOP("Words", "geometry collection"),
    "None": QT_TRANSLATE_NOOP("Words", "no geometry"),
}


def geometry_type_text(geometry_type: str | None) -> str:
    """'MultiPolygon' -> 'multipolygon' / '多面'; an unknown type as it is written."""
    source = GEOMETRY_TYPES.get(str(geometry_type))
    if source is None:
        return str(geometry_type).lower()
    return QCoreApplication.translate("Words", source)
