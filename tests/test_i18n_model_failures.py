"""Every way a file, a project or the notes store can fail, met in the Chinese window as a
planner meets it: the message bar (or the CRS question) reads in Chinese, with no English
words left but the file's own name and the format words a Chinese GIS keeps (GeoJSON,
EPSG...). The same failures in English keep the English the command line prints."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile

import io_fixtures as fx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ui_walk import CJK, english_left

from yangpu_gis.model.file_formats import FORMATS

# Names of formats and programs, which a Chinese GIS writes as they are (beside the
# shared list in ui_walk), and the file-name extensions a message names.
FORMAT_WORDS = (
    *("Parquet", "GeoParquet", "FlatGeobuf", "KMZ", "XLSX", "ZIP", "RAR", "Zip", "gzip"),
    *("SQLite", "JPEG", "GIF", "TIFF", "Office", "Word", "Excel", "Yangpu"),
    *(".shp", ".shx", ".dbf", ".zip", ".doc", ".xls"),
)


def zip_renamed_geojson(tmp_path):
    path = tmp_path / "plan.geojson"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("plan.docx", "Word files are archives too")
    return path, "不是 GeoJSON 文件（它是 ZIP 压缩包"


def png_renamed_geopackage(tmp_path):
    path = tmp_path / "parcels.gpkg"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return path, "不是 GeoPackage 文件（它是 PNG 图片）"


def png_renamed_workbook(tmp_path):
    path = tmp_path / "sites.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return path, "不是 Excel 工作簿 文件（它是 PNG 图片）"


def dwg_that_is_a_pdf(tmp_path):
    path = tmp_path / "plan.dwg"
    path.write_bytes(b"%PDF-1.7\n" + bytes(64))
    # The list of what opens names the formats (proper names) and their endings.
    names = ("MapInfo", "TAB", "MIF", "GPX", "GML")
    return path, "不支持的文件类型 .dwg（它是 PDF 文档）", ".dwg", *names, *FORMATS


def one_part_of_a_shapefile(tmp_path):
    shp = fx.shapefile(tmp_path, fx.sites_frame(), "sites")
    return shp.with_suffix(".dbf"), "这只是 Shapefile 的一部分；请打开 sites.shp"


def shapefile_without_shx(tmp_path):
    shp = fx.shapefile(tmp_path, fx.sites_frame(), "sites")
    shp.with_suffix(".shx").unlink()
    return shp, "缺少 .shx 索引文件"


def geojson_without_geometries(tmp_path):
    path = fx.geojson_features(tmp_path, "gaps.geojson", [None, None])
    return path, "没有一个要素的几何可用（跳过了 2 个几何缺失、为空或非数值的要素）"


def plain_parquet(tmp_path):
    path = tmp_path / "table.parquet"
    pq.write_table(pa.table({"name": ["a"], "area": [1.0]}), path)
    return path, "这是普通 Parquet 表，不是 GeoParquet"


def damaged_workbook(tmp_path):
    path = tmp_path / "sites.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not a workbook")
    # GDAL's own words on why follow in brackets, as GDAL wrote them.
    return (
        path,
        "无法按 Excel 工作簿读取，文件已损坏",
        "not recognized as being in a supported file format",
    )


def geojson_with_gaps(tmp_path):
    """Read, with a note on what was left out: "Opened gaps. Note: ..." in Chinese."""
    return fx.null_and_empty_geojson(tmp_path), "跳过了 3 个几何缺失、为空或非数值的要素"


def shapefile_with_fewer_rows(tmp_path):
    shp = fx.shapefile(tmp_path, fx.sites_frame(), "sites")
    dbf = shp.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    data[4:8] = (int.from_bytes(data[4:8], "little") - 1).to_bytes(4, "little")
    dbf.write_bytes(bytes(data))
    return shp, "只能对应"


BAR_CASES = {
    "zip renamed .geojson": zip_renamed_geojson,
    "png renamed .gpkg": png_renamed_geopackage,
    "pdf renamed .dwg": dwg_that_is_a_pdf,
    "png renamed .xlsx": png_renamed_workbook,
    "a shapefile's .dbf": one_part_of_a_shapefile,
    "no .shx": shapefile_without_shx,
    "no usable geometry": geojson_without_geometries,
    "plain parquet": plain_parquet,
    "damaged workbook": damaged_workbook,
    "features left out": geojson_with_gaps,
    "dbf rows missing": shapefile_with_fewer_rows,
}


def english_words(text: str, *names: str) -> list:
    """The English words left in text (none, in a Chinese window), each with its text."""
    return english_left([("bar", text)], allowed_names=(*names, *FORMAT_WORDS))


def opened(qtbot, window, path) -> str:
    window.message_bar.show_message("", "info")
    window.open_files([str(path)])
    qtbot.waitUntil(lambda: window.message_bar.text != "" and not window.loader.busy, timeout=20000)
    return window.message_bar.text


@pytest.mark.parametrize("case", sorted(BAR_CASES))
def test_a_bad_file_is_explained_in_chinese(qtbot, chinese_window, tmp_path, case):
    path, expected, *quoted = BAR_CASES[case](tmp_path)
    text = opened(qtbot, chinese_window, path)
    assert expected in text, text
    assert english_words(text, path.name, path.stem, *quoted) == [], text


@pytest.mark.parametrize("case", ["zip renamed .geojson", "no .shx", "features left out"])
def test_the_same_files_are_explained_in_english_in_english(qtbot, window, tmp_path, case):
    path, *_chinese = BAR_CASES[case](tmp_path)
    text = opened(qtbot, window, path)
    assert not CJK.search(text), text


def crs_question(qtbot, window, path) -> str:
    """The text of the CRS question the window asks on opening `path`, read off the real
    dialog, which the planner then cancels."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    asked = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            asked.append(dialog.labelText())
            dialog.reject()
        else:
            QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    window.open_files([str(path)])
    qtbot.waitUntil(lambda: bool(asked) and not window.loader.busy, timeout=20000)
    return asked[0]


def test_metres_in_a_wgs84_geojson_are_questioned_in_chinese(qtbot, chinese_window, tmp_path):
    path = fx.projected_numbers_geojson(tmp_path)
    text = crs_question(qtbot, chinese_window, path)
    assert text.startswith("metres.geojson：其坐标值达到"), text
    assert "要求经纬度坐标；请指定文件实际使用的坐标系，例如 EPSG:4549" in text, text
    assert english_words(text, path.name, "UTM", "CGCS", "Gauss-Krüger") == [], text


def test_a_projected_file_declared_as_gcj02_is_explained_in_chinese(qapp, tmp_path):
    from yangpu_gis.model.io import read_file
    from yangpu_gis.model.load_errors import CrsRequired
    from yangpu_gis.ui import i18n
    from yangpu_gis.ui.model_messages import message_text

    path = fx.shapefile(tmp_path, fx.sites_frame(4549), "gk")
    with pytest.raises(CrsRequired) as caught:
        read_file(path, declared_crs="gcj02")
    i18n.install("zh")
    try:
        text = message_text(caught.value)
    finally:
        i18n.install("en")
    assert "是经纬度坐标，但文件使用投影坐标系 EPSG:4549" in text, text
    assert "is longitude/latitude" in str(caught.value)  # the command line's English


def damaged_project(tmp_path):
    path = tmp_path / "plan.ygis.json"
    plots = fx.geojson(tmp_path, fx.sites_frame(), "plots.geojson")
    layers = [
        {"id": "a", "title": "A", "kind": "user", "source": str(plots), "visible": "false"},
        {"id": "b", "title": "B", "kind": "user", "source": str(plots), "source_layer": "parcels"},
        {"id": "c", "title": "C", "kind": "user", "source": str(plots)},
    ]
    doc = {
        "format": "yangpu-gis-project",
        "version": 1,
        "layers": layers,
        "view_extent": [1, 2, 3],
        "ui_state": "x",
        "bookmarks": [{"name": "riverside", "extent": [3, 2, 1, 0]}, "x"],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_damaged_project_says_what_was_left_out_in_chinese(
    qtbot, chinese_window, tmp_path, caplog
):
    path = damaged_project(tmp_path)
    assert chinese_window.projects.open_project(str(path), ask=False)
    text = chinese_window.message_bar.text
    for part in (
        "第 1 个图层（“A”）未载入：其“visible”应为 true 或 false，而不是 'false'",
        "第 2 个图层（“B”）未载入：plots.geojson：没有图层 'parcels'（其图层：plots）",
        "保存的视图范围 [1, 2, 3] 不可用",
        "保存的窗口布局不可用",
        "第 1 个书签未载入：范围应从最小值到最大值",
        "另有 1 条，记录在日志中",  # the bar shows five; all six are in the log
    ):
        assert part in text, text
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "第 2 个书签未载入：它不是名称加范围" in logged, logged
    assert [layer.title for layer in chinese_window.project.layers] == ["C"]
    kept = [p.name for p in tmp_path.iterdir() if p.name.startswith("plan.ygis")]
    assert english_words(text, *kept, "visible", "true", "false", "plots", "parcels") == [], text


def test_a_newer_project_is_announced_in_chinese(qtbot, chinese_window, tmp_path):
    path = tmp_path / "future.ygis.json"
    path.write_text(json.dumps({"format": "yangpu-gis-project", "version": 99, "layers": []}))
    assert chinese_window.projects.open_project(str(path), ask=False)
    text = chinese_window.message_bar.text
    assert "由较新版本的 Yangpu GIS 保存（工程格式版本 99" in text, text
    assert english_words(text, path.name) == [], text


def chinese_window_with_notes_store(qtbot):
    from yangpu_gis.model.project import Project
    from yangpu_gis.ui import i18n
    from yangpu_gis.ui.main_window import MainWindow

    i18n.install("zh")
    win = MainWindow(Project.with_embedded_map())
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_damaged_notes_file_set_aside_is_reported_in_chinese(qtbot, qapp):
    from yangpu_gis.model.user_data import notes_path
    from yangpu_gis.ui import i18n

    path = notes_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"these were never notes" * 20)
    try:
        win = chinese_window_with_notes_store(qtbot)
        text = win.message_bar.text
    finally:
        i18n.install("en")
    kept = [p.name for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1
    assert f"批注文件 {path} 无法读取（文件不是数据库：没有 SQLite 文件头）" in text, text
    assert f"原文件已保留为 {kept[0]}" in text, text
    assert english_words(text, *kept) == [], text


def test_a_notes_file_changed_by_another_program_is_reported_in_chinese(qtbot, qapp):
    from yangpu_gis.model.notes import NoteStore
    from yangpu_gis.model.user_data import notes_path
    from yangpu_gis.ui import i18n

    store = NoteStore()
    note = store.add("Check the riverside path", "Chen", 121.52, 31.30)
    try:
        win = chinese_window_with_notes_store(qtbot)
        with sqlite3.connect(notes_path()) as other_program:  # QGIS dropping the table
            other_program.execute("DROP TABLE notes")
        win.notes.run("resolve", note.id, win)
        text = win.message_bar.text
    finally:
        i18n.install("en")
    assert "已被其他程序改动：其中的 notes 表不见了" in text, text
    assert english_words(text, "notes") == [], text


def test_a_locked_notes_file_is_reported_in_chinese(qtbot, qapp):
    from yangpu_gis.model.notes import NoteStore
    from yangpu_gis.model.user_data import notes_path
    from yangpu_gis.ui import i18n

    note = NoteStore().add("Check the riverside path", "Chen", 121.52, 31.30)
    other_program = sqlite3.connect(notes_path(), isolation_level=None)
    try:
        win = chinese_window_with_notes_store(qtbot)
        win.notes.store.timeout = 0.2
        other_program.execute("BEGIN EXCLUSIVE")
        win.notes.run("resolve", note.id, win)
        text = win.message_bar.text
    finally:
        other_program.rollback()
        other_program.close()
        i18n.install("en")
    assert "文件被锁定：另一个程序正在使用批注文件，请稍后再试" in text, text
    assert english_words(text) == [], text
    assert NoteStore().get(note.id).status == "open"  # nothing written, nothing lost


def test_an_endless_geopackage_view_is_explained_in_chinese(qapp, tmp_path):
    """The budget is cut to a fraction of a second here (the app allows 10 s, which
    tests/test_endless_geopackage.py drives through the window)."""
    from test_endless_geopackage import ENDLESS, geopackage

    from yangpu_gis.model.load_errors import LoadError
    from yangpu_gis.model.sqlite_budget import check_geopackage
    from yangpu_gis.ui import i18n
    from yangpu_gis.ui.model_messages import message_text

    path = tmp_path / "endless.gpkg"
    geopackage(path)
    with sqlite3.connect(path) as connection:
        connection.execute(f"CREATE VIEW forever AS {ENDLESS}")
        connection.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
            "VALUES ('forever', 'features', 'forever', 4326)"
        )
    with pytest.raises(LoadError) as caught:
        check_geopackage(path, seconds=0.3)
    assert str(caught.value).startswith("endless.gpkg: reading its table or view 'forever'")
    i18n.install("zh")
    try:
        text = message_text(caught.value)
    finally:
        i18n.install("en")
    assert text.startswith("endless.gpkg：读取其数据表或视图 'forever'在 0.3 秒内未完成"), text
    assert english_words(text, path.name, "forever") == [], text


def test_every_message_the_model_builds_is_translated_with_its_nested_parts(qapp):
    """A message whose parameters are messages too (a Text, a keyed error, a list of
    them) is translated all the way down, and its English is the command line's."""
    from yangpu_gis.model.load_errors import LoadError
    from yangpu_gis.model.messages import Text, counted
    from yangpu_gis.ui import i18n
    from yangpu_gis.ui.model_messages import message_text

    reasons = [counted("note_skipped_missing", 1), counted("note_skipped_collapsed", 2)]
    error = LoadError.of("no_usable_geometry", name="a.geojson", reasons=reasons)
    assert str(error) == (
        "a.geojson: no feature has a usable geometry (skipped 1 feature with a missing, "
        "empty or non-numeric geometry; skipped 2 features with no area left after repair)"
    )
    i18n.install("zh")
    try:
        text = message_text(error)
        entry = message_text(Text.of("bookmark_left_out", name="p", number=1, problem=error))
    finally:
        i18n.install("en")
    assert text == (
        "a.geojson：没有一个要素的几何可用（跳过了 1 个几何缺失、为空或非数值的要素；"
        "跳过了 2 个修复后面积为零的要素）"
    )
    assert entry.endswith(text)
    assert re.search(r"[A-Za-z]{3,}", text.replace("a.geojson", "")) is None


def test_basemaps_that_cannot_be_used_are_explained_in_chinese(qtbot, chinese_window, tmp_path):
    from PySide6.QtWidgets import QDialogButtonBox

    from yangpu_gis.model.basemap.spec import BasemapSpec
    from yangpu_gis.ui.basemap_menu import BasemapUrlDialog

    dialog = BasemapUrlDialog(chinese_window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.url_edit, "http://127.0.0.1/no-placeholders.png")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    refused = dialog.error_label.text()
    assert "瓦片 URL 需要 {z}、{x} 和 {y} 占位符" in refused, refused
    assert dialog.spec is None
    tiles = tmp_path / "tiles.mbtiles"
    with sqlite3.connect(tiles) as db:  # an MBTiles without its tiles table
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    assert not chinese_window.basemaps.set_basemap(BasemapSpec(str(tiles)))
    text = chinese_window.message_bar.text
    assert "tiles.mbtiles：不是 MBTiles 文件（没有 tiles 表）" in text, text
    assert english_words(text, tiles.name, "tiles", "MBTiles") == [], text


def test_a_postgis_address_without_a_table_is_explained_in_chinese(qapp):
    from yangpu_gis.model.load_errors import LoadError
    from yangpu_gis.model.postgis.source import parse_source
    from yangpu_gis.ui import i18n
    from yangpu_gis.ui.model_messages import message_text

    with pytest.raises(LoadError) as caught:
        parse_source("postgresql://planner:secret@127.0.0.1/yangpu")
    assert "name the table with ?table=" in str(caught.value)
    i18n.install("zh")
    try:
        text = message_text(caught.value)
    finally:
        i18n.install("en")
    assert text.startswith("postgresql://planner@127.0.0.1/yangpu：请用 ?table=[模式.]表名"), text
    assert "secret" not in text


def test_saving_a_project_over_an_open_layer_is_refused_in_chinese(qtbot, chinese_window, tmp_path):
    plots = fx.geojson(tmp_path, fx.sites_frame(), "plots.json")
    before = plots.read_bytes()
    chinese_window.open_files([str(plots)])
    qtbot.waitUntil(
        lambda: any(layer.source == str(plots) for layer in chinese_window.project.layers),
        timeout=20000,
    )
    assert not chinese_window.projects.save_to(plots)
    text = chinese_window.message_bar.text
    assert "plots.json 是正在读取的文件之一（plots.json）；请为工程另选文件名" in text, text
    assert english_words(text, plots.name) == [], text
    assert plots.read_bytes() == before  # the layer's file is untouched


def test_a_note_too_long_to_save_is_explained_in_chinese(qapp):
    from yangpu_gis.model.note_fields import validated
    from yangpu_gis.ui import i18n
    from yangpu_gis.ui.model_messages import message_text

    note = {"text": "x" * 10_001, "author": "Chen", "status": "open", "category": None}
    note |= {"site_id": None, "lon": 121.52, "lat": 31.30}
    with pytest.raises(ValueError) as too_long:
        validated(note)
    with pytest.raises(ValueError) as no_author:
        validated(note | {"text": "ok", "author": " "})
    assert str(too_long.value) == "text is too long: 10,001 characters, at most 10,000"
    i18n.install("zh")
    try:
        texts = [message_text(too_long.value), message_text(no_author.value)]
    finally:
        i18n.install("en")
    assert texts == ["批注内容太长：10,001 个字符，最多 10,000 个", "批注必须填写作者，不能为空"]


def test_a_read_reports_its_progress_in_chinese(qtbot, chinese_window, tmp_path):
    """What the progress bar's tooltip says while a file is read."""
    plots = fx.geojson(tmp_path, fx.sites_frame(), "plots.geojson")
    said = []
    chinese_window.loader.progress.connect(lambda _fraction, message: said.append(message))
    chinese_window.open_files([str(plots)])
    qtbot.waitUntil(
        lambda: any(layer.source == str(plots) for layer in chinese_window.project.layers),
        timeout=20000,
    )
    assert "正在打开 plots.geojson" in said and "正在检查几何" in said, said
    assert all(CJK.search(text) for text in said), said
    assert english_words(" ".join(said), plots.name, "plots", "WGS") == [], said


def test_the_list_of_formats_that_open_reads_in_chinese(qapp, tmp_path):
    from yangpu_gis.model.file_formats import detect_format, supported_text
    from yangpu_gis.model.load_errors import LoadError
    from yangpu_gis.ui import i18n
    from yangpu_gis.ui.model_messages import message_text

    path = tmp_path / "plan.dwg"
    path.write_text("not a map")
    with pytest.raises(LoadError) as caught:
        detect_format(path)
    assert str(caught.value) == f"plan.dwg: unsupported file type .dwg; open {supported_text()}"
    i18n.install("zh")
    try:
        text = message_text(caught.value)
    finally:
        i18n.install("en")
    assert "GeoJSON .geojson .json、Shapefile .shp、压缩的 Shapefile .zip、" in text, text
    assert "Excel 工作簿 .xlsx" in text and "workbook" not in text and "zipped" not in text
