"""A Qt-free mark for words the interface translates later.

`QT_TRANSLATE_NOOP("Context", "words")` returns the words unchanged; pyside6-lupdate
finds the call by its name and puts the words into the catalogues, so a registry can
hold its labels in one list and the interface translate them where it shows them
(`QCoreApplication.translate(context, words)`). PySide6's own QT_TRANSLATE_NOOP does the
same but is typed as returning `object`, and the model may not import Qt.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    return text
