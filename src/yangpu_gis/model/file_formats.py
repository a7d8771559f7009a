"""Which kind of file the user gave us, judged by its name and checked against its first bytes.

A PNG renamed .geojson or a Word document dropped on the map should get a message that
says what the file is, not a GDAL error about drivers.
"""

from __future__ import annotations

import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.zip_archive import shared_archive


@dataclass(frozen=True)
class FileFormat:
    name: str
    reader: str  # "ogr" (GDAL through pyogrio) | "table" (CSV/XLSX) | "parquet"
    wgs84_by_spec: bool = False  # the format's specification fixes longitude/latitude on WGS84
    signature: tuple[bytes, ...] = ()  # the file must start with one of these
    text_start: str = ""  # for text formats: characters the content may begin with


SHAPEFILE = FileFormat("Shapefile", "ogr", signature=(b"\x00\x00\x27\x0a",))
ZIPPED_SHAPEFILE = FileFormat("Shapefile (zipped)", "ogr", signature=(b"PK\x03\x04", b"PK\x05\x06"))
FORMATS = {
    ".geojson": FileFormat("GeoJSON", "ogr", wgs84_by_spec=True, text_start="{\x1e"),
    ".json": FileFormat("GeoJSON", "ogr", wgs84_by_spec=True, text_start="{\x1e"),
    ".shp": SHAPEFILE,
    ".zip": ZIPPED_SHAPEFILE,
    ".gpkg": FileFormat("GeoPackage", "ogr", signature=(b"SQLite format 3\x00",)),
    ".kml": FileFormat("KML", "ogr", wgs84_by_spec=True, text_start="<"),
    ".kmz": FileFormat("KMZ", "ogr", wgs84_by_spec=True, signature=(b"PK\x03\x04",)),
    ".fgb": FileFormat("FlatGeobuf", "ogr", signature=(b"fgb\x03",)),
    ".parquet": FileFormat("GeoParquet", "parquet", signature=(b"PAR1",)),
    ".geoparquet": FileFormat("GeoParquet", "parquet", signature=(b"PAR1",)),
    ".csv": FileFormat("CSV", "table"),
    ".txt": FileFormat("CSV", "table"),
    ".tsv": FileFormat("CSV", "table"),
    ".xlsx": FileFormat("Excel workbook", "table", signature=(b"PK\x03\x04",)),
    ".gpx": FileFormat("GPX", "ogr", wgs84_by_spec=True, text_start="<"),
    ".gml": FileFormat("GML", "ogr", text_start="<"),
    ".tab": FileFormat("MapInfo TAB", "ogr"),
    ".mif": FileFormat("MapInfo MIF", "ogr"),
}
SUPPORTED_SUFFIXES = tuple(FORMATS)  # for file dialogs and drop filters
SHAPEFILE_PARTS = {".shx", ".dbf", ".prj", ".cpg", ".sbn", ".sbx", ".qix", ".shp.xml"}
# What a file is, from its first bytes, for messages about files of the wrong kind.
SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image (raster data cannot be opened)"),
    (b"MM\x00*", "a TIFF image (raster data cannot be opened)"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office document (.doc/.xls)"),
    (b"PK\x03\x04", "a ZIP archive (Word and Excel files are ZIP archives too)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"Rar!", "a RAR archive (unpack it first)"),
    (b"7z\xbc\xaf", "a 7-Zip archive (unpack it first)"),
    (b"\x1f\x8b", "a gzip archive (unpack it first)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"fgb\x03", "a FlatGeobuf file"),
    (b"\x00\x00\x27\x0a", "a shapefile .shp"),
)
SUPPORTED = (
    "GeoJSON, Shapefile (.shp or .zip), GeoPackage, KML/KMZ, FlatGeobuf, GeoParquet, CSV, XLSX"
)


def describe_content(head: bytes) -> str | None:
    """What the first bytes say the file is, if they are a well-known signature."""
    return next((what for magic, what in SIGNATURES if head.startswith(magic)), None)


def file_suffix(path: Path) -> str:
    name = path.name.lower()
    return ".shp.xml" if name.endswith(".shp.xml") else path.suffix.lower()


def detect_format(path: Path) -> FileFormat:
    """The format of an existing file; LoadError when it is unsupported or not what it claims."""
    suffix = file_suffix(path)
    with path.open("rb") as stream:
        head = stream.read(64)
    if not head:
        raise LoadError.of("empty_file", name=path.name)
    fmt = FORMATS.get(suffix)
    if fmt is None:
        problem = _unsupported_message(path, suffix, head)
        raise problem if isinstance(problem, LoadError) else LoadError(problem)
    if fmt.signature and not head.startswith(fmt.signature):
        what = describe_content(head)
        if what is None:
            raise LoadError.of("not_format_damaged", name=path.name, format=fmt.name)
        raise LoadError(
            f"{path.name}: not a {fmt.name} file "
            + (f"(it is {what})" if what else "(it is damaged, or another kind of file renamed)")
        )
    if fmt.text_start:
        what = describe_content(head)
        first = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1].decode("latin-1")
        if what or (first and first not in fmt.text_start):
            raise LoadError(
                f"{path.name}: not a {fmt.name} file "
                + (f"(it is {what})" if what else f"(it does not start with {fmt.text_start[0]!r})")
            )
    return fmt


def _unsupported_message(path: Path, suffix: str, head: bytes) -> str | LoadError:
    if suffix in SHAPEFILE_PARTS:
        return (
            f"{path.name}: is one part of a shapefile; open {path.stem.removesuffix('.shp')}.shp "
            "(kept next to its .shx and .dbf)"
        )
    if suffix == ".xls":
        return LoadError.of("old_xls", name=path.name)
    what = describe_content(head)
    if what is None:
        given = {"suffix": suffix} if suffix else {"suffix_key": "no_extension"}
        return LoadError.of("unsupported_type", name=path.name, supported=SUPPORTED, **given)
    kind = f" ({what})" if what else ""
    return (
        f"{path.name}: unsupported file type {suffix or '(no extension)'}{kind}; open {SUPPORTED}"
    )


@contextmanager
def zip_errors(path: Path):
    """Any failure inside a damaged (or encrypted) archive becomes one LoadError."""
    try:
        yield
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ):
        raise LoadError.of("bad_zip", name=path.name) from None


def zipped_shapefiles(path: Path) -> list[str]:
    """The .shp members of a zip archive, in archive order."""
    with zip_errors(path), shared_archive(path) as archive:
        names = archive.namelist()
    members = [n for n in names if n.lower().endswith(".shp") and not n.startswith("__MACOSX/")]
    if not members:
        raise LoadError.of("zip_no_shapefile", name=path.name)
    return members


def zip_member_layer(member: str) -> str:
    """A zipped shapefile's layer name: its path inside the archive without .shp."""
    return member[:-4]


def gdal_zip_path(path: Path, member: str) -> str:
    return f"/vsizip/{path.resolve()}/{member}"
