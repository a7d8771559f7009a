"""The data layer's messages to the user, by a stable id: English templates with named
placeholders, Qt-free.

An error raised with `LoadError.of("too_large", name=...)` (or `NotesError.of`) carries
its id and parameters; its str() is the English text (what the command line prints and
the log records). The desktop looks the id up in ui/model_messages.py, which holds the
same templates as literal `QCoreApplication.translate()` strings for the translators,
and formats them with the same parameters. A parameter named `…_key` is itself an id
(a phrase such as "a named pipe (FIFO)"), or an (id, parameters) pair, given to the
template without the suffix.
"""

from __future__ import annotations

from typing import Self

MESSAGES: dict[str, str] = {
    # files that are not files
    "no_such_file": "{path}: no such file",
    "cannot_open": "{path}: cannot be opened ({reason})",
    "is_folder": "{path}: is a folder, not a file",
    "not_data_file": "{path}: is {kind}, not a data file; it was not opened",
    "kind_fifo": "a named pipe (FIFO)",
    "kind_socket": "a socket",
    "kind_device": "a device",
    # formats
    "empty_file": "{name}: the file is empty (0 bytes)",
    "unsupported_type": "{name}: unsupported file type {suffix}; open {supported}",
    "no_extension": "(no extension)",
    "not_format_damaged": (
        "{name}: not a {format} file (it is damaged, or another kind of file renamed)"
    ),
    "not_format_content": "{name}: not a {format} file (its content is not {format})",
    "damaged_or_truncated": (
        "{name}: cannot be read as {format}, the file is damaged or truncated ({detail})"
    ),
    "bad_zip": "{name}: not a valid ZIP archive (damaged or truncated)",
    "no_geometry_layers": "{name}: the file holds no layers with geometry",
    "not_utf8_or_gbk": "{name}: the text is neither UTF-8 nor GBK/GB18030",
    "old_xls": "{name}: old Excel .xls workbooks cannot be read; save it as .xlsx or .csv",
    "zip_no_shapefile": (
        "{name}: the ZIP archive holds no shapefile (.shp); unzip it and open the file inside"
    ),
    # tables
    "table_no_location": (
        "{name}: no longitude/latitude columns (lon/lng/longitude/x/经度 and "
        "lat/latitude/y/纬度) and no WKT column; its columns are: {columns}"
    ),
    "table_no_location_no_columns": (
        "{name}: no longitude/latitude columns (lon/lng/longitude/x/经度 and "
        "lat/latitude/y/纬度) and no WKT column; it has no columns"
    ),
    "workbook_no_sheets": "{name}: the workbook has no sheets",
    "csv_not_utf8_or_gbk": (
        "{name}: the text is neither UTF-8 nor GBK/GB18030; save it from Excel as 'CSV UTF-8'"
    ),
    "table_empty": "{name}: the table is empty",
    "csv_unreadable": "{name}: not a readable CSV table ({detail})",
    # budgets
    "too_large": "{name}: too large to load into memory",
    "memory_needed": (
        "{name}: needs about {needed} of memory to open, and {available} is free; "
        "close other programs or open a smaller extract"
    ),
    "archive_bomb": (
        "{name}: refused, its {members} member(s) would inflate {packed} to {inflated} "
        "(a damaged or malicious archive)"
    ),
    "archive_lies": (
        "{name}: refused, its member {member} declares {declared} but inflates to more "
        "than {inflated} (a damaged or malicious archive)"
    ),
    # coordinate systems
    "cannot_convert_crs": "{name}: cannot convert from {crs} to WGS84 ({detail})",
    "crs_missing": (
        "{name}: the file does not say which coordinate system it uses{hint}; "
        "declare its CRS, {examples}{values}"
    ),
    "crs_hint_no_prj": " (it has no .prj file)",
    "crs_hint_bad_prj": " (its .prj file cannot be read)",
    "crs_examples": (
        "e.g. EPSG:4549 (CGCS2000 Gauss-Krüger 120°E), EPSG:32651 (UTM 51N), gcj02 or bd09"
    ),
    "crs_values_lonlat": (
        "; its numbers look like longitude/latitude (EPSG:4326, EPSG:4490, gcj02 or bd09?)"
    ),
    "crs_values_swapped": "; its y values reach {reach}, beyond 90 (longitude and latitude swapped?)",
    "crs_values_metres": (
        "; its numbers look like projected metres (x {minx} to {maxx}, y {miny} to {maxy})"
    ),
    # projects and sessions
    "project_unreadable": "{name}: cannot be read ({reason})",
    "project_not_file": "{name}: is {kind}, not a project file",
    "project_folder": "{name}: is a folder, not a project file",
    "project_too_big": "{name}: {size} MB is too big for a project file (at most {limit} MB)",
    "project_not_json": "{name}: not a readable project file ({problem})",
    "project_not_ours": "{name}: not a Yangpu GIS project file",
    "project_too_deep": "{name}: nested too deeply to be a project file",
    "project_damaged_version": "{name}: damaged project file (its “version” is {version})",
    "project_damaged_layers": "{name}: damaged project file (its “layers” are not a list)",
    # PostGIS
    "pg_cannot_connect": "cannot connect to the database {database}: {problem}",
    "pg_no_postgis": "the database has no PostGIS (no geometry_columns view)",
    "pg_no_such_table": "{database}: there is no geometry table {table}",
    "pg_no_srid": "{table}: its geometry column has no SRID (CRS unknown)",
    "pg_not_an_address": "{address} is not a postgresql:// address",
    "project_layer_left_out": "{name}: {label} was left out: {problem}",
    "project_layer_number": "layer {number}",
    "project_layer_named": "layer {number} (“{title}”)",
    # the review notes store
    "notes_cannot_open": "cannot open the notes file {path}: {problem}",
    "notes_cannot_read": "cannot read the notes file {path}: {problem}",
    "notes_cannot_save": "cannot save to the notes file {path}: {problem}",
    "notes_cannot_create_folder": "cannot create the notes folder {path}: {problem}",
    "notes_not_a_file": "the notes path {path} is not a file",
}


def resolved(params: dict) -> dict:
    """The parameters with each `…_key` one replaced by its phrase, in English."""
    out = {}
    for name, value in params.items():
        if name.endswith("_key"):
            key, inner = (value, {}) if isinstance(value, str) else value
            out[name.removesuffix("_key")] = MESSAGES[key].format(**resolved(inner))
        else:
            out[name] = value
    return out


def english(key: str, **params) -> str:
    return MESSAGES[key].format(**resolved(params))


class Text(str):
    """A message as English text (a str, so it joins and prints as one) that keeps its id
    and parameters for a translation (a project's load warnings, say)."""

    key: str | None = None
    params: dict = {}

    @classmethod
    def of(cls, key: str, **params) -> Text:
        text = cls(english(key, **params))
        text.key, text.params = key, params
        return text


def problem_param(exc: BaseException) -> dict:
    """An exception as the `problem` parameter of a message: by its id when it has one."""
    key = getattr(exc, "key", None)
    return {"problem_key": (key, exc.params)} if key else {"problem": str(exc)}  # type: ignore[attr-defined]


class Keyed:
    """An exception whose message has an id in MESSAGES (None: free text, e.g. GDAL's)."""

    key: str | None = None
    params: dict = {}

    @classmethod
    def of(cls, key: str, **params) -> Self:
        error = cls(english(key, **params))  # type: ignore[call-arg]
        error.key, error.params = key, params
        return error
