"""Review notes written out for others: GeoJSON for GIS, CSV for spreadsheets.

Both go through model.atomic_file, so an export never replaces the notes file or a file
open as a layer, and a failure leaves an earlier export whole. Both read back through the
app's own readers (GeoJSON as points; CSV through its lon/lat columns).
"""

from __future__ import annotations

import csv
import io
import json
import os

from yangpu_gis.model.atomic_file import write_atomically
from yangpu_gis.model.note_fields import EXPORT_COLUMNS
from yangpu_gis.model.outputs import NOTES_CSV, NOTES_GEOJSON

# Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"):
# Excel, LibreOffice and Google Sheets evaluate a cell that starts with any of them, and
# tab and carriage return let such a cell hide behind whitespace.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value) -> str | int | float:
    """A CSV cell that no spreadsheet runs: text starting like a formula gets a leading
    single quote, which spreadsheets show as text and a reader still reads easily.
    Numbers (ids, longitudes such as -0.5) stay numbers: spreadsheets read them as values."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_geojson(path: str | os.PathLike, notes, *, inputs=()) -> int:
    """A FeatureCollection of points, properties as in EXPORT_COLUMNS (UTF-8)."""
    features = [
        {
            "type": "Feature",
            "id": n.id,
            "properties": {k: getattr(n, k) for k in EXPORT_COLUMNS if k not in ("lon", "lat")},
            "geometry": {"type": "Point", "coordinates": [n.lon, n.lat]},
        }
        for n in notes
    ]
    doc = {"type": "FeatureCollection", "name": "review_notes", "features": features}
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    return write_atomically(
        path, text, suffixes=NOTES_GEOJSON.suffixes, inputs=inputs, what=NOTES_GEOJSON.what
    )


def write_csv(path: str | os.PathLike, notes, *, inputs=()) -> int:
    """One row per note, UTF-8 with a byte order mark so Excel shows Chinese text."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for n in notes:
        writer.writerow([inert_cell(getattr(n, k)) for k in EXPORT_COLUMNS])
    return write_atomically(
        path,
        buffer.getvalue().encode("utf-8-sig"),
        suffixes=NOTES_CSV.suffixes,
        inputs=inputs,
        what=NOTES_CSV.what,
    )
