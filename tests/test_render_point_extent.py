"""`render` and `export-html` of files whose extent has no width or no height: one point,
several points at one place, a straight east-west or north-south line. Each draws,
centred, zoomed to about a street block (model.view_extent), as the canvas zooms."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor, QImage
from shapely.geometry import shape

from yangpu_gis.cli import main
from yangpu_gis.model.embedded import EMBEDDED_LAYERS
from yangpu_gis.model.view_extent import MIN_VIEW_GROUND_M, viewable_bounds

LON, LAT = 121.5322, 31.2542  # on the Huangpu's Yangpu bank


def write(path, geometries) -> str:
    features = [
        {"type": "Feature", "properties": {"n": i}, "geometry": g} for i, g in enumerate(geometries)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return str(path)


POINT = {"type": "Point", "coordinates": [LON, LAT]}
CASES = {
    "one point": [POINT],
    "three identical points": [POINT, POINT, POINT],
    "east-west line": [
        {"type": "LineString", "coordinates": [[LON - 0.01, LAT], [LON + 0.01, LAT]]}
    ],
    "north-south line": [
        {"type": "LineString", "coordinates": [[LON, LAT - 0.01], [LON, LAT + 0.01]]}
    ],
}


def embedded_style(name: str):
    return next(spec.style for spec in EMBEDDED_LAYERS if spec.name == name)


def pixels(path) -> np.ndarray:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    a = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    return a[:, : image.width(), 2::-1].astype(int)  # BGRA in memory: as RGB


@pytest.mark.parametrize("case", CASES)
def test_render_draws_a_file_with_a_flat_extent(tmp_path, qapp, capsys, case):
    source = write(tmp_path / "f.geojson", CASES[case])
    out = tmp_path / "f.png"
    assert main(["render", str(out), "--file", source, "--size", "800x500"]) == 0, (
        capsys.readouterr().err
    )
    assert "wrote" in capsys.readouterr().out
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (800, 500)
    # The same view without the file: what differs is the file's features, at the middle.
    bbox = viewable_bounds(shapely.total_bounds([shape(g) for g in CASES[case]]))
    bare = tmp_path / "bare.png"
    box = ",".join(f"{v:.7f}" for v in bbox)
    assert main(["render", str(bare), "--bbox", box, "--size", "800x500"]) == 0
    changed = np.argwhere(np.abs(pixels(out) - pixels(bare)).max(axis=2) > 40)
    assert len(changed) > 20, "nothing of the file was drawn"
    rows, cols = changed[:, 0], changed[:, 1]
    if case.endswith("points") or case == "one point":
        assert abs(rows.mean() - 250) < 12 and abs(cols.mean() - 400) < 12
    elif case == "east-west line":
        assert abs(np.median(rows) - 250) < 4 and np.ptp(cols) > 600  # across the view
    else:
        assert abs(np.median(cols) - 400) < 4 and np.ptp(rows) > 400
    # Only the file's features differ: the same view, about 250 m high, the bank in it.
    assert len(changed) < 0.03 * 800 * 500
    if case in ("one point", "three identical points"):
        river = QColor(embedded_style("river").fill)
        water = np.abs(pixels(bare) - [river.red(), river.green(), river.blue()]).max(axis=2) < 8
        assert 0.05 < water.mean() < 0.95  # water and land both: a street-scale view


def test_viewable_bounds_widen_only_what_is_flat():
    x0, y0, x1, y1 = viewable_bounds((LON, LAT, LON, LAT))
    metres_lat = (y1 - y0) * 111_320
    metres_lon = (x1 - x0) * 111_320 * math.cos(math.radians(LAT))
    assert metres_lat == pytest.approx(MIN_VIEW_GROUND_M, rel=1e-6)
    assert metres_lon == pytest.approx(MIN_VIEW_GROUND_M, rel=1e-6)
    assert (x0 + x1) / 2 == pytest.approx(LON) and (y0 + y1) / 2 == pytest.approx(LAT)
    wide = (121.40, 31.20, 121.60, 31.40)
    assert viewable_bounds(wide) == wide  # a district is left as it is
    flat = viewable_bounds((LON - 0.01, LAT, LON + 0.01, LAT))
    assert flat[0] == LON - 0.01 and flat[2] == LON + 0.01 and flat[3] > flat[1]


@pytest.mark.parametrize("case", CASES)
def test_export_html_of_a_file_with_a_flat_extent(tmp_path, capsys, case):
    source = write(tmp_path / "f.geojson", CASES[case])
    out = tmp_path / "f.html"
    assert main(["export-html", str(out), "--file", source]) == 0, capsys.readouterr().err
    page = out.read_text("utf-8")
    bounds = json.loads(re.search(r'"bounds": ?(\[[^\]]*\])', page).group(1))
    x0, y0, x1, y1 = bounds
    assert x0 < LON < x1 and y0 < LAT < y1
    # About a street block across, not the whole district and not a zero-sized box.
    assert 200 < (y1 - y0) * 111_320 < 3000


def test_the_python_api_renders_one_point(tmp_path, qapp):
    import yangpu_gis as yg

    m = yg.Map()
    m.add_file(write(tmp_path / "p.geojson", [POINT]))
    out = m.render(tmp_path / "p.png", size=(400, 300))
    assert QImage(str(out)).width() == 400
