"""Which text encoding a shapefile's attribute table (.dbf) uses.

Shapefiles from Chinese sources often lack a .cpg and are GBK. The order follows what
GDAL itself trusts: the .cpg, then the DBF language-driver byte, then a strict UTF-8
decode of the records, and finally GB18030 (a superset of GBK) when UTF-8 fails.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

# DBF language driver IDs (byte 29 of the header) that name an encoding.
LANGUAGE_DRIVER = {
    0x01: "cp437", 0x02: "cp850", 0x03: "cp1252", 0x4D: "gbk", 0x4E: "cp949",
    0x4F: "big5", 0x7A: "gbk", 0x78: "big5", 0x79: "cp949", 0x7B: "cp932",
    0x13: "cp932", 0x57: None,  # 0x57: "current ANSI code page", says nothing useful
    0xC8: "cp1250", 0xC9: "cp1251", 0xCA: "cp1254", 0xCB: "cp1253",
}
CPG_ALIASES = {"936": "gbk", "cp936": "gbk", "65001": "utf-8", "utf8": "utf-8", "ansi 1252": "cp1252"}


def _normalise(name: str) -> str | None:
    name = name.strip().lower()
    name = CPG_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _read_sidecars(path: Path) -> tuple[bytes | None, bytes | None]:
    """(.cpg text, .dbf bytes) for a .shp, or for the first shapefile in a .zip."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            dbf = next((n for n in names if n.lower().endswith(".dbf")), None)
            if dbf is None:
                return None, None
            stem = dbf[:-4]
            cpg = next((n for n in names if n.lower() == (stem + ".cpg").lower()), None)
            return (archive.read(cpg) if cpg else None), archive.read(dbf)
    dbf = cpg = None
    for sibling in path.parent.glob(path.stem + ".*"):
        suffix = sibling.suffix.lower()
        if suffix == ".dbf":
            dbf = sibling.read_bytes()
        elif suffix == ".cpg":
            cpg = sibling.read_bytes()
    return cpg, dbf


def _records(dbf: bytes) -> bytes:
    header_len = int.from_bytes(dbf[8:10], "little")
    return dbf[header_len:]


def detect_dbf_encoding(cpg: bytes | None, dbf: bytes | None) -> str:
    if cpg:
        found = _normalise(cpg.decode("ascii", "ignore"))
        if found:
            return found
    if dbf and len(dbf) > 32:
        found = LANGUAGE_DRIVER.get(dbf[29])
        if found:
            return codecs.lookup(found).name
        records = _records(dbf)
        try:
            records.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            pass
        try:
            records.decode("gb18030")
            return "gb18030"
        except UnicodeDecodeError:
            return "latin-1"
    return "utf-8"


def shapefile_encoding(path: str | Path) -> str:
    cpg, dbf = _read_sidecars(Path(path))
    return detect_dbf_encoding(cpg, dbf)
