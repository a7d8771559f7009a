"""Review notes as the facts panel shows them: a site's list of notes, and when one was written."""

from __future__ import annotations

from html import escape

from yangpu_gis.model.notes import Note, created_text

STATUS_COLOURS = {"open": "#b35900", "resolved": "#2e7d32"}


def status_text(status: str | None) -> str:
    return {"open": "Open", "resolved": "Resolved"}.get(status or "", status or "")


def multiline_html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def site_notes_html(notes: list[Note]) -> str:
    """The 'Review notes' section of a site's facts: every note, oldest first."""
    if not notes:
        return (
            "<h3>Review notes</h3><p class='meta'>No notes yet. "
            "Use “Add note…” above to write one.</p>"
        )
    items = []
    for note in notes:
        colour = STATUS_COLOURS.get(note.status, "#555555")
        byline = " · ".join(
            escape(part)
            for part in (note.author, created_text(note.created), note.category)
            if part
        )
        items.append(
            f"<p class='label'><span style='color: {colour}; font-weight: 600'>"
            f"{escape(status_text(note.status))}</span> · {byline}</p>"
            f"<p class='summary' style='margin: 2px 0 0 0'>{multiline_html(note.text)}</p>"
        )
    count = f"{len(notes)} note" + ("" if len(notes) == 1 else "s")
    open_count = sum(1 for note in notes if note.status == "open")
    return f"<h3>Review notes</h3><p class='meta'>{count}, {open_count} open</p>" + "".join(items)
