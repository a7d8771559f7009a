"""Map exports ready to print: a PNG image or a PDF page (A4 or A3) with title, map frame,
legend, scale bar, north arrow, attribution and date.

The format follows the file's suffix. Files are written atomically: the page is made in
memory, written to a temporary file beside the target and moved over it, so a failed
export never leaves a half-written file or spoils an existing one.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from yangpu_gis.model.atomic_file import check_destination, write_atomically
from yangpu_gis.model.language import ENGLISH, LANGUAGES
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.outputs import PDF_PAGE, PNG_IMAGE, source_files
from yangpu_gis.model.page_words import default_title
from yangpu_gis.model.project import YANGPU_EXTENT

DEFAULT_TITLE = default_title(ENGLISH)
FORMATS = (".png", ".pdf")
PAPERS = ("A4", "A3")
ORIENTATIONS = ("landscape", "portrait")
PAPER_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}  # landscape width, height
DEFAULT_PNG_SIZE = (1600, 1000)
SCREEN_DPI = 96
PRINT_DPI = 300
DPI_RANGE = (72, 600)
PNG_SIDE_RANGE = (16, 10_000)
LAYOUT_MIN_SIZE = (640, 400)  # smaller images have no room for a layout
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class ImageExportReport:
    path: Path
    format: str  # "png" or "pdf"
    pixel_size: tuple[int, int]  # the PNG's size, or the PDF page's at its dpi
    dpi: int
    paper: str | None  # "A4" / "A3" for PDFs and paper-sized PNGs
    orientation: str | None
    layout: bool  # False: the plain map with scale bar and north arrow only
    extent_wgs84: tuple[float, float, float, float]  # what the map frame shows
    scale_denominator: float | None  # 1:N when printed at 100% (paper only)
    legend_rows: int  # legend rows drawn (0 without a layout)
    map_frame: tuple[int, int, int, int]  # x, y, width, height in pixels of pixel_size
    legend_frame: tuple[int, int, int, int] | None  # the same, None without a layout
    size_bytes: int
    vector_map: bool = False  # a PDF whose map is paths and text (few enough features)


@dataclass(frozen=True)
class _Request:
    path: Path
    format: str
    title: str
    paper: str | None
    orientation: str
    dpi: int
    pixel_size: tuple[int, int]
    date: dt.date
    layout: bool
    language: str = ENGLISH


def export_image(
    layers: Sequence[Layer],
    out_path,
    *,
    viewport=None,
    bbox_wgs84=None,
    title: str | None = None,
    paper: str | None = None,
    orientation: str = "landscape",
    dpi: int | None = None,
    size: tuple[int, int] | None = None,
    date: dt.date | str | None = None,
    layout: bool = True,
    inputs: Sequence = (),
    language: str = ENGLISH,
) -> ImageExportReport:
    """Write the visible layers as a laid-out map page to out_path (.png or .pdf).

    The map frame shows viewport's extent (a render.viewport.Viewport, e.g. the app's
    current view) or bbox_wgs84 (lon/lat), whole and centred in the frame's shape;
    neither means Yangpu. A PDF is one A4 (default) or A3 page at dpi (default 300).
    A PNG is size pixels at dpi (default 96, which scales text and lines; without a size,
    1600x1000 scaled by dpi / 96, the same picture with more pixels), or a sheet of
    paper when paper is given (default 300 dpi). A PDF's map is paths and text when at
    most render.vector_map.VECTOR_MAX_FEATURES features are in view, else an image at dpi. layout=False
    writes a PNG of the plain map with only scale bar and north arrow. language ("en"
    or "zh") is that of the page's words: default title, legend, scale, date, credits.
    Raises ValueError for a bad argument and OSError when the file cannot be written;
    model.atomic_file.OutputRefused (both) for a destination that is not a regular file
    or is one of the layers' files or of `inputs`.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r}: choose from {', '.join(LANGUAGES)}")
    request = _check_request(out_path, title, paper, orientation, dpi, size, date, layout)
    request = replace(request, language=language)
    if title is None:  # the default title in the page's language
        request = replace(request, title=default_title(language))
    if viewport is not None and bbox_wgs84 is not None:
        raise ValueError("give the view to export as a viewport or as a bbox, not both")
    extent = _extent(viewport, bbox_wgs84)
    kind = PDF_PAGE if request.format == "pdf" else PNG_IMAGE
    guard: dict[str, Any] = dict(
        suffixes=kind.suffixes, inputs=[*source_files(layers), *inputs], what=kind.what
    )
    check_destination(request.path, **guard)  # fails early, before the page is drawn

    from yangpu_gis.render.offscreen import ensure_gui_application

    ensure_gui_application()
    from yangpu_gis.export import page_writer

    written = page_writer.write_page(list(layers), extent, request)
    size_bytes = write_atomically(request.path, written.data, **guard)
    return ImageExportReport(
        path=request.path,
        format=request.format,
        pixel_size=written.pixel_size,
        dpi=request.dpi,
        paper=request.paper,
        orientation=request.orientation if request.paper else None,
        layout=request.layout,
        extent_wgs84=written.extent_wgs84,
        scale_denominator=written.scale_denominator,
        legend_rows=written.legend_rows,
        map_frame=written.map_frame,
        legend_frame=written.legend_frame,
        size_bytes=size_bytes,
        vector_map=written.vector_map,
    )


# --- checking the request -----------------------------------------------------------------------


def _check_request(out_path, title, paper, orientation, dpi, size, date, layout) -> _Request:
    path = Path(os.fspath(out_path))
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(
            f"{path.name}: cannot tell the format from its name; the file must end in .png or .pdf"
        )
    fmt = suffix[1:]
    title = DEFAULT_TITLE if title is None else " ".join(str(title).split())
    if not title:
        raise ValueError("the title is empty")
    if paper is not None:
        paper = str(paper).upper()
        if paper not in PAPERS:
            raise ValueError(f"paper {paper!r}: choose A4 or A3")
    if orientation not in ORIENTATIONS:
        raise ValueError(f"orientation {orientation!r}: choose landscape or portrait")
    if fmt == "pdf":
        if size is not None:
            raise ValueError("a PDF is sized by its paper (A4 or A3), not in pixels")
        if not layout:
            raise ValueError("a PDF is always a laid-out page; use a .png for the plain map")
        paper = paper or "A4"
    elif paper is not None and size is not None:
        raise ValueError("give a PNG either a pixel size or a paper size, not both")
    if dpi is None:
        dpi = PRINT_DPI if paper else SCREEN_DPI
    if (
        isinstance(dpi, bool)
        or not isinstance(dpi, int | float)
        or not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]
    ):
        raise ValueError(f"dpi {dpi!r}: give {DPI_RANGE[0]} to {DPI_RANGE[1]} dots per inch")
    dpi = int(round(dpi))
    if paper is not None:
        pixel_size = paper_pixels(paper, orientation, dpi)
    elif size is None:  # the default picture at this resolution: more pixels, same look
        pixel_size = _check_size(default_png_size(dpi), layout)
    else:
        pixel_size = _check_size(size, layout)
    return _Request(
        path, fmt, title, paper, orientation, dpi, pixel_size, _check_date(date), bool(layout)
    )


def default_png_size(dpi: int) -> tuple[int, int]:
    """DEFAULT_PNG_SIZE at 96 dpi, scaled to dpi (within the largest side allowed)."""
    factor = min(dpi / SCREEN_DPI, PNG_SIDE_RANGE[1] / max(DEFAULT_PNG_SIZE))
    return round(DEFAULT_PNG_SIZE[0] * factor), round(DEFAULT_PNG_SIZE[1] * factor)


def paper_pixels(paper: str, orientation: str, dpi: int) -> tuple[int, int]:
    """A sheet's size in pixels at dpi."""
    long_mm, short_mm = PAPER_MM[paper]
    w, h = (long_mm, short_mm) if orientation == "landscape" else (short_mm, long_mm)
    return round(w / MM_PER_INCH * dpi), round(h / MM_PER_INCH * dpi)


def _check_size(size, layout: bool) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in size)
    except (TypeError, ValueError):
        raise ValueError(f"size {size!r}: give (width, height) in pixels") from None
    lo, hi = PNG_SIDE_RANGE
    if not (lo <= width <= hi and lo <= height <= hi):
        raise ValueError(f"size {width}x{height}: each side must be {lo} to {hi} pixels")
    min_w, min_h = LAYOUT_MIN_SIZE
    if layout and (width < min_w or height < min_h):
        raise ValueError(
            f"size {width}x{height}: a map layout needs at least {min_w}x{min_h} "
            "pixels; export the plain map for smaller images"
        )
    return width, height


def _check_date(date) -> dt.date:
    if date is None:
        return dt.date.today()
    if isinstance(date, dt.datetime):
        return date.date()
    if isinstance(date, dt.date):
        return date
    try:
        return dt.date.fromisoformat(str(date))
    except ValueError:
        raise ValueError(f"date {date!r}: give an ISO date such as 2024-05-31") from None


def _extent(viewport, bbox_wgs84) -> tuple[float, float, float, float]:
    """The display-CRS extent to show."""
    if viewport is not None:
        return viewport.extent
    from yangpu_gis.model import crs

    bbox = bbox_wgs84 if bbox_wgs84 is not None else YANGPU_EXTENT
    try:
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in bbox)
    except (TypeError, ValueError):
        raise ValueError(f"bbox {bbox!r}: give (min lon, min lat, max lon, max lat)") from None
    if not (-180 <= min_lon < max_lon <= 180 and -85 <= min_lat < max_lat <= 85):
        raise ValueError(
            f"bbox {bbox!r}: needs -180 <= min lon < max lon <= 180 and "
            "-85 <= min lat < max lat <= 85"
        )
    x0, y0, x1, y1 = (float(v) for v in crs.transform_bounds((min_lon, min_lat, max_lon, max_lat)))
    return (x0, y0, x1, y1)
