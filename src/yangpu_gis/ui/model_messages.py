"""The data layer's messages (model.messages) in the interface language.

The model raises errors with a message id and its parameters and no Qt; here each id's
English template is written out as a literal for pyside6-lupdate, translated, and filled
with the same parameters. An error without an id (GDAL's own text, say) is shown as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _templates() -> dict[str, str]:
    return {
        "no_such_file": QCoreApplication.translate("ModelMessages", "{path}: no such file"),
        "cannot_open": QCoreApplication.translate(
            "ModelMessages", "{path}: cannot be opened ({reason})"
        ),
        "is_folder": QCoreApplication.translate("ModelMessages", "{path}: is a folder, not a file"),
        "not_data_file": QCoreApplication.translate(
            "ModelMessages", "{path}: is {kind}, not a data file; it was not opened"
        ),
        "kind_fifo": QCoreApplication.translate("ModelMessages", "a named pipe (FIFO)"),
        "kind_socket": QCoreApplication.translate("ModelMessages", "a socket"),
        "kind_device": QCoreApplication.translate("ModelMessages", "a device"),
        "empty_file": QCoreApplication.translate(
            "ModelMessages", "{name}: the file is empty (0 bytes)"
        ),
        "unsupported_type": QCoreApplication.translate(
            "ModelMessages", "{name}: unsupported file type {suffix}; open {supported}"
        ),
        "no_extension": QCoreApplication.translate("ModelMessages", "(no extension)"),
        "not_format_damaged": QCoreApplication.translate(
            "ModelMessages",
            "{name}: not a {format} file (it is damaged, or another kind of file renamed)",
        ),
        "not_format_content": QCoreApplication.translate(
            "ModelMessages", "{name}: not a {format} file (its content is not {format})"
        ),
        "damaged_or_truncated": QCoreApplication.translate(
            "ModelMessages",
            "{name}: cannot be read as {format}, the file is damaged or truncated ({detail})",
        ),
        "bad_zip": QCoreApplication.translate(
            "ModelMessages", "{name}: not a valid ZIP archive (damaged or truncated)"
        ),
        "no_geometry_layers": QCoreApplication.translate(
            "ModelMessages", "{name}: the file holds no layers with geometry"
        ),
        "not_utf8_or_gbk": QCoreApplication.translate(
            "ModelMessages", "{name}: the text is neither UTF-8 nor GBK/GB18030"
        ),
        "too_large": QCoreApplication.translate(
            "ModelMessages", "{name}: too large to load into memory"
        ),
        "memory_needed": QCoreApplication.translate(
            "ModelMessages",
            "{name}: needs about {needed} of memory to open, and {available} is free; close other programs or open a smaller extract",
        ),
        "archive_bomb": QCoreApplication.translate(
            "ModelMessages",
            "{name}: refused, its {members} member(s) would inflate {packed} to {inflated} (a damaged or malicious archive)",
        ),
        "archive_lies": QCoreApplication.translate(
            "ModelMessages",
            "{name}: refused, its member {member} declares {declared} but inflates to more than {inflated} (a damaged or malicious archive)",
        ),
        "cannot_convert_crs": QCoreApplication.translate(
            "ModelMessages", "{name}: cannot convert from {crs} to WGS84 ({detail})"
        ),
        "project_unreadable": QCoreApplication.translate(
            "ModelMessages", "{name}: cannot be read ({reason})"
        ),
        "project_not_file": QCoreApplication.translate(
            "ModelMessages", "{name}: is {kind}, not a project file"
        ),
        "project_folder": QCoreApplication.translate(
            "ModelMessages", "{name}: is a folder, not a project file"
        ),
        "project_too_big": QCoreApplication.translate(
            "ModelMessages", "{name}: {size} MB is too big for a project file (at most {limit} MB)"
        ),
        "project_not_json": QCoreApplication.translate(
            "ModelMessages", "{name}: not a readable project file ({problem})"
        ),
        "project_not_ours": QCoreApplication.translate(
            "ModelMessages", "{name}: not a Yangpu GIS project file"
        ),
        "project_too_deep": QCoreApplication.translate(
            "ModelMessages", "{name}: nested too deeply to be a project file"
        ),
        "project_damaged_version": QCoreApplication.translate(
            "ModelMessages", "{name}: damaged project file (its “version” is {version})"
        ),
        "project_damaged_layers": QCoreApplication.translate(
            "ModelMessages", "{name}: damaged project file (its “layers” are not a list)"
        ),
        "pg_cannot_connect": QCoreApplication.translate(
            "ModelMessages", "cannot connect to the database {database}: {problem}"
        ),
        "pg_no_postgis": QCoreApplication.translate(
            "ModelMessages", "the database has no PostGIS (no geometry_columns view)"
        ),
        "pg_no_such_table": QCoreApplication.translate(
            "ModelMessages", "{database}: there is no geometry table {table}"
        ),
        "pg_no_srid": QCoreApplication.translate(
            "ModelMessages", "{table}: its geometry column has no SRID (CRS unknown)"
        ),
        "pg_not_an_address": QCoreApplication.translate(
            "ModelMessages", "{address} is not a postgresql:// address"
        ),
        "crs_missing": QCoreApplication.translate(
            "ModelMessages",
            "{name}: the file does not say which coordinate system it uses{hint}; "
            "declare its CRS, {examples}{values}",
        ),
        "crs_hint_no_prj": QCoreApplication.translate("ModelMessages", " (it has no .prj file)"),
        "crs_hint_bad_prj": QCoreApplication.translate(
            "ModelMessages", " (its .prj file cannot be read)"
        ),
        "crs_examples": QCoreApplication.translate(
            "ModelMessages",
            "e.g. EPSG:4549 (CGCS2000 Gauss-Krüger 120°E), EPSG:32651 (UTM 51N), gcj02 or bd09",
        ),
        "crs_values_lonlat": QCoreApplication.translate(
            "ModelMessages",
            "; its numbers look like longitude/latitude (EPSG:4326, EPSG:4490, gcj02 or bd09?)",
        ),
        "crs_values_swapped": QCoreApplication.translate(
            "ModelMessages",
            "; its y values reach {reach}, beyond 90 (longitude and latitude swapped?)",
        ),
        "crs_values_metres": QCoreApplication.translate(
            "ModelMessages",
            "; its numbers look like projected metres (x {minx} to {maxx}, y {miny} to {maxy})",
        ),
        "old_xls": QCoreApplication.translate(
            "ModelMessages",
            "{name}: old Excel .xls workbooks cannot be read; save it as .xlsx or .csv",
        ),
        "zip_no_shapefile": QCoreApplication.translate(
            "ModelMessages",
            "{name}: the ZIP archive holds no shapefile (.shp); unzip it and open the file inside",
        ),
        "table_no_location": QCoreApplication.translate(
            "ModelMessages",
            "{name}: no longitude/latitude columns (lon/lng/longitude/x/经度 and "
            "lat/latitude/y/纬度) and no WKT column; its columns are: {columns}",
        ),
        "table_no_location_no_columns": QCoreApplication.translate(
            "ModelMessages",
            "{name}: no longitude/latitude columns (lon/lng/longitude/x/经度 and "
            "lat/latitude/y/纬度) and no WKT column; it has no columns",
        ),
        "workbook_no_sheets": QCoreApplication.translate(
            "ModelMessages", "{name}: the workbook has no sheets"
        ),
        "csv_not_utf8_or_gbk": QCoreApplication.translate(
            "ModelMessages",
            "{name}: the text is neither UTF-8 nor GBK/GB18030; save it from Excel as 'CSV UTF-8'",
        ),
        "table_empty": QCoreApplication.translate("ModelMessages", "{name}: the table is empty"),
        "csv_unreadable": QCoreApplication.translate(
            "ModelMessages", "{name}: not a readable CSV table ({detail})"
        ),
        "project_layer_left_out": QCoreApplication.translate(
            "ModelMessages", "{name}: {label} was left out: {problem}"
        ),
        "project_layer_number": QCoreApplication.translate("ModelMessages", "layer {number}"),
        "project_layer_named": QCoreApplication.translate(
            "ModelMessages", "layer {number} (“{title}”)"
        ),
        "notes_cannot_open": QCoreApplication.translate(
            "ModelMessages", "cannot open the notes file {path}: {problem}"
        ),
        "notes_cannot_read": QCoreApplication.translate(
            "ModelMessages", "cannot read the notes file {path}: {problem}"
        ),
        "notes_cannot_save": QCoreApplication.translate(
            "ModelMessages", "cannot save to the notes file {path}: {problem}"
        ),
        "notes_cannot_create_folder": QCoreApplication.translate(
            "ModelMessages", "cannot create the notes folder {path}: {problem}"
        ),
        "notes_not_a_file": QCoreApplication.translate(
            "ModelMessages", "the notes path {path} is not a file"
        ),
    }


def message_text(exc: BaseException | str) -> str:
    """What to tell the user about exc (an error, or a model.messages.Text), in the
    interface language; as it is when it has no id."""
    key = getattr(exc, "key", None)
    templates = _templates() if key else {}
    if key not in templates:
        return str(exc)
    try:
        return " ".join(_filled(templates, key, getattr(exc, "params", {})).split())
    except (KeyError, IndexError, ValueError):  # a translation with a wrong placeholder
        return str(exc)


def _filled(templates: dict[str, str], key: str, params: dict) -> str:
    """A template filled in; a `…_key` parameter is itself a message, id or (id, params)."""
    values = {}
    for name, value in params.items():
        if name.endswith("_key"):
            inner_key, inner = (value, {}) if isinstance(value, str) else value
            values[name.removesuffix("_key")] = _filled(templates, inner_key, inner)
        else:
            values[name] = value
    return templates[key].format(**values)
