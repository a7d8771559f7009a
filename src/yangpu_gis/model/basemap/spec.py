"""What a basemap is, as the planner names it: a file, a folder, a URL template or `osm`.

A BasemapSpec is plain, frozen data: saved in sessions and project files, compared to
find a source's tiles in caches. Opening it (readers.open_reader) is separate, so a
saved choice whose file is gone is still shown and reported rather than lost.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

from yangpu_gis.model.messages import Keyed

DATUMS = ("wgs84", "gcj02")
FILE_SUFFIXES = (".mbtiles", ".pmtiles", ".gpkg")
OSM_TEMPLATE = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
_PLACEHOLDER = re.compile(r"\{(z|x|y|-y)\}")


class BasemapError(Keyed, ValueError):
    """A basemap that cannot be used; the message is one line for the planner, with its
    model.messages id."""


@dataclass(frozen=True)
class BasemapSpec:
    source: str  # a file or folder path, an http(s) template or WMTS URL, or "osm"
    datum: str = "wgs84"  # the datum the tiles are drawn in: "wgs84" or "gcj02"
    title: str | None = None

    def __post_init__(self) -> None:
        if self.datum not in DATUMS:
            raise BasemapError.of("basemap_datum", datum=repr(self.datum))

    @property
    def kind(self) -> str:
        """osm, xyz (a URL template), wmts, mbtiles, pmtiles, gpkg or folder."""
        return source_kind(self.source)

    @property
    def online(self) -> bool:
        return self.kind in ("osm", "xyz", "wmts")

    @property
    def display_name(self) -> str:
        if self.title:
            return self.title
        if self.kind == "osm":
            return "OpenStreetMap"
        if self.online:
            return _host(self.source)
        return os.path.basename(os.path.normpath(self.source)) or self.source

    def with_datum(self, datum: str) -> BasemapSpec:
        return replace(self, datum=datum)

    def to_dict(self) -> dict:
        source = self.source
        if not self.online and not os.path.isabs(source):
            source = os.path.abspath(source)
        doc = {"source": source, "datum": self.datum}
        if self.title:
            doc["title"] = self.title
        return doc

    @classmethod
    def from_dict(cls, data) -> BasemapSpec:
        """The spec written by to_dict; BasemapError says what is wrong with it."""
        if not isinstance(data, dict) or not isinstance(data.get("source"), str):
            raise BasemapError.of("basemap_no_saved_source")
        title = data.get("title")
        return cls(
            parse_source(data["source"]),
            str(data.get("datum") or "wgs84").lower(),
            title if isinstance(title, str) and title else None,
        )


def source_kind(source: str) -> str:
    lowered = source.strip().lower()
    if lowered == "osm":
        return "osm"
    if lowered.startswith(("http://", "https://")):
        return "wmts" if "request=gettile" in lowered else "xyz"
    suffix = os.path.splitext(lowered)[1]
    if suffix in FILE_SUFFIXES:
        return suffix[1:]
    return "folder"


def parse_source(text: str) -> str:
    """Check a SOURCE as typed (CLI, URL box); BasemapError with one line if unusable."""
    source = (text or "").strip()
    if not source:
        raise BasemapError.of("basemap_no_source")
    kind = source_kind(source)
    if kind == "osm":
        return "osm"
    if kind == "xyz":
        found = set(_PLACEHOLDER.findall(source))
        if not {"z", "x"} <= found or not found & {"y", "-y"}:
            raise BasemapError.of("basemap_url_placeholders", source=source)
        return source
    if kind == "wmts":
        return source
    return source


def parse_spec(text: str, datum: str | None = None) -> BasemapSpec:
    return BasemapSpec(parse_source(text), (datum or "wgs84").lower())


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url
