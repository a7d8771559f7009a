"""The exported page in Chinese, checked in real headless Chromium (network off)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_export_html_browser import browser, foreign_requests, open_page, site  # noqa: F401

from yangpu_gis.export.html import export_html
from yangpu_gis.model.attribution import short_attribution

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chinese_page_file(tmp_path_factory, embedded_layers):
    path = tmp_path_factory.mktemp("html-zh") / "yangpu.html"
    export_html(embedded_layers, path, language="zh")
    return path


def test_the_chinese_page_says_everything_in_chinese(
    open_page,  # noqa: F811
    chinese_page_file,
    embedded_layers,
):
    opened = open_page(chinese_page_file)
    assert foreign_requests(opened) == [] and opened.errors == []
    assert opened.js("() => document.documentElement.lang") == "zh-CN"
    assert opened.js("() => document.title") == "杨浦区地图"
    controls = opened.js(
        "() => ({zoomIn: document.querySelector('.leaflet-control-zoom-in').title,"
        " zoomOut: document.querySelector('.leaflet-control-zoom-out').title,"
        " whole: document.querySelector('.yp-whole-map a').title,"
        " search: document.querySelector('.yp-search-input').placeholder,"
        " legend: document.querySelector('.yp-legend-title').textContent,"
        " layers: document.querySelector('.leaflet-control-layers').innerText,"
        " scale: document.querySelector('.leaflet-control-scale-line').textContent,"
        " credits: document.querySelector('.leaflet-control-attribution').textContent})"
    )
    assert controls["zoomIn"] == "放大" and controls["zoomOut"] == "缩小"
    assert controls["whole"] == "全图" and controls["search"] == "搜索名称"
    assert controls["legend"] == "图例"
    for title in ("区界", "黄浦江", "滨江岸线", "城市更新与创新地块"):
        assert title in controls["layers"]
    assert controls["scale"].endswith(("米", "千米"))
    assert short_attribution("zh") in controls["credits"]
    legend = opened.page.inner_text(".yp-legend")
    assert "城市更新" in legend and "相邻区" in legend

    _, _, block = site(embedded_layers, "changbai-228")
    point = block.representative_point()
    text = opened.click_lonlat(point.x, point.y).replace("\n\n", "\n")
    assert text.startswith("长白228街坊\nChangbai 228 Street Block\n")
    assert "城市更新 · 城市更新与创新地块" in text
    assert "长白新村中的一个街坊" in text  # the Chinese summary
    assert "更新后开放\n向公众开放\n2023年4月26日" in text
    assert "信息" in text and "图上量算" in text and "来源" in text
    assert "面积\t2.20 公顷" in text and "周长\t0.60 千米" in text
    assert "由地图几何计算（WGS84 椭球面）。" in text
    assert "定位依据\t以西侧的敦化路为准" in text
    assert "定位可信度\t低（四角未能确定，误差约 300 米）" in text
    assert "Dunhua Rd" not in text  # the English position note stays out of the page


def test_export_html_takes_its_language_from_the_flag_or_the_locale(tmp_path):
    def export(name, *args, lang_env):
        out = tmp_path / name
        env = {"PATH": "/usr/bin:/bin", "LANG": lang_env, "QT_QPA_PLATFORM": "offscreen"}
        subprocess.run(
            [sys.executable, "-m", "yangpu_gis", "export-html", str(out), *args],
            check=True,
            env=env,
            capture_output=True,
        )
        return out.read_text(encoding="utf-8")

    assert '<html lang="zh-CN">' in export("locale.html", lang_env="zh_CN.UTF-8")
    assert '<html lang="en">' in export("c.html", lang_env="C.UTF-8")
    assert '<html lang="en">' in export("flag.html", "--lang", "en", lang_env="zh_CN.UTF-8")
    assert "<title>杨浦区地图</title>" in export("zh.html", "--lang", "zh", lang_env="C.UTF-8")


def test_a_chinese_popup_keeps_each_label_on_one_line(
    open_page,  # noqa: F811
    chinese_page_file,
    embedded_layers,
):
    """A table label such as 定位依据 beside a long Chinese note: Chinese may break
    between any two characters, so without care the label column shrank to one
    character and the label stood one character per line."""
    opened = open_page(chinese_page_file)
    _, _, block = site(embedded_layers, "changbai-228")
    point = block.representative_point()
    opened.click_lonlat(point.x, point.y)
    labels = opened.js(
        "() => [...document.querySelectorAll('.leaflet-popup-content .yp-table th')].map(th => {"
        " const range = document.createRange(); range.selectNodeContents(th);"
        " const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));"
        " return [th.textContent, tops.size]; })"
    )
    assert ["定位依据", 1] in labels and ["定位可信度", 1] in labels, labels
    assert all(lines == 1 for text, lines in labels if len(text) <= 12), labels
    notes = opened.js(
        "() => Object.fromEntries([...document.querySelectorAll("
        "'.leaflet-popup-content .yp-table tr')].map(tr => [tr.cells[0].textContent,"
        " tr.cells[1].getBoundingClientRect().width]))"
    )
    assert notes["定位依据"] > 150, notes  # and the note beside it keeps room to read
