"""Leaflet's JavaScript and CSS, read from the packaged xstatic-leaflet, ready to inline.

The stylesheet's images (layer-control icon, default marker) become data: URIs, its
comments (one cites a bug tracker's URL) and the script's source-map comment are
dropped, so an inlined copy asks the browser for nothing and names no other site.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet

_CSS_IMAGE = re.compile(r"url\((?:['\"]?)images/([\w.-]+\.png)(?:['\"]?)\)")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
MARKER_IMAGES = ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png")


@dataclass(frozen=True)
class LeafletAssets:
    version: str
    js: str
    css: str
    marker_images: dict[str, str]  # file name -> data: URI


def _data_dir() -> Path:
    return Path(xstatic_leaflet.BASE_DIR)


def png_data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _inline_css_images(css: str, images: Path) -> str:
    return _CSS_IMAGE.sub(lambda m: f'url("{png_data_uri(images / m.group(1))}")', css)


def _check_inlinable(js: str) -> None:
    # Inlined into a <script> element, this sequence would end the element early.
    if "</script" in js.lower():
        raise RuntimeError("the packaged Leaflet script cannot be inlined: it contains </script")


@cache
def leaflet_assets() -> LeafletAssets:
    base = _data_dir()
    js = _SOURCE_MAP.sub("", (base / "leaflet.js").read_text(encoding="utf-8")).rstrip() + "\n"
    _check_inlinable(js)
    css = _CSS_COMMENT.sub("", (base / "leaflet.css").read_text(encoding="utf-8"))
    css = _inline_css_images(css, base / "images")
    markers = {name: png_data_uri(base / "images" / name) for name in MARKER_IMAGES}
    return LeafletAssets(version=xstatic_leaflet.VERSION, js=js, css=css, marker_images=markers)
