"""The data layer's messages in the interface language: the model raises them with an id
and parameters (model.messages), the desktop shows them translated; the command line
keeps English."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from yangpu_gis.model.messages import MESSAGES, english
from yangpu_gis.model.reading_guard import regular_file
from yangpu_gis.ui import model_messages

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_message_id_has_a_translatable_template_with_the_same_placeholders(qapp):
    from yangpu_gis.ui import i18n

    english_templates = model_messages._templates()
    assert english_templates == MESSAGES  # the literals the translators see are the model's
    i18n.install("zh")
    try:
        chinese = model_messages._templates()
    finally:
        i18n.install("en")
    for key, template in MESSAGES.items():
        if re.search("[A-Za-z]", PLACEHOLDER.sub("", template)):  # words to translate
            assert chinese[key] != template, key  # translated
            assert re.search("[\u4e00-\u9fff]", chinese[key]), key
        assert sorted(PLACEHOLDER.findall(chinese[key])) == sorted(PLACEHOLDER.findall(template)), (
            key
        )


def test_an_error_with_an_id_reads_in_the_language_and_one_without_stays(qapp, tmp_path):
    from yangpu_gis.model.load_errors import LoadError
    from yangpu_gis.ui import i18n

    fifo = tmp_path / "pipe.geojson"
    os.mkfifo(fifo)
    with pytest.raises(LoadError) as caught:
        regular_file(fifo)
    assert (
        str(caught.value) == f"{fifo}: is a named pipe (FIFO), not a data file; it was not opened"
    )
    assert model_messages.message_text(caught.value) == str(caught.value)
    i18n.install("zh")
    try:
        assert (
            model_messages.message_text(caught.value)
            == f"{fifo}：这是命名管道（FIFO），不是数据文件，未打开"
        )
        free = LoadError("GDAL said something")
        assert model_messages.message_text(free) == "GDAL said something"
    finally:
        i18n.install("en")
    assert english("too_large", name="a.shp") == "a.shp: too large to load into memory"


def bar_after_opening(qtbot, window, path) -> str:
    window.open_files([str(path)])
    qtbot.waitUntil(lambda: window.message_bar.text != "" and not window.loader.busy, timeout=20000)
    return window.message_bar.text


def damaged_geopackage(tmp_path):
    path = tmp_path / "plots.gpkg"
    path.write_bytes(b"this was never a database" * 10)
    return path


def truncated_geojson(tmp_path):
    path = tmp_path / "cut.geojson"
    path.write_bytes(b'{"type": "FeatureCollection", "features": [{"ty')
    return path


def fifo(tmp_path):
    path = tmp_path / "pipe.geojson"
    os.mkfifo(path)
    return path


def unsupported(tmp_path):
    path = tmp_path / "plan.dwg"
    path.write_text("not a map")
    return path


def csv_without_location(tmp_path):
    path = tmp_path / "plots.csv"
    path.write_text("名称,面积\n甲,1\n", encoding="utf-8")
    return path


CASES = {
    "damaged": (
        damaged_geopackage,
        "plots.gpkg：不是 GeoPackage 文件（文件已损坏",
        "plots.gpkg: not a GeoPackage file (it is damaged",
    ),
    "truncated": (
        truncated_geojson,
        "cut.geojson：无法按 GeoJSON 读取，文件已损坏或不完整",
        "cut.geojson: cannot be read as GeoJSON, the file is damaged or truncated",
    ),
    "csv without location": (
        csv_without_location,
        "plots.csv：没有经纬度列（lon/lng/longitude/x/经度 和 lat/latitude/y/纬度），也没有 WKT 列；现有的列：名称, 面积",
        "plots.csv: no longitude/latitude columns",
    ),
    "fifo": (
        fifo,
        "：这是命名管道（FIFO），不是数据文件，未打开",
        ": is a named pipe (FIFO), not a data file; it was not opened",
    ),
    "unsupported": (
        unsupported,
        "plan.dwg：不支持的文件类型 .dwg；可打开的格式：",
        "plan.dwg: unsupported file type .dwg; open ",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_opening_a_bad_file_in_chinese_says_why_in_chinese(qtbot, chinese_window, tmp_path, case):
    build, chinese, _english = CASES[case]
    text = bar_after_opening(qtbot, chinese_window, build(tmp_path))
    assert chinese in text, text


@pytest.mark.parametrize("case", sorted(CASES))
def test_opening_a_bad_file_in_english_says_why_in_english(qtbot, window, tmp_path, case):
    build, _chinese, english_text = CASES[case]
    text = bar_after_opening(qtbot, window, build(tmp_path))
    assert english_text in text, text
    # No Chinese but the column names a message quotes (the file's, and the ones it looks for).
    quoted = re.sub("经度|纬度|名称|面积", "", text)
    assert not re.search("[\u4e00-\u9fff]", quoted)


def test_a_damaged_project_is_refused_in_chinese(qtbot, chinese_window, tmp_path):
    path = tmp_path / "plan.ygis.json"
    path.write_text('{"format": "yangpu-gis-project", "version": 1, "layers": {}}')
    chinese_window.projects.open_project(path, ask=False)
    assert "plan.ygis.json：" in chinese_window.message_bar.text
    assert "工程文件" in chinese_window.message_bar.text


def test_the_command_line_keeps_english_in_a_chinese_locale(tmp_path):
    path = fifo(tmp_path)
    env = {"PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "yangpu_gis", "info", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "is a named pipe (FIFO), not a data file" in done.stderr + done.stdout


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again: nothing listens there


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh", "无法连接数据库 postgresql://"),
        ("en", "cannot connect to the database postgresql://"),
    ],
)
def test_the_postgis_dialog_says_why_it_cannot_connect_in_the_language(
    qtbot, request, language, expected
):
    from yangpu_gis.ui.postgis_dialog import PostgisDialog

    window = request.getfixturevalue("chinese_window" if language == "zh" else "window")
    dialog = PostgisDialog(window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.address_edit, f"postgresql://planner@127.0.0.1:{free_port()}/yangpu")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith(expected), dialog.status.text()
    dialog.address_edit.setText("http://not-a-database")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    wrong = {"zh": "'http://not-a-database' 不是 postgresql:// 地址"}
    assert dialog.status.text() == wrong.get(
        language, "'http://not-a-database' is not a postgresql:// address"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh",
            "no_prj.shp：文件没有说明所用的坐标系（缺少 .prj 文件）；请指定其坐标系，例如 EPSG:4549",
        ),
        ("en", "no_prj.shp: the file does not say which coordinate system it uses (it has no .prj"),
    ],
)
def test_the_crs_question_says_what_is_missing_in_the_language(
    qtbot, request, tmp_path, language, expected
):
    import io_fixtures as fx
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    window = request.getfixturevalue("chinese_window" if language == "zh" else "window")
    asked = []

    def answer() -> None:  # the real dialog, read and closed as the planner would
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            asked.append(dialog.labelText())
            dialog.reject()
        else:
            QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    window.open_files([str(fx.shapefile_without_prj(tmp_path))])
    qtbot.waitUntil(lambda: bool(asked) and not window.loader.busy, timeout=20000)
    assert asked[0].startswith(expected), asked[0]
    if language == "zh":
        assert "投影坐标（米）" in asked[0]  # what the numbers look like, in Chinese too
        assert "the file" not in asked[0]


def test_a_project_layer_whose_file_is_gone_is_reported_in_the_language(qtbot, request, tmp_path):
    import json

    gone = tmp_path / "plots.geojson"
    path = tmp_path / "plan.ygis.json"
    layer = {"id": "plots", "title": "Plots", "kind": "user", "source": str(gone)}
    path.write_text(json.dumps({"format": "yangpu-gis-project", "version": 1, "layers": [layer]}))
    for language, expected in (
        ("en", f"plan.ygis.json: layer 1 (“Plots”) was left out: {gone}: no such file"),
        ("zh", f"plan.ygis.json：第 1 个图层（“Plots”）未载入：{gone}：文件不存在"),
    ):
        window = request.getfixturevalue("chinese_window" if language == "zh" else "window")
        assert window.projects.open_project(str(path), ask=False)
        assert window.message_bar.text == expected


def test_an_unusable_notes_store_is_reported_in_chinese(qtbot, qapp):
    from yangpu_gis.model.project import Project
    from yangpu_gis.model.user_data import notes_path
    from yangpu_gis.ui import i18n
    from yangpu_gis.ui.main_window import MainWindow

    path = notes_path()
    path.mkdir(parents=True)  # a folder where the notes file should be
    i18n.install("zh")
    try:
        win = MainWindow(Project.with_embedded_map())
        qtbot.addWidget(win)
        win.show()
        assert win.message_bar.text.endswith(f"批注路径 {path} 不是文件"), win.message_bar.text
        assert "is not a file" not in win.message_bar.text
    finally:
        i18n.install("en")
