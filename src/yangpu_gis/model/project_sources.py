"""A project's layer sources, each read once however many entries name it.

A project may show the same file many times (one entry per styled view of a parcel
file, or a generated project of thousands of entries over a few files). Reading the file
again for each entry made a 1,000-entry project over one small GeoJSON take 6.4 s, and
each copy held its own features and display data. Here the first entry naming a source
reads it; every later one gets a layer of its own (id, title, style, visibility) over the
same features, display coordinates and spatial index, which never change once read
(model.layer). A source that failed is not tried again: its entries get the same error.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from yangpu_gis.model.layer import Layer

SourceKey = tuple[str, str | None, str | None]  # source, layer in it, declared CRS


@dataclass(frozen=True)
class _AsRead:
    """A layer as its reader made it, before an entry gave it its id, title and look."""

    layer: Layer
    fields: dict

    @classmethod
    def of(cls, layer: Layer) -> _AsRead:
        fields = {name: getattr(layer, name) for name in _OWN_FIELDS}
        return cls(layer, {**fields, "info": dict(layer.info)})


_OWN_FIELDS = ("id", "title", "style", "visible", "opacity")


class SourceReads:
    """The layers read so far for one project load, by what they were read from."""

    def __init__(self) -> None:
        self._read: dict[SourceKey, _AsRead | Exception] = {}
        self._shared: set[SourceKey] = set()

    def layer(self, key: SourceKey, read) -> Layer:
        """A new layer over the data `read()` returns for `key`, called only the first
        time the key is asked for; an error it raised is raised again for each entry."""
        if key not in self._read:
            try:
                layer = read()
            except Exception as exc:
                self._read[key] = exc
                raise
            self._read[key] = _AsRead.of(layer)
            return layer
        first = self._read[key]
        if isinstance(first, Exception):
            raise first.with_traceback(None)  # raised again, its traceback must not grow
        if key not in self._shared:
            # Built once here, rather than lazily per layer: each layer would otherwise
            # build a copy of its own on its first draw.
            first.layer.prepare_display(index=False)
            self._shared.add(key)
        # A shallow copy: the features and all that is built from them are immutable.
        twin = copy.copy(first.layer)
        for name, value in first.fields.items():
            setattr(twin, name, value)
        twin.info = dict(first.fields["info"])  # unknown keys of its own entry go in there
        return twin
