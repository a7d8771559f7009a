"""The facts each feature's popup lists: its fact sheet's (model.fact_sheet), packed per layer.

Sourced facts (sites, districts) travel as the sheet writes them (label, figure, date as
"Aug 2023", source, note), one list per feature. Computed figures (area, perimeter,
length) travel as one column of numbers per figure, because a large user layer has one
of each per feature and the label and unit would repeat; the page writes them with the
rules of the sheet's figures (html_popup.js formatFigure).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yangpu_gis.model.fact_sheet import layer_facts, sheet_fact
from yangpu_gis.model.facts import COMPUTED_SOURCE
from yangpu_gis.model.language import ENGLISH
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.terms import unit_text


@dataclass
class FactsPayload:
    sourced: list[list[list]] | None = None  # per row: [label, figure, date, source id, note]
    computed: list[dict] = field(default_factory=list)  # per figure: label, unit, values
    source_ids: set[str] = field(default_factory=set)

    def to_json(self) -> dict:
        return {"sourced": self.sourced, "computed": self.computed}


def facts_payload(layer: Layer, language: str = ENGLISH) -> FactsPayload:
    per_row = layer_facts(layer)
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
                shown = sheet_fact(fact, language)
                listed.append([shown.label, shown.figure, shown.date, fact.source, shown.note])
        sourced.append(listed)
    if any(sourced):
        payload.sourced = sourced
    payload.computed = list(columns.values())
    return payload
