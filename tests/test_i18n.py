"""The interface language: chosen from the locale, switched live, remembered, complete."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
import shapely
import shiboken6

from yangpu_gis.model.language import system_language

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:zh_CN", "LANG": "en_US.UTF-8"}, "zh"),
        ({}, "en"),
    ],
)
def test_the_locale_decides_the_default_language(environ, expected):
    assert system_language(environ) == expected


def test_the_app_follows_a_chinese_locale_until_the_planner_chooses(qapp, monkeypatch):
    from PySide6.QtCore import QLocale

    from yangpu_gis.ui import i18n

    monkeypatch.setattr(QLocale, "system", lambda: QLocale("zh_CN"))
    assert i18n.chosen_language() == "zh"
    i18n.save_language("en")
    assert i18n.chosen_language() == "en"
    monkeypatch.setattr(QLocale, "system", lambda: QLocale("en_US"))
    i18n.save_language("zh")
    assert i18n.chosen_language() == "zh"


def test_chinese_loads_the_apps_catalogue_and_qts_own(qapp):
    from PySide6.QtCore import QCoreApplication

    from yangpu_gis.ui import i18n

    assert i18n.catalogue_path("zh").is_file()
    assert i18n.install("zh") == []
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    # Qt's standard buttons (qtbase_zh_CN.qm) agree with the app's words.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    i18n.install("en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_switching_language_keeps_the_layers_the_view_and_the_docks(qtbot, window):
    from PySide6.QtCore import QSettings

    from yangpu_gis.model.project import Selection
    from yangpu_gis.ui import i18n, main_window

    window.table_dock.show()
    window.canvas.zoom_to_wgs84((121.50, 31.27, 121.53, 31.30))
    view = window.canvas.viewport.extent_wgs84
    layers = list(window.project.layers)
    site_layer = next(layer for layer in layers if layer.kind == "site")
    window.project.select(Selection(site_layer.id, (0,)))

    window.language_actions["zh"].trigger()
    chinese = main_window._OPEN_WINDOWS[-1]
    qtbot.waitExposed(chinese)
    qtbot.waitUntil(lambda: chinese.view_restored)

    assert chinese is not window and not shiboken6.isValid(window)
    assert i18n.current_language() == "zh"
    assert QSettings().value(i18n.SETTINGS_KEY) == "zh"
    menus = [a.text() for a in chinese.menuBar().actions()]
    assert menus[0] == "文件(&F)" and {"编辑(&E)", "视图(&V)", "工具(&T)", "语言(&L)"} <= set(menus)
    assert chinese.layers_dock.windowTitle() == "图层"
    assert chinese.language_actions["zh"].isChecked()
    assert chinese.project is window.project
    assert list(chinese.project.layers) == layers
    assert chinese.project.selection == Selection(site_layer.id, (0,))
    assert chinese.table_dock.isVisible()
    got = chinese.canvas.viewport.extent_wgs84
    assert shapely.box(*got).contains(shapely.box(*view).buffer(-1e-6))
    assert shapely.box(*view).area / shapely.box(*got).area > 0.9

    chinese.language_actions["en"].trigger()
    english = main_window._OPEN_WINDOWS[-1]
    qtbot.waitUntil(lambda: not shiboken6.isValid(chinese))
    assert english.layers_dock.windowTitle() == "Layers"
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"


def test_the_translations_are_in_step_with_the_source():
    """pyside6-lupdate finds nothing new or gone, every entry is translated, and the
    committed .qm is what pyside6-lrelease makes of the .ts."""
    translations = runpy.run_path(str(REPO / "scripts" / "translations.py"))
    assert translations["problems"]() == []


@pytest.mark.parametrize(
    ("iso", "english", "chinese"),
    [
        ("2023-08-17", "17 Aug 2023", "2023年8月17日"),
        ("2023-08", "Aug 2023", "2023年8月"),
        ("2023", "2023", "2023年"),
        ("2023-01/2023-06", "Jan 2023 – Jun 2023", "2023年1月至2023年6月"),
    ],
)
def test_dates_are_written_for_the_language(iso, english, chinese):
    from yangpu_gis.model.facts import date_text

    assert date_text(iso) == english
    assert date_text(iso, "zh") == chinese


def test_facts_carry_their_chinese_beside_the_english_with_the_same_figures():
    from yangpu_gis.model.facts import fact_book

    facts = {f.id: f for f in fact_book().district_facts("310110")}
    businesses, revenue = facts["digital-businesses"], facts["digital-revenue-2023"]
    assert businesses.display_value() == "7,000 businesses"
    assert businesses.display_value("zh") == "7,000 家"
    assert revenue.display_value() == "230 billion yuan"
    assert revenue.display_value("zh") == "2,300 亿元"  # the same sum, counted in 亿
    assert facts["software-growth-h1"].display_value("zh") == "40%"
    assert facts["digital-share-fiscal"].display_value("zh") == "超过三分之一"
    assert businesses.label_in("zh") == "区内数字经济企业"
    assert businesses.note_in("zh") == "数据由区长给出。"
    book = fact_book()
    every = [f for site in book._sites.values() for f in site] + list(facts.values())
    assert all(f.label_zh for f in every)  # no fact is left without its Chinese
    assert all(f.value_zh for f in every if isinstance(f.value, str))


def test_every_sites_position_notes_have_their_chinese_with_the_same_figures(project):
    import re

    from yangpu_gis.model.facts import fact_book

    book = fact_book()
    sites = project.layer("sites").data
    for _, site in sites.iterrows():
        for field in ("position_basis", "position_confidence"):
            chinese = book.site_position_zh(site["id"], field)
            assert chinese and re.search("[\u4e00-\u9fff]", chinese), (site["id"], field)
            # The facts carry over: every coordinate, node number and distance stays
            # (one-digit numbers are names such as "No. 3", which Chinese writes 三村).
            english_figures = set(re.findall(r"\d\d+(?:\.\d+)?|\d\.\d+", site[field]))
            assert english_figures <= set(re.findall(r"\d+(?:\.\d+)?", chinese)), site["id"]


def test_the_chinese_panels_show_chinese_facts_dates_and_summaries(qtbot, chinese_window):
    from yangpu_gis.model.identify import Hit

    layer = chinese_window.project.layer("sites")
    row = list(layer.data["id"]).index("changbai-228")
    chinese_window.show_hits([Hit(layer, row)])
    text = chinese_window.facts_panel.browser.toPlainText()
    assert text.startswith("长白228街坊\nChangbai 228 Street Block")
    assert "长白新村中的一个街坊" in text  # the site's summary in Chinese
    assert "更新后开放" in text and "2023年4月26日" in text
    assert "2.20 公顷" in text and "由地图几何计算" in text
    # How the block was placed, in Chinese, under Chinese labels; no English note left.
    assert "定位依据" in text and "以西侧的敦化路为准" in text
    assert "定位可信度" in text and "低（四角未能确定，误差约 300 米）" in text
    assert layer.data["position_basis"][row] not in text and "Dunhua Rd" not in text
    district = chinese_window.district_panel.text()
    assert "7,000 家" in district and "2,300 亿元" in district and "数字经济" in district
    tsv = chinese_window.facts_panel.facts_text()
    assert tsv.splitlines()[0] == "字段\t值\t日期\t来源"
