"""The printed page in Chinese: title, date, legend, scale and credits, read back from the
PDF with pdftotext (poppler)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from yangpu_gis.model.attribution import short_attribution

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def render(tmp_path, name, *args, lang_env="C.UTF-8") -> str:
    out = tmp_path / name
    env = {"PATH": "/usr/bin:/bin", "LANG": lang_env, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, "-m", "yangpu_gis", "render", str(out), "--date", "2023-08-17", *args],
        check=True,
        env=env,
        capture_output=True,
    )
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True)
    return text.stdout


def test_the_printed_page_in_chinese(tmp_path):
    text = render(tmp_path, "zh.pdf", "--lang", "zh")
    flat = " ".join(text.split())
    assert "上海市杨浦区" in text  # the default title in Chinese
    assert "2023年8月17日" in text
    assert "图例" in text and "城市更新与创新地块" in text and "区界" in text
    assert "城市更新" in text and "相邻区" in text and "类别" in text
    assert "比例尺 1:" in text and "（A4 纸）" in text
    assert " ".join(short_attribution("zh").split()) in flat
    assert "Legend" not in text and "Scale" not in text


def test_the_printed_page_follows_the_locale_unless_told(tmp_path):
    assert "图例" in render(tmp_path, "locale.pdf", lang_env="zh_CN.UTF-8")
    english = render(tmp_path, "en.pdf", "--lang", "en", lang_env="zh_CN.UTF-8")
    assert "Legend" in english and "Yangpu District, Shanghai" in english
    assert "图例" not in english
