"""Printable map exports through the API: PNG and PDF pages with map, legend and attribution."""

import datetime as dt
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from yangpu_gis.export import image as image_export
from yangpu_gis.export.image import export_image
from yangpu_gis.model.embedded import EMBEDDED_LAYERS
from yangpu_gis.render.viewport import Viewport

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils")

DATE = dt.date(2025, 3, 14)
CHANGBAI_BBOX = (121.515, 31.285, 121.545, 31.305)


def style(name):
    return next(spec.style for spec in EMBEDDED_LAYERS if spec.name == name)


def pixels(image: QImage) -> np.ndarray:
    """H x W x 3 RGB array."""
    image = image.convertToFormat(QImage.Format_RGB888)
    stride = image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), stride)
    # A copy: the buffer belongs to the converted image, gone when this returns.
    return raw[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def region(array: np.ndarray, box, scale: float = 1.0, inset: int = 2) -> np.ndarray:
    x, y, w, h = (round(v * scale) for v in box)
    return array[y + inset : y + h - inset, x + inset : x + w - inset]


def share_near(array: np.ndarray, hex_colour: str, tolerance: int = 6) -> float:
    c = QColor(hex_colour)
    target = np.array([c.red(), c.green(), c.blue()])
    return float((np.abs(array.astype(int) - target).max(axis=2) <= tolerance).mean())


def distinct_colours(array: np.ndarray) -> int:
    flat = array.reshape(-1, 3).astype(np.uint32)
    return len(np.unique((flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]))


def ink_share(array: np.ndarray) -> float:
    """Share of pixels clearly darker than white paper."""
    return float((array.astype(int).min(axis=2) < 160).mean())


def blend(hex_colour: str, alpha: float, under: QColor) -> str:
    c = QColor(hex_colour)
    return QColor(
        *(
            round(getattr(c, ch)() * alpha + getattr(under, ch)() * (1 - alpha))
            for ch in ("red", "green", "blue")
        )
    ).name()


def site_colour_on_land(category: str) -> str:
    sites = style("sites")
    return blend(sites.fill_for(category), sites.fill_opacity, QColor(yangpu_land_colour()))


def yangpu_land_colour() -> str:
    """The fill the districts layer gives Yangpu itself."""
    from yangpu_gis.model.embedded import load_embedded_layer

    spec = next(s for s in EMBEDDED_LAYERS if s.name == "districts")
    data = load_embedded_layer(spec).data
    row = data[data["name_en"].str.contains("Yangpu")].iloc[0]
    field = spec.style.category_field
    return spec.style.fill_for(row[field] if field else None)


def pdfinfo(path) -> dict:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def page_points(path) -> tuple[float, float]:
    match = re.match(r"\s*([\d.]+) x ([\d.]+) pts", pdfinfo(path)["Page size"])
    return float(match.group(1)), float(match.group(2))


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_page_png(path, tmp_path, dpi: int = 50) -> QImage:
    prefix = tmp_path / f"{path.stem}-page"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(path), str(prefix)], check=True
    )
    return QImage(str(prefix) + ".png")


# --- PNG -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def png_page(tmp_path_factory, embedded_layers, qapp):
    out = tmp_path_factory.mktemp("png") / "yangpu.png"
    report = export_image(embedded_layers, out, date=DATE)
    return out, report


def test_png_page_has_the_default_size_and_resolution(png_page):
    out, report = png_page
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000) == report.pixel_size
    assert round(image.dotsPerMeterX() * 0.0254) == 96 == report.dpi
    assert report.format == "png" and report.layout and report.paper is None
    assert report.size_bytes == out.stat().st_size


def test_png_map_frame_shows_land_water_and_sites(png_page):
    out, report = png_page
    x, y, w, h = report.map_frame
    assert w > 0.6 * 1600 and h > 0.7 * 1000  # the map is the page's main part
    frame = region(pixels(QImage(str(out))), report.map_frame)
    assert distinct_colours(frame) > 200
    assert share_near(frame, style("river").fill) > 0.02  # the Huangpu
    assert share_near(frame, yangpu_land_colour()) > 0.10
    for category in ("urban renewal", "university"):
        assert share_near(frame, site_colour_on_land(category)) > 0.0005, category


def test_png_legend_has_swatches_and_text(png_page, embedded_layers, tmp_path):
    out, report = png_page
    legend = region(pixels(QImage(str(out))), report.legend_frame)
    assert report.legend_rows >= 4 + 6  # four layers, six site categories at least
    # The same page with every layer hidden: the legend region is nearly empty.
    hidden = [_hidden(layer) for layer in embedded_layers]
    blank = tmp_path / "blank.png"
    blank_report = export_image(hidden, blank, date=DATE)
    assert blank_report.legend_frame == report.legend_frame
    blank_legend = region(pixels(QImage(str(blank))), report.legend_frame)
    assert ink_share(legend) > 4 * ink_share(blank_legend) > 0
    assert (
        np.abs(legend.astype(int) - blank_legend.astype(int)).max(axis=2).astype(bool).mean() > 0.05
    )
    # A swatch for the river and one for a site category, on white paper.
    assert share_near(legend, style("river").fill, tolerance=8) > 0.001
    sites = style("sites")
    swatch = blend(sites.fill_for("university"), sites.fill_opacity, QColor("#ffffff"))
    assert share_near(legend, swatch, tolerance=6) > 0.001


def _hidden(layer):
    from dataclasses import replace

    return replace(layer, visible=False)


def test_png_title_band_and_footer_have_ink(png_page):
    out, report = png_page
    array = pixels(QImage(str(out)))
    x, y, w, h = report.map_frame
    assert ink_share(array[: y - 4, x : x + w]) > 0.01  # title
    assert ink_share(array[y + h + 4 :, x : x + w]) > 0.005  # attribution


def test_png_size_and_dpi(embedded_layers, tmp_path):
    out = tmp_path / "big.png"
    report = export_image(embedded_layers, out, size=(1200, 900), dpi=144, date=DATE)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 900)
    assert round(image.dotsPerMeterX() * 0.0254) == 144
    assert report.legend_rows >= 10


def test_png_on_paper_is_the_sheet_at_its_dpi(embedded_layers, tmp_path):
    out = tmp_path / "sheet.png"
    report = export_image(
        embedded_layers, out, paper="a4", orientation="portrait", dpi=100, date=DATE
    )
    assert report.pixel_size == (827, 1169)  # 210 x 297 mm at 100 dpi
    assert QImage(str(out)).size().toTuple() == (827, 1169)
    assert report.scale_denominator > 1000


def test_plain_png_is_the_map_alone(embedded_layers, tmp_path):
    out = tmp_path / "plain.png"
    report = export_image(embedded_layers, out, size=(400, 300), layout=False)
    array = pixels(QImage(str(out)))
    assert array.shape == (300, 400, 3)
    assert report.legend_frame is None and report.map_frame == (0, 0, 400, 300)
    assert share_near(array, yangpu_land_colour()) > 0.10
    assert share_near(array, "#ffffff", 2) < 0.05  # no white page around it


# --- the view -------------------------------------------------------------------------------


def test_the_bbox_is_shown_whole_and_fitted_to_the_frame(embedded_layers, tmp_path):
    report = export_image(
        embedded_layers, tmp_path / "bbox.png", bbox_wgs84=CHANGBAI_BBOX, date=DATE
    )
    x0, y0, x1, y1 = report.extent_wgs84
    b = CHANGBAI_BBOX
    pixel = 2e-5  # degrees, more than a pixel here: frames are whole pixels
    assert x0 <= b[0] + pixel and y0 <= b[1] + pixel and x1 >= b[2] - pixel and y1 >= b[3] - pixel
    # Tight on one axis: the frame's shape decided the other.
    assert min(abs(x0 - b[0]), abs(y0 - b[1])) < 1e-4
    centre = ((x0 + x1) / 2, (y0 + y1) / 2)
    assert centre == pytest.approx(((b[0] + b[2]) / 2, (b[1] + b[3]) / 2), abs=1e-4)


def test_the_apps_viewport_is_kept(embedded_layers, tmp_path):
    view = Viewport.fit_wgs84(CHANGBAI_BBOX, 900, 700)
    wide = export_image(embedded_layers, tmp_path / "wide.pdf", date=DATE)
    zoomed = export_image(embedded_layers, tmp_path / "zoomed.pdf", viewport=view, date=DATE)
    vx0, vy0, vx1, vy1 = view.extent_wgs84
    x0, y0, x1, y1 = zoomed.extent_wgs84
    pixel = 1e-5  # degrees, more than a 300 dpi pixel here: frames are whole pixels
    assert x0 <= vx0 + pixel and y0 <= vy0 + pixel and x1 >= vx1 - pixel and y1 >= vy1 - pixel
    assert zoomed.scale_denominator < wide.scale_denominator / 2


# --- PDF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def a4_pdf(tmp_path_factory, embedded_layers, qapp):
    out = tmp_path_factory.mktemp("pdf") / "yangpu-a4.pdf"
    report = export_image(embedded_layers, out, date=DATE)
    return out, report


def test_pdf_defaults_to_a4_landscape_at_300_dpi(a4_pdf):
    out, report = a4_pdf
    assert page_points(out) == pytest.approx((842, 595), abs=1)
    assert pdfinfo(out)["Pages"].strip() == "1"
    assert report.format == "pdf" and report.paper == "A4" and report.orientation == "landscape"
    assert report.dpi == 300 and report.pixel_size == (3508, 2479)


def test_a_pdf_map_of_many_features_is_an_image_of_at_least_300_dpi(
    tmp_path, embedded_layers, monkeypatch
):
    from yangpu_gis.render import vector_map

    monkeypatch.setattr(vector_map, "VECTOR_MAX_FEATURES", 10)  # the embedded map has 15
    out = tmp_path / "raster.pdf"
    report = export_image(embedded_layers, out, date=DATE)
    assert not report.vector_map
    listing = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing, "the map image is missing"
    widths = [int(line.split()[3]) for line in listing]
    ppi = [(int(line.split()[12]), int(line.split()[13])) for line in listing]
    assert max(widths) >= report.map_frame[2] - 2
    assert all(x >= 299 and y >= 299 for x, y in ppi)


def test_pdf_page_renders_a_map_and_text(a4_pdf, tmp_path):
    out, report = a4_pdf
    page = pdf_page_png(out, tmp_path, dpi=50)
    array = pixels(page)
    assert array.shape[:2] == pytest.approx((595 * 50 / 72, 842 * 50 / 72), abs=1)
    frame = region(array, report.map_frame, scale=50 / 300)
    assert distinct_colours(frame) > 100
    assert share_near(frame, style("river").fill, tolerance=14) > 0.02
    assert share_near(frame, yangpu_land_colour(), tolerance=10) > 0.10
    legend = region(array, report.legend_frame, scale=50 / 300)
    assert ink_share(legend) > 0.01


def test_pdf_text_has_title_date_legend_scale_and_attribution(a4_pdf):
    out, report = a4_pdf
    text = pdf_text(out)
    assert "Yangpu District, Shanghai" in text
    assert "2025-03-14" in text
    assert "Legend" in text and "Renewal and innovation sites" in text
    assert "urban renewal" in text and "Huangpu River" in text
    assert "study and exchange only" in text
    assert "高德地图" in text  # the Amap line, in Chinese
    assert "OpenStreetMap" in text
    match = re.search(r"Scale 1:([\d,]+) on A4", text)
    assert match and int(match.group(1).replace(",", "")) == pytest.approx(
        report.scale_denominator, rel=0.01
    )


def test_pdf_a3_portrait_with_a_chinese_title(embedded_layers, tmp_path):
    out = tmp_path / "杨浦区.pdf"
    report = export_image(
        embedded_layers,
        out,
        title="杨浦区 城市更新地图",
        paper="A3",
        orientation="portrait",
        date=DATE,
    )
    assert page_points(out) == pytest.approx((842, 1191), abs=1)
    assert report.pixel_size == (3508, 4961) or report.pixel_size == (3508, 4962)
    assert "杨浦区 城市更新地图" in pdf_text(out)
    assert pdfinfo(out)["Title"].strip() == "杨浦区 城市更新地图"
    # Portrait: the legend sits under the map, across the page.
    mx, my, mw, mh = report.map_frame
    lx, ly, lw, lh = report.legend_frame
    assert ly >= my + mh and lw > 0.8 * mw
    page = pixels(pdf_page_png(out, tmp_path))
    assert distinct_colours(region(page, report.map_frame, 50 / 300)) > 100
    assert ink_share(region(page, report.legend_frame, 50 / 300)) > 0.01


def test_pdf_a4_portrait_and_a3_landscape_sizes(embedded_layers, tmp_path):
    export_image(embedded_layers, tmp_path / "a4p.pdf", orientation="portrait", date=DATE)
    export_image(embedded_layers, tmp_path / "a3l.pdf", paper="A3", dpi=150, date=DATE)
    assert page_points(tmp_path / "a4p.pdf") == pytest.approx((595, 842), abs=1)
    assert page_points(tmp_path / "a3l.pdf") == pytest.approx((1191, 842), abs=1)


def test_a_long_legend_is_cut_with_a_note_not_drawn_off_the_page(embedded_layers, tmp_path):
    from dataclasses import replace

    extra = []
    for i in range(60):
        layer = replace(embedded_layers[1])
        layer.id, layer.title = f"extra-{i}", f"Survey layer {i:02d}"
        extra.append(layer)
    out = tmp_path / "many.pdf"
    report = export_image(embedded_layers + extra, out, date=DATE)
    text = pdf_text(out)
    assert "more layers" in text
    assert "Survey layer 59" in text  # topmost first
    assert "Survey layer 00" not in text
    lx, ly, lw, lh = report.legend_frame
    assert ly + lh <= report.map_frame[1] + report.map_frame[3] + 1


# --- bad input and atomic writing -------------------------------------------------------------


@pytest.mark.parametrize("name", ["map.jpg", "map", "map.pdf.txt", "map.svg"])
def test_a_file_name_without_png_or_pdf_is_refused(embedded_layers, tmp_path, name):
    with pytest.raises(ValueError, match=r"\.png or \.pdf"):
        export_image(embedded_layers, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(paper="A5"), "A4 or A3"),
        (dict(orientation="sideways"), "landscape or portrait"),
        (dict(dpi=20), "dots per inch"),
        (dict(dpi=5000), "dots per inch"),
        (dict(size=(800, 600)), "paper"),
        (dict(date="14/03/2025"), "ISO date"),
        (dict(title="   "), "title"),
        (dict(bbox_wgs84=(121.6, 31.3, 121.5, 31.2)), "bbox"),
        (dict(viewport=Viewport(0, 0, 1, 10, 10), bbox_wgs84=CHANGBAI_BBOX), "not both"),
    ],
)
def test_bad_options_raise_value_error(embedded_layers, tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=message):
        export_image(embedded_layers, tmp_path / "map.pdf", **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_a_layout_png_needs_room_and_a_pdf_needs_its_layout(embedded_layers, tmp_path):
    with pytest.raises(ValueError, match="at least"):
        export_image(embedded_layers, tmp_path / "small.png", size=(300, 200))
    with pytest.raises(ValueError, match="laid-out"):
        export_image(embedded_layers, tmp_path / "plain.pdf", layout=False)


def test_a_missing_folder_or_a_folder_as_target_raise_os_error(embedded_layers, tmp_path):
    with pytest.raises(FileNotFoundError):
        export_image(embedded_layers, tmp_path / "no-such-folder" / "map.pdf")
    folder = tmp_path / "looks-like.png"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        export_image(embedded_layers, folder)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def test_an_unwritable_folder_raises_os_error(embedded_layers):
    with pytest.raises(OSError):  # nobody, root included, may create files in /proc
        export_image(embedded_layers, "/proc/yangpu-map.png")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_raises_permission_error(embedded_layers, tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            export_image(embedded_layers, folder / "map.pdf")
    finally:
        folder.chmod(0o700)


def test_the_file_appears_whole_in_one_move(embedded_layers, tmp_path, monkeypatch):
    out = tmp_path / "map.png"
    moves = []
    real_replace = os.replace

    def watching_replace(src, dst):
        # At the moment of the move the target is absent and the temporary file complete.
        moves.append((src, dst, os.path.exists(dst), QImage(str(src)).size().toTuple()))
        real_replace(src, dst)

    monkeypatch.setattr(image_export.os, "replace", watching_replace)
    export_image(embedded_layers, out, date=DATE)
    assert len(moves) == 1
    src, dst, existed, size = moves[0]
    assert os.path.dirname(os.fspath(src)) == os.fspath(tmp_path) and os.fspath(dst) == os.fspath(
        out
    )
    assert not existed and size == (1600, 1000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(
    embedded_layers, tmp_path, monkeypatch
):
    out = tmp_path / "map.pdf"
    out.write_bytes(b"previous export")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(image_export.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        export_image(embedded_layers, out, date=DATE)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["map.pdf"]


def test_replacing_an_export_keeps_the_files_permissions(embedded_layers, tmp_path):
    out = tmp_path / "map.png"
    out.write_bytes(b"old")
    out.chmod(0o640)
    export_image(embedded_layers, out, date=DATE)
    assert QImage(str(out)).width() == 1600
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o640
