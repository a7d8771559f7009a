"""The page itself: one HTML file with Leaflet, our script and the map data inlined.

The data travels as JSON in a non-executed <script type="application/json"> element;
every "<", ">" and "&" in it is written as a \\u escape, so no text from the data (a
"</script>" in a feature name, say) can end the element or open a tag. The scripts are
allowed by their SHA-256 hashes in a Content Security Policy that forbids every other
script, inline event handler and network request (tile images aside, when the page was
asked for a basemap): should a bug ever let markup through, it would still not run.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from pathlib import Path
from string import Template

from yangpu_gis import __version__
from yangpu_gis.export.html_leaflet import leaflet_assets
from yangpu_gis.model.language import ENGLISH, HTML_TAGS
from yangpu_gis.model.page_words import word

_HERE = Path(__file__).resolve().parent

PAGE = Template("""<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="$csp">
<meta name="generator" content="Yangpu GIS $version, Leaflet $leaflet_version">
<title>$title</title>
<style>$leaflet_css</style>
<style>$page_css</style>
</head>
<body>
<header class="yp-header"><h1>$title</h1>$notes</header>
<div id="map" role="application" aria-label="$map_label"></div>
<script type="application/json" id="yangpu-data">$data</script>
<script>$leaflet_js</script>
<script>$map_js</script>
</body>
</html>
""")


def script_safe_json(document) -> str:
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _sha256_source(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _own_asset(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


def content_security_policy(scripts: list[str], tile_origin: str | None) -> str:
    images = "data:" + (f" {tile_origin}" if tile_origin else "")
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_sha256_source(s) for s in scripts),
            "style-src 'unsafe-inline'",
            f"img-src {images}",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def render_page(
    title: str,
    notes: list[str],
    data: dict,
    tile_origin: str | None,
    language: str = ENGLISH,
) -> str:
    """The page; its words (html lang, controls, legend, popups' headings) in language."""
    leaflet = leaflet_assets()
    # One script: the big-layer, labels-and-search and popup modules, then the map using them.
    map_js = "".join(
        _own_asset(name)
        for name in ("html_canvas.js", "html_labels.js", "html_popup.js", "html_map.js")
    )
    return PAGE.substitute(
        csp=content_security_policy([leaflet.js, map_js], tile_origin),
        version=__version__,
        leaflet_version=leaflet.version,
        title=html.escape(title),
        lang=HTML_TAGS[language],
        map_label=html.escape(word("map", language)),
        notes="".join(f'<p class="yp-note">{html.escape(note)}</p>' for note in notes),
        leaflet_css=leaflet.css,
        page_css=_own_asset("html_page.css"),
        data=script_safe_json(data),
        leaflet_js=leaflet.js,
        map_js=map_js,
    )
