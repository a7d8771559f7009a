"""The exported page in real headless Chromium, opened from disk with the network off.

Every request the page makes is recorded, and anything that is not the file itself is
aborted (the browser context is offline as well). The page's security policy forbids
eval, which Playwright's wait_for_function relies on, so waits poll page.evaluate.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point, box

from yangpu_gis.export.html import CANVAS_THRESHOLD, export_html
from yangpu_gis.model.attribution import short_attribution
from yangpu_gis.model.facts import fact_book
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.style import Style, categorised

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCRIPT_NAME = "<script>window.__pwned=1</script>"
IMG_NAME = '<img src=x onerror="window.__pwned=2">'


@dataclass
class OpenPage:
    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def wait_for(self, expression: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.js(f"() => !!({expression})"):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}; errors: {self.errors}")
            self.page.wait_for_timeout(20)

    def click_lonlat(self, lon: float, lat: float) -> str:
        x, y = self.js(
            "([lat, lon]) => { const p = yangpuExport.map.latLngToContainerPoint("
            "[lat, lon]); return [p.x, p.y]; }",
            [lat, lon],
        )
        self.js("() => yangpuExport.map.closePopup()")
        self.wait_for("!document.querySelector('.leaflet-popup')")  # it fades out first
        box_ = self.page.locator("#map").bounding_box()
        self.page.mouse.click(box_["x"] + x, box_["y"] + y)
        self.wait_for("document.querySelector('.leaflet-popup-content .yp-popup')")
        return self.page.inner_text(".leaflet-popup-content")

    def feature_counts(self) -> dict[str, int]:
        return self.js("() => Object.fromEntries(yangpuExport.layers.map(l => [l.id, l.count]))")


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_(path: Path, *, bypass_csp: bool = False, width: int = 1200) -> OpenPage:
        context = browser.new_context(
            viewport={"width": width, "height": 800}, bypass_csp=bypass_csp, offline=True
        )
        contexts.append(context)
        page = context.new_page()
        opened = OpenPage(page, path.resolve().as_uri())
        page.on("request", lambda request: opened.requests.append(request.url))
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)

        def guard(route):
            if route.request.url == opened.url:
                route.continue_()
            else:
                opened.aborted.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        page.goto(opened.url)
        opened.wait_for("window.yangpuExport && window.yangpuExport.drawn")
        return opened

    yield open_
    for context in contexts:
        context.close()


def foreign_requests(opened: OpenPage) -> list[str]:
    return [u for u in opened.requests if u != opened.url and not u.startswith("data:")]


def site(layers, site_id: str):
    sites = next(layer for layer in layers if layer.kind == "site")
    row = int(sites.data.index[sites.data["id"] == site_id][0])
    return sites, row, sites.data.geometry.iloc[row]


# --- the embedded map -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def embedded_page_file(tmp_path_factory, embedded_layers):
    path = tmp_path_factory.mktemp("html") / "yangpu.html"
    return path, export_html(embedded_layers, path)


def test_embedded_map_draws_every_feature_offline(open_page, embedded_page_file, embedded_layers):
    path, report = embedded_page_file
    opened = open_page(path)
    assert foreign_requests(opened) == [] and opened.aborted == []
    assert opened.errors == []
    expected = {layer.id: layer.feature_count for layer in embedded_layers}
    assert opened.feature_counts() == expected == report.feature_counts
    paths = opened.js(
        "() => [...document.querySelectorAll('.leaflet-overlay-pane svg path')]"
        ".filter(p => (p.getAttribute('d') || '').length > 10).length"
    )
    assert paths == sum(expected.values())  # one drawn SVG path per feature
    assert opened.js(
        "() => Object.values(yangpuExport.layers).every(l => yangpuExport.map.hasLayer(l.group))"
    )


def test_clicking_changbai_community_shows_its_facts_and_sources(
    open_page, embedded_page_file, embedded_layers
):
    path, _ = embedded_page_file
    opened = open_page(path)
    sites, row, community = site(embedded_layers, "changbai-community")
    _, _, block = site(embedded_layers, "changbai-228")
    inside = community.difference(block.buffer(0.0005)).representative_point()
    text = opened.click_lonlat(inside.x, inside.y)
    assert text.startswith("Changbai Community\n")
    assert "长白新村" in text and "Changbai 228" not in text
    assert "urban renewal · Renewal and innovation sites" in text
    assert "Recommended for the UN-Habitat award\n2023\n2023 · SHINE, 17 Aug 2023" in text
    assert fact_book().citation("shine-2023-08-17") in text
    for fact in Hit(sites, row).facts():
        assert f"{fact.label}" in text and fact.display_value() in text
    assert foreign_requests(opened) == []


def test_popups_leave_out_the_embedded_layers_internal_fields(
    open_page, embedded_page_file, embedded_layers
):
    path, _ = embedded_page_file
    opened = open_page(path)
    _, _, block = site(embedded_layers, "changbai-228")
    point = block.representative_point()
    text = opened.click_lonlat(point.x, point.y)
    assert text.startswith("Changbai 228 Street Block\n") and "长白228街坊" in text
    assert "Part of\nChangbai Community" in text and "Position basis\t" in text
    assert "parent" not in text and "changbai-community" not in text and "\nid\t" not in text

    districts = next(layer for layer in embedded_layers if layer.kind == "district")
    row = districts.column("name_en").tolist().index("Yangpu District")
    others = shapely.union_all(
        [
            g.buffer(0.002)
            for layer in embedded_layers
            if layer is not districts
            for g in layer.data.geometry
        ]
    )
    inside = districts.data.geometry.iloc[row].difference(others).representative_point()
    text = opened.click_lonlat(inside.x, inside.y)
    assert text.startswith("Yangpu District\n") and "杨浦区" in text and "adcode\t310110" in text
    rows = [line.split("\t") for line in text.splitlines()]
    assert not [row for row in rows if row[0] in ("focus", "role", "id")]
    assert ["neighbour"] not in rows and ["Yangpu"] not in rows


def test_leaflet_received_the_coordinates_rounded_to_a_micro_degree(
    open_page, embedded_page_file, embedded_layers
):
    path, _ = embedded_page_file
    opened = open_page(path)
    _, row, community = site(embedded_layers, "changbai-community")
    ring = opened.js(
        "(row) => yangpuExport.layers.find(l => l.id === 'sites').group.getLayers()"
        ".find(f => f.yangpuRow === row).getLatLngs()[0].map(p => [p.lng, p.lat])",
        row,
    )
    expected = [(round(x, 6), round(y, 6)) for x, y in community.exterior.coords[:-1]]
    assert [(round(x, 9), round(y, 9)) for x, y in ring] == expected


def test_controls_title_attribution_legend_and_view(open_page, embedded_page_file):
    path, _ = embedded_page_file
    opened = open_page(path)
    assert opened.page.title() == "Yangpu District map"
    assert opened.page.inner_text("h1") == "Yangpu District map"
    assert short_attribution() in opened.page.inner_text(".leaflet-control-attribution")
    assert opened.page.locator(".leaflet-control-scale-line").count() == 1
    legend = opened.page.inner_text(".yp-legend")
    for text in (
        "Districts",
        "Huangpu River",
        "Riverside",
        "Renewal and innovation sites",
        "urban renewal",
        "university",
    ):
        assert text in legend
    control = opened.page.inner_text(".leaflet-control-layers-overlays")
    assert control.index("Renewal and innovation sites") < control.index("Districts")  # top first
    bounds = opened.js("() => yangpuExport.map.getBounds().toBBoxString().split(',').map(Number)")
    minlon, minlat, maxlon, maxlat = 121.478, 31.240, 121.577, 31.352  # YANGPU_EXTENT
    assert (
        bounds[0] <= minlon and bounds[1] <= minlat and bounds[2] >= maxlon and bounds[3] >= maxlat
    )
    assert (bounds[3] - bounds[1]) < 2 * (maxlat - minlat)  # fitted, not a whole-city view


@pytest.mark.parametrize("width, unfolded", [(1200, True), (420, False)])
def test_controls_fold_away_on_small_screens(open_page, embedded_page_file, width, unfolded):
    path, _ = embedded_page_file
    opened = open_page(path, width=width)
    assert opened.js("() => document.querySelector('.yp-legend').open") is unfolded
    expanded = opened.page.locator(".leaflet-control-layers-expanded").count() == 1
    assert expanded is unfolded
    opened.page.click(".yp-legend-title")
    assert opened.js("() => document.querySelector('.yp-legend').open") is not unfolded


def test_the_security_policy_lets_our_scripts_run_and_nothing_else(open_page, embedded_page_file):
    path, _ = embedded_page_file
    opened = open_page(path)  # policy enforced: the map drew, so the hashes match
    assert opened.errors == []
    # Markup that got into the page anyway would stay inert: no inline script, no handler.
    opened.js("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.__probe = 1';
        document.body.appendChild(script);
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.__probe = 2');
        img.src = 'data:image/png;base64,AAAA';
        document.body.appendChild(img);
    }""")
    opened.page.wait_for_timeout(200)
    assert opened.js("() => typeof window.__probe") == "undefined"
    assert any("Content Security Policy" in error for error in opened.errors)


# --- view, hidden layers, order -------------------------------------------------------------


def test_hidden_layer_is_unchecked_and_keeps_its_place_when_shown(
    open_page, tmp_path, embedded_layers
):
    layers = [
        Layer(id=e.id, title=e.title, data=e.data, kind=e.kind, style=e.style)
        for e in embedded_layers
    ]
    sites = next(layer for layer in layers if layer.kind == "site")
    sites.visible = False
    _, _, kic = site(layers, "kic")
    path = tmp_path / "hidden.html"
    report = export_html(layers, path, view_bounds_wgs84=kic.bounds, title="KIC")
    assert any("hidden" in note for note in report.notes)
    opened = open_page(path)
    on_map = "(id) => yangpuExport.map.hasLayer(yangpuExport.layers.find(l => l.id === id).group)"
    assert not opened.js(on_map, "sites") and opened.js(on_map, "riverside")
    assert opened.feature_counts()["sites"] == 8  # exported all the same
    centre = opened.js("() => { const c = yangpuExport.map.getCenter(); return [c.lng, c.lat]; }")
    assert centre == pytest.approx(
        [(kic.bounds[0] + kic.bounds[2]) / 2, (kic.bounds[1] + kic.bounds[3]) / 2], abs=2e-4
    )
    checkbox = opened.page.locator(
        ".leaflet-control-layers-overlays label", has_text="Renewal and innovation sites"
    ).locator("input")
    assert not checkbox.is_checked()
    checkbox.check()
    assert opened.js(on_map, "sites")
    # Switched on last, the sites are still drawn above the river and below nothing.
    order = opened.js("""() => {
        const first = id => yangpuExport.layers.find(l => l.id === id).group.getLayers()[0]._path;
        const after = (a, b) => !!(first(a).compareDocumentPosition(first(b))
                                   & Node.DOCUMENT_POSITION_FOLLOWING);
        return [after('districts', 'river'), after('river', 'riverside'), after('riverside', 'sites')];
    }""")
    assert order == [True, True, True]


# --- hostile names --------------------------------------------------------------------------


@pytest.fixture
def hostile_page_file(tmp_path):
    data = gpd.GeoDataFrame(
        {"name": [SCRIPT_NAME, IMG_NAME], "kind": [IMG_NAME, "</script><b>bold</b>"]},
        geometry=[box(121.50, 31.28, 121.51, 31.29), box(121.52, 31.28, 121.53, 31.29)],
        crs="EPSG:4326",
    )
    style = categorised(Style(), "kind", data["kind"])
    layer = Layer(
        id="hostile", title='<img src=x onerror="window.__pwned=3">', data=data, style=style
    )
    path = tmp_path / "hostile.html"
    export_html(
        [layer],
        path,
        title="<script>window.__pwned=4</script>",
        view_bounds_wgs84=(121.49, 31.27, 121.54, 31.30),
    )
    return path, data


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["escaping alone", "with policy"])
def test_names_from_data_show_as_text_and_run_nothing(open_page, hostile_page_file, bypass_csp):
    path, data = hostile_page_file
    # With the policy bypassed only the escaping stands between the data and the page.
    opened = open_page(path, bypass_csp=bypass_csp)
    assert opened.page.title() == "<script>window.__pwned=4</script>"
    for row, name in enumerate(data["name"]):
        centre = data.geometry.iloc[row].centroid
        text = opened.click_lonlat(centre.x, centre.y)
        assert text.startswith(name + "\n")
        assert data["kind"].iloc[row] in text
    assert opened.js("() => typeof window.__pwned") == "undefined"
    assert opened.js("() => document.querySelectorAll('img, b').length") == 0
    assert '<img src=x onerror="window.__pwned=3">' in opened.page.inner_text(
        ".leaflet-control-layers-overlays"
    )
    assert "</script><b>bold</b>" in opened.page.inner_text(".yp-legend")
    assert foreign_requests(opened) == [] and opened.aborted == []


# --- large layers, basemap ------------------------------------------------------------------


def test_large_layer_draws_on_canvas_and_answers_clicks(open_page, tmp_path):
    side = 80  # a grid of side x side separate squares over Yangpu
    assert side * side > CANVAS_THRESHOLD
    step = 0.0009
    squares = [
        box(
            121.50 + i * step,
            31.26 + j * step,
            121.50 + i * step + step * 0.6,
            31.26 + j * step + step * 0.6,
        )
        for i in range(side)
        for j in range(side)
    ]
    data = gpd.GeoDataFrame(
        {"plot": [f"P{i}" for i in range(len(squares))]}, geometry=squares, crs="EPSG:4326"
    )
    layer = Layer(id="grid", title="Grid", data=data)
    path = tmp_path / "grid.html"
    report = export_html([layer], path)
    opened = open_page(path)
    assert opened.feature_counts() == {"grid": side * side} == report.feature_counts
    assert opened.page.locator(".leaflet-overlay-pane canvas").count() == 1
    assert opened.page.locator(".leaflet-overlay-pane svg path").count() == 0
    target = side * 40 + 40
    centre = squares[target].centroid
    filled = opened.js(
        """([lat, lon]) => {
        const p = yangpuExport.map.latLngToContainerPoint([lat, lon]);
        const canvas = document.querySelector('.leaflet-overlay-pane canvas');
        const r = canvas.getBoundingClientRect(), m = document.getElementById('map').getBoundingClientRect();
        const scale = canvas.width / r.width;
        const x = (p.x + m.left - r.left) * scale, y = (p.y + m.top - r.top) * scale;
        return canvas.getContext('2d').getImageData(x, y, 1, 1).data[3];
    }""",
        [centre.y, centre.x],
    )
    assert filled > 0
    text = opened.click_lonlat(centre.x, centre.y)
    hit = Hit(layer, target)
    assert text.startswith(f"{hit.name}\n")
    for fact in hit.facts():
        assert f"{fact.label}\t{fact.display_value()}" in text
    assert foreign_requests(opened) == []


def test_points_are_circles_and_popups_list_their_attributes(open_page, tmp_path):
    data = gpd.GeoDataFrame(
        {"name": ["Stop A"], "lines": [3], "open": [True]},
        geometry=[Point(121.515, 31.285)],
        crs="EPSG:4326",
    )
    layer = Layer(id="stops", title="Stops", data=data, style=Style(point_size=14))
    path = tmp_path / "points.html"
    export_html([layer], path)
    opened = open_page(path)
    assert opened.js("() => yangpuExport.layers[0].group.getLayers()[0].getRadius()") == 7
    text = opened.click_lonlat(121.515, 31.285)
    assert "name\tStop A" in text and "lines\t3" in text and "open\tyes" in text


def test_osm_basemap_is_the_only_thing_fetched_and_the_page_says_so(
    open_page, tmp_path, embedded_layers
):
    path = tmp_path / "osm.html"
    report = export_html(embedded_layers, path, basemap="osm")
    assert any("internet" in note for note in report.notes)
    opened = open_page(path)
    assert "internet connection" in opened.page.inner_text(".yp-header")
    assert "OpenStreetMap contributors" in opened.page.inner_text(".leaflet-control-attribution")
    opened.wait_for("document.querySelectorAll('.leaflet-tile').length > 0")
    assert opened.aborted and all(
        u.startswith("https://tile.openstreetmap.org/") for u in foreign_requests(opened)
    )


def test_panel_popup_and_identify_show_one_fact_sheet(
    open_page, embedded_page_file, embedded_layers, qtbot, capsys
):
    """The facts panel, the page's popup and `identify --json` render the same sheet."""
    import json

    from yangpu_gis.cli import main
    from yangpu_gis.model.fact_sheet import fact_sheet
    from yangpu_gis.ui.panels.facts_panel import FactsPanel

    path, _ = embedded_page_file
    opened = open_page(path)
    sites, row, community = site(embedded_layers, "changbai-community")
    _, _, block = site(embedded_layers, "changbai-228")
    inside = community.difference(block.buffer(0.0005)).representative_point()
    sheet = fact_sheet(Hit(sites, row))
    assert sheet.facts and {f.fact.id for f in sheet.measured} == {"area", "perimeter"}

    popup = opened.click_lonlat(inside.x, inside.y)
    panel = FactsPanel()
    qtbot.addWidget(panel)
    panel.show_hits([Hit(sites, row)])
    panel_text = panel.browser.toPlainText()
    assert main(["identify", str(inside.x), str(inside.y), "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    listed = next(h["sheet"] for h in hits if h["layer"] == sites.id and h["row"] == row)

    assert listed["title"] == sheet.title == "Changbai Community"
    assert [f["label"] for f in listed["facts"]] == [f.label for f in sheet.facts]
    for fact in sheet.facts:
        when = " · ".join(x for x in (fact.date, fact.source_name) if x)
        for text in (popup, panel_text):
            assert f"{fact.label}\n{fact.figure}\n{when}" in text, (fact.label, text)
        shown = next(f for f in listed["facts"] if f["label"] == fact.label)
        assert (shown["figure"], shown["date"], shown["source_name"]) == (
            fact.figure,
            fact.date,
            fact.source_name,
        )
    for fact in sheet.measured:
        assert f"{fact.label}\t{fact.figure}" in popup
        assert fact.label in panel_text and fact.figure in panel_text
        assert {"label": fact.label, "figure": fact.figure}.items() <= next(
            f for f in listed["measured"] if f["id"] == fact.fact.id
        ).items()
    for citation in sheet.citations:
        assert citation in popup and citation in panel_text and citation in listed["citations"]
