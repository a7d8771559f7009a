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
from yangpu_gis.model.translatable import QT_TRANSLATE_NOOP
from yangpu_gis.model.zip_archive import shared_archive


@dataclass(frozen=True)
class FileFormat:
    """One readable format: everything the readers, the Open dialog, the error texts and
    the command line's help know about it. A new format is one entry in REGISTRY."""

    name: str  # English, in messages, the log and `info` ("format": ...)
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the usual one
    reader: str  # "ogr" (GDAL through pyogrio) | "table" (CSV/XLSX) | "parquet"
    label: str  # the Open dialog's name for it, translated there (context "FileFormats")
    wgs84_by_spec: bool = False  # the format's specification fixes longitude/latitude on WGS84
    # Sniffing: a binary file must start with one of these...
    signature: tuple[bytes, ...] = ()
    # ...and a text file's content may begin only with one of these characters.
    text_start: str = ""

    @property
    def patterns(self) -> str:
        """The file dialog's patterns: "*.geojson *.json"."""
        return " ".join(f"*{suffix}" for suffix in self.suffixes)


_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
GEOJSON = FileFormat(
    "GeoJSON",
    (".geojson", ".json"),
    "ogr",
    QT_TRANSLATE_NOOP("FileFormats", "GeoJSON"),
    wgs84_by_spec=True,
    text_start="{\x1e",
)
SHAPEFILE = FileFormat(
    "Shapefile",
    (".shp",),
    "ogr",
    QT_TRANSLATE_NOOP("FileFormats", "Shapefile"),
    signature=(b"\x00\x00\x27\x0a",),
)
ZIPPED_SHAPEFILE = FileFormat(
    "Shapefile (zipped)",
    (".zip",),
    "ogr",
    QT_TRANSLATE_NOOP("FileFormats", "Zipped shapefiles"),
    signature=_ZIP,
)
GEOPACKAGE = FileFormat(
    "GeoPackage",
    (".gpkg",),
    "ogr",
    QT_TRANSLATE_NOOP("FileFormats", "GeoPackage"),
    signature=(b"SQLite format 3\x00",),
)
KML = FileFormat(
    "KML",
    (".kml",),
    "ogr",
    QT_TRANSLATE_NOOP("FileFormats", "KML"),
    wgs84_by_spec=True,
    text_start="<",
)
KMZ = FileFormat(
    "KMZ",
    (".kmz",),
    "ogr",
    QT_TRANSLATE_NOOP("FileFormats", "KMZ (zipped KML)"),
    wgs84_by_spec=True,
    signature=(b"PK\x03\x04",),
)
FLATGEOBUF = FileFormat(
    "FlatGeobuf",
    (".fgb",),
    "ogr",
    QT_TRANSLATE_NOOP("FileFormats", "FlatGeobuf"),
    signature=(b"fgb\x03",),
)
GEOPARQUET = FileFormat(
    "GeoParquet",
    (".parquet", ".geoparquet"),
    "parquet",
    QT_TRANSLATE_NOOP("FileFormats", "GeoParquet"),
    signature=(b"PAR1",),
)
CSV = FileFormat(
    "CSV",
    (".csv", ".txt", ".tsv"),
    "table",
    QT_TRANSLATE_NOOP("FileFormats", "CSV tables with coordinates or WKT"),
)
XLSX = FileFormat(
    "Excel workbook",
    (".xlsx",),
    "table",
    QT_TRANSLATE_NOOP("FileFormats", "Excel workbooks with coordinates"),
    signature=(b"PK\x03\x04",),
)
GPX = FileFormat(
    "GPX",
    (".gpx",),
    "ogr",
    QT_TRANSLATE_NOOP("FileFormats", "GPX"),
    wgs84_by_spec=True,
    text_start="<",
)
GML = FileFormat("GML", (".gml",), "ogr", QT_TRANSLATE_NOOP("FileFormats", "GML"), text_start="<")
MAPINFO_TAB = FileFormat(
    "MapInfo TAB", (".tab",), "ogr", QT_TRANSLATE_NOOP("FileFormats", "MapInfo TAB")
)
MAPINFO_MIF = FileFormat(
    "MapInfo MIF", (".mif",), "ogr", QT_TRANSLATE_NOOP("FileFormats", "MapInfo MIF")
)

# Every format the app reads, in the order the Open dialog and the help list them.
REGISTRY: tuple[FileFormat, ...] = (
    GEOJSON,
    SHAPEFILE,
    ZIPPED_SHAPEFILE,
    GEOPACKAGE,
    KML,
    KMZ,
    FLATGEOBUF,
    GEOPARQUET,
    CSV,
    XLSX,
    GPX,
    GML,
    MAPINFO_TAB,
    MAPINFO_MIF,
)
FORMATS = {suffix: fmt for fmt in REGISTRY for suffix in fmt.suffixes}
SUPPORTED_SUFFIXES = tuple(FORMATS)  # for file dialogs, drop filters and output checks
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


def supported_text() -> str:
    """The formats for an error text: "GeoJSON .geojson .json, Shapefile .shp, ..."."""
    return ", ".join(" ".join((fmt.name, *fmt.suffixes)) for fmt in REGISTRY)


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
        return LoadError.of("unsupported_type", name=path.name, supported=supported_text(), **given)
    kind = f" ({what})" if what else ""
    return f"{path.name}: unsupported file type {suffix or '(no extension)'}{kind}; open {supported_text()}"


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
