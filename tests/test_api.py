"""The Python API (`import yangpu_gis as yg`), used as an analyst would in a script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from PySide6.QtGui import QImage

import yangpu_gis as yg
from tests.io_fixtures import parcel_frame, shapefile

# Rendering makes a Qt application; the test session's is pytest-qt's QApplication, which
# later widget tests need (a bare QGuiApplication made first would stop them).
pytestmark = pytest.mark.usefixtures("qapp")
REPO = Path(__file__).resolve().parents[1]
# The Knowledge Innovative Community, inside Yangpu District (as test_cli's identify uses).
KIC = (121.5096, 31.3051)


def test_the_package_face_lists_its_api_and_imports_nothing_heavy():
    assert {"Map", "Hit", "sites", "notes", "add_note", "LoadError"} <= set(dir(yg))
    assert yg.__doc__ and "Map()" in yg.__doc__
    probe = "import sys, yangpu_gis; print(sorted(m for m in ('geopandas', 'PySide6', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    with pytest.raises(AttributeError):
        _ = yg.no_such_name


def test_map_starts_on_the_embedded_layers():
    m = yg.Map()
    assert [layer.id for layer in m.layers] == ["districts", "river", "riverside", "sites"]
    sites = m.layer("sites")
    assert isinstance(sites, gpd.GeoDataFrame) and sites.crs.to_epsg() == 4326
    assert "Changbai Community" in set(sites["name_en"])
    sites.loc[:, "name_en"] = "changed"  # a copy: the map's own data is untouched
    assert "Changbai Community" in set(m.layer("Renewal and innovation sites")["name_en"])
    with pytest.raises(KeyError, match="no layer 'nope'"):
        m.layer("nope")


def test_identify_gives_names_layers_properties_and_sourced_facts():
    hits = yg.Map().identify(*KIC)
    assert [hit.layer for hit in hits][:2] == ["Renewal and innovation sites", "Districts"]
    kic = hits[0]
    assert kic.name == "Knowledge Innovative Community"
    assert kic.properties["name_zh"] == "创智天地"
    labels = [fact["label"] for fact in kic.facts]
    assert "Area" in labels
    sourced = [fact for fact in kic.facts if fact["source"] != "computed"]
    assert sourced and all(fact["source"] in kic.sources for fact in sourced)


def test_a_projected_shapefile_is_added_in_wgs84_and_identified(tmp_path):
    path = shapefile(tmp_path, parcel_frame(4549), "parcel")  # CGCS2000 Gauss-Kruger zone
    m = yg.Map()
    (added,) = m.add_file(path)
    assert added.feature_count == 1 and added.geometry_type == "Polygon"
    frame = m.layer(added.id)
    assert frame.crs.to_epsg() == 4326
    inside = shapely.get_coordinates(frame.geometry.iloc[0].representative_point())[0]
    hits = m.identify(*inside)
    assert hits[0].layer_id == added.id and hits[0].properties["用途"] == "教育用地"
    m.set_visible(added.id, False)
    assert all(hit.layer_id != added.id for hit in m.identify(*inside))


def test_a_file_that_cannot_be_read_raises_load_error(tmp_path):
    bad = tmp_path / "broken.geojson"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(yg.LoadError):
        yg.Map().add_file(bad)


def test_render_writes_the_map_and_a_pdf_page(tmp_path):
    m = yg.Map()
    png = m.render(tmp_path / "map.png", size=(800, 500))
    image = QImage(str(png))
    assert (image.width(), image.height()) == (800, 500)
    pdf = m.render(tmp_path / "page.pdf", title="Changbai review")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Changbai review" in text


def test_export_html_writes_the_offline_page_fitted_to_added_files(tmp_path):
    frame = gpd.GeoDataFrame(
        {"名称": ["far parcel"]},
        geometry=[shapely.box(121.30, 31.10, 121.31, 31.11)],  # west of Yangpu
        crs=4326,
    )
    m = yg.Map()
    m.add_frame(frame, "Far parcels")
    page = m.export_html(tmp_path / "map.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="yangpu-data">', 1)[1].split("</script>")[0])
    west, south, east, north = data["bounds"]
    assert west <= 121.30 and east >= 121.31 and south <= 31.10 and north >= 31.11
    assert "Far parcels" in [layer["title"] for layer in data["layers"]]


def test_sites_are_records_with_facts_and_sources():
    records = yg.sites()
    changbai = next(r for r in records if r["name_en"] == "Changbai Community")
    assert changbai["name_zh"] == "长白新村" and changbai["facts"]
    assert all(
        f["source"] in changbai["sources"] for f in changbai["facts"] if f["source"] != "computed"
    )


def test_notes_are_added_and_listed(tmp_path):
    store = tmp_path / "notes.gpkg"
    note = yg.add_note("Check the 228 block frontage", author="Li", at=KIC, site="kic", path=store)
    assert note["site_id"] == "kic"
    assert [n["text"] for n in yg.notes(path=store)] == ["Check the 228 block frontage"]
    assert yg.notes(path=store, status="resolved") == []


def test_the_example_notebook_runs(tmp_path, monkeypatch):
    """examples/yangpu_api.ipynb's code cells, run in order as a kernel would."""
    notebook = json.loads((REPO / "examples" / "yangpu_api.ipynb").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), "notebook", "exec"), scope)  # noqa: S102
    assert Path("yangpu.png").exists() and Path("yangpu.html").exists()
