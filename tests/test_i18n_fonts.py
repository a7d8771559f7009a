"""No tofu: the CJK family the app and the printed page use has a glyph for every
character of the Chinese translation, the facts and the data's Chinese names."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def chinese_text() -> str:
    parts = []
    for ts in (REPO / "resources" / "i18n").glob("*.ts"):
        for translation in ET.parse(ts).getroot().iter("translation"):
            parts += [translation.text or ""] + [f.text or "" for f in translation]
    parts.append((REPO / "geodata" / "facts.json").read_text(encoding="utf-8"))
    for name in ("districts", "huangpu_river", "riverside", "sites"):
        parts.append((REPO / "geodata" / f"{name}.geojson").read_text(encoding="utf-8"))
    from yangpu_gis.model.attribution import short_attribution
    from yangpu_gis.model.page_words import HTML_WORDS_ZH, WORDS

    parts += [short_attribution("zh"), *HTML_WORDS_ZH.values(), *WORDS["zh"].values()]
    return "".join(parts)


def test_the_cjk_font_covers_every_chinese_character_shown(qapp):
    from PySide6.QtGui import QFont, QFontMetricsF

    from yangpu_gis.render.fonts import label_family

    family = label_family()
    if family is None:
        pytest.fail("no CJK font installed: scripts/setup installs fonts-wqy-microhei")
    metrics = QFontMetricsF(QFont(family))
    wanted = sorted({ch for ch in chinese_text() if ord(ch) > 0x2000 and not ch.isspace()})
    assert len(wanted) > 500  # the translation and the facts, not an empty sample
    missing = [ch for ch in wanted if not metrics.inFontUcs4(ord(ch))]
    assert missing == [], f"{family} has no glyph for {''.join(missing)}"
