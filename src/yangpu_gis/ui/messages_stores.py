"""The data layer's messages about projects, outputs, PostGIS databases, basemaps and
the review notes store in the interface language.

Literal `QCoreApplication.translate()` strings for pyside6-lupdate: each is the English
template of the same id in model.messages (a test compares them), filled in by
ui.model_messages.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def store_templates() -> dict[str, str]:
    return {
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
        "project_newer": QCoreApplication.translate(
            "ModelMessages",
            "{name} was written by a newer Yangpu GIS (project format version {version}; this one reads version {current}): what this version does not know is kept and saved back, but not shown",
        ),
        "project_view_unusable": QCoreApplication.translate(
            "ModelMessages", "{name}: the saved view {view} was not usable"
        ),
        "project_layout_unusable": QCoreApplication.translate(
            "ModelMessages", "{name}: the saved window layout was not usable"
        ),
        "project_notes_look_unusable": QCoreApplication.translate(
            "ModelMessages",
            "{name}: the saved look of the review notes was not usable ({problem}); they are shown as usual",
        ),
        "entry_not_text": QCoreApplication.translate(
            "ModelMessages", "its “{field}” must be text, not {value}"
        ),
        "entry_not_object": QCoreApplication.translate(
            "ModelMessages", "it is not an object ({value})"
        ),
        "entry_visible": QCoreApplication.translate(
            "ModelMessages", "its “visible” must be true or false, not {value}"
        ),
        "entry_opacity": QCoreApplication.translate(
            "ModelMessages", "its “opacity” must be a number from 0 to 1, not {value}"
        ),
        "entry_style_not_object": QCoreApplication.translate(
            "ModelMessages", "its “style” must be an object, not {value}"
        ),
        "entry_style_unusable": QCoreApplication.translate(
            "ModelMessages", "its “style” is not usable ({problem})"
        ),
        "extent_four_numbers": QCoreApplication.translate(
            "ModelMessages", "an extent has four numbers"
        ),
        "extent_order": QCoreApplication.translate(
            "ModelMessages", "an extent runs from its minimum to its maximum"
        ),
        "bookmarks_not_list": QCoreApplication.translate(
            "ModelMessages", "{name}: the saved bookmarks were not a list and were left out"
        ),
        "bookmark_left_out": QCoreApplication.translate(
            "ModelMessages", "{name}: bookmark {number} was left out: {problem}"
        ),
        "bookmark_not_pair": QCoreApplication.translate(
            "ModelMessages", "it is not a name and an extent"
        ),
        "bookmark_no_name": QCoreApplication.translate("ModelMessages", "it has no name"),
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
        "notes_changed_elsewhere": QCoreApplication.translate(
            "ModelMessages",
            "the notes file {path} was changed by another program: its {table} table is gone",
        ),
        "notes_locked": QCoreApplication.translate(
            "ModelMessages",
            "it is locked: another program is using the notes file, try again in a moment",
        ),
        "notes_no_new_row": QCoreApplication.translate("ModelMessages", "no new row"),
        "notes_not_set_aside": QCoreApplication.translate(
            "ModelMessages",
            "the notes file {path} cannot be read ({problem}) and could not be set aside: {reason}",
        ),
        "notes_set_aside": QCoreApplication.translate(
            "ModelMessages",
            "The notes file {path} could not be read ({problem}). It was kept as {kept} and a new, empty notes file was started.",
        ),
        "notes_no_sqlite_header": QCoreApplication.translate(
            "ModelMessages", "file is not a database: it has no SQLite header"
        ),
        "notes_integrity": QCoreApplication.translate(
            "ModelMessages", "integrity check failed: {check}"
        ),
        "notes_not_notes_gpkg": QCoreApplication.translate(
            "ModelMessages", "it is not a notes GeoPackage: no {tables} table"
        ),
        "notes_lacks_columns": QCoreApplication.translate(
            "ModelMessages", "its notes table lacks the {columns} column(s)"
        ),
        "notes_geometry_unregistered": QCoreApplication.translate(
            "ModelMessages", "its notes geometry column is not registered"
        ),
        "note_skipped_location": QCoreApplication.translate(
            "ModelMessages", "note {id} was skipped: its location cannot be read ({problem})"
        ),
        "note_damaged_location": QCoreApplication.translate(
            "ModelMessages", "note {id} is damaged in {path}: its location cannot be read"
        ),
        "notes_cannot_write": QCoreApplication.translate(
            "ModelMessages", "cannot write {path}: {reason}"
        ),
        "notes_db_cannot_connect": QCoreApplication.translate(
            "ModelMessages", "cannot connect to the notes database {path}: {problem}"
        ),
        "notes_db_cannot_use": QCoreApplication.translate(
            "ModelMessages", "cannot use the notes database {path}: {problem}"
        ),
        "notes_db_busy": QCoreApplication.translate(
            "ModelMessages", "another planner is saving this note: try again in a moment"
        ),
        "basemap_datum": QCoreApplication.translate(
            "ModelMessages", "basemap datum {datum}: choose wgs84 or gcj02"
        ),
        "basemap_no_saved_source": QCoreApplication.translate(
            "ModelMessages", "the saved basemap has no source"
        ),
        "basemap_no_source": QCoreApplication.translate("ModelMessages", "no basemap source given"),
        "basemap_url_placeholders": QCoreApplication.translate(
            "ModelMessages",
            "{source}: a tile URL needs {{z}}, {{x}} and {{y}} placeholders (or a WMTS GetTile URL)",
        ),
        "basemap_no_such_file": QCoreApplication.translate(
            "ModelMessages", "{path}: no such basemap file"
        ),
        "basemap_not_tile_db": QCoreApplication.translate(
            "ModelMessages", "{name}: not a tile database ({problem})"
        ),
        "basemap_not_mbtiles": QCoreApplication.translate(
            "ModelMessages", "{name}: not an MBTiles file (no tiles table)"
        ),
        "basemap_mbtiles_empty": QCoreApplication.translate(
            "ModelMessages", "{name}: the MBTiles has no tiles"
        ),
        "basemap_gpkg_no_tiles": QCoreApplication.translate(
            "ModelMessages", "{name}: the GeoPackage holds no tiles"
        ),
        "basemap_gpkg_not_mercator": QCoreApplication.translate(
            "ModelMessages", "{name}: its tiles are not in Web Mercator (EPSG:3857)"
        ),
        "basemap_gpkg_bad_table": QCoreApplication.translate(
            "ModelMessages", "{name}: cannot read its tile table {table}"
        ),
        "basemap_gpkg_off_grid": QCoreApplication.translate(
            "ModelMessages", "{name}: its tiles are not on the Web Mercator tile grid"
        ),
        "basemap_gpkg_no_zooms": QCoreApplication.translate(
            "ModelMessages", "{name}: the GeoPackage tile pyramid has no zoom levels"
        ),
        "basemap_cannot_open": QCoreApplication.translate(
            "ModelMessages", "{path}: cannot open ({reason})"
        ),
        "basemap_not_pmtiles": QCoreApplication.translate(
            "ModelMessages", "{name}: not a PMTiles v3 file ({problem})"
        ),
        "basemap_pmtiles_compression": QCoreApplication.translate(
            "ModelMessages", "{name}: its tiles are compressed with {compression}"
        ),
        "basemap_pmtiles_tile_type": QCoreApplication.translate(
            "ModelMessages", "{name}: its {kind} tiles cannot be drawn"
        ),
        "basemap_no_such_source": QCoreApplication.translate(
            "ModelMessages", "{path}: no such basemap file or folder"
        ),
        "basemap_not_tile_folder": QCoreApplication.translate(
            "ModelMessages", "{path}: not a tile folder (no {{z}}/{{x}}/{{y}} files in it)"
        ),
        "basemap_folder_no_tiles": QCoreApplication.translate(
            "ModelMessages", "{path}: its tile folders hold no image or vector tiles"
        ),
        "basemap_not_a_basemap": QCoreApplication.translate(
            "ModelMessages",
            "{path}: not a basemap (use .mbtiles, .pmtiles, .gpkg, a tile folder or a URL)",
        ),
        "pg_connection_lost": QCoreApplication.translate(
            "ModelMessages", "{table}: the database connection was lost ({problem})"
        ),
        "pg_password_needed": QCoreApplication.translate(
            "ModelMessages", "{database}: the database asks for a password ({problem})"
        ),
        "pg_cannot_read_table": QCoreApplication.translate(
            "ModelMessages", "{table}: cannot read the table ({problem})"
        ),
        "pg_crs_unknown": QCoreApplication.translate(
            "ModelMessages", "{table}: its CRS {crs} is unknown here ({problem})"
        ),
        "pg_name_database": QCoreApplication.translate(
            "ModelMessages", "{address}: name the database, e.g. postgresql://user@host/db?table=t"
        ),
        "pg_name_table": QCoreApplication.translate(
            "ModelMessages",
            "{address}: name the table with ?table=[SCHEMA.]TABLE (`yangpu-gis info` on the address without it lists them)",
        ),
        "pg_not_table_name": QCoreApplication.translate(
            "ModelMessages", "{address}: {table} is not a table name"
        ),
        "output_no_name": QCoreApplication.translate(
            "ModelMessages", "no file name given for the {what}"
        ),
        "output_not_regular": QCoreApplication.translate(
            "ModelMessages",
            "{path} is {kind}, not a regular file; choose a file name for the {what}",
        ),
        "output_wrong_suffix": QCoreApplication.translate(
            "ModelMessages",
            "{name}: the {what} must be named *{suffixes}; choose a name with that ending",
        ),
        "output_link_elsewhere": QCoreApplication.translate(
            "ModelMessages",
            "{name} is a link to {target}, which is not a *{suffixes} file; it was left as it is",
        ),
        "output_is_input": QCoreApplication.translate(
            "ModelMessages",
            "{name} is one of the files being read ({input}); choose another name for the {what}",
        ),
        "output_two_suffixes": QCoreApplication.translate("ModelMessages", "{first} or *{second}"),
        "kind_special": QCoreApplication.translate("ModelMessages", "a special file"),
        "what_file": QCoreApplication.translate("ModelMessages", "file"),
        "what_html_map": QCoreApplication.translate("ModelMessages", "HTML map"),
        "what_png_image": QCoreApplication.translate("ModelMessages", "PNG image"),
        "what_pdf_page": QCoreApplication.translate("ModelMessages", "PDF page"),
        "what_project": QCoreApplication.translate("ModelMessages", "project"),
        "what_notes_geojson": QCoreApplication.translate("ModelMessages", "GeoJSON notes export"),
        "what_notes_csv": QCoreApplication.translate("ModelMessages", "CSV notes export"),
        "note_field_empty": QCoreApplication.translate(
            "ModelMessages", "a note needs {what}: it cannot be empty"
        ),
        "note_field_too_long": QCoreApplication.translate(
            "ModelMessages", "{what} is too long: {length} characters, at most {limit}"
        ),
        "note_what_text": QCoreApplication.translate("ModelMessages", "text"),
        "note_what_author": QCoreApplication.translate("ModelMessages", "an author"),
        "note_what_category": QCoreApplication.translate("ModelMessages", "category"),
        "note_what_site": QCoreApplication.translate("ModelMessages", "site id"),
        "project_too_many_layers": QCoreApplication.translate(
            "ModelMessages",
            "{name}: it has {count} layers; the first {opened} were opened and the other "
            "{left} are kept in the file, unopened (a project opens at most {opened} layers)",
        ),
    }
