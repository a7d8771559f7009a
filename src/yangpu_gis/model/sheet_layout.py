"""Which of a layer's fields fill which part of its features' fact sheets.

The one answer behind `fact_sheet()` (one feature's sheet: the facts panel, `identify`,
`Hit.to_dict()`) and the HTML popups (`export/html_layers.py` `popup_layout()`, which
packs it as column indexes so the page fills the same places from each row): the title's
field (or, for a nameless feature of a planner's layer, the field that identifies it),
the other-language name, a site's category and summary, the position fields under their
labels, and the attributes, in order (`model/field_roles.py` says which fields are the
program's own and where each goes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from yangpu_gis.model.field_roles import attribute_fields, id_field, position_fields
from yangpu_gis.model.language import ENGLISH
from yangpu_gis.model.layer import LayerKind
from yangpu_gis.model.terms import label_text


@dataclass(frozen=True)
class SheetLayout:
    name: str | None  # the title's field
    id: str | None  # calls a nameless feature by its id ("Plots 1234"), when there is one
    name_zh: str | None  # the name in the other language, under the title
    category: str | None  # a site's category and summary, under the title
    summary: str | None
    position: tuple[tuple[str, str], ...]  # (field, label in the language) under "Position"
    attributes: tuple[str, ...]  # the fields listed as attributes, in order


def sheet_layout(
    kind: str, columns: Iterable, name_field: str | None, language: str = ENGLISH
) -> SheetLayout:
    """The layout of the sheets of a layer of this kind with these columns."""
    present = list(columns)

    def field(name: str | None) -> str | None:
        return name if name is not None and name in present else None

    site = kind == LayerKind.SITE
    return SheetLayout(
        name=field(name_field),
        id=field(id_field(kind, present)) if name_field is None else None,
        name_zh=field("name_zh") if kind != LayerKind.USER else None,
        category=field("category") if site else None,
        summary=field("summary") if site else None,
        position=tuple(
            (key, label_text(label, language))
            for key, label in position_fields(kind)
            if key in present
        ),
        attributes=tuple(attribute_fields(kind, present)),
    )
