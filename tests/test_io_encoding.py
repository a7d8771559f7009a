"""Text encodings of shapefile attribute tables and text files, decided from the bytes."""

from __future__ import annotations

import io
import struct
from contextlib import nullcontext

import io_fixtures as fx
import pytest

from yangpu_gis.model.encoding import (
    codec_from_cpg,
    detect_dbf_encoding,
    shapefile_encoding,
    text_file_encoding,
)
from yangpu_gis.model.io import read_file


def dbf_bytes(values: list[bytes], width: int = 10, language_driver: int = 0) -> bytes:
    """A one-field dBase III table holding `values` in a character field."""
    header_length = 32 + 32 + 1
    header = struct.pack("<BBBBIHH", 0x03, 126, 1, 1, len(values), header_length, 1 + width)
    header += bytes(17) + bytes([language_driver]) + bytes(2)
    field = b"NAME".ljust(11, b"\x00") + b"C" + bytes(4) + bytes([width, 0]) + bytes(14)
    records = b"".join(b" " + v[:width].ljust(width, b" ") for v in values)
    return header + field + b"\r" + records + b"\x1a"


def detect(dbf: bytes, cpg: bytes | None = None):
    return detect_dbf_encoding(cpg, lambda: nullcontext(io.BytesIO(dbf)))


@pytest.mark.parametrize(
    "text, codec",
    [
        ("UTF-8", "utf-8"),
        ("utf8", "utf-8"),
        ("65001", "utf-8"),
        ("GBK", "gbk"),
        ("936", "gbk"),
        ("CP936", "gbk"),
        ("GB2312", "gbk"),
        ("GB18030", "gb18030"),
        ("ANSI 1252", "cp1252"),
        ("1252\r\n", "cp1252"),
        ("88591", "iso8859-1"),
        ("8859_5", "iso8859-5"),
        ("ISO-8859-1", "iso8859-1"),
        ("Big5", "big5"),
        ("no such code page", None),
    ],
)
def test_cpg_names(text, codec):
    assert codec_from_cpg(text) == codec


def test_gbk_without_any_label_is_gb18030():
    choice = detect(dbf_bytes(["杨浦区".encode("gbk"), b"plain"]))
    assert choice.name == "GB18030"
    assert choice.reason == (
        "no .cpg and no DBF language byte; the text is not UTF-8 but valid GB18030 (GBK)"
    )


def test_utf8_without_any_label():
    assert detect(dbf_bytes(["杨浦区".encode()], width=12)).name == "UTF-8"


def test_language_byte_names_gbk():
    choice = detect(dbf_bytes(["复旦".encode("gbk")], language_driver=0x4D))
    assert (choice.name, choice.reason) == ("GBK", "from the DBF language byte 0x4D")


def test_cpg_wins_over_language_byte():
    choice = detect(dbf_bytes(["复旦".encode()], language_driver=0x4D), cpg=b"UTF-8")
    assert (choice.name, choice.reason) == ("UTF-8", "from the .cpg file")


def test_cpg_that_does_not_fit_the_bytes_is_not_trusted():
    choice = detect(dbf_bytes(["同济大学".encode("gbk")]), cpg=b"UTF-8")
    assert choice.name == "GB18030"
    assert choice.reason.startswith(".cpg says 'UTF-8' but the text does not decode with it")


def test_utf8_cut_mid_character_at_the_field_width_is_still_utf8():
    value = "五角场商圈".encode()  # 15 bytes in a 10-byte field: the 4th character is cut
    assert value[:10].decode("utf-8", "replace").endswith("\ufffd")
    assert detect(dbf_bytes([value, "杨浦".encode()])).name == "UTF-8"


def test_bytes_that_are_neither_utf8_nor_gbk():
    choice = detect(dbf_bytes([b"\xff\xfe\xff"]))
    assert choice.name == "ISO-8859-1"
    assert "neither UTF-8 nor GBK" in choice.reason


def test_gbk_only_in_the_last_of_many_records_is_found():
    values = [b"ascii"] * 70_000 + ["滨江".encode("gbk")]
    assert detect(dbf_bytes(values)).name == "GB18030"


def test_numeric_fields_are_ignored(tmp_path):
    frame = fx.sites_frame(4549)
    path = fx.shapefile(tmp_path, frame, "numbers", encoding="GBK")
    path.with_suffix(".cpg").unlink()
    assert shapefile_encoding(path).name == "GB18030"


def test_shapefile_encoding_inside_a_zip(tmp_path):
    (tmp_path / "src").mkdir()
    shp = fx.gbk_shapefile_without_cpg(tmp_path / "src", "roads")
    archive = fx.zipped(tmp_path, shp)
    assert shapefile_encoding(archive, "roads.shp").name == "GB18030"


def test_gbk_shapefile_read_end_to_end_has_no_replacement_characters(tmp_path):
    [layer] = read_file(fx.gbk_shapefile_without_cpg(tmp_path))
    assert layer.data["名称"].tolist() == fx.NAMES
    assert not layer.data["名称"].str.contains("\ufffd|\\?").any()


@pytest.mark.parametrize(
    "data, name",
    [
        ("经度,纬度\n".encode("utf-8-sig"), "UTF-8"),
        ("经度,纬度\n".encode(), "UTF-8"),
        ("经度,纬度\n".encode("gbk"), "GB18030"),
        (b"lon,lat\n", "UTF-8"),
    ],
)
def test_text_file_encoding(tmp_path, data, name):
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    assert text_file_encoding(path).name == name


def test_text_file_encoding_refuses_other_bytes(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xff\xfe\x00x")
    assert text_file_encoding(path) is None
