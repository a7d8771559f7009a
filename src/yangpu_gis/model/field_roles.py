"""Which fields of a layer a planner reads in its attribute list (facts panel, HTML popups).

The embedded layers carry fields for the program's own use: `role` and `focus` pick the
districts' colours, `width_m` is how wide the river line was drawn, a note's `site_id`
links it to a site (the panel names the site instead). Sites show their names, category,
summary and position in places of their own. A planner's own layers list every field.
"""

from __future__ import annotations

from collections.abc import Iterable

NAME_FIELDS = frozenset({"id", "name_en", "name_zh"})
SITE_OWN_PLACES = NAME_FIELDS | {"category", "summary", "position_basis",
                                 "position_confidence", "parent"}
INTERNAL_FIELDS = {
    "district": frozenset({"focus", "role"}),
    "river": frozenset({"width_m"}),
    "notes": frozenset({"site_id"}),
}


def attribute_fields(kind: str, columns: Iterable) -> list:
    """The columns to list as attributes, in order, for a layer of this kind."""
    if kind == "user":
        return list(columns)
    hidden = SITE_OWN_PLACES if kind == "site" else NAME_FIELDS | INTERNAL_FIELDS.get(
        kind, frozenset())
    return [c for c in columns if c not in hidden]
