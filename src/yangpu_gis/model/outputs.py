"""What each of the app's outputs is called and how its file must be named, and which
files a set of layers reads (which no output may replace).

Writers pass these to model.atomic_file; the save dialogs add `default_suffix` to a name
typed without one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class OutputKind:
    what: str  # for messages: "a {what} must be named ..."
    suffixes: tuple[str, ...]  # accepted endings, the default first

    @property
    def default_suffix(self) -> str:
        return self.suffixes[0]

    def written_by(self, name: str) -> bool:
        lower = name.lower()
        return any(lower.endswith(suffix) for suffix in self.suffixes)


HTML_MAP = OutputKind("HTML map", (".html", ".htm"))
PNG_IMAGE = OutputKind("PNG image", (".png",))
PDF_PAGE = OutputKind("PDF page", (".pdf",))
PROJECT = OutputKind("project", (".ygis.json", ".json"))
NOTES_GEOJSON = OutputKind("GeoJSON notes export", (".geojson", ".json"))
NOTES_CSV = OutputKind("CSV notes export", (".csv",))


def source_files(layers: Iterable) -> list[str]:
    """The files the layers were read from, embedded data included (never to be replaced)."""
    files = []
    for layer in layers:
        source = getattr(layer, "source", None)
        if not source:
            continue
        if source.startswith("embedded:"):
            from yangpu_gis.model.embedded import embedded_path

            try:
                source = os.fspath(embedded_path(source[len("embedded:") :]))
            except (StopIteration, KeyError, ValueError, FileNotFoundError):
                continue
        files.append(source)
    return files
