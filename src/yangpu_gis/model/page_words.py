"""The words of exported pages (the printed map and the HTML map), in each language.

Exports run headless, without Qt's translators, so their few words live here, keyed by
language code; the desktop passes the language it is showing.
"""

from __future__ import annotations

from yangpu_gis.model.language import CHINESE, ENGLISH

WORDS: dict[str, dict[str, str]] = {
    ENGLISH: {
        "print_title": "Yangpu District, Shanghai",
        "html_title": "Yangpu District map",
    },
    CHINESE: {
        "print_title": "上海市杨浦区",
        "html_title": "杨浦区地图",
    },
}


def word(key: str, language: str = ENGLISH) -> str:
    """The page's word for key in language (English when the language lacks it)."""
    return WORDS.get(language, WORDS[ENGLISH]).get(key) or WORDS[ENGLISH][key]


def default_title(language: str = ENGLISH) -> str:
    """The printed map's title when the planner gives none."""
    return word("print_title", language)
