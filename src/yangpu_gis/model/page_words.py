"""The words of exported pages (the printed map and the HTML map), in each language.

Exports run headless, without Qt's translators, so their few words live here, keyed by
language code; the desktop passes the language it is showing.
"""

from __future__ import annotations

from yangpu_gis.model.language import CHINESE, ENGLISH
from yangpu_gis.model.terms import CATEGORIES_ZH, LABELS_ZH

WORDS: dict[str, dict[str, str]] = {
    ENGLISH: {
        "print_title": "Yangpu District, Shanghai",
        "html_title": "Yangpu District map",
        "map": "Map",
    },
    CHINESE: {
        "print_title": "上海市杨浦区",
        "html_title": "杨浦区地图",
        "map": "地图",
    },
}


# The HTML page's script words (html_map.js, html_labels.js look them up by their English).
HTML_WORDS_ZH = {
    "Attributes": "属性",
    "Facts": "信息",
    "Measured on the map": "图上量算",
    "Position": "定位",
    "Sources": "来源",
    "Zoom in": "放大",
    "Zoom out": "缩小",
    "Zoom to layer": "缩放至图层",
    "Whole map": "全图",
    "Legend": "图例",
    "empty": "无要素",
    ", ": "，",
    "{n} without geometry left out": "{n} 个无几何要素未导出",
    "Map labels": "地图标注",
    "Search names": "搜索名称",
    "Search the map's features by name": "按名称搜索地图要素",
    "No match": "无匹配结果",
    "m": "米",
    "km": "千米",
    "(no value)": "（无值）",
    "other values": "其他值",
    **LABELS_ZH,
    **CATEGORIES_ZH,
}


def html_words(language: str = ENGLISH) -> dict[str, str]:
    """The script's words for the language: none for English, whose keys are its words."""
    return dict(HTML_WORDS_ZH) if language == CHINESE else {}


def word(key: str, language: str = ENGLISH) -> str:
    """The page's word for key in language (English when the language lacks it)."""
    return WORDS.get(language, WORDS[ENGLISH]).get(key) or WORDS[ENGLISH][key]


def default_title(language: str = ENGLISH) -> str:
    """The printed map's title when the planner gives none."""
    return word("print_title", language)
