"""A review note's fields: what each holds, how each is checked, how its time reads.

One check for every store (the GeoPackage one in `model/notes.py`, the PostgreSQL one in
`model/notes_postgres.py`), and the errors both raise.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from yangpu_gis.model.messages import MESSAGES, Keyed

STATUSES = ("open", "resolved")
EXPORT_COLUMNS = ("id", "text", "author", "created", "status", "category", "site_id", "lon", "lat")
CHANGEABLE = ("text", "author", "status", "category", "site_id", "lon", "lat")
MAX_TEXT = 10_000
MAX_SHORT = 200  # author, category, site id


class NotesError(Keyed, Exception):
    """The notes file cannot be used; the message says why, in one line (with an id
    the desktop translates when raised by `NotesError.of`, model.messages)."""


class StaleNoteError(NotesError):
    """The note was changed by someone else after the editor read it: the edit is refused."""

    def __init__(self, note_id, author: str | None = None) -> None:
        by = f" (last by {author})" if author else ""
        super().__init__(
            f"note {note_id} was changed by someone else since you opened it{by}: your edit "
            "was not saved; look at their change and edit again"
        )


class NoteNotFoundError(LookupError):
    def __init__(self, note_id) -> None:
        super().__init__(f"there is no note {note_id}")

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Note:
    id: int
    text: str
    author: str
    created: str  # ISO 8601, UTC, e.g. 2026-05-09T07:35:25.123Z
    status: str
    category: str | None
    site_id: str | None
    lon: float
    lat: float

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def geometry(self):
        import shapely

        return shapely.Point(self.lon, self.lat)


# --- validation ----------------------------------------------------------------------------


class NoteFieldError(Keyed, ValueError):
    """A note's field that cannot be saved as it is (empty, too long), with its id."""


def _too_long(what: str, value: str, limit: int) -> NoteFieldError:
    length, most = f"{len(value):,}", f"{limit:,}"
    return NoteFieldError.of("note_field_too_long", what_key=what, length=length, limit=most)


def _required_text(value, what: str, limit: int) -> str:
    """`what` is the field's model.messages id (note_what_...)."""
    if not isinstance(value, str) or not value.strip():
        raise NoteFieldError.of("note_field_empty", what_key=what)
    if len(value) > limit:
        raise _too_long(what, value, limit)
    return value.strip()


def _optional_text(value, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{MESSAGES[what]} must be text, got {value!r}")
    value = value.strip()
    if len(value) > MAX_SHORT:
        raise _too_long(what, value, MAX_SHORT)
    return value or None


def check_status(value) -> str:
    if value not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, got {value!r}")
    return value


def _coordinate(value, what: str, limit: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number, got {value!r}")
    value = float(value)
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise ValueError(f"{what} {value} is outside -{limit:g}..{limit:g} (WGS84 degrees)")
    return value


def check_note_id(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"a note id is a whole number, got {value!r}")
    return value


def validated(fields: dict) -> dict:
    return {
        "text": _required_text(fields["text"], "note_what_text", MAX_TEXT),
        "author": _required_text(fields["author"], "note_what_author", MAX_SHORT),
        "status": check_status(fields["status"]),
        "category": _optional_text(fields["category"], "note_what_category"),
        "site_id": _optional_text(fields["site_id"], "note_what_site"),
        "lon": _coordinate(fields["lon"], "longitude", 180.0),
        "lat": _coordinate(fields["lat"], "latitude", 90.0),
    }


def new_note_fields(text, author, lon, lat, status="open", category=None, site_id=None) -> dict:
    """A new note's fields, checked (ValueError says what is wrong): one check for every
    store, the GeoPackage and the PostgreSQL one."""
    return validated(
        {
            "text": text,
            "author": author,
            "lon": lon,
            "lat": lat,
            "status": status,
            "category": category,
            "site_id": site_id,
        }
    )


def utc_now_iso() -> str:
    """The current UTC time as the GeoPackage DATETIME text, milliseconds and a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def created_text(iso: str | None, *, utc: bool = False, language: str = "en") -> str:
    """A note's creation time for a reader: local date and time, e.g. '28 Nov 2026, 19:58',
    or with utc, '28 Nov 2026, 11:58 UTC' (for a page read elsewhere). Text that is not
    an ISO time (written by another program) is given back as it is."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC if utc else None)
    if language == "zh":
        text = f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"
    else:
        text = f"{moment.day} {moment:%b %Y, %H:%M}"
    return f"{text} UTC" if utc and moment.tzinfo is not None else text
