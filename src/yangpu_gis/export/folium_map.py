"""The map as a `folium.Map`, for notebooks: the same layers, styles, popups and legend as
the offline page, in folium's objects so that analysts can add folium's plugins.

folium writes its Leaflet from a CDN and so needs the internet to show; the offline
single-file page remains `export.html`. Everything taken from the data is HTML-escaped
here, since folium's popup and tooltip templates put their values in with innerHTML.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

from shapely.geometry import mapping

from yangpu_gis.export.html_layers import EMBEDDED_KINDS, legend_entries, popup_layout
from yangpu_gis.export.html_values import json_column
from yangpu_gis.model.attribution import short_attribution
from yangpu_gis.model.fact_sheet import layer_facts
from yangpu_gis.model.facts import fact_book
from yangpu_gis.model.language import CHINESE, ENGLISH, LANGUAGES
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import YANGPU_EXTENT
from yangpu_gis.model.terms import category_text, display_title, label_text

NAME = "_name"  # feature properties the map adds; the data's own go under f0, f1, ...
FILL = "_fill"


def folium_map(
    layers: Sequence[Layer], view_bounds_wgs84=None, language: str = ENGLISH, **map_options
):  # -> folium.Map (folium is imported only when asked for)
    """A folium.Map of the visible layers (bottom to top), fitted to view_bounds_wgs84
    (default Yangpu), its layer names, popups, legend and credits in `language` ("en" or
    "zh", as the offline page's). map_options go to folium.Map (tiles=None unless given)."""
    import folium

    if language not in LANGUAGES:
        raise ValueError(f"language {language!r}: choose from {', '.join(LANGUAGES)}")
    map_options.setdefault("tiles", None)
    fmap = folium.Map(**map_options)
    for layer in layers:
        if layer.visible and layer.feature_count:
            _geojson_layer(folium, layer, language).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    figure: Any = fmap.get_root()  # a branca Figure, whose html element holds the legend
    _legend(folium, layers, language).add_to(figure.html)
    west, south, east, north = view_bounds_wgs84 or YANGPU_EXTENT
    fmap.fit_bounds([[south, west], [north, east]])
    return fmap


def _geojson_layer(folium, layer: Layer, language: str):
    style = layer.style
    columns, layout = popup_layout(layer, language)
    frame = layer.to_frame()  # the popups' values keep their column's dtype
    values = {column: json_column(frame[column]) for column in columns}
    if language == CHINESE:
        _chinese_texts(layer, columns, values)
    fields = _popup_fields(layout, columns, language)
    facts = layer_facts(layer)
    fact_labels = list(dict.fromkeys(f.label_in(language) for row in facts for f in row))
    category = style.colour_field
    category_values = json_column(frame[category]) if category in layer.column_names else None
    features = []
    for row, geometry in enumerate(layer.geometries):
        if geometry is None or geometry.is_empty:
            continue
        title = _title(layer, row, layout, columns, values, language)
        properties = {NAME: html.escape(title)}
        for i, (_, column) in enumerate(fields):
            properties[f"f{i}"] = _text(values[column][row], language)
        by_label = {f.label_in(language): f for f in facts[row]}
        for i, label in enumerate(fact_labels):
            fact = by_label.get(label)
            shown = "" if fact is None else _fact_text(fact, language)
            properties[f"x{i}"] = html.escape(shown)
        fill = style.fill_for(None if category_values is None else category_values[row])
        properties[FILL] = fill or "none"
        features.append(
            {"type": "Feature", "properties": properties, "geometry": mapping(geometry)}
        )
    keys = [f"f{i}" for i in range(len(fields))] + [f"x{i}" for i in range(len(fact_labels))]
    aliases = [html.escape(str(label)) for label, _ in fields] + [
        html.escape(label) for label in fact_labels
    ]
    opacity = layer.opacity

    def style_function(feature):
        fill = feature["properties"][FILL]
        return {
            "fillColor": None if fill == "none" else fill,
            "fillOpacity": 0 if fill == "none" else style.fill_opacity * opacity,
            "color": style.stroke or "none",
            "weight": style.stroke_width if style.stroke else 0,
            "opacity": opacity,
            "dashArray": "4 2" if style.dashed else None,
        }

    def highlight_function(feature):
        return {"weight": max(style.stroke_width, 1.0) + 2, "fillOpacity": 0.8, "color": "#e6550d"}

    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=html.escape(display_title(layer, language)),
        style_function=style_function,
        highlight_function=highlight_function,
        marker=folium.CircleMarker(radius=style.point_size / 2),
        tooltip=folium.GeoJsonTooltip(fields=[NAME], labels=False),
        popup=folium.GeoJsonPopup(fields=[NAME, *keys], aliases=["", *aliases], localize=False)
        if keys
        else folium.GeoJsonPopup(fields=[NAME], labels=False),
    )


def _chinese_texts(layer: Layer, columns: list[str], values: dict) -> None:
    """An embedded layer's categories, and the sites' summaries and position notes
    (facts.json), in Chinese in place of the English, as the offline page's Chinese
    popups show them (the English where there is none)."""
    if layer.kind != "user" and "category" in values:
        values["category"] = [category_text(v, CHINESE) for v in values["category"]]
    if layer.kind != "site" or "id" not in layer.column_names:
        return
    book = fact_book()
    ids = [str(i) for i in layer.column("id").tolist()]
    for column in columns:
        if column == "summary":
            chinese = [book.site_summary_zh(i) for i in ids]
        elif column.startswith("position_"):
            chinese = [book.site_position_zh(i, column) for i in ids]
        else:
            continue
        values[column] = [zh or en for zh, en in zip(chinese, values[column], strict=True)]


def _title(
    layer: Layer, row: int, layout: dict, columns: list[str], values: dict, language: str
) -> str:
    """As the offline page titles a popup: the name (in Chinese the Chinese name first),
    else the id ("Plots 4711"), else the row ("Plots #3")."""
    keys = ("nameZh", "name", "id") if language == CHINESE else ("name", "id")
    for key in keys:
        index = layout.get(key, -1)
        value = values[columns[index]][row] if index >= 0 else None
        if value is not None and str(value).strip():
            return f"{layer.title} {value}" if key == "id" else str(value)
    return f"{layer.title} #{row + 1}"


def _popup_fields(layout: dict, columns: list[str], language: str) -> list[tuple[str, str]]:
    """(label, column) for what the offline page's popup lists: the name in the other
    language, category, summary, the attributes and the position notes (the name is the
    popup's title)."""
    listed = []
    other_name = ("name", "English name") if language == CHINESE else ("nameZh", "名称")
    for key, label in (other_name, ("category", "Category"), ("summary", "Summary")):
        if layout[key] >= 0 and (key != "name" or layout["nameZh"] >= 0):
            listed.append((label_text(label, language), columns[layout[key]]))
    listed += [(label, columns[i]) for label, i in layout["attributes"] if i >= 0]
    listed += [(label, columns[i]) for label, i in layout["position"] if i >= 0]
    return listed


def _text(value, language: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):  # as the facts panel and the offline page say them
        return label_text("yes" if value else "no", language)
    return html.escape(str(value))


def _fact_text(fact, language: str) -> str:
    text = fact.display_value(language)
    note = fact.note_in(language)
    if not note:
        return text
    return f"{text}（{note}）" if language == CHINESE else f"{text} ({note})"


def _legend(folium, layers: Sequence[Layer], language: str):
    """A fixed legend box: one swatch per visible layer, and per category of a
    categorised one; then the data attribution of the embedded layers."""
    rows = []
    for layer in layers:
        if not (layer.visible and layer.feature_count):
            continue
        style = layer.style
        title = html.escape(display_title(layer, language))
        rows.append(_swatch(style.fill, style.stroke, title, bold=True))
        for label, colour in legend_entries(layer, language):
            rows.append(_swatch(colour, style.stroke, html.escape(str(label))))
    if any(layer.kind in EMBEDDED_KINDS for layer in layers):
        rows.append(
            f'<div style="margin-top:4px;color:#555">{html.escape(short_attribution(language))}</div>'
        )
    box = (
        '<div class="yangpu-legend" style="position:fixed;bottom:24px;left:12px;z-index:9999;'
        "background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;"
        'font:12px sans-serif;max-width:260px;box-shadow:0 1px 4px rgba(0,0,0,0.3)">'
        + "".join(rows)
        + "</div>"
    )
    return folium.Element(box)


def _swatch(fill, stroke, label: str, *, bold: bool = False) -> str:
    background = fill or "transparent"
    border = stroke or "#999"
    weight = "bold" if bold else "normal"
    return (
        f'<div style="font-weight:{weight}"><span style="display:inline-block;width:12px;'
        f"height:12px;margin-right:4px;vertical-align:middle;background:{background};"
        f'border:1px solid {border}"></span>{label}</div>'
    )
