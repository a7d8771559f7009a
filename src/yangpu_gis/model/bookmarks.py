"""Spatial bookmarks: named views (WGS84 extents) saved in the project and the session.

A project file holds them as `"bookmarks": [{"name": ..., "extent": [w, s, e, n]}, ...]`;
an entry's keys this version does not know are kept and written back. A damaged entry is
left out with a warning naming it; the rest are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yangpu_gis.model import project_format
from yangpu_gis.model.messages import Text

BOOKMARK_KEYS = ("name", "extent")
MAX_NAME = 200


@dataclass(frozen=True)
class Bookmark:
    name: str
    extent: tuple[float, float, float, float]  # WGS84 west, south, east, north
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        name = self.name.strip() if isinstance(self.name, str) else ""
        if not name:
            raise ValueError("a bookmark needs a name")
        if len(name) > MAX_NAME:
            raise ValueError(f"a bookmark's name has at most {MAX_NAME} characters")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "extent", project_format.extent(list(self.extent)))

    def renamed(self, name: str) -> Bookmark:
        return Bookmark(name, self.extent, dict(self.extra))

    def to_dict(self) -> dict:
        entry = dict(self.extra)
        entry.update({"name": self.name, "extent": list(self.extent)})
        return entry


def to_list(bookmarks) -> list[dict]:
    return [bookmark.to_dict() for bookmark in bookmarks]


def from_list(value, file_name: str) -> tuple[list[Bookmark], list[str]]:
    """The usable bookmarks of a project file's "bookmarks", and a warning per bad one."""
    if not isinstance(value, list):
        return [], [Text.of("bookmarks_not_list", name=file_name)]
    bookmarks: list[Bookmark] = []
    warnings: list[str] = []
    for number, entry in enumerate(value, start=1):
        try:
            if not isinstance(entry, dict):
                raise project_format.EntryError.of("bookmark_not_pair")
            name = entry.get("name")
            if not isinstance(name, str):
                raise project_format.EntryError.of("bookmark_no_name")
            bookmark = Bookmark(
                name,
                project_format.extent(entry.get("extent")),
                project_format.unknown_keys(entry, BOOKMARK_KEYS),
            )
        except (ValueError, TypeError) as exc:
            left_out = {"name": file_name, "number": number, "problem": exc}
            warnings.append(Text.of("bookmark_left_out", **left_out))
            continue
        bookmarks.append(bookmark)
    return bookmarks, warnings


def unique_name(name: str, bookmarks, ignore: int | None = None) -> str:
    """name, or name (2), (3)... when another bookmark has it already."""
    taken = {b.name for i, b in enumerate(bookmarks) if i != ignore}
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"
