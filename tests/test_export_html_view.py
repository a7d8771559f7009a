"""The exported page as a planner's data needs it, in real headless Chromium, offline:
the page opens on the files, exact values, ids as titles, dropped and empty layers."""

from __future__ import annotations

import json

import pytest
import test_export_html_browser as browser_page

from yangpu_gis.cli import main

pytestmark = pytest.mark.browser
# The page-opening fixtures (an offline Chromium context that records every request).
browser, open_page = browser_page.browser, browser_page.open_page
foreign_requests = browser_page.foreign_requests

CODE = 310110123456789012  # 18 digits: beyond what a JavaScript number holds exactly
FAR = (121.20, 31.00, 121.21, 31.01)  # Songjiang, well outside Yangpu


def write_geojson(path, features) -> str:
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    return str(path)


def square(x0, y0, x1, y1):
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


@pytest.fixture
def far_files(tmp_path):
    plots = write_geojson(
        tmp_path / "plots.geojson",
        [
            {
                "type": "Feature",
                "properties": {"code": CODE, "name": "Far plot", "surveyed": "2023-08-17"},
                "geometry": square(*FAR),
            },
            {"type": "Feature", "properties": {"code": 2, "name": "Lost"}, "geometry": None},
        ],
    )
    empty = write_geojson(tmp_path / "nothing.geojson", [])
    return plots, empty


def test_page_opens_on_far_files_keeps_the_empty_one_and_counts_the_dropped(
    capsys,
    tmp_path,
    far_files,
    open_page,
):
    plots, empty = far_files
    out = tmp_path / "far.html"
    assert main(["export-html", str(out), "--file", plots, "--file", empty]) == 0
    printed = capsys.readouterr().out
    assert "  plots: 1 feature, 1 dropped (no drawable geometry)" in printed
    assert "  nothing: 0 features (empty, kept in the layer control)" in printed
    opened = open_page(out)
    assert opened.errors == [] and foreign_requests(opened) == []
    control = opened.page.inner_text(".leaflet-control-layers-overlays")
    assert "nothing (empty)" in control
    assert "plots (1, 1 without geometry left out)" in control
    # Fitted to the far file: a click at the centre of the page opens its popup.
    box = opened.page.locator("#map").bounding_box()
    opened.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    opened.wait_for("document.querySelector('.leaflet-popup-content .yp-popup')")
    text = opened.page.inner_text(".leaflet-popup-content")
    assert text.startswith("Far plot\n")
    assert f"code\t{CODE}" in text  # every digit, not 310110123456789000


def test_bbox_and_the_zoom_buttons(capsys, tmp_path, far_files, open_page):
    plots, _ = far_files
    out = tmp_path / "bbox.html"
    assert (
        main(["export-html", str(out), "--file", plots, "--bbox", "121.5,31.27,121.52,31.29"]) == 0
    )
    opened = open_page(out)
    centre = "() => { const c = yangpuExport.map.getCenter(); return [c.lng, c.lat]; }"
    assert opened.js(centre) == pytest.approx([121.51, 31.28], abs=1e-3)
    # "Zoom to layer" in the layer control, beside the layer, without switching it off.
    button = opened.page.get_by_role("button", name="Zoom to layer plots")
    button.click()
    opened.wait_for("Math.abs(yangpuExport.map.getCenter().lng - 121.205) < 1e-3")
    assert opened.js(
        "() => yangpuExport.map.hasLayer(yangpuExport.layers.find(l => l.title === 'plots').group)"
    )
    # "Whole map": the far plot and Yangpu together.
    opened.page.get_by_role("button", name="Whole map").click()
    opened.wait_for("yangpuExport.map.getBounds().contains([31.005, 121.205])")
    assert opened.js("() => yangpuExport.map.getBounds().contains([31.30, 121.52])")


def test_bad_bbox_is_one_line(capsys, tmp_path):
    assert main(["export-html", str(tmp_path / "x.html"), "--bbox", "1,2,3"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("yangpu-gis: --bbox '1,2,3'") and err.count("\n") == 1


def test_ids_title_popups_and_dates_read_in_the_page_language(
    tmp_path,
    open_page,
):
    plots = write_geojson(
        tmp_path / "ids.geojson",
        [
            {
                "type": "Feature",
                "properties": {"id": 4711, "opened": "2023-08-17T09:30:00+08:00"},
                "geometry": square(121.50, 31.28, 121.51, 31.29),
            }
        ],
    )
    out = tmp_path / "ids.html"
    assert main(["export-html", str(out), "--file", plots]) == 0
    opened = open_page(out)
    box = opened.page.locator("#map").bounding_box()
    opened.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    opened.wait_for("document.querySelector('.leaflet-popup-content .yp-popup')")
    text = opened.page.inner_text(".leaflet-popup-content")
    assert text.startswith("ids 4711\n")  # the id, not the row
    assert "opened\t17 Aug 2023, 09:30 UTC+08:00" in text  # in the source's own zone


def test_a_project_exports_with_the_desktops_colours_categories_and_view(
    capsys, tmp_path, open_page
):
    from yangpu_gis.model.io import read_file
    from yangpu_gis.model.open_layers import layer_from_loaded
    from yangpu_gis.model.project import Project
    from yangpu_gis.model.style import categorised

    source = write_geojson(
        tmp_path / "uses.geojson",
        [
            {
                "type": "Feature",
                "properties": {"name": f"Lot {use}", "use": use},
                "geometry": square(121.50 + i / 100, 31.28, 121.505 + i / 100, 31.285),
            }
            for i, use in enumerate(["park", "school"])
        ],
    )
    project = Project.with_embedded_map()
    layer = layer_from_loaded(read_file(source)[0])
    project.add_layer(layer)
    style = categorised(layer.style.with_(stroke="#333333"), "use", ["park", "school"])
    project.update_layer(layer.id, style=style, opacity=0.8)
    project.view_extent = (121.49, 31.27, 121.53, 31.30)
    saved = tmp_path / "plan.ygis.json"
    project.save(saved)
    out = tmp_path / "plan.html"
    assert main(["export-html", str(out), "--project", str(saved)]) == 0
    opened = open_page(out)
    colours = dict(style.categories)
    fills = opened.js(
        "(title) => yangpuExport.layers.find(l => l.title === title).group.getLayers()"
        ".map(f => f.options.fillColor)",
        layer.title,
    )
    assert fills == [colours["park"], colours["school"]]  # the desktop's, not light blue
    legend = opened.page.inner_text(".yp-legend")
    assert "use" in legend and "park" in legend and "school" in legend
    centre = "() => { const c = yangpuExport.map.getCenter(); return [c.lng, c.lat]; }"
    assert opened.js(centre) == pytest.approx([121.51, 31.285], abs=2e-3)  # its saved view


@pytest.mark.parametrize("content", [None, "not json", '{"format": "other"}'])
def test_a_bad_project_is_one_line(capsys, tmp_path, content):
    project = tmp_path / "plan.ygis.json"
    if content is not None:
        project.write_text(content, encoding="utf-8")
    out = tmp_path / "x.html"
    assert main(["export-html", str(out), "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("yangpu-gis: ") and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_graduated_colours_are_drawn_and_the_legend_lists_the_class_ranges(
    capsys, tmp_path, open_page
):
    """A planner's layer in graduated classes of 面积 (quantiles, 4 classes) saved in a
    project: the page draws each class in its colour and its legend lists the ranges."""
    from PySide6.QtGui import QColor, QImage

    from yangpu_gis.model.io import read_file
    from yangpu_gis.model.open_layers import layer_from_loaded
    from yangpu_gis.model.project import Project
    from yangpu_gis.model.style import graduated

    source = write_geojson(
        tmp_path / "plots.geojson",
        [
            {
                "type": "Feature",
                "properties": {"名称": f"地块{i + 1}", "面积": float(i + 1)},
                "geometry": square(121.50 + i / 200, 31.28, 121.504 + i / 200, 31.284),
            }
            for i in range(8)
        ],
    )
    project = Project()
    layer = layer_from_loaded(read_file(source)[0])
    project.add_layer(layer)
    style = graduated(
        layer.style.with_(fill_opacity=1.0), "面积", list(range(1, 9)), "quantiles", 4, "YlOrRd"
    )
    project.update_layer(layer.id, style=style)
    project.view_extent = (121.495, 31.275, 121.545, 31.29)
    saved = tmp_path / "plan.ygis.json"
    project.save(saved)
    out = tmp_path / "plan.html"
    assert main(["export-html", str(out), "--project", str(saved)]) == 0
    opened = open_page(out)
    assert opened.errors == [] and foreign_requests(opened) == []
    classes = style.graduated
    assert classes.k == 4 and len(set(classes.colours)) == 4
    # Each plot drawn in its class's colour: the page's pixels at the plot's centre.
    centres = opened.js(
        "(points) => points.map(([lon, lat]) => {"
        " const p = yangpuExport.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; })",
        [[121.502 + i / 200, 31.282] for i in range(8)],
    )
    frame = opened.page.locator("#map").bounding_box()
    shot = tmp_path / "page.png"
    opened.page.screenshot(path=str(shot))
    image = QImage(str(shot))
    scale = image.width() / opened.js("() => window.innerWidth")
    seen = [
        image.pixelColor(round((frame["x"] + x) * scale), round((frame["y"] + y) * scale)).name()
        for x, y in centres
    ]
    expected = [classes.colours[min(i // 2, 3)] for i in range(8)]  # two plots a class
    for got, want in zip(seen, expected, strict=True):
        g, w = QColor(got), QColor(want)
        assert (
            max(abs(g.red() - w.red()), abs(g.green() - w.green()), abs(g.blue() - w.blue())) <= 6
        ), (got, want)
    # The legend names the field and lists the four ranges, each with its colour.
    legend = opened.page.inner_text(".yp-legend")
    assert "面积" in legend
    for text in classes.labels():
        assert text in legend
    swatches = opened.js(
        "() => [...document.querySelectorAll('.yp-legend-category .yp-swatch')]"
        ".map(s => getComputedStyle(s).backgroundColor)"
    )
    assert len(swatches) == 4
    assert swatches == [
        f"rgb({QColor(c).red()}, {QColor(c).green()}, {QColor(c).blue()})" for c in classes.colours
    ]
