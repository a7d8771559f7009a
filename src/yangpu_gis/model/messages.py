"""The data layer's messages to the user, by a stable id: English templates with named
placeholders, Qt-free.

An error raised with `LoadError.of("too_large", name=...)` (or `NotesError.of`) carries
its id and parameters; its str() is the English text (what the command line prints and
the log records). The desktop looks the id up in ui/model_messages.py, which holds the
same templates as literal `QCoreApplication.translate()` strings for the translators,
and formats them with the same parameters. A parameter named `…_key` is itself an id
(a phrase such as "a named pipe (FIFO)"), or an (id, parameters) pair, given to the
template without the suffix; a parameter that is a message with an id (a Text, an error
made by `.of`) is translated with it, and a list of them is joined as the language
lists clauses (or names, for a parameter called `…_names`). Notes on a file that was read (what was skipped, repaired, assumed) are
Texts too, so they are translated where they are shown.
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
    # outputs: where a map, page, project or export may be written
    "output_no_name": "no file name given for the {what}",
    "output_not_regular": "{path} is {kind}, not a regular file; choose a file name for the {what}",
    "output_wrong_suffix": "{name}: the {what} must be named *{suffixes}; choose a name with that ending",
    "output_link_elsewhere": "{name} is a link to {target}, which is not a *{suffixes} file; it was left as it is",
    "output_is_input": "{name} is one of the files being read ({input}); choose another name for the {what}",
    "output_two_suffixes": "{first} or *{second}",
    "kind_special": "a special file",
    "what_file": "file",
    "what_html_map": "HTML map",
    "what_png_image": "PNG image",
    "what_pdf_page": "PDF page",
    "what_project": "project",
    "what_notes_geojson": "GeoJSON notes export",
    "what_notes_csv": "CSV notes export",
    # formats
    "format_zipped_shapefile": "Shapefile (zipped)",
    "format_excel_workbook": "Excel workbook",
    "format_with_suffixes": "{format} {suffixes}",
    "empty_file": "{name}: the file is empty (0 bytes)",
    "unsupported_type": "{name}: unsupported file type {suffix}; open {supported_names}",
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
    "not_format_is": "{name}: not a {format} file (it is {what})",
    "not_format_start": "{name}: not a {format} file (it does not start with {start})",
    "unsupported_type_is": "{name}: unsupported file type {suffix} ({what}); open {supported_names}",
    "shapefile_part": (
        "{name}: is one part of a shapefile; open {stem}.shp (kept next to its .shx and .dbf)"
    ),
    "cannot_read_as": "{name}: cannot be read as {format} ({detail})",
    "no_such_layer": "{name}: has no layer {layer} (its layers: {names})",
    "file_no_features": "{name}: the file holds no features",
    "no_usable_geometry": "{name}: no feature has a usable geometry ({reasons})",
    "wrong_declared_encoding": (
        "{name}: its text is not in the encoding the file declares ({detail})"
    ),
    "sqlite_too_slow": (
        "{name}: reading {what} did not finish within {seconds} s "
        "(a view defined by an endless query?); the file was not opened"
    ),
    "gpkg_what_contents": "its list of tables (gpkg_contents)",
    "gpkg_what_columns": "its geometry columns (gpkg_geometry_columns)",
    "gpkg_what_table": "its table or view {table}",
    "parquet_plain": "{name}: a plain Parquet table, not GeoParquet (no geometry metadata)",
    "parquet_meta_damaged": "{name}: its GeoParquet metadata is damaged",
    "parquet_crs": "{name}: its CRS cannot be understood ({detail})",
    "workbook_damaged": (
        "{name}: cannot be read as an Excel workbook, the file is damaged ({detail})"
    ),
    "shx_missing": (
        "{name}: its .shx index file is missing; a shapefile needs its .shp, .shx and "
        ".dbf files side by side"
    ),
    # what a file's first bytes say it is
    "sig_png": "a PNG image",
    "sig_jpeg": "a JPEG image",
    "sig_gif": "a GIF image",
    "sig_tiff": "a TIFF image (raster data cannot be opened)",
    "sig_pdf": "a PDF document",
    "sig_old_office": "an old-style Office document (.doc/.xls)",
    "sig_zip": "a ZIP archive (Word and Excel files are ZIP archives too)",
    "sig_empty_zip": "an empty ZIP archive",
    "sig_rar": "a RAR archive (unpack it first)",
    "sig_7z": "a 7-Zip archive (unpack it first)",
    "sig_gzip": "a gzip archive (unpack it first)",
    "sig_sqlite": "an SQLite database",
    "sig_parquet": "a Parquet file",
    "sig_flatgeobuf": "a FlatGeobuf file",
    "sig_shp": "a shapefile .shp",
    # a read's progress
    "progress_opening": "opening {name}",
    "progress_loaded": "loaded {name}",
    "progress_checking": "checking geometries",
    "progress_converting": "converting to WGS84",
    "progress_ready": "{count} features ready",
    "progress_read_of": "read {done} of {total} features",
    "progress_read": "read {count} features",
    "progress_reading": "reading {count} features",
    "progress_reading_format": "reading {format}",
    "progress_preparing": "preparing {name} for drawing",
    "progress_read_rows": "read {count} rows",
    "progress_reading_sheet": "reading sheet {sheet}",
    # notes on a layer that was read
    "note_empty_layers_left_out": "left out empty layer(s): {layers}",
    "note_layer_no_features": "the layer has no features",
    "note_unreadable_geometries": (
        "{count} of the skipped geometries are of a kind that cannot be read (curves, or damaged)"
    ),
    "note_datum_hint": "column names suggest {datum} coordinates: declare {declare} if so",
    "note_skipped_missing_one": (
        "skipped {count} feature with a missing, empty or non-numeric geometry"
    ),
    "note_skipped_missing_many": (
        "skipped {count} features with a missing, empty or non-numeric geometry"
    ),
    "note_repaired_one": "repaired {count} invalid geometry{first}",
    "note_repaired_many": "repaired {count} invalid geometries{first}",
    "note_repaired_first": " (first: {reason})",
    "note_skipped_collapsed_one": "skipped {count} feature with no area left after repair",
    "note_skipped_collapsed_many": "skipped {count} features with no area left after repair",
    "note_mixed_types": "mixed geometry types: {kinds}",
    "note_no_dbf": "no .dbf file: the features have no attributes",
    "note_shp_truncated": (
        ".shp file is truncated (shorter than its header says): features past the cut are lost"
    ),
    "note_dbf_too_short": ".dbf file is too short to hold a header: the attributes cannot be read",
    "note_shx_short": (
        "the .shp holds {shapes} shapes but its .shx index only {indexed}: "
        "{left} shapes past the index are left out"
    ),
    "note_shp_dbf_counts": (
        "the .shp/.shx hold {shapes} shapes but the .dbf {rows} attribute rows: "
        "only {matched} features can be matched, the rest are left out"
    ),
    "note_malformed_lines": "skipped {count} malformed line(s) with the wrong number of cells",
    "note_rows_no_numbers": "skipped {count} row(s) without numeric coordinates (line {lines})",
    "note_rows_bad_wkt": "skipped {count} row(s) whose WKT is empty or unreadable (line {lines})",
    "note_extra_geometry_columns": "ignored the extra geometry column(s) {columns}",
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
    "unknown_declared_crs": "unknown CRS {crs}: give EPSG:n (e.g. EPSG:4549), gcj02 or bd09",
    "crs_problem_swapped": (
        "its y values reach {reach}, beyond 90 (longitude and latitude swapped?)"
    ),
    "crs_problem_projected": "its coordinates reach {reach} (projected metres?)",
    "crs_projected_not_lonlat": (
        "{name}: {declared} is longitude/latitude, but the file is in the projected {crs}; "
        "declare that CRS or none"
    ),
    "crs_cannot_be_declared": (
        "{name}: {problem}, so it cannot be {declared}, which is longitude/latitude; "
        "declare the right CRS, {examples}"
    ),
    "crs_needs_lonlat": (
        "{name}: {problem}, but {crs} needs longitude/latitude; "
        "declare the file's real CRS, {examples}"
    ),
    "crs_does_not_fit": (
        "{name}: its coordinates do not fit {crs}; declare the right CRS, {examples}"
    ),
    "note_crs_file_says": "the file says {file_crs}; read as {declared} as declared",
    "note_crs_assumed": (
        "no CRS given: coordinates taken as WGS84 longitude/latitude "
        "(declare gcj02 or bd09 for coordinates from Amap or Baidu maps)"
    ),
    "note_crs_outside_area": (
        "the data lies outside the area where {crs} is used ({area}); "
        "check that this is the right CRS"
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
    "project_newer": (
        "{name} was written by a newer Yangpu GIS (project format version {version}; "
        "this one reads version {current}): what this version does not know is kept "
        "and saved back, but not shown"
    ),
    "project_view_unusable": "{name}: the saved view {view} was not usable",
    "project_layout_unusable": "{name}: the saved window layout was not usable",
    "project_notes_look_unusable": (
        "{name}: the saved look of the review notes was not usable ({problem}); "
        "they are shown as usual"
    ),
    "entry_not_text": "its “{field}” must be text, not {value}",
    "entry_not_object": "it is not an object ({value})",
    "entry_visible": "its “visible” must be true or false, not {value}",
    "entry_opacity": "its “opacity” must be a number from 0 to 1, not {value}",
    "entry_style_not_object": "its “style” must be an object, not {value}",
    "entry_style_unusable": "its “style” is not usable ({problem})",
    "extent_four_numbers": "an extent has four numbers",
    "extent_order": "an extent runs from its minimum to its maximum",
    "bookmarks_not_list": "{name}: the saved bookmarks were not a list and were left out",
    "bookmark_left_out": "{name}: bookmark {number} was left out: {problem}",
    "bookmark_not_pair": "it is not a name and an extent",
    "bookmark_no_name": "it has no name",
    # PostGIS
    "pg_cannot_connect": "cannot connect to the database {database}: {problem}",
    "pg_no_postgis": "the database has no PostGIS (no geometry_columns view)",
    "pg_no_such_table": "{database}: there is no geometry table {table}",
    "pg_no_srid": "{table}: its geometry column has no SRID (CRS unknown)",
    "pg_not_an_address": "{address} is not a postgresql:// address",
    "pg_connection_lost": "{table}: the database connection was lost ({problem})",
    "pg_password_needed": "{database}: the database asks for a password ({problem})",
    "pg_cannot_read_table": "{table}: cannot read the table ({problem})",
    "pg_crs_unknown": "{table}: its CRS {crs} is unknown here ({problem})",
    "pg_name_database": "{address}: name the database, e.g. postgresql://user@host/db?table=t",
    "pg_name_table": "{address}: name the table with ?table=[SCHEMA.]TABLE (`yangpu-gis info` on the address without it lists them)",
    "pg_not_table_name": "{address}: {table} is not a table name",
    "project_layer_left_out": "{name}: {label} was left out: {problem}",
    "project_layer_number": "layer {number}",
    "project_layer_named": "layer {number} (“{title}”)",
    # basemaps
    "basemap_datum": "basemap datum {datum}: choose wgs84 or gcj02",
    "basemap_no_saved_source": "the saved basemap has no source",
    "basemap_no_source": "no basemap source given",
    "basemap_url_placeholders": "{source}: a tile URL needs {{z}}, {{x}} and {{y}} placeholders (or a WMTS GetTile URL)",
    "basemap_no_such_file": "{path}: no such basemap file",
    "basemap_not_tile_db": "{name}: not a tile database ({problem})",
    "basemap_not_mbtiles": "{name}: not an MBTiles file (no tiles table)",
    "basemap_mbtiles_empty": "{name}: the MBTiles has no tiles",
    "basemap_gpkg_no_tiles": "{name}: the GeoPackage holds no tiles",
    "basemap_gpkg_not_mercator": "{name}: its tiles are not in Web Mercator (EPSG:3857)",
    "basemap_gpkg_bad_table": "{name}: cannot read its tile table {table}",
    "basemap_gpkg_off_grid": "{name}: its tiles are not on the Web Mercator tile grid",
    "basemap_gpkg_no_zooms": "{name}: the GeoPackage tile pyramid has no zoom levels",
    "basemap_cannot_open": "{path}: cannot open ({reason})",
    "basemap_not_pmtiles": "{name}: not a PMTiles v3 file ({problem})",
    "basemap_pmtiles_compression": "{name}: its tiles are compressed with {compression}",
    "basemap_pmtiles_tile_type": "{name}: its {kind} tiles cannot be drawn",
    "basemap_no_such_source": "{path}: no such basemap file or folder",
    "basemap_not_tile_folder": "{path}: not a tile folder (no {{z}}/{{x}}/{{y}} files in it)",
    "basemap_folder_no_tiles": "{path}: its tile folders hold no image or vector tiles",
    "basemap_not_a_basemap": "{path}: not a basemap (use .mbtiles, .pmtiles, .gpkg, a tile folder or a URL)",
    # the review notes store
    "notes_cannot_open": "cannot open the notes file {path}: {problem}",
    "notes_cannot_read": "cannot read the notes file {path}: {problem}",
    "notes_cannot_save": "cannot save to the notes file {path}: {problem}",
    "notes_cannot_create_folder": "cannot create the notes folder {path}: {problem}",
    "notes_not_a_file": "the notes path {path} is not a file",
    "note_field_empty": "a note needs {what}: it cannot be empty",
    "note_field_too_long": "{what} is too long: {length} characters, at most {limit}",
    "note_what_text": "text",
    "note_what_author": "an author",
    "note_what_category": "category",
    "note_what_site": "site id",
    "notes_changed_elsewhere": (
        "the notes file {path} was changed by another program: its {table} table is gone"
    ),
    "notes_locked": "it is locked: another program is using the notes file, try again in a moment",
    "notes_no_new_row": "no new row",
    "notes_not_set_aside": (
        "the notes file {path} cannot be read ({problem}) and could not be set aside: {reason}"
    ),
    "notes_set_aside": (
        "The notes file {path} could not be read ({problem}). It was kept as {kept} "
        "and a new, empty notes file was started."
    ),
    "notes_no_sqlite_header": "file is not a database: it has no SQLite header",
    "notes_integrity": "integrity check failed: {check}",
    "notes_not_notes_gpkg": "it is not a notes GeoPackage: no {tables} table",
    "notes_lacks_columns": "its notes table lacks the {columns} column(s)",
    "notes_geometry_unregistered": "its notes geometry column is not registered",
    "note_skipped_location": "note {id} was skipped: its location cannot be read ({problem})",
    "note_damaged_location": "note {id} is damaged in {path}: its location cannot be read",
    "notes_cannot_write": "cannot write {path}: {reason}",
    "notes_db_cannot_connect": "cannot connect to the notes database {path}: {problem}",
    "notes_db_cannot_use": "cannot use the notes database {path}: {problem}",
    "notes_db_busy": "another planner is saving this note: try again in a moment",
    # project files past the layer budget
    "project_too_many_layers": (
        "{name}: it has {count} layers; the first {opened} were opened and the other "
        "{left} are kept in the file, unopened (a project opens at most {opened} layers)"
    ),
}


def resolved(params: dict) -> dict:
    """The parameters with each `…_key` one replaced by its phrase, in English, and a
    list (of reasons, say) joined with "; "."""
    out = {}
    for name, value in params.items():
        if name.endswith("_key"):
            key, inner = (value, {}) if isinstance(value, str) else value
            out[name.removesuffix("_key")] = MESSAGES[key].format(**resolved(inner))
        elif isinstance(value, list | tuple):
            out[name] = list_joiner(name).join(str(one) for one in value)
        else:
            out[name] = value
    return out


def list_joiner(name: str) -> str:
    """How a list parameter is joined in English: names (`…_names`) with commas, reasons
    and warnings as clauses."""
    return ", " if name.endswith("_names") else "; "


def counted(key: str, count: int, **params) -> Text:
    """A note about `count` things: the id's `_one` or `_many` form, the count with
    thousands separators (Qt's %n plurals need a translate() call the model cannot make)."""
    return Text.of(f"{key}_{'one' if count == 1 else 'many'}", count=f"{count:,}", **params)


def format_param(name: str) -> dict:
    """A format's name (model.file_formats' FileFormat.name) as the `format` parameter of a
    message: by its id when the name is words to translate ("Excel workbook"), as it is
    when it is a proper name ("GeoJSON")."""
    key = next((k for k in MESSAGES if k.startswith("format_") and MESSAGES[k] == name), None)
    return {"format_key": key} if key else {"format": name}


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

    @classmethod
    def like(cls, other: BaseException) -> Self:
        """An error of this class saying what `other` says, with its id when it has one."""
        key = getattr(other, "key", None)
        return cls.of(key, **other.params) if key else cls(str(other))  # type: ignore[attr-defined,call-arg]
