"""What can go wrong when reading a file, as exceptions whose text is one line for the user."""

from __future__ import annotations

from yangpu_gis.model.messages import Keyed


class LoadError(Keyed, Exception):
    """A file could not be read; str() is a single line meant for the user (in English;
    `LoadError.of(id, ...)` gives it an id the desktop translates, model.messages)."""

    def __init__(self, message: str) -> None:
        # GDAL and parsers put newlines in their messages; the user gets one line.
        super().__init__(" ".join(str(message).split()))


class CrsRequired(LoadError):
    """The file's coordinate system is missing or wrong: ask the user for one and retry."""

    def __init__(
        self, message: str, path: str = "", layer: str | None = None, looks_like: str = ""
    ) -> None:
        super().__init__(message)
        self.path = path
        self.layer = layer
        # What the numbers look like: "metres" (projected), "lonlat", or "" (unknown).
        self.looks_like = looks_like


class LoadCancelled(LoadError):
    """The reader was cancelled through its `cancel` event."""
