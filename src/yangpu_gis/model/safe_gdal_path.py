"""File names GDAL would misread, opened through a plain name instead.

GDAL (through pyogrio) reads some characters in a path as syntax: a `;` starts connection
options, a line break ends the name, so `a;b.geojson` is looked for as `a`. Such a file is
opened through symbolic links with a plain name, one per part of the file (a shapefile's
.shx, .dbf, .prj, .cpg too), in a private temporary folder removed after the read.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

RISKY_CHARACTERS = frozenset(";\n\r")
PLAIN_STEM = "data"


def needs_plain_name(source) -> bool:
    return (
        isinstance(source, str)
        and not source.startswith("/vsi")
        and any(c in RISKY_CHARACTERS for c in source)
    )


@contextmanager
def plain_named(source):
    """`source` itself, or a plain-named link to it (and its sibling parts) while in use."""
    if not needs_plain_name(source):
        yield source
        return
    path = Path(source)
    folder = tempfile.mkdtemp(prefix="yangpu-gis-open-")  # readable by this user only
    try:
        prefix = path.stem + "."
        for sibling in path.parent.iterdir():
            if sibling.name == path.name or sibling.name.startswith(prefix):
                rest = sibling.name[len(path.stem) :]
                os.symlink(sibling.resolve(), os.path.join(folder, PLAIN_STEM + rest))
        yield os.path.join(folder, PLAIN_STEM + path.suffix)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
