"""CSV and XLSX tables with longitude/latitude (or WKT) columns, as planners' Excel writes them.

Column names are matched in English and Chinese, ignoring case, units in brackets and
datum tags ("经度(°)", "lng_gcj02", "Longitude (WGS84)"). Excel saves CSV as UTF-8 with a
BOM or as GBK; both are recognised. Rows without usable coordinates are skipped and counted.
"""

from __future__ import annotations

import csv
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from yangpu_gis.model.encoding import EncodingChoice, text_file_encoding
from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.load_progress import LoadProgress
from yangpu_gis.model.messages import Text
from yangpu_gis.model.ogr_reader import short_error

LON_NAMES = ("longitude", "lon", "lng", "long", "经度", "东经", "x", "x坐标", "横坐标")
LAT_NAMES = ("latitude", "lat", "纬度", "北纬", "y", "y坐标", "纵坐标")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "shape", "几何", "空间信息")
DATUM_WORDS = re.compile(r"gcj[-_]?0?2?|火星|高德|amap|gaode|bd[-_]?0?9|baidu|百度", re.IGNORECASE)
IGNORED_TOKENS = {"wgs84", "wgs", "84", "gcj02", "gcj", "bd09", "bd", "coord", "坐标"}
CSV_DELIMITERS = ",;\t|"
CSV_CHUNK_ROWS = 200_000
XLSX_OPTIONS = {"HEADERS": "FORCE"}  # GDAL otherwise guesses whether row 1 is a header


@dataclass
class Location:
    kind: str  # "xy" | "wkt"
    columns: tuple[str, ...]
    datum_hint: str | None = None  # "GCJ-02" or "BD-09" when a column name says so

    @property
    def description(self) -> str:
        if self.kind == "wkt":
            return f"WKT column {self.columns[0]!r}"
        return f"columns {self.columns[0]!r}/{self.columns[1]!r}"


@dataclass
class Table:
    frame: gpd.GeoDataFrame  # crs None: the caller decides it
    encoding: EncodingChoice
    location: Location
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def _normalise(name) -> str:
    text = re.sub(r"[(（\[【].*?[)）\]】]", "", str(name).strip().lower())
    text = DATUM_WORDS.sub(" ", text)
    tokens = [t for t in re.split(r"[\s_\-.:/]+", text) if t and t not in IGNORED_TOKENS]
    return "".join(tokens)


def _datum_hint(name) -> str | None:
    match = DATUM_WORDS.search(str(name))
    if match is None:
        return None
    return "BD-09" if re.search(r"bd|baidu|百度", match.group(0), re.IGNORECASE) else "GCJ-02"


def _pick(columns, names) -> str | None:
    by_name: dict[str, list] = {}
    for column in columns:
        by_name.setdefault(_normalise(column), []).append(column)
    for name in names:
        found = by_name.get(name)
        if found:  # a column without a datum tag beats e.g. "lng_gcj02" next to "lng"
            return min(found, key=lambda c: _datum_hint(c) is not None)
    return None


def find_location(columns) -> Location | None:
    lon, lat = _pick(columns, LON_NAMES), _pick(columns, LAT_NAMES)
    if lon is not None and lat is not None:
        return Location("xy", (lon, lat), _datum_hint(lon) or _datum_hint(lat))
    wkt = _pick(columns, WKT_NAMES)
    if wkt is not None:
        return Location("wkt", (wkt,), _datum_hint(wkt))
    return None


def _no_location_error(label: str, columns) -> LoadError:
    shown = ", ".join(str(c) for c in list(columns)[:12])
    if not shown:
        return LoadError.of("table_no_location_no_columns", name=label)
    return LoadError.of("table_no_location", name=label, columns=shown)


# --- reading ------------------------------------------------------------------------------


def _sniff_delimiter(sample: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.split("\n", 1)[0].count(d) for d in CSV_DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _read_csv(
    path: Path, label: str, progress: LoadProgress
) -> tuple[pd.DataFrame, EncodingChoice, list[str]]:
    """The CSV streamed from the file in chunks of CSV_CHUNK_ROWS rows: the text is never
    held whole (decoding it at once, then parsing a copy, peaked at 12x the file's size;
    pandas keeps the cells as compact Arrow strings). Progress is the share of the file's
    bytes read; a cancel stops between chunks."""
    choice = text_file_encoding(path)
    if choice is None:
        raise LoadError.of("csv_not_utf8_or_gbk", name=label)
    encoding = "utf-8-sig" if choice.name == "UTF-8" else "gb18030"
    size = max(path.stat().st_size, 1)
    chunks: list[pd.DataFrame] = []
    notes: list[str] = []
    with open(path, "rb") as raw, warnings.catch_warnings(record=True) as caught:
        head = raw.read(65536).decode(encoding, errors="ignore")
        raw.seek(0)
        delimiter = _sniff_delimiter(head, path.suffix.lower())
        warnings.simplefilter("always")
        try:
            reader = pd.read_csv(
                raw,
                encoding=encoding,
                sep=delimiter,
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                skipinitialspace=True,
                on_bad_lines="warn",
                chunksize=CSV_CHUNK_ROWS,
            )
            done = 0
            for chunk in reader:
                chunks.append(chunk)
                done += len(chunk)
                progress.report(
                    min(raw.tell() / size, 1.0), Text.of("progress_read_rows", count=f"{done:,}")
                )
        except pd.errors.EmptyDataError:
            raise LoadError.of("table_empty", name=label) from None
        except (pd.errors.ParserError, ValueError) as exc:
            raise LoadError.of("csv_unreadable", name=label, detail=short_error(exc)) from None
    bad_lines = [str(w.message) for w in caught if issubclass(w.category, pd.errors.ParserWarning)]
    skipped_lines = sum(m.count("Skipping line") for m in bad_lines)
    if skipped_lines:
        notes.append(Text.of("note_malformed_lines", count=f"{skipped_lines:,}"))
    frame = pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame()
    chunks.clear()
    return _numbers_where_possible(frame), choice, notes


def _numbers_where_possible(frame: pd.DataFrame) -> pd.DataFrame:
    """Numeric columns as numbers, but codes like "007" or 18-digit IDs stay text."""
    for column in frame.columns:
        values = frame[column].dropna()
        if values.empty:
            continue
        text = values.str.strip()
        numbers = pd.to_numeric(text, errors="coerce")
        if (
            numbers.isna().any()
            or text.str.match(r"^[+-]?0\d").any()
            or text.str.len().gt(15).any()
        ):
            continue
        frame[column] = pd.to_numeric(frame[column].str.strip())
    return frame


def _read_xlsx(path: Path, sheet: str | None, label: str) -> pd.DataFrame:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pyogrio.read_dataframe(path, layer=sheet, read_geometry=False, **XLSX_OPTIONS)
    except Exception as exc:  # GDAL's errors for a damaged workbook
        raise LoadError.of("workbook_damaged", name=label, detail=short_error(exc)) from None
    return pd.DataFrame(frame)


def xlsx_sheets_with_locations(path: Path) -> list[str]:
    """The sheets of a workbook that have longitude/latitude or WKT columns."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sheets = [str(row[0]) for row in pyogrio.list_layers(path)]
            fields = {s: pyogrio.read_info(path, layer=s, **XLSX_OPTIONS)["fields"] for s in sheets}
    except Exception as exc:
        raise LoadError.of("workbook_damaged", name=path.name, detail=short_error(exc)) from None
    found = [s for s in sheets if find_location(list(fields[s])) is not None]
    if not found:
        first = sheets[0] if sheets else None
        if first is None:
            raise LoadError.of("workbook_no_sheets", name=path.name)
        raise _no_location_error(path.name, list(fields.get(first, [])))
    return found


def _to_number(values: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float)
    text = values.astype("string").str.strip().str.rstrip("°").str.strip()
    return pd.to_numeric(text, errors="coerce").astype(float)


def _row_list(rows: np.ndarray) -> str:
    # Spreadsheet line numbers: the header is line 1.
    shown = ", ".join(str(r + 2) for r in rows[:5])
    return shown + (", ..." if len(rows) > 5 else "")


def _geometries(frame: pd.DataFrame, location: Location) -> tuple[np.ndarray, np.ndarray, str]:
    if location.kind == "xy":
        x, y = (_to_number(frame[c]).to_numpy() for c in location.columns)
        bad = ~(np.isfinite(x) & np.isfinite(y))
        return shapely.points(x, y), bad, "note_rows_no_numbers"  # model.messages ids
    text = frame[location.columns[0]].astype("string").fillna("").to_numpy(dtype=object)
    geometries = shapely.from_wkt(text, on_invalid="ignore")
    bad = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    return geometries, bad, "note_rows_bad_wkt"


def read_table(path: Path, sheet: str | None, progress: LoadProgress, label: str) -> Table:
    """A CSV file, or one sheet of a workbook, as points (or WKT shapes) with crs None."""
    if path.suffix.lower() == ".xlsx":
        progress.report(0.0, Text.of("progress_reading_sheet", sheet=sheet))
        frame = _read_xlsx(path, sheet, label)
        encoding, notes = EncodingChoice("UTF-8", "set by the format"), list[str]()
    else:
        frame, encoding, notes = _read_csv(path, label, progress)
    location = find_location(frame.columns)
    if location is None:
        raise _no_location_error(label, frame.columns)
    geometries, bad, skipped_note = _geometries(frame, location)
    if location.kind == "wkt":
        frame = frame.drop(columns=list(location.columns))
    skipped = int(bad.sum())
    if skipped:
        lines = _row_list(np.flatnonzero(bad))
        notes.append(Text.of(skipped_note, count=f"{skipped:,}", lines=lines))
        geometries = geometries[~bad]
        frame = frame.loc[~bad]
    data = gpd.GeoDataFrame(
        frame.reset_index(drop=True), geometry=gpd.GeoSeries(geometries), crs=None
    )
    return Table(data, encoding, location, skipped, notes)
