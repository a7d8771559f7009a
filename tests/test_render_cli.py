"""`yangpu-gis render`: a PNG of the map from the command line, with no display."""

import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from test_render import district_fill

from yangpu_gis.model.colours import LAYER_PALETTE
from yangpu_gis.model.embedded import load_embedded_layers
from yangpu_gis.model.new_layer_look import FILL_OPACITY


def run(*args, env_changes=None, cwd=None):
    env = {**os.environ, **(env_changes or {})}
    for name in [k for k, v in (env_changes or {}).items() if v is None]:
        env.pop(name)
    return subprocess.run(
        [sys.executable, "-m", "yangpu_gis", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=cwd,
    )


def colour_share(image: QImage, hex_colour: str, tolerance: int = 6) -> float:
    image = image.convertToFormat(QImage.Format_RGB32)
    array = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)[
        :, : image.width(), :3
    ]
    c = QColor(hex_colour)
    target = np.array([c.blue(), c.green(), c.red()])
    return float((np.abs(array.astype(int) - target).max(axis=2) <= tolerance).mean())


def embedded(layer_id):
    return next(layer for layer in load_embedded_layers() if layer.id == layer_id)


def test_render_writes_a_png_with_land_water_and_sites_without_any_display(tmp_path, qapp):
    out = tmp_path / "yangpu.png"
    # No display and no platform chosen: the command must go offscreen by itself.
    result = run(
        "render",
        str(out),
        "--size",
        "1600x1000",
        env_changes={"QT_QPA_PLATFORM": None, "DISPLAY": None, "WAYLAND_DISPLAY": None},
    )
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    districts = embedded("districts")
    assert colour_share(image, district_fill(districts, "310110")) > 0.10  # Yangpu's land
    assert colour_share(image, district_fill(districts, "310109")) > 0.10  # Hongkou
    assert colour_share(image, embedded("river").style.fill) > 0.02  # the Huangpu
    sites = embedded("sites").style
    land = QColor(district_fill(districts, "310110"))
    for category in ("urban renewal", "university"):
        c = QColor(sites.fill_for(category))
        a = sites.fill_opacity
        blended = QColor(
            *(
                round(getattr(c, ch)() * a + getattr(land, ch)() * (1 - a))
                for ch in ("red", "green", "blue")
            )
        )
        assert colour_share(image, blended.name()) > 0.001, category


def test_render_with_a_bbox_and_a_file(tmp_path, qapp):
    geojson = tmp_path / "spot.geojson"
    geojson.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"name": "spot"}, "geometry": {"type": "Polygon", '
        '"coordinates": [[[121.52, 31.28], [121.53, 31.28], [121.53, 31.29], '
        "[121.52, 31.29], [121.52, 31.28]]]}}]}",
        encoding="utf-8",
    )
    out = tmp_path / "spot.png"
    result = run(
        "render",
        str(out),
        "--file",
        str(geojson),
        "--size",
        "400x300",
        "--bbox",
        "121.51,31.27,121.54,31.30",
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (400, 300)
    # The file's own colour, the palette's first (model.new_layer_look), over Yangpu's land.
    fill, land = QColor(LAYER_PALETTE[0]), QColor(district_fill(embedded("districts"), "310110"))
    a = FILL_OPACITY
    seen = QColor(
        *(
            round(getattr(fill, c)() * a + getattr(land, c)() * (1 - a))
            for c in ("red", "green", "blue")
        )
    )
    assert colour_share(image, seen.name(), tolerance=8) > 0.05


@pytest.mark.parametrize(
    "args, message",
    [
        (["--size", "0x0"], "--size"),
        (["--size", "big"], "--size"),
        (["--size", "20000x100"], "--size"),
        (["--bbox", "1,2,3"], "--bbox"),
        (["--bbox", "121.6,31.2,121.5,31.3"], "--bbox"),
        (["--bbox", "a,b,c,d"], "--bbox"),
        (["--file", "no-such-file.geojson"], "no-such-file.geojson"),
        (["--crs", "EPSG:bogus", "--file", "x.geojson"], "CRS"),
    ],
)
def test_bad_arguments_exit_1_with_one_line(tmp_path, args, message):
    result = run("render", str(tmp_path / "out.png"), *args)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.png").exists()


def test_an_output_that_is_not_png_or_cannot_be_written(tmp_path):
    for out in (tmp_path / "map.jpg", tmp_path / "missing-folder" / "map.png", tmp_path):
        result = run("render", str(out))
        assert result.returncode == 1
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run("render").returncode == 2
    assert run("render", str(tmp_path / "a.png"), "--colour", "red").returncode == 2
