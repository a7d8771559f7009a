"""A layer too big for one Leaflet object per feature (html_canvas.js), in real headless
Chromium, offline: drawn, and answering hover, clicks and search like the small ones."""

from __future__ import annotations

import geopandas as gpd
import pytest
import test_export_html_browser as browser_page
from shapely.geometry import LineString, box

from yangpu_gis.export.html import CANVAS_THRESHOLD, export_html
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.style import Style, categorised

pytestmark = pytest.mark.browser
browser, open_page = browser_page.browser, browser_page.open_page

SIDE, STEP = 75, 0.0008  # SIDE x SIDE separate squares over Yangpu


def grid(tmp_path):
    squares = [
        box(
            121.50 + i * STEP, 31.26 + j * STEP, 121.50 + (i + 0.6) * STEP, 31.26 + (j + 0.6) * STEP
        )
        for i in range(SIDE)
        for j in range(SIDE)
    ]
    data = gpd.GeoDataFrame(
        {
            "name": [f"Plot {k}" for k in range(len(squares))],
            "use": ["park" if k % 2 else "school" for k in range(len(squares))],
        },
        geometry=squares,
        crs="EPSG:4326",
    )
    data.loc[7, "name"] = "创智 plot"
    road = gpd.GeoDataFrame(
        {"name": ["Ring road"]},
        geometry=[LineString([(121.49, 31.25), (121.57, 31.33)])],
        crs="EPSG:4326",
    )
    style = categorised(Style(stroke="#222222"), "use", data["use"])
    layers = [
        Layer(id="plots", title="Plots", data=data, style=style),
        Layer(id="road", title="Road", data=road),
    ]
    path = tmp_path / "big.html"
    export_html(layers, path)
    return path, squares, dict(style.categories)


def container_point(opened, lon, lat):
    x, y = opened.js(
        "([lat, lon]) => { const p = yangpuExport.map.latLngToContainerPoint([lat, lon]);"
        " return [p.x, p.y]; }",
        [lat, lon],
    )
    frame = opened.page.locator("#map").bounding_box()
    return frame["x"] + x, frame["y"] + y


def pixel(opened, lon, lat) -> list[int]:
    return opened.js(
        """([lat, lon]) => {
        const p = yangpuExport.map.latLngToContainerPoint([lat, lon]);
        const canvas = document.querySelector('.yp-big-layer');
        const r = canvas.getBoundingClientRect(), m = document.getElementById('map').getBoundingClientRect();
        const scale = canvas.width / r.width;
        return Array.from(canvas.getContext('2d').getImageData(
            (p.x + m.left - r.left) * scale, (p.y + m.top - r.top) * scale, 1, 1).data);
    }""",
        [lat, lon],
    )


def test_a_big_layer_draws_its_categories_and_answers_hover_and_clicks(tmp_path, open_page):
    assert SIDE * SIDE > CANVAS_THRESHOLD
    path, squares, colours = grid(tmp_path)
    opened = open_page(path)
    assert opened.errors == [] and browser_page.foreign_requests(opened) == []
    assert opened.js("() => yangpuExport.layers.map(l => [l.id, l.big, l.count])") == [
        ["plots", True, SIDE * SIDE],
        ["road", False, 1],
    ]
    opened.js("() => yangpuExport.map.setView([31.29, 121.53], 17, {animate: false})")
    opened.wait_for("yangpuExport.map.getZoom() === 17")
    opened.js(
        "() => { yangpuExport.drawn = false; yangpuExport.whenDrawn(() => yangpuExport.drawn = true); }"
    )
    opened.wait_for("yangpuExport.drawn")
    k = next(
        k
        for k, s in enumerate(squares)
        if s.centroid.distance(box(121.528, 31.288, 121.532, 31.292).centroid) < 0.0008
    )
    centre = squares[k].centroid
    r, g, b, _ = pixel(opened, centre.x, centre.y)
    expected = colours["park" if k % 2 else "school"]
    want = [int(expected[i : i + 2], 16) for i in (1, 3, 5)]
    # Filled at 60 % over the page's background, so near the category's colour.
    assert all(abs(a - w) < 60 for a, w in zip((r, g, b), want, strict=True)), (r, g, b, want)

    x, y = container_point(opened, centre.x, centre.y)
    opened.page.mouse.move(x, y)
    opened.wait_for("document.querySelector('.yp-tooltip')")
    assert opened.page.inner_text(".yp-tooltip") == f"Plot {k}"
    assert opened.js(
        "() => [...document.querySelectorAll('.leaflet-overlay-pane path')]"
        ".some(p => p.getAttribute('stroke') === '#e6550d')"
    )
    opened.page.mouse.click(x, y)
    opened.wait_for("document.querySelector('.leaflet-popup-content .yp-popup')")
    text = opened.page.inner_text(".leaflet-popup-content")
    assert text.startswith(f"Plot {k}\n") and "use\t" in text


def test_search_finds_a_feature_of_a_big_layer(tmp_path, open_page):
    path, squares, _ = grid(tmp_path)
    opened = open_page(path)
    opened.page.get_by_role("searchbox").fill("创智")
    opened.page.keyboard.press("Enter")
    opened.wait_for("document.querySelector('.leaflet-popup-content .yp-popup')")
    assert opened.page.inner_text(".yp-popup-name") == "创智 plot"
    centre = opened.js("() => { const c = yangpuExport.map.getCenter(); return [c.lng, c.lat]; }")
    target = squares[7].centroid
    assert centre == pytest.approx([target.x, target.y], abs=2e-4)


def test_a_big_layer_can_be_switched_off_and_on(tmp_path, open_page):
    path, _, _ = grid(tmp_path)
    opened = open_page(path)
    checkbox = opened.page.locator(
        ".leaflet-control-layers-overlays label", has_text="Plots"
    ).locator("input")
    checkbox.uncheck()
    assert opened.page.locator(".yp-big-layer").count() == 0
    checkbox.check()
    opened.js(
        "() => { yangpuExport.drawn = false; yangpuExport.whenDrawn(() => yangpuExport.drawn = true); }"
    )
    opened.wait_for("yangpuExport.drawn")
    assert opened.page.locator(".yp-big-layer").count() == 1
    assert "Plots" in opened.page.inner_text(".yp-legend")
