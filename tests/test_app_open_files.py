"""Opening planners' files in the app: every format lands as a layer; every bad file gives a
message, leaves the open layers alone, and the map keeps answering."""

import io_fixtures as fx
import pytest
from PySide6.QtCore import QPoint, QPointF


def refuse_crs_question(monkeypatch):
    from yangpu_gis.ui import crs_dialog

    asked = []

    def ask_crs(parent, problem, file, looks_like):
        asked.append(f"{problem}\n\nWhich coordinate system is {file} in?")
        return None

    monkeypatch.setattr(crs_dialog, "ask_crs", ask_crs)
    return asked


def kic_still_answers(window):
    layer = window.project.layer("sites")
    row = list(layer.data["id"]).index("kic")
    point = layer.data.geometry.iloc[row].representative_point()
    x, y = window.canvas.viewport.wgs84_to_pixel(point.x, point.y)
    hits = window.canvas.identify_at(QPointF(QPoint(round(x), round(y))))
    return hits and hits[0].name == "Knowledge Innovative Community"


GOOD_FILES = {
    "gbk shapefile in EPSG:4549": (lambda d: fx.gbk_shapefile_without_cpg(d), None),
    "two-layer geopackage": (fx.two_crs_geopackage, None),
    "kml": (fx.kml, None),
    "excel csv with bom": (fx.excel_csv_with_bom, None),
    "gcj-02 csv declared": (fx.gcj02_csv, "gcj02"),
    "flatgeobuf": (fx.flatgeobuf, None),
    "geoparquet": (fx.geoparquet, None),
    "xlsx": (fx.xlsx, None),
}


@pytest.mark.parametrize("case", sorted(GOOD_FILES))
def test_every_format_opens_as_layers(qtbot, window, tmp_path, case):
    build, declared = GOOD_FILES[case]
    path = build(tmp_path)
    before = len(window.project.layers)
    window.open_files([str(path)], declared)
    qtbot.waitUntil(
        lambda: len(window.project.layers) > before and not window.loader.busy, timeout=20000
    )
    added = window.project.layers[before:]
    assert all(layer.feature_count > 0 for layer in added)
    for layer in added:  # drawn where Yangpu is, not somewhere else on Earth
        x0, y0, x1, y1 = layer.bounds
        assert 120.8 < x0 <= x1 < 122.2 and 30.6 < y0 <= y1 < 31.9


def test_gbk_names_read_right_in_the_app(qtbot, window, tmp_path):
    path = fx.gbk_shapefile_without_cpg(tmp_path)
    window.open_files([str(path)])
    qtbot.waitUntil(lambda: len(window.project.layers) == 5, timeout=20000)
    layer = window.project.layers[-1]
    assert list(layer.data["名称"]) == fx.NAMES
    assert layer.feature_name(0) == fx.NAMES[0]  # what the facts panel and search show


BAD_FILES = {
    "truncated geojson": lambda d: _write(
        d / "cut.geojson", b'{"type": "FeatureCollection", "features": [{"ty'
    ),
    "unsupported format": lambda d: _write(d / "report.docx", b"PK\x03\x04 not a map"),
    "image named geojson": lambda d: _write(d / "photo.geojson", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
    "zero features": lambda d: _write(
        d / "empty.geojson", b'{"type": "FeatureCollection", "features": []}'
    ),
    "projected numbers, no crs": fx.projected_numbers_geojson,
    "shapefile without prj": fx.shapefile_without_prj,
}


def _write(path, content: bytes):
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_gives_one_message_and_loses_nothing(qtbot, window, tmp_path, monkeypatch, case):
    refuse_crs_question(monkeypatch)
    path = BAD_FILES[case](tmp_path)
    window.project.update_layer("river", visible=False)  # unsaved work that must survive
    before = [(layer.id, layer.visible) for layer in window.project.layers]
    window.open_files([str(path)])
    qtbot.waitUntil(
        lambda: window.message_bar.isVisible() and not window.loader.busy, timeout=20000
    )
    message = window.message_bar.text
    assert path.name in message or path.stem in message
    assert "Traceback" not in message and "\n" not in message
    assert [(layer.id, layer.visible) for layer in window.project.layers] == before
    assert kic_still_answers(window)


@pytest.mark.parametrize(
    "build, warning",
    [
        (fx.bowtie_geojson, "repaired"),
        (fx.null_and_empty_geojson, "skipped"),
    ],
)
def test_repairable_files_open_with_a_warning(qtbot, window, tmp_path, build, warning):
    path = build(tmp_path)
    window.open_files([str(path)])
    qtbot.waitUntil(lambda: len(window.project.layers) == 5, timeout=20000)
    assert warning in window.message_bar.text


def test_a_file_without_crs_asks_for_one_and_uses_the_answer(qtbot, window, tmp_path, monkeypatch):
    from yangpu_gis.ui import crs_dialog

    path = fx.shapefile_without_prj(tmp_path)
    monkeypatch.setattr(crs_dialog, "ask_crs", lambda *a, **k: "EPSG:4549")
    window.open_files([str(path)])
    qtbot.waitUntil(lambda: len(window.project.layers) == 5, timeout=20000)
    x0, y0, x1, y1 = window.project.layers[-1].bounds
    assert 121.3 < x0 < x1 < 121.7 and 31.1 < y0 < y1 < 31.5


def test_loading_can_be_cancelled_and_nothing_is_added(qtbot, window, tmp_path):
    path = fx.large_geopackage(tmp_path, 300_000)
    before = len(window.project.layers)
    window.open_files([str(path)])
    assert window.progress.isVisible() or window.loader.busy
    window.cancel_load_button.click()
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=30000)
    assert len(window.project.layers) == before
    assert not window.progress.isVisible()
