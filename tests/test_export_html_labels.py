"""Labels, hover and search in the exported page, in real headless Chromium, offline."""

from __future__ import annotations

import geopandas as gpd
import pytest
import test_export_html_browser as browser_page
from shapely.geometry import box

from yangpu_gis.export.html import export_html
from yangpu_gis.export.html_labels import label_texts
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.style import Style

pytestmark = pytest.mark.browser
# The page-opening fixtures (an offline Chromium context that records every request).
browser, open_page = browser_page.browser, browser_page.open_page
foreign_requests = browser_page.foreign_requests
site = browser_page.site


@pytest.fixture(scope="module")
def embedded_page(tmp_path_factory, embedded_layers):
    path = tmp_path_factory.mktemp("labels") / "yangpu.html"
    export_html(embedded_layers, path)
    return path


def label_texts_on_page(opened) -> list[str]:
    return opened.js("() => [...document.querySelectorAll('.yp-label')].map(n => n.innerText)")


def test_labels_are_text_in_the_page_before_any_click(open_page, embedded_page):
    opened = open_page(embedded_page)
    texts = label_texts_on_page(opened)
    # Bilingual where both names exist, as on the desktop: English, Chinese below.
    assert "Knowledge Innovative Community\n创智天地" in texts
    assert "Huangpu River\n黄浦江" in texts
    # Real text: the page's own text holds it, as the browser's Find and screen readers see.
    body = opened.page.inner_text("body")
    assert "创智天地" in body and "Changbai Community" in body
    boxes = opened.js(
        "() => [...document.querySelectorAll('.yp-label')].map(n => {"
        "const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    )
    for i, a in enumerate(boxes):  # collision-free
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    assert opened.errors == [] and foreign_requests(opened) == []


def test_labels_follow_the_zoom(open_page, embedded_page):
    opened = open_page(embedded_page)
    near = len(label_texts_on_page(opened))
    opened.js("() => yangpuExport.map.setZoom(8, {animate: false})")
    opened.wait_for("yangpuExport.map.getZoom() === 8")
    far = label_texts_on_page(opened)
    # Zoomed out the sites are under 4 px and lose their labels; the districts keep theirs.
    assert len(far) < near
    assert "Changbai Community\n长白新村" not in far


def test_hover_shows_the_name_and_outlines_the_feature(open_page, embedded_page, embedded_layers):
    opened = open_page(embedded_page)
    _, _, block = site(embedded_layers, "changbai-228")
    point = block.representative_point()
    x, y = opened.js(
        "([lat, lon]) => { const p = yangpuExport.map.latLngToContainerPoint([lat, lon]);"
        " return [p.x, p.y]; }",
        [point.y, point.x],
    )
    frame = opened.page.locator("#map").bounding_box()
    opened.page.mouse.move(frame["x"] + x, frame["y"] + y)
    opened.wait_for("document.querySelector('.yp-tooltip')")
    assert opened.page.inner_text(".yp-tooltip") == "Changbai 228 Street Block"
    assert opened.js(
        "() => [...document.querySelectorAll('.leaflet-overlay-pane path')]"
        ".some(p => p.getAttribute('stroke') === '#e6550d')"
    )
    opened.page.mouse.move(frame["x"] + 5, frame["y"] + frame["height"] - 5)
    opened.wait_for("!document.querySelector('.yp-tooltip')")
    assert not opened.js(
        "() => [...document.querySelectorAll('.leaflet-overlay-pane path')]"
        ".some(p => p.getAttribute('stroke') === '#e6550d')"
    )


@pytest.mark.parametrize(
    "query, expected", [("创智", "Knowledge Innovative Community"), ("changbai 2", "Changbai 228")]
)
def test_search_finds_chinese_and_partial_names_and_zooms_to_the_match(
    open_page, embedded_page, query, expected
):
    opened = open_page(embedded_page)
    zoom = opened.js("() => yangpuExport.map.getZoom()")
    opened.page.get_by_role("searchbox").fill(query)
    results = opened.page.locator(".yp-search-results button")
    assert expected in results.first.inner_text()
    opened.page.keyboard.press("Enter")
    opened.wait_for("document.querySelector('.leaflet-popup-content .yp-popup')")
    assert opened.page.inner_text(".yp-popup-name").startswith(expected)
    assert opened.js("() => yangpuExport.map.getZoom()") > zoom
    opened.page.wait_for_timeout(400)  # the popup's own pan into view
    popup = opened.page.locator(".leaflet-popup-content-wrapper").bounding_box()
    frame = opened.page.locator("#map").bounding_box()
    assert popup["y"] >= frame["y"]  # its title in view, not under the page's header


def test_search_says_when_nothing_matches(open_page, embedded_page):
    opened = open_page(embedded_page)
    opened.page.get_by_role("searchbox").fill("no such place")
    assert opened.page.inner_text(".yp-search-results") == "No match"


def test_a_planners_layer_is_labelled_only_when_its_style_says_so(tmp_path, open_page):
    data = gpd.GeoDataFrame(
        {"name": ["North plot", None], "name_zh": ["北地块", "南地块"]},
        geometry=[box(121.50, 31.29, 121.52, 31.30), box(121.50, 31.27, 121.52, 31.28)],
        crs="EPSG:4326",
    )
    plain = Layer(id="plain", title="Plain", data=data)
    assert label_texts(plain) is None  # the desktop leaves a planner's layer unlabelled
    styled = Layer(
        id="named",
        title="Named",
        data=data,
        style=Style(label_field="name", sublabel_field="name_zh"),
    )
    assert label_texts(styled) == ["North plot\n北地块", "南地块"]
    path = tmp_path / "named.html"
    export_html([styled], path, view_bounds_wgs84=(121.49, 31.26, 121.53, 31.31))
    opened = open_page(path)
    assert sorted(label_texts_on_page(opened)) == ["North plot\n北地块", "南地块"]
