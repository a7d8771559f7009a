"""The data layer's messages about reading files (formats, tables, budgets, coordinate
systems, what was left out) in the interface language.

Literal `QCoreApplication.translate()` strings for pyside6-lupdate: each is the English
template of the same id in model.messages (a test compares them), filled in by
ui.model_messages.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def reading_templates() -> dict[str, str]:
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
            "ModelMessages", "{name}: unsupported file type {suffix}; open {supported_names}"
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
        "old_xls": QCoreApplication.translate(
            "ModelMessages",
            "{name}: old Excel .xls workbooks cannot be read; save it as .xlsx or .csv",
        ),
        "zip_no_shapefile": QCoreApplication.translate(
            "ModelMessages",
            "{name}: the ZIP archive holds no shapefile (.shp); unzip it and open the file inside",
        ),
        "not_format_is": QCoreApplication.translate(
            "ModelMessages", "{name}: not a {format} file (it is {what})"
        ),
        "not_format_start": QCoreApplication.translate(
            "ModelMessages", "{name}: not a {format} file (it does not start with {start})"
        ),
        "unsupported_type_is": QCoreApplication.translate(
            "ModelMessages",
            "{name}: unsupported file type {suffix} ({what}); open {supported_names}",
        ),
        "shapefile_part": QCoreApplication.translate(
            "ModelMessages",
            "{name}: is one part of a shapefile; open {stem}.shp (kept next to its .shx and .dbf)",
        ),
        "cannot_read_as": QCoreApplication.translate(
            "ModelMessages", "{name}: cannot be read as {format} ({detail})"
        ),
        "no_such_layer": QCoreApplication.translate(
            "ModelMessages", "{name}: has no layer {layer} (its layers: {names})"
        ),
        "file_no_features": QCoreApplication.translate(
            "ModelMessages", "{name}: the file holds no features"
        ),
        "no_usable_geometry": QCoreApplication.translate(
            "ModelMessages", "{name}: no feature has a usable geometry ({reasons})"
        ),
        "wrong_declared_encoding": QCoreApplication.translate(
            "ModelMessages", "{name}: its text is not in the encoding the file declares ({detail})"
        ),
        "sqlite_too_slow": QCoreApplication.translate(
            "ModelMessages",
            "{name}: reading {what} did not finish within {seconds} s (a view defined by an endless query?); the file was not opened",
        ),
        "gpkg_what_contents": QCoreApplication.translate(
            "ModelMessages", "its list of tables (gpkg_contents)"
        ),
        "gpkg_what_columns": QCoreApplication.translate(
            "ModelMessages", "its geometry columns (gpkg_geometry_columns)"
        ),
        "gpkg_what_table": QCoreApplication.translate("ModelMessages", "its table or view {table}"),
        "parquet_plain": QCoreApplication.translate(
            "ModelMessages", "{name}: a plain Parquet table, not GeoParquet (no geometry metadata)"
        ),
        "parquet_meta_damaged": QCoreApplication.translate(
            "ModelMessages", "{name}: its GeoParquet metadata is damaged"
        ),
        "parquet_crs": QCoreApplication.translate(
            "ModelMessages", "{name}: its CRS cannot be understood ({detail})"
        ),
        "workbook_damaged": QCoreApplication.translate(
            "ModelMessages",
            "{name}: cannot be read as an Excel workbook, the file is damaged ({detail})",
        ),
        "shx_missing": QCoreApplication.translate(
            "ModelMessages",
            "{name}: its .shx index file is missing; a shapefile needs its .shp, .shx and .dbf files side by side",
        ),
        "sig_png": QCoreApplication.translate("ModelMessages", "a PNG image"),
        "sig_jpeg": QCoreApplication.translate("ModelMessages", "a JPEG image"),
        "sig_gif": QCoreApplication.translate("ModelMessages", "a GIF image"),
        "sig_tiff": QCoreApplication.translate(
            "ModelMessages", "a TIFF image (raster data cannot be opened)"
        ),
        "sig_pdf": QCoreApplication.translate("ModelMessages", "a PDF document"),
        "sig_old_office": QCoreApplication.translate(
            "ModelMessages", "an old-style Office document (.doc/.xls)"
        ),
        "sig_zip": QCoreApplication.translate(
            "ModelMessages", "a ZIP archive (Word and Excel files are ZIP archives too)"
        ),
        "sig_empty_zip": QCoreApplication.translate("ModelMessages", "an empty ZIP archive"),
        "sig_rar": QCoreApplication.translate("ModelMessages", "a RAR archive (unpack it first)"),
        "sig_7z": QCoreApplication.translate("ModelMessages", "a 7-Zip archive (unpack it first)"),
        "sig_gzip": QCoreApplication.translate("ModelMessages", "a gzip archive (unpack it first)"),
        "sig_sqlite": QCoreApplication.translate("ModelMessages", "an SQLite database"),
        "sig_parquet": QCoreApplication.translate("ModelMessages", "a Parquet file"),
        "sig_flatgeobuf": QCoreApplication.translate("ModelMessages", "a FlatGeobuf file"),
        "sig_shp": QCoreApplication.translate("ModelMessages", "a shapefile .shp"),
        "note_empty_layers_left_out": QCoreApplication.translate(
            "ModelMessages", "left out empty layer(s): {layers}"
        ),
        "note_layer_no_features": QCoreApplication.translate(
            "ModelMessages", "the layer has no features"
        ),
        "note_unreadable_geometries": QCoreApplication.translate(
            "ModelMessages",
            "{count} of the skipped geometries are of a kind that cannot be read (curves, or damaged)",
        ),
        "note_datum_hint": QCoreApplication.translate(
            "ModelMessages", "column names suggest {datum} coordinates: declare {declare} if so"
        ),
        "note_skipped_missing_one": QCoreApplication.translate(
            "ModelMessages", "skipped {count} feature with a missing, empty or non-numeric geometry"
        ),
        "note_skipped_missing_many": QCoreApplication.translate(
            "ModelMessages",
            "skipped {count} features with a missing, empty or non-numeric geometry",
        ),
        "note_repaired_one": QCoreApplication.translate(
            "ModelMessages", "repaired {count} invalid geometry{first}"
        ),
        "note_repaired_many": QCoreApplication.translate(
            "ModelMessages", "repaired {count} invalid geometries{first}"
        ),
        "note_repaired_first": QCoreApplication.translate("ModelMessages", " (first: {reason})"),
        "note_skipped_collapsed_one": QCoreApplication.translate(
            "ModelMessages", "skipped {count} feature with no area left after repair"
        ),
        "note_skipped_collapsed_many": QCoreApplication.translate(
            "ModelMessages", "skipped {count} features with no area left after repair"
        ),
        "note_mixed_types": QCoreApplication.translate(
            "ModelMessages", "mixed geometry types: {kinds}"
        ),
        "note_no_dbf": QCoreApplication.translate(
            "ModelMessages", "no .dbf file: the features have no attributes"
        ),
        "note_shp_truncated": QCoreApplication.translate(
            "ModelMessages",
            ".shp file is truncated (shorter than its header says): features past the cut are lost",
        ),
        "note_dbf_too_short": QCoreApplication.translate(
            "ModelMessages",
            ".dbf file is too short to hold a header: the attributes cannot be read",
        ),
        "note_shx_short": QCoreApplication.translate(
            "ModelMessages",
            "the .shp holds {shapes} shapes but its .shx index only {indexed}: {left} shapes past the index are left out",
        ),
        "note_shp_dbf_counts": QCoreApplication.translate(
            "ModelMessages",
            "the .shp/.shx hold {shapes} shapes but the .dbf {rows} attribute rows: only {matched} features can be matched, the rest are left out",
        ),
        "note_malformed_lines": QCoreApplication.translate(
            "ModelMessages", "skipped {count} malformed line(s) with the wrong number of cells"
        ),
        "note_rows_no_numbers": QCoreApplication.translate(
            "ModelMessages", "skipped {count} row(s) without numeric coordinates (line {lines})"
        ),
        "note_rows_bad_wkt": QCoreApplication.translate(
            "ModelMessages",
            "skipped {count} row(s) whose WKT is empty or unreadable (line {lines})",
        ),
        "note_extra_geometry_columns": QCoreApplication.translate(
            "ModelMessages", "ignored the extra geometry column(s) {columns}"
        ),
        "table_no_location": QCoreApplication.translate(
            "ModelMessages",
            "{name}: no longitude/latitude columns (lon/lng/longitude/x/经度 and lat/latitude/y/纬度) and no WKT column; its columns are: {columns}",
        ),
        "table_no_location_no_columns": QCoreApplication.translate(
            "ModelMessages",
            "{name}: no longitude/latitude columns (lon/lng/longitude/x/经度 and lat/latitude/y/纬度) and no WKT column; it has no columns",
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
        "crs_missing": QCoreApplication.translate(
            "ModelMessages",
            "{name}: the file does not say which coordinate system it uses{hint}; declare its CRS, {examples}{values}",
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
        "unknown_declared_crs": QCoreApplication.translate(
            "ModelMessages", "unknown CRS {crs}: give EPSG:n (e.g. EPSG:4549), gcj02 or bd09"
        ),
        "crs_problem_swapped": QCoreApplication.translate(
            "ModelMessages",
            "its y values reach {reach}, beyond 90 (longitude and latitude swapped?)",
        ),
        "crs_problem_projected": QCoreApplication.translate(
            "ModelMessages", "its coordinates reach {reach} (projected metres?)"
        ),
        "crs_projected_not_lonlat": QCoreApplication.translate(
            "ModelMessages",
            "{name}: {declared} is longitude/latitude, but the file is in the projected {crs}; declare that CRS or none",
        ),
        "crs_cannot_be_declared": QCoreApplication.translate(
            "ModelMessages",
            "{name}: {problem}, so it cannot be {declared}, which is longitude/latitude; declare the right CRS, {examples}",
        ),
        "crs_needs_lonlat": QCoreApplication.translate(
            "ModelMessages",
            "{name}: {problem}, but {crs} needs longitude/latitude; declare the file's real CRS, {examples}",
        ),
        "crs_does_not_fit": QCoreApplication.translate(
            "ModelMessages",
            "{name}: its coordinates do not fit {crs}; declare the right CRS, {examples}",
        ),
        "note_crs_file_says": QCoreApplication.translate(
            "ModelMessages", "the file says {file_crs}; read as {declared} as declared"
        ),
        "note_crs_assumed": QCoreApplication.translate(
            "ModelMessages",
            "no CRS given: coordinates taken as WGS84 longitude/latitude (declare gcj02 or bd09 for coordinates from Amap or Baidu maps)",
        ),
        "note_crs_outside_area": QCoreApplication.translate(
            "ModelMessages",
            "the data lies outside the area where {crs} is used ({area}); check that this is the right CRS",
        ),
        "progress_opening": QCoreApplication.translate("ModelMessages", "opening {name}"),
        "progress_loaded": QCoreApplication.translate("ModelMessages", "loaded {name}"),
        "progress_checking": QCoreApplication.translate("ModelMessages", "checking geometries"),
        "progress_converting": QCoreApplication.translate("ModelMessages", "converting to WGS84"),
        "progress_ready": QCoreApplication.translate("ModelMessages", "{count} features ready"),
        "progress_read_of": QCoreApplication.translate(
            "ModelMessages", "read {done} of {total} features"
        ),
        "progress_read": QCoreApplication.translate("ModelMessages", "read {count} features"),
        "progress_reading": QCoreApplication.translate("ModelMessages", "reading {count} features"),
        "progress_reading_format": QCoreApplication.translate("ModelMessages", "reading {format}"),
        "progress_preparing": QCoreApplication.translate(
            "ModelMessages", "preparing {name} for drawing"
        ),
        "progress_read_rows": QCoreApplication.translate("ModelMessages", "read {count} rows"),
        "progress_reading_sheet": QCoreApplication.translate(
            "ModelMessages", "reading sheet {sheet}"
        ),
        "format_zipped_shapefile": QCoreApplication.translate(
            "ModelMessages", "Shapefile (zipped)"
        ),
        "format_excel_workbook": QCoreApplication.translate("ModelMessages", "Excel workbook"),
        "format_with_suffixes": QCoreApplication.translate("ModelMessages", "{format} {suffixes}"),
    }
