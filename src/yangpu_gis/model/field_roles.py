"""Which fields of a layer a planner reads, and where: the one list the facts panel and
the popups of an exported HTML map both follow. (The attribute table shows every column:
it is the raw data.)

The embedded layers and the review notes carry fields for the program's own use, which
are kept as data but never listed as a feature's attributes (`INTERNAL_FIELDS`):

- districts: `role` picks the colours (the categorised style) and `focus` marks
  Yangpu among its neighbours; `id` repeats the `adcode`, which is listed;
- the river: `width_m` is the width its outline was drawn at (the real river varies);
- sites: `id` keys their facts and notes, `parent` links a block to its community (the
  "Part of" fact says so in words);
- review notes: `site_id` links a note to a site (the panel names the site instead),
  `id` is the note's number (the panel's title);
- the river and riverside: an `id` of their own.

Other fields are shown, but in places of their own rather than in the attribute list:
the names (the title, and the Chinese name under it), a site's category and summary
(under the title), and how a feature was placed (`position_fields`: a site's position
basis and confidence, whether the river and riverside are drawn approximately), under
readable labels. The notes layer's `created` is an ISO time, shown as readable text
(`TIME_FIELDS`).

A planner's own layers (kind "user", and any kind not named here) list every field,
whatever it is called: a field of theirs called `role` is theirs to read.
"""

from __future__ import annotations

from collections.abc import Iterable

INTERNAL_FIELDS: dict[str, frozenset[str]] = {
    "district": frozenset({"id", "focus", "role"}),
    "river": frozenset({"id", "width_m"}),
    "riverside": frozenset({"id"}),
    "site": frozenset({"id", "parent"}),
    "notes": frozenset({"id", "site_id"}),
}

# Shown above the attribute list: the title and the Chinese name under it.
NAME_FIELDS = frozenset({"name_en", "name_zh"})
# Shown under the title: a site's category and summary.
HEADLINE_FIELDS: dict[str, frozenset[str]] = {
    "site": frozenset({"category", "summary"}),
}
# Shown under "Position", with these labels, in this order.
POSITION_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "site": (("position_basis", "Position basis"), ("position_confidence", "Position confidence")),
    "river": (("approximate", "Approximate"),),
    "riverside": (("approximate", "Approximate"),),
}
# ISO 8601 times, written out for a reader (model.notes.created_text).
TIME_FIELDS: dict[str, frozenset[str]] = {
    "notes": frozenset({"created"}),
}


# Readable labels for the fields the app itself defines; a planner's fields keep their names.
FIELD_LABELS: dict[str, dict[str, str]] = {
    "notes": {
        "text": "Note",
        "author": "Author",
        "created": "Created",
        "status": "Status",
        "category": "Category",
    },
}
# Fields that identify a feature, tried in this order when a layer has no name field.
ID_FIELDS = ("id", "ID", "Id", "fid", "FID", "code", "CODE", "OBJECTID", "objectid", "编号")


def field_label(kind: str, field: str) -> str:
    """The label a field is listed under: the app's own for its fields, else its name."""
    return FIELD_LABELS.get(kind, {}).get(str(field), str(field))


def id_field(kind: str, columns: Iterable) -> str | None:
    """The field that identifies a feature of a planner's layer, if it has one."""
    present = set(columns)
    return (
        next((f for f in ID_FIELDS if f in present), None) if kind not in INTERNAL_FIELDS else None
    )


def is_internal(kind: str, field: str) -> bool:
    """True for a field the program keeps for its own use in a layer of this kind."""
    return field in INTERNAL_FIELDS.get(kind, frozenset())


def position_fields(kind: str) -> tuple[tuple[str, str], ...]:
    """(field, label) pairs a layer of this kind shows under "Position"."""
    return POSITION_FIELDS.get(kind, ())


def is_time(kind: str, field: str) -> bool:
    return field in TIME_FIELDS.get(kind, frozenset())


def attribute_fields(kind: str, columns: Iterable) -> list:
    """The columns to list as a feature's attributes, in their order, for a layer of this
    kind: all but the internal ones and those shown in places of their own."""
    if kind not in INTERNAL_FIELDS:  # "user": a planner's own layer
        return list(columns)
    elsewhere = (
        INTERNAL_FIELDS[kind]
        | NAME_FIELDS
        | HEADLINE_FIELDS.get(kind, frozenset())
        | {field for field, _label in position_fields(kind)}
    )
    return [c for c in columns if c not in elsewhere]
