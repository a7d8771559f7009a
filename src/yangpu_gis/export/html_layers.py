"""One map layer as the data the HTML page draws: geometry, style, legend and popup content.

Attributes are sent column by column (no key repeated per feature), and only those a
popup shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from yangpu_gis.export.html_facts import facts_payload
from yangpu_gis.export.html_geometry import encode_geometries
from yangpu_gis.export.html_labels import labels_payload
from yangpu_gis.export.html_values import json_scalar, page_column
from yangpu_gis.model.classify import classify
from yangpu_gis.model.facts import fact_book
from yangpu_gis.model.field_roles import field_label, is_time
from yangpu_gis.model.language import CHINESE, ENGLISH
from yangpu_gis.model.layer import Layer, LayerKind
from yangpu_gis.model.note_fields import created_text
from yangpu_gis.model.page_words import html_words
from yangpu_gis.model.sheet_layout import sheet_layout
from yangpu_gis.model.terms import category_text, display_title, field_text, label_text

# The kinds of the layers embedded in the app, whose data the page must attribute.
EMBEDDED_KINDS = frozenset(kind for kind in LayerKind if kind.embedded)


@dataclass(frozen=True)
class LayerExport:
    payload: dict  # JSON-ready
    drawn: int  # features the page draws
    left_out: int  # features without a drawable geometry
    source_ids: frozenset[str]  # fact sources the popups cite
    skipped: int = 0  # features the file's reader skipped (no usable geometry)

    @property
    def dropped(self) -> int:
        """Features of the source not drawn: skipped when read, or left out here."""
        return self.left_out + self.skipped


def style_payload(layer: Layer) -> dict:
    style = layer.style
    # Qt's dash pattern, which the desktop renderer uses: 4 pen widths on, 2 off.
    unit = max(style.stroke_width, 1.0)
    return {
        "fill": style.fill,
        "fillOpacity": round(style.fill_opacity * layer.opacity, 4),
        "stroke": style.stroke,
        "weight": style.stroke_width,
        "opacity": layer.opacity,
        "dashArray": f"{4 * unit:g} {2 * unit:g}" if style.dashed else None,
        "radius": style.point_size / 2,
    }


def fill_colours(layer: Layer) -> tuple[list[str | None], list[int] | None]:
    """The distinct fills of a layer and, when there are several, each feature's index."""
    style = layer.style
    field_name = style.colour_field
    if field_name is None or field_name not in layer.column_names:
        return [style.fill], None
    if style.graduated is not None:
        classes = classify(layer.column(field_name), style.graduated.edges)
        colours = [*style.graduated.colours, style.fill]  # the last: no number
        palette = list(dict.fromkeys(colours))
        indexes = np.array([palette.index(colour) for colour in colours])
        return palette, indexes[np.where(classes < 0, len(colours) - 1, classes)].tolist()
    codes, uniques = pd.factorize(layer.to_frame()[field_name], use_na_sentinel=True)
    colours = [style.fill_for(json_scalar(value)) for value in uniques]
    colours.append(style.fill_for(None))  # code -1: a missing value
    palette = list(dict.fromkeys(colours))
    position = [palette.index(colour) for colour in colours]
    if len(palette) == 1:
        return palette, None
    return palette, [position[code] for code in codes.tolist()]


def legend_entries(layer: Layer, language: str = ENGLISH) -> list[list]:
    """[label, fill colour] per category in the style's order, then the fallback fill if
    some feature has a value outside the categories; per class of a graduated style, then
    the fill of features without a number; empty for a single colour."""
    style = layer.style
    no_value = html_words(language).get("(no value)", "(no value)")
    if style.graduated is not None:
        classes = style.graduated
        graded: list[list] = [
            list(pair) for pair in zip(classes.labels(), classes.colours, strict=True)
        ]
        if (
            classes.field not in layer.column_names
            or (classify(layer.column(classes.field), classes.edges) < 0).any()
        ):
            graded.append([no_value, style.fill])
        return graded
    field_name = style.category_field
    if field_name is None:
        return []
    entries: list[list] = [
        [category_text(value, language) if value else no_value, colour]
        for value, colour in style.categories
    ]
    listed = {value for value, _ in style.categories}
    if field_name in layer.column_names:
        series = layer.to_frame()[field_name]
        present = {
            "" if value is None else str(json_scalar(value))
            for value in pd.unique(series.astype(object).where(series.notna(), None))
        }
    else:
        present = {""}
    if present - listed:
        entries.append([html_words(language).get("other values", "other values"), style.fill])
    return entries


def popup_layout(layer: Layer, language: str = ENGLISH) -> tuple[list[str], dict]:
    """The columns a popup needs, and where each goes (as indexes into those columns).

    The places are the fact sheet's (model.sheet_layout, the layout `fact_sheet()`
    fills for the facts panel): names, a site's category and summary and how a feature
    was placed in places of their own; the embedded layers' internal fields not at all,
    so their values stay out of the page.
    """
    sheet = sheet_layout(layer.kind, layer.column_names, layer.name_field, language)
    columns: list[str] = []

    def use(column) -> int:
        if column is None:
            return -1
        if column not in columns:
            columns.append(column)
        return columns.index(column)

    layout = {
        "name": use(sheet.name),
        "id": use(sheet.id),
        "nameZh": use(sheet.name_zh),
        "category": use(sheet.category),
        "summary": use(sheet.summary),
        "attributes": [
            [label_text(field_label(layer.kind, c), language), use(c)] for c in sheet.attributes
        ],
        "position": [[label, use(c)] for c, label in sheet.position],
    }
    return columns, layout


def popup_values(layer: Layer, column: str):
    """One column's values as the popups show them (html_values.page_column); the notes'
    ISO times written out in UTC (the page is read wherever it is opened)."""
    values = page_column(layer.to_frame()[column])  # times are known by their dtype
    if is_time(layer.kind, column) and isinstance(values, list):
        return [created_text(v, utc=True) if isinstance(v, str) else v for v in values]
    return values


def layer_payload(layer: Layer, language: str = ENGLISH) -> LayerExport:
    geometry = encode_geometries(layer.geometries)
    columns, layout = popup_layout(layer, language)
    palette, colour_index = fill_colours(layer)
    facts = facts_payload(layer, language)
    values = [popup_values(layer, column) for column in columns]
    if language == CHINESE and layer.kind == LayerKind.SITE and "id" in layer.column_names:
        # The sites' summaries in Chinese (facts.json), as one more column of the popups.
        book = fact_book()
        layout["summaryZh"] = len(values)
        ids = layer.column("id").tolist()
        values.append([book.site_summary_zh(str(i)) for i in ids])
        # And their position notes: one Chinese column each, the English where none.
        for entry in layout["position"]:
            field = columns[entry[1]]
            english = values[entry[1]]
            entry[1] = len(values)
            values.append(
                [
                    book.site_position_zh(str(i), field) or text
                    for i, text in zip(ids, english, strict=True)
                ]
            )
    family = geometry.parts[0]["type"] if geometry.parts else _family_of_type(layer)
    skipped = int(layer.info.get("skipped_features") or 0)
    bounds = layer.bounds if len(geometry.drawn_rows) else None
    payload = {
        "id": layer.id,
        "title": display_title(layer, language),
        "kind": layer.kind,
        "visible": layer.visible,
        "drawn": int(len(geometry.drawn_rows)),
        "rowCount": layer.feature_count,
        "labels": labels_payload(layer, language),
        "dropped": geometry.left_out + skipped,
        "bounds": None
        if bounds is None or any(v != v for v in bounds)
        else [round(float(v), 6) for v in bounds],
        "legendShape": family.removeprefix("MULTI").lower(),
        "style": style_payload(layer),
        "palette": palette,
        "colourIndex": colour_index,
        "categoryField": None
        if layer.style.colour_field is None
        else field_text(layer, layer.style.colour_field, language),
        "legend": legend_entries(layer, language),
        "geometry": geometry.parts,
        "popup": layout,
        "values": values,
        "facts": facts.to_json(),
    }
    return LayerExport(
        payload,
        len(geometry.drawn_rows),
        geometry.left_out,
        frozenset(facts.source_ids),
        skipped,
    )


def _family_of_type(layer: Layer) -> str:
    """An empty layer's legend shape, from the geometry type its file declares."""
    declared = " ".join(str(t) for t in layer.info.get("geometry_types") or ()).upper()
    for family in ("POINT", "LINESTRING", "POLYGON"):
        if family in declared:
            return family
    return "POLYGON"
