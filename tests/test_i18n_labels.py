"""Map labels in the language: in Chinese the Chinese name is the top line and the
English one is under it; in English the other way round. On the canvas, in `render`'s
printed page and in the exported page (real headless Chromium, offline)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import test_export_html_browser as browser_page

from yangpu_gis.export.html import export_html

browser, open_page = browser_page.browser, browser_page.open_page
foreign_requests = browser_page.foreign_requests


def canvas_labels(window) -> list[str]:
    """The label texts the canvas hands its renderer, seen on a real render."""
    renderer = window.canvas.render_queue.renderer
    seen = []
    real = renderer.render

    def render(snapshot, *args, **kwargs):
        seen.append(snapshot)
        return real(snapshot, *args, **kwargs)

    renderer.render = render
    try:
        window.canvas.render_now()
    finally:
        del renderer.render
    sites = next(layer for layer in seen[-1].layers if layer.kind == "site")
    return [str(t) for t in sites.label_values]


def test_the_canvas_puts_the_name_of_the_language_on_top(qtbot, window, chinese_window):
    assert "创智天地\nKnowledge Innovative Community" in canvas_labels(chinese_window)
    chinese_window.language_actions["en"].trigger()
    from yangpu_gis.ui import main_window

    english = main_window._OPEN_WINDOWS[-1]
    qtbot.waitUntil(lambda: english.view_restored)
    assert "Knowledge Innovative Community\n创智天地" in canvas_labels(english)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize(
    ("lang", "top", "under"),
    [
        ("zh", "创智天地", "Knowledge Innovative Community"),
        ("en", "Knowledge Innovative Community", "创智天地"),
    ],
)
def test_the_printed_page_puts_the_name_of_the_language_on_top(tmp_path, lang, top, under):
    out = tmp_path / f"{lang}.pdf"
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, "-m", "yangpu_gis", "render", str(out), "--lang", lang],
        check=True,
        env=env,
        capture_output=True,
    )
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True)
    lines = text.stdout.splitlines()
    assert lines[lines.index(top) + 1] == under  # the label's lines, top first


@pytest.mark.browser
def test_the_chinese_page_puts_the_chinese_name_on_top(tmp_path, open_page, embedded_layers):
    path = tmp_path / "zh.html"
    export_html(embedded_layers, path, language="zh")
    opened = open_page(path)
    texts = opened.js("() => [...document.querySelectorAll('.yp-label')].map(n => n.innerText)")
    assert "创智天地\nKnowledge Innovative Community" in texts
    assert "黄浦江\nHuangpu River" in texts
    assert not any(t.startswith("Knowledge Innovative") for t in texts)
    assert opened.errors == [] and foreign_requests(opened) == []


@pytest.mark.browser
def test_the_chinese_pages_search_lists_the_chinese_name_first(
    tmp_path, open_page, embedded_layers
):
    path = tmp_path / "zh-search.html"
    export_html(embedded_layers, path, language="zh")
    opened = open_page(path)
    for query in ("创智", "knowledge"):  # found by either name
        opened.page.get_by_role("searchbox").fill(query)
        first = opened.page.locator(".yp-search-results button").first.inner_text()
        assert first == "创智天地 Knowledge Innovative Community · 城市更新与创新地块"
    opened.page.keyboard.press("Enter")
    opened.wait_for("document.querySelector('.leaflet-popup-content .yp-popup')")
    assert opened.page.inner_text(".yp-popup-name") == "创智天地"
    assert opened.errors == [] and foreign_requests(opened) == []


@pytest.mark.browser
def test_the_english_pages_search_lists_the_english_name_first(
    tmp_path, open_page, embedded_layers
):
    path = tmp_path / "en-search.html"
    export_html(embedded_layers, path, language="en")
    opened = open_page(path)
    opened.page.get_by_role("searchbox").fill("创智")
    first = opened.page.locator(".yp-search-results button").first.inner_text()
    assert first == "Knowledge Innovative Community 创智天地 · Renewal and innovation sites"
