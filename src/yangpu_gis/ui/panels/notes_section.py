"""Review notes as the facts panel shows them: a site's list of notes, and when one was written."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QObject

from yangpu_gis.model.note_fields import Note, created_text
from yangpu_gis.ui.i18n import current_language

STATUS_COLOURS = {"open": "#b35900", "resolved": "#2e7d32"}


class ReviewNotesCount(QObject):
    """Counts in words. Plural forms are looked up through tr() on an object, the one
    call in which pyside6-lupdate records a plural (%n) entry."""

    def notes(self, n: int) -> str:
        return self.tr("%n note(s)", "", n)

    def open_notes(self, n: int) -> str:
        return self.tr("{notes}, %n open", "", n)


def status_text(status: str | None) -> str:
    words = {
        "open": QCoreApplication.translate("ReviewNotes", "Open"),
        "resolved": QCoreApplication.translate("ReviewNotes", "Resolved"),
    }
    return words.get(status or "", status or "")


def multiline_html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def site_notes_html(notes: list[Note]) -> str:
    """The 'Review notes' section of a site's facts: every note, oldest first."""
    heading = QCoreApplication.translate("ReviewNotes", "Review notes")
    if not notes:
        hint = QCoreApplication.translate(
            "ReviewNotes", "No notes yet. Use “Add note…” above to write one."
        )
        return f"<h3>{escape(heading)}</h3><p class='meta'>{escape(hint)}</p>"
    items = []
    for note in notes:
        colour = STATUS_COLOURS.get(note.status, "#555555")
        byline = " · ".join(
            escape(part)
            for part in (
                note.author,
                created_text(note.created, language=current_language()),
                note.category,
            )
            if part
        )
        items.append(
            f"<p class='label'><span style='color: {colour}; font-weight: 600'>"
            f"{escape(status_text(note.status))}</span> · {byline}</p>"
            f"<p class='summary' style='margin: 2px 0 0 0'>{multiline_html(note.text)}</p>"
        )
    open_count = sum(1 for note in notes if note.status == "open")
    words = ReviewNotesCount()
    summary = words.open_notes(open_count).format(notes=words.notes(len(notes)))
    return f"<h3>{escape(heading)}</h3><p class='meta'>{escape(summary)}</p>" + "".join(items)
