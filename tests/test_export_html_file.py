"""The exported file itself: self-contained, one of each script, escaped, reported truly."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from yangpu_gis.export.html import BASEMAPS, DEFAULT_TITLE, ExportReport, export_html
from yangpu_gis.export.html_leaflet import leaflet_assets
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.note_fields import Note
from yangpu_gis.model.notes import NoteStore

# The only URLs in Leaflet's own code: its home page in the licence comment and the SVG
# namespace, neither of which a browser fetches.
LEAFLET_URLS = {"https://leafletjs.com", "http://www.w3.org/2000/svg"}
URL = re.compile(r"https?://[^\s\"'()<>]*")
SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.DOTALL)


@pytest.fixture(scope="module")
def exported(tmp_path_factory, embedded_layers) -> tuple[str, ExportReport]:
    path = tmp_path_factory.mktemp("html") / "map.html"
    report = export_html(embedded_layers, path)
    return path.read_text(encoding="utf-8"), report


def page_data(text: str) -> dict:
    ((attrs, body),) = [(a, b) for a, b in SCRIPT.findall(text) if "application/json" in a]
    return json.loads(body)


def test_one_file_with_leaflet_inlined_and_no_url_a_browser_would_fetch(exported):
    text, _ = exported
    leaflet = leaflet_assets()
    assert text.count(leaflet.js) == 1 and text.count(leaflet.css) == 1
    outside_leaflet = text.replace(leaflet.js, "")
    assert URL.findall(outside_leaflet) == []
    assert set(URL.findall(leaflet.js)) == LEAFLET_URLS
    assert "sourceMappingURL" not in text
    css_urls = re.findall(r"url\(([^)]*)\)", leaflet.css)
    assert css_urls and all(
        u.startswith('"data:image/png;base64,') or u == "#default#VML" for u in css_urls
    )
    assert not re.search(r"<(link|img|iframe)\b|\bsrc\s*=|@import", outside_leaflet)


def test_no_python_bytes_text_leaks_into_the_page(exported):
    text, _ = exported
    assert not re.search(r"(?<![\w$])b'|(?<![\w$.\"])b\"[A-Za-z0-9+/]", text)
    for uri in leaflet_assets().marker_images.values():
        base64.b64decode(uri.removeprefix("data:image/png;base64,"), validate=True)


def test_three_scripts_each_allowed_by_its_hash_and_nothing_else(exported):
    text, _ = exported
    scripts = SCRIPT.findall(text)
    assert len(scripts) == 3 and text.count("</script>") == 3
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "default-src 'none'" in policy and "unsafe-inline'" not in policy.split("style-src")[0]
    executed = [body for attrs, body in scripts if "application/json" not in attrs]
    for body in executed:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "img-src data:;" in policy or policy.endswith("img-src data:")


def test_utf8_declared_first_and_chinese_written_as_text(exported):
    text, _ = exported
    head = text[: text.index("<title>")]
    assert '<meta charset="utf-8">' in head
    assert "长白新村" in text and "杨浦区" in text


def test_report_matches_the_file_and_the_page_data(exported, embedded_layers, tmp_path):
    text, report = exported
    assert report.size == len(text.encode("utf-8")) == report.path.stat().st_size
    data = page_data(text)
    assert report.feature_counts == {layer.id: layer.feature_count for layer in embedded_layers}
    assert [layer["id"] for layer in data["layers"]] == [layer.id for layer in embedded_layers]
    assert [layer["drawn"] for layer in data["layers"]] == list(report.feature_counts.values())
    assert data["basemap"] is None and report.notes == ()
    assert f"<title>{DEFAULT_TITLE}</title>" in text
    assert data["bounds"] == [121.478, 31.240, 121.577, 31.352]


def test_hostile_text_is_escaped_in_markup_and_in_the_data(tmp_path):
    hostile = "</script><script>alert(1)</script><!--"
    data = gpd.GeoDataFrame(
        {"name": [hostile]}, geometry=[box(121.5, 31.28, 121.51, 31.29)], crs="EPSG:4326"
    )
    path = tmp_path / "x.html"
    export_html([Layer(id="x", title=hostile, data=data)], path, title=hostile)
    text = path.read_text(encoding="utf-8")
    assert text.count("</script>") == 3 and "<!--" not in text.replace(leaflet_assets().js, "")
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--</title>" in text
    layer = page_data(text)["layers"][0]
    assert layer["title"] == hostile and layer["values"][0] == [hostile]


def test_basemap_is_named_in_the_page_policy_and_report(tmp_path, embedded_layers):
    path = tmp_path / "osm.html"
    report = export_html(embedded_layers, path, basemap="osm")
    text = path.read_text(encoding="utf-8")
    osm = BASEMAPS["osm"]
    assert page_data(text)["basemap"]["url"] == osm.url
    assert f"img-src data: {osm.origin}" in text
    assert osm.note in report.notes and f'<p class="yp-note">{osm.note}</p>' in text


def test_hidden_and_geometryless_features_are_reported(tmp_path):
    data = gpd.GeoDataFrame(
        {"name": ["a", "b", "c"]},
        geometry=[box(121.5, 31.28, 121.51, 31.29), None, box(0, 0, 0, 0)],
        crs="EPSG:4326",
    )
    layer = Layer(id="x", title="Plots", data=data, visible=False)
    report = export_html([layer], tmp_path / "x.html")
    assert report.feature_counts == {"x": 2}  # the degenerate box is still a polygon
    assert report.notes == (
        "Plots: 1 feature(s) without a drawable geometry (missing or empty) left out",
        "Plots: hidden; exported unchecked in the layer control",
    )
    assert (
        page_data((tmp_path / "x.html").read_text(encoding="utf-8"))["layers"][0]["visible"]
        is False
    )


@pytest.mark.parametrize(
    "bounds",
    [
        (1, 2, 3),
        (121.6, 31.2, 121.5, 31.3),
        (0, 86, 10, 89),
        ("a", 0, 1, 1),
        (0, float("nan"), 1, 1),
    ],
)
def test_bad_view_bounds_are_refused(tmp_path, embedded_layers, bounds):
    with pytest.raises(ValueError, match="bounds"):
        export_html(embedded_layers, tmp_path / "x.html", view_bounds_wgs84=bounds)
    assert list(tmp_path.iterdir()) == []


def test_a_view_zoomed_out_past_the_world_is_clipped(tmp_path, embedded_layers):
    path = tmp_path / "world.html"
    export_html(embedded_layers, path, view_bounds_wgs84=(-250.0, -89.9, float("inf"), 89.9))
    assert page_data(path.read_text(encoding="utf-8"))["bounds"] == [-180, -85.05, 180, 85.05]


def test_unknown_basemap_is_refused(tmp_path, embedded_layers):
    # Any SOURCE is taken (a tile file or folder, a URL, osm); "google" is none of them.
    with pytest.raises(ValueError, match="google: no such basemap file or folder"):
        export_html(embedded_layers, tmp_path / "x.html", basemap="google")
    assert not (tmp_path / "x.html").exists()


def test_a_failed_write_leaves_no_partial_file(tmp_path, embedded_layers):
    target = tmp_path / "taken"
    target.mkdir()
    with pytest.raises(OSError):
        export_html(embedded_layers, target)
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
    with pytest.raises(OSError):
        export_html(embedded_layers, tmp_path / "missing" / "x.html")


def test_exports_are_independent_of_each_other(tmp_path, embedded_layers):
    first = export_html(embedded_layers, tmp_path / "a.html", title="A", basemap="osm")
    second = export_html(embedded_layers, tmp_path / "b.html", title="A")
    assert first.size != second.size
    assert "tile.openstreetmap.org" not in Path(second.path).read_text(encoding="utf-8")


# --- which fields the popups carry (model.field_roles) ------------------------------------


def popup_fields(layer_data: dict) -> dict[str, list]:
    """A layer's popup attributes as {field shown: its values}."""
    return {name: layer_data["values"][index] for name, index in layer_data["popup"]["attributes"]}


def test_internal_fields_of_the_embedded_layers_and_notes_stay_out_of_the_page(
    tmp_path, embedded_layers
):
    notes = NoteStore(tmp_path / "notes.gpkg").to_layer(
        [
            Note(
                id=7,
                text="Check the river path",
                author="Li Wei",
                created="2026-05-09T07:35:25.123Z",
                status="open",
                category="access",
                site_id="changbai-228",
                lon=121.54,
                lat=31.29,
            )
        ]
    )
    mine = Layer(
        id="mine",
        title="Survey",
        data=gpd.GeoDataFrame(
            {"role": ["school"], "parent": ["block 3"], "created": ["2026-05-09T07:35:25Z"]},
            geometry=[box(121.52, 31.28, 121.53, 31.29)],
            crs="EPSG:4326",
        ),
    )
    path = tmp_path / "map.html"
    export_html([*embedded_layers, notes, mine], path)
    layers = {layer["id"]: layer for layer in page_data(path.read_text(encoding="utf-8"))["layers"]}

    sites = layers["sites"]
    assert "parent" not in popup_fields(sites) and "id" not in popup_fields(sites)
    site_values = [v for column in sites["values"] for v in column]
    assert "changbai-community" not in site_values  # neither a site's id nor a parent link
    assert "Changbai 228 Street Block" in site_values and "长白228街坊" in site_values
    assert [label for label, _ in sites["popup"]["position"]] == [
        "Position basis",
        "Position confidence",
    ]

    districts = layers["districts"]
    assert list(popup_fields(districts)) == ["adcode"]
    district_values = [v for column in districts["values"] for v in column]
    assert "neighbour" not in district_values and True not in district_values
    assert "Yangpu District" in district_values and "杨浦区" in district_values
    assert districts["colourIndex"] is not None  # still coloured by role, Yangpu apart
    assert len(set(districts["colourIndex"])) == 2

    river = layers["river"]
    assert popup_fields(river) == {}
    assert 400.0 not in [v for column in river["values"] for v in column]
    assert [[label, river["values"][index]] for label, index in river["popup"]["position"]] == [
        ["Approximate", [True]]
    ]

    note = popup_fields(layers["notes"])
    assert "site_id" not in note and "id" not in note
    # Under the app's labels for its own fields; a planner's keep their names (below).
    assert note["Created"] == ["9 May 2026, 07:35 UTC"]
    assert note["Note"] == ["Check the river path"]
    assert "changbai-228" not in [v for column in layers["notes"]["values"] for v in column]

    assert popup_fields(layers["mine"]) == {  # a planner's own fields, whatever their names
        "role": ["school"],
        "parent": ["block 3"],
        "created": ["2026-05-09T07:35:25Z"],
    }
