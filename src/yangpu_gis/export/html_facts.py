"""The facts each feature's popup lists: the facts panel's, taken from the model.

Sourced facts (sites, districts) travel as display text, one list per feature, with
dates written as the facts panel writes them ("Aug 2023"). Computed figures
(area, perimeter, length) travel as one column of numbers per figure, because a large
user layer has one of each per feature and the label and unit would repeat.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yangpu_gis.model.facts import COMPUTED_SOURCE, Fact, date_text, geometry_figures
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.language import ENGLISH
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.terms import unit_text

# The layer kinds whose features Hit.facts() looks up in the fact book.
SOURCED_FACT_KINDS = frozenset({"site", "district"})


@dataclass
class FactsPayload:
    sourced: list[list[list]] | None = None  # per row: [label, figure, date, source id, note]
    computed: list[dict] = field(default_factory=list)  # per figure: label, unit, values
    source_ids: set[str] = field(default_factory=set)

    def to_json(self) -> dict:
        return {"sourced": self.sourced, "computed": self.computed}


def row_facts(layer: Layer) -> list[list[Fact]]:
    """Hit(layer, row).facts() for every row.

    Without sourced facts that is the geometry figures alone, taken here straight from
    the geometry column: a Hit reads the feature's whole attribute row first, which
    would dominate the export of a large layer.
    """
    if layer.kind in SOURCED_FACT_KINDS:
        return [Hit(layer, row).facts() for row in range(layer.feature_count)]
    return [geometry_figures(geometry) for geometry in layer.data.geometry.values]


def facts_payload(layer: Layer, language: str = ENGLISH) -> FactsPayload:
    per_row = row_facts(layer)
    payload = FactsPayload()
    columns: dict[str, dict] = {}
    sourced: list[list[list]] = []
    for row, facts in enumerate(per_row):
        listed = []
        for fact in facts:
            payload.source_ids.add(fact.source)
            if fact.source == COMPUTED_SOURCE:
                if fact.id not in columns:
                    columns[fact.id] = {
                        "id": fact.id,
                        "label": fact.label_in(language),
                        "unit": unit_text(fact.unit, language),
                        "values": [None] * len(per_row),
                    }
                columns[fact.id]["values"][row] = fact.value
            else:
                listed.append(
                    [
                        fact.label_in(language),
                        fact.display_value(language),
                        date_text(fact.date, language),
                        fact.source,
                        fact.note_in(language),
                    ]
                )
        sourced.append(listed)
    if any(sourced):
        payload.sourced = sourced
    payload.computed = list(columns.values())
    return payload
