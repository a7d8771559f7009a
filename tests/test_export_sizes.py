"""Export sizes and the vector PDF: a PNG at a chosen size or resolution, from the app's
export dialog and `render --dpi`; a PDF whose map is paths and selectable text when its
features are few enough, an image above that."""

from __future__ import annotations

import json
import logging
import subprocess

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QFileDialog

from yangpu_gis.cli import main
from yangpu_gis.export.image import export_image
from yangpu_gis.model.embedded import load_embedded_layers
from yangpu_gis.model.new_layer_look import give_new_looks
from yangpu_gis.ui.export_image_dialog import ExportImageDialog

INCHES_PER_METRE = 39.37007874


def plots(tmp_path, count=6) -> str:
    features = []
    for i in range(count):
        x = 121.500 + i * 0.004
        ring = [[x, 31.28], [x + 0.003, 31.28], [x + 0.003, 31.283], [x, 31.283], [x, 31.28]]
        features.append(
            {"type": "Feature", "properties": {"名称": f"地块{i + 1}号"},
             "geometry": {"type": "Polygon", "coordinates": [ring]}}
        )  # fmt: skip
    path = tmp_path / "plots.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return str(path)


def images_in(pdf) -> list[str]:
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return listing.splitlines()[2:]


def text_of(pdf) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def dpi_of(path) -> float:
    return QImage(str(path)).dotsPerMeterX() / INCHES_PER_METRE


# --- PNG sizes -----------------------------------------------------------------------------


def test_render_dpi_alone_scales_the_default_picture_and_with_size_keeps_the_pixels(
    tmp_path, qapp, capsys
):
    sharp = tmp_path / "sharp.png"
    assert main(["render", str(sharp), "--dpi", "300"]) == 0
    assert "5000x3125, 300 dpi" in capsys.readouterr().out
    image = QImage(str(sharp))
    assert (image.width(), image.height()) == (5000, 3125)
    assert dpi_of(sharp) == pytest.approx(300, abs=0.5)
    sized = tmp_path / "sized.png"
    assert main(["render", str(sized), "--dpi", "192", "--size", "800x500"]) == 0
    assert (QImage(str(sized)).width(), QImage(str(sized)).height()) == (800, 500)
    assert dpi_of(sized) == pytest.approx(192, abs=0.5)
    assert main(["render", str(tmp_path / "bad.png"), "--dpi", "2000"]) == 1
    assert "dots per inch" in capsys.readouterr().err


def test_the_export_dialog_scales_the_size_with_the_resolution(qtbot):
    dialog = ExportImageDialog(False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert (dialog.width_spin.value(), dialog.height_spin.value()) == (1600, 1000)
    assert dialog.dpi_spin.value() == 96
    dialog.dpi_spin.setValue(192)  # twice the resolution: twice the pixels, the same picture
    assert (dialog.width_spin.value(), dialog.height_spin.value()) == (3200, 2000)
    dialog.width_spin.setValue(2400)  # then a width of the planner's own
    assert dialog.options().export_arguments() == {
        "title": dialog.title_edit.text(),
        "orientation": "landscape",
        "size": (2400, 2000),
        "dpi": 192,
    }


def test_the_app_exports_a_png_at_the_chosen_size_and_resolution(
    qtbot, window, tmp_path, monkeypatch
):
    out = tmp_path / "view.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "PNG (*.png)"))
    )

    def answer(dialog):
        dialog.dpi_spin.setValue(144)
        dialog.height_spin.setValue(1200)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportImageDialog, "exec", answer)
    window.export_image_action.trigger()
    image = QImage(str(out))
    assert (image.width(), image.height()) == (2400, 1200)
    assert dpi_of(out) == pytest.approx(144, abs=0.5)


# --- the vector PDF ------------------------------------------------------------------------


def test_a_pdf_map_is_vector_with_its_labels_as_text(tmp_path, qapp):
    out = tmp_path / "vector.pdf"
    assert main(["render", str(out), "--file", plots(tmp_path), "--bbox",
                 "121.495,31.275,121.53,31.29"]) == 0  # fmt: skip
    assert images_in(out) == []  # no picture of the map: paths and text
    text = text_of(out)
    for i in range(1, 7):
        assert f"地块{i}号" in text  # the file's labels, selectable and searchable
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert len(fonts.splitlines()) > 2  # an embedded font carries the text


def test_above_the_threshold_the_map_is_an_image_and_the_log_says_why(
    tmp_path, qapp, monkeypatch, caplog
):
    from yangpu_gis.render import vector_map

    monkeypatch.setattr(vector_map, "VECTOR_MAX_FEATURES", 10)
    layers = load_embedded_layers()
    from yangpu_gis.cli.common import load_files

    files = load_files([plots(tmp_path)], None)
    give_new_looks(files, layers)
    out = tmp_path / "raster.pdf"
    with caplog.at_level(logging.INFO, logger="yangpu_gis.export.page_writer"):
        report = export_image(layers + files, out, bbox_wgs84=(121.495, 31.275, 121.53, 31.29))
    assert not report.vector_map
    assert len(images_in(out)) >= 1
    assert "地块1号" not in text_of(out)  # the labels are pixels of the map's image
    assert any("drawn as an image" in r.getMessage() for r in caplog.records)
    monkeypatch.setattr(vector_map, "VECTOR_MAX_FEATURES", 50_000)
    again = export_image(
        layers + files, tmp_path / "v2.pdf", bbox_wgs84=(121.495, 31.275, 121.53, 31.29)
    )
    assert again.vector_map and "地块1号" in text_of(tmp_path / "v2.pdf")


def test_the_vector_and_image_pages_draw_the_same_map(tmp_path, qapp, monkeypatch):
    """The vector page, rasterised by poppler, looks like the image page."""
    import numpy as np

    from yangpu_gis.render import vector_map

    layers = load_embedded_layers()
    vector_pdf, raster_pdf = tmp_path / "vector.pdf", tmp_path / "raster.pdf"
    export_image(layers, vector_pdf, date="2026-01-01")
    monkeypatch.setattr(vector_map, "VECTOR_MAX_FEATURES", 0)
    export_image(layers, raster_pdf, date="2026-01-01")

    def page(pdf):
        prefix = tmp_path / pdf.stem
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(prefix)], check=True)
        image = QImage(str(next(tmp_path.glob(f"{pdf.stem}-*.png"))))
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        a = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
        return a[:, : image.width(), :3].astype(int)

    a, b = page(vector_pdf), page(raster_pdf)
    assert a.shape == b.shape
    different = (np.abs(a - b).max(axis=2) > 60).mean()
    assert different < 0.03, different  # labels' antialiasing aside, the same page


def test_a_vector_pdf_keeps_the_basemap_under_its_paths(tmp_path, qapp):
    import basemap_fixtures as bf

    tiles = bf.write_mbtiles(tmp_path / "t.mbtiles", bf.tiles_of(zooms=range(11, 15)))
    out = tmp_path / "basemap.pdf"
    assert main(["render", str(out), "--basemap", str(tiles), "--file", plots(tmp_path)]) == 0
    assert len(images_in(out)) >= 1  # the tiles' picture
    assert "地块1号" in text_of(out) and "Test tiles" in text_of(out)  # labels and credit


def test_the_app_exports_a_vector_pdf_of_the_view(qtbot, window, tmp_path, monkeypatch):
    window.open_files([plots(tmp_path)])
    qtbot.waitUntil(lambda: len(window.project.layers) == 5 and not window.loader.busy)
    out = tmp_path / "view.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "PDF (*.pdf)"))
    )
    monkeypatch.setattr(ExportImageDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    window.export_image_action.trigger()
    assert images_in(out) == [] and "地块1号" in text_of(out)
