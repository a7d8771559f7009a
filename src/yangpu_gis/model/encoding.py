"""Which text encoding a shapefile's attribute table (.dbf) or a text file uses.

Shapefiles from Chinese sources often lack a .cpg and are GBK. The order follows what
GDAL itself trusts: the .cpg, then the DBF language-driver byte, then a strict UTF-8
decode of the text fields, and finally GB18030 (a superset of GBK). Every candidate is
checked against the actual bytes, so a wrong label never turns valid GBK into mojibake.
"""

from __future__ import annotations

import codecs
import glob
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from yangpu_gis.model.zip_archive import members_by_lower_name, shared_archive

# DBF language driver IDs (byte 29 of the header) that name a code page.
# 0x57 ("current ANSI code page") and 0x00 (unset) say nothing useful.
LANGUAGE_DRIVER = {
    0x01: "cp437",
    0x02: "cp850",
    0x03: "cp1252",
    0x13: "cp932",
    0x26: "cp866",
    0x4D: "gbk",
    0x4E: "cp949",
    0x4F: "big5",
    0x50: "cp874",
    0x58: "cp1252",
    0x59: "cp1252",
    0x64: "cp852",
    0x65: "cp866",
    0x66: "cp865",
    0x67: "cp861",
    0x6A: "cp737",
    0x6B: "cp857",
    0x78: "big5",
    0x79: "cp949",
    0x7A: "gbk",
    0x7B: "cp932",
    0x7C: "cp874",
    0x7D: "cp1255",
    0x7E: "cp1256",
    0xC8: "cp1250",
    0xC9: "cp1251",
    0xCA: "cp1254",
    0xCB: "cp1253",
}
# What people write in .cpg files, beyond plain codec names.
CPG_ALIASES = {
    "936": "gbk",
    "cp936": "gbk",
    "gb2312": "gbk",
    "65001": "utf-8",
    "utf8": "utf-8",
    "950": "big5",
    "932": "cp932",
    "949": "cp949",
}
RECORDS_PER_BLOCK = 65536
TEXT_BLOCK = 1 << 20


@dataclass(frozen=True)
class EncodingChoice:
    name: str  # as GDAL/iconv and Python both accept it: "UTF-8", "GBK", "GB18030"...
    reason: str  # how it was decided, for `info`


def display_name(codec: str) -> str:
    name = codecs.lookup(codec).name
    if name.startswith("iso8859-"):
        return "ISO-8859-" + name.removeprefix("iso8859-")
    return name.upper()


def codec_from_cpg(text: str) -> str | None:
    """The codec a .cpg file names ("UTF-8", "936", "ANSI 1252", "8859_1"...), or None."""
    key = text.strip().strip("\x00").strip().lower().removeprefix("ansi").strip()
    iso = re.fullmatch(r"(?:iso[-_ ]?)?8859[-_ ]?(\d{1,2})", key)
    if iso:
        key = f"iso8859-{iso.group(1)}"
    key = CPG_ALIASES.get(key, key)
    if key.isdigit():
        key = f"cp{key}"
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


# --- DBF ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DbfLayout:
    header_length: int
    record_length: int
    language_driver: int
    text_fields: tuple[tuple[int, int], ...]  # (offset in record, width) of each C field


def dbf_layout(header: bytes) -> DbfLayout | None:
    """The record layout from a DBF header, or None when the header is not a DBF's."""
    if len(header) < 33:
        return None
    header_length = int.from_bytes(header[8:10], "little")
    record_length = int.from_bytes(header[10:12], "little")
    if header_length < 33 or record_length < 1:
        return None
    fields, offset = [], 1  # byte 0 of each record is the deletion flag
    for start in range(32, min(header_length, len(header)) - 31, 32):
        descriptor = header[start : start + 32]
        if descriptor[0] == 0x0D:
            break
        kind = chr(descriptor[11])
        # As shapelib reads it: character fields may use byte 17 as a high length byte.
        width = descriptor[16] + (descriptor[17] * 256 if kind == "C" else 0)
        if kind == "C":
            fields.append((offset, width))
        offset += width
    if offset > record_length:
        return None
    return DbfLayout(header_length, record_length, header[29], tuple(fields))


def _text_blocks(stream: BinaryIO, layout: DbfLayout) -> Iterator[np.ndarray]:
    """The text fields of the records, a block at a time, as (records, bytes) arrays."""
    if stream.seekable():
        stream.seek(layout.header_length)
    else:
        stream.read(layout.header_length)
    size = layout.record_length * RECORDS_PER_BLOCK
    while True:
        chunk = stream.read(size)
        whole = len(chunk) // layout.record_length
        if whole == 0:
            return
        records = np.frombuffer(chunk, np.uint8, whole * layout.record_length)
        records = records.reshape(whole, layout.record_length)
        yield records
        if len(chunk) < size:
            return


def _cell_decodes(cell: bytes, codec: str) -> bool:
    # A writer may cut a value mid-character at the field width: an unfinished
    # character at the end of a cell is not evidence against the codec.
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    try:
        decoder.decode(cell.rstrip(b" \x00"), final=False)
    except UnicodeDecodeError:
        return False
    return True


def _block_decodes(records: np.ndarray, fields, codec: str) -> bool:
    newline = np.full((len(records), 1), 0x0A, np.uint8)
    parts = []
    for offset, width in fields:
        parts += [records[:, offset : offset + width], newline]
    try:
        np.hstack(parts).tobytes().decode(codec)
        return True
    except UnicodeDecodeError:
        pass
    for offset, width in fields:
        cells = records[:, offset : offset + width]
        for row in np.flatnonzero((cells >= 0x80).any(axis=1)):
            if not _cell_decodes(cells[row].tobytes(), codec):
                return False
    return True


def dbf_decodes(open_dbf, layout: DbfLayout, codec: str) -> bool:
    """Whether every text field of every record decodes strictly with `codec`."""
    if not layout.text_fields:
        return True
    with open_dbf() as stream:
        return all(
            _block_decodes(block, layout.text_fields, codec)
            for block in _text_blocks(stream, layout)
        )


def detect_dbf_encoding(cpg: bytes | None, open_dbf) -> EncodingChoice:
    """`open_dbf()` opens the .dbf for binary reading (it may be called several times)."""
    with open_dbf() as stream:
        layout = dbf_layout(stream.read(65536))
    if layout is None:
        return EncodingChoice("UTF-8", "the .dbf header is unreadable; assumed UTF-8")
    tried = []
    if cpg is not None:
        codec = codec_from_cpg(cpg.decode("ascii", "replace"))
        if codec and dbf_decodes(open_dbf, layout, codec):
            return EncodingChoice(display_name(codec), "from the .cpg file")
        tried.append(
            f".cpg says {cpg.decode('ascii', 'replace').strip()!r}"
            + (" but the text does not decode with it" if codec else ", unknown")
        )
    codec = LANGUAGE_DRIVER.get(layout.language_driver)
    if codec and dbf_decodes(open_dbf, layout, codec):
        return EncodingChoice(
            display_name(codec), f"from the DBF language byte 0x{layout.language_driver:02X}"
        )
    if codec:
        tried.append(
            f"language byte 0x{layout.language_driver:02X} ({display_name(codec)}) "
            "does not fit the text"
        )
    if not tried:
        tried.append("no .cpg and no DBF language byte")
    prefix = "; ".join(tried) + "; "
    if dbf_decodes(open_dbf, layout, "utf-8"):
        return EncodingChoice("UTF-8", prefix + "the text is valid UTF-8")
    if dbf_decodes(open_dbf, layout, "gb18030"):
        return EncodingChoice("GB18030", prefix + "the text is not UTF-8 but valid GB18030 (GBK)")
    return EncodingChoice(
        "ISO-8859-1", prefix + "the text is neither UTF-8 nor GBK; non-ASCII letters may be wrong"
    )


def _sidecar(path: Path, suffix: str) -> Path | None:
    for sibling in path.parent.glob(glob.escape(path.stem) + ".*"):
        if sibling.suffix.lower() == suffix and sibling.stem == path.stem:
            return sibling
    return None


def shapefile_encoding(path: str | Path, member: str | None = None) -> EncodingChoice | None:
    """Encoding of a .shp's attribute table, or of the `member` .shp inside the zip `path`.

    None when the shapefile has no .dbf.
    """
    path = Path(path)
    if member is not None:
        with shared_archive(path) as archive:
            names = members_by_lower_name(archive)
        stem = member[:-4].lower()
        dbf_info, cpg_info = names.get(stem + ".dbf"), names.get(stem + ".cpg")
        dbf_name = dbf_info.filename if dbf_info is not None else None
        cpg_name = cpg_info.filename if cpg_info is not None else None
        if dbf_name is None:
            return None

        @contextmanager
        def open_dbf():
            with shared_archive(path) as archive, archive.open(dbf_name) as stream:
                yield stream

        cpg_bytes = None
        if cpg_name is not None:
            with shared_archive(path) as archive:
                cpg_bytes = archive.read(cpg_name)
        return detect_dbf_encoding(cpg_bytes, open_dbf)
    dbf, cpg = _sidecar(path, ".dbf"), _sidecar(path, ".cpg")
    if dbf is None:
        return None
    return detect_dbf_encoding(cpg.read_bytes() if cpg else None, lambda: dbf.open("rb"))


# --- plain text files (CSV, GeoJSON) ------------------------------------------------------


def _stream_decodes(path: Path, codec: str, skip: int = 0) -> bool:
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    with path.open("rb") as stream:
        stream.seek(skip)
        try:
            while chunk := stream.read(TEXT_BLOCK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def text_file_encoding(path: str | Path) -> EncodingChoice | None:
    """UTF-8 (with or without a BOM) or GB18030, checked over the whole file; else None."""
    path = Path(path)
    with path.open("rb") as stream:
        bom = stream.read(3) == codecs.BOM_UTF8
    if _stream_decodes(path, "utf-8", skip=3 if bom else 0):
        return EncodingChoice("UTF-8", "UTF-8 with a byte-order mark" if bom else "valid UTF-8")
    if _stream_decodes(path, "gb18030"):
        return EncodingChoice("GB18030", "not UTF-8 but valid GB18030 (GBK)")
    return None
