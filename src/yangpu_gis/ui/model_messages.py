"""The data layer's messages (model.messages) in the interface language.

The model raises errors with a message id and its parameters and no Qt; the ids' English
templates are written out as literals for pyside6-lupdate (ui.messages_reading,
ui.messages_stores), translated, and filled with the same parameters. An error without an
id (GDAL's own text, say) is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from yangpu_gis.ui.messages_reading import reading_templates
from yangpu_gis.ui.messages_stores import store_templates


def _templates() -> dict[str, str]:
    return reading_templates() | store_templates()


def message_text(exc: BaseException | str) -> str:
    """What to tell the user about exc (an error, or a model.messages.Text), in the
    interface language; as it is when it has no id."""
    key = getattr(exc, "key", None)
    templates = _templates() if key else {}
    if key not in templates:
        return str(exc)
    try:
        return " ".join(_filled(templates, key, getattr(exc, "params", {})).split())
    except (KeyError, IndexError, ValueError):  # a translation with a wrong placeholder
        return str(exc)


def joined(texts: Iterable[str]) -> str:
    """Messages (reasons, warnings) one after the other, as the language lists clauses."""
    return QCoreApplication.translate("ModelMessages", "; ", "between listed reasons").join(texts)


def names_joined(texts: Iterable[str]) -> str:
    """Names (formats, say) one after the other, as the language lists them."""
    return QCoreApplication.translate("ModelMessages", ", ", "between listed names").join(texts)


def os_problem(exc: OSError) -> str:
    """Why a write failed: the refusal in the interface language (model.atomic_file's
    OutputRefused has an id), else the system's words for the error."""
    return message_text(exc) if getattr(exc, "key", None) else str(exc.strerror or exc)


def _filled(templates: dict[str, str], key: str, params: dict) -> str:
    """A template filled in; a `…_key` parameter is itself a message, id or (id, params),
    as is a parameter that is a message with an id (a Text, a keyed error); a list is
    joined as the language joins clauses."""
    values = {}
    for name, value in params.items():
        if name.endswith("_key"):
            inner_key, inner = (value, {}) if isinstance(value, str) else value
            values[name.removesuffix("_key")] = _filled(templates, inner_key, inner)
        elif isinstance(value, list | tuple):
            texts = (str(_value(templates, one)) for one in value)
            values[name] = names_joined(texts) if name.endswith("_names") else joined(texts)
        else:
            values[name] = _value(templates, value)
    return templates[key].format(**values)


def _value(templates: dict[str, str], value):
    key = getattr(value, "key", None)
    if key in templates:
        return _filled(templates, key, getattr(value, "params", {}))
    return value
