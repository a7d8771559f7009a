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
from yangpu_gis.model.messages import Text, format_param
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
SIGNATURES = (  # model.messages ids
    (b"\x89PNG", "sig_png"),
    (b"\xff\xd8\xff", "sig_jpeg"),
    (b"GIF8", "sig_gif"),
    (b"II*\x00", "sig_tiff"),
    (b"MM\x00*", "sig_tiff"),
    (b"%PDF", "sig_pdf"),
    (b"\xd0\xcf\x11\xe0", "sig_old_office"),
    (b"PK\x03\x04", "sig_zip"),
    (b"PK\x05\x06", "sig_empty_zip"),
    (b"Rar!", "sig_rar"),
    (b"7z\xbc\xaf", "sig_7z"),
    (b"\x1f\x8b", "sig_gzip"),
    (b"SQLite format 3\x00", "sig_sqlite"),
    (b"PAR1", "sig_parquet"),
    (b"fgb\x03", "sig_flatgeobuf"),
    (b"\x00\x00\x27\x0a", "sig_shp"),
)


def supported_formats() -> list[Text]:
    """The formats for an error text, each a model.messages text: "GeoJSON .geojson .json"."""
    return [
        Text.of("format_with_suffixes", suffixes=" ".join(fmt.suffixes), **format_param(fmt.name))
        for fmt in REGISTRY
    ]


def supported_text() -> str:
    """The formats for an error text: "GeoJSON .geojson .json, Shapefile .shp, ..."."""
    return ", ".join(supported_formats())


def describe_content(head: bytes) -> str | None:
    """What the first bytes say the file is (a model.messages id), if they are a
    well-known signature."""
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
        raise _unsupported_message(path, suffix, head)
    if fmt.signature and not head.startswith(fmt.signature):
        what = describe_content(head)
        if what is None:
            raise LoadError.of("not_format_damaged", name=path.name, **format_param(fmt.name))
        raise LoadError.of("not_format_is", name=path.name, **format_param(fmt.name), what_key=what)
    if fmt.text_start:
        what = describe_content(head)
        first = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1].decode("latin-1")
        if what:
            raise LoadError.of(
                "not_format_is", name=path.name, **format_param(fmt.name), what_key=what
            )
        if first and first not in fmt.text_start:
            start = repr(fmt.text_start[0])
            raise LoadError.of(
                "not_format_start", name=path.name, **format_param(fmt.name), start=start
            )
    return fmt


def _unsupported_message(path: Path, suffix: str, head: bytes) -> LoadError:
    if suffix in SHAPEFILE_PARTS:
        stem = path.stem.removesuffix(".shp")
        return LoadError.of("shapefile_part", name=path.name, stem=stem)
    if suffix == ".xls":
        return LoadError.of("old_xls", name=path.name)
    what = describe_content(head)
    given = {"suffix": suffix} if suffix else {"suffix_key": "no_extension"}
    if what is None:
        return LoadError.of(
            "unsupported_type", name=path.name, supported_names=supported_formats(), **given
        )
    return LoadError.of(
        "unsupported_type_is",
        name=path.name,
        supported_names=supported_formats(),
        what_key=what,
        **given,
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
