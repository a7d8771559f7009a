"""The interface language as a short code ("en", "zh"), shared by the app, exports and CLI.

Qt-free: the desktop's translators live in ui/i18n.py; the model, render and export only
need to know which language to write their words and dates in.
"""

from __future__ import annotations

import os

ENGLISH, CHINESE = "en", "zh"
LANGUAGES = (CHINESE, ENGLISH)
# The BCP 47 tags HTML and Qt's locale names use for each language.
HTML_TAGS = {ENGLISH: "en", CHINESE: "zh-CN"}
QT_LOCALES = {ENGLISH: "en_GB", CHINESE: "zh_CN"}


def normalise(code: str | None) -> str | None:
    """'zh', 'zh_CN', 'zh-Hans', 'zh_CN.UTF-8' -> 'zh'; 'en_GB' -> 'en'; anything else None."""
    if not code:
        return None
    base = code.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return base if base in LANGUAGES else None


def system_language(environ=None) -> str:
    """The language the user's locale asks for, as POSIX reads it (LC_ALL, LC_MESSAGES,
    LANG; LANGUAGE lists preferences), English when it names neither of ours."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if not value:
            continue
        for part in value.split(":"):
            language = normalise(part)
            if language is not None:
                return language
        if name != "LANGUAGE":
            return ENGLISH  # the first set variable decides, as setlocale would
    return ENGLISH
