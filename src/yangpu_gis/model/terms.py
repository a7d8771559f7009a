"""The words the data carries for the program itself, in Chinese: titles of the embedded
layers, category values, field labels. Qt-free, so the desktop, the HTML export and the
printed page say the same thing; the language is passed in ("en" or "zh").

A planner's own layers and values are theirs: only the embedded words are translated,
and a layer the planner renamed keeps the name they gave it.
"""

from __future__ import annotations

from yangpu_gis.model.language import CHINESE

LAYER_TITLES_ZH = {
    "Districts": "区界",
    "Huangpu River": "黄浦江",
    "Riverside": "滨江岸线",
    "Renewal and innovation sites": "城市更新与创新地块",
    "Review notes": "审查批注",
}
CATEGORIES_ZH = {
    "Yangpu": "杨浦区",
    "neighbour": "相邻区",
    "commercial centre": "商业中心",
    "digital economy": "数字经济",
    "industrial heritage": "工业遗产",
    "innovation": "科技创新",
    "university": "高校",
    "urban renewal": "城市更新",
    "open": "未处理",
    "resolved": "已处理",
}
LABELS_ZH = {
    "Position basis": "定位依据",
    "Position confidence": "定位可信度",
    "Approximate": "示意位置",
    "Area": "面积",
    "Perimeter": "周长",
    "Length": "长度",
    "yes": "是",
    "no": "否",
    # the fields the embedded layers are coloured by, and the review notes' fields
    "category": "类别",
    "role": "分区",
    "Note": "批注",
    "Author": "作者",
    "Created": "创建时间",
    "Status": "状态",
    "Category": "类别",
    "Summary": "概况",
    "English name": "英文名称",
    "Site": "地块",
    "Location": "位置",
    "Review note {number}": "审查批注 {number}",
}
UNITS_ZH = {
    "ha": "公顷",
    "km": "千米",
    "m": "米",
    "m²": "平方米",
    "km²": "平方千米",
}


def _zh(table: dict[str, str], text, language: str):
    if language == CHINESE and isinstance(text, str):
        return table.get(text, text)
    return text


def layer_title(title: str, language: str) -> str:
    return _zh(LAYER_TITLES_ZH, title, language)


def display_title(layer, language: str) -> str:
    """A layer's title as the panel shows it: an embedded layer's own title in the
    language, any other (or a renamed one) as it is."""
    return layer_title(layer.title, language) if layer.kind != "user" else layer.title


def category_text(value, language: str):
    return _zh(CATEGORIES_ZH, value, language)


def label_text(label: str, language: str) -> str:
    return _zh(LABELS_ZH, label, language)


def field_text(layer, field: str, language: str) -> str:
    """How a field of an embedded layer is named in the language; a planner's own
    layer's fields keep the names they have in the file."""
    return field if layer.kind == "user" else label_text(field, language)


def unit_text(unit: str | None, language: str) -> str | None:
    return _zh(UNITS_ZH, unit, language)
