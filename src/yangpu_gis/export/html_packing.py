"""Denser data for big layers (those the page draws with html_canvas.js).

A big layer's page is mostly its coordinates, so they travel packed: the delta-coded
integers of html_geometry as zigzag varints (7 bits a byte, small deltas in one or two
bytes) in base64, about 40 % of their decimal text, and decoded in the page faster than
JSON.parse reads numbers. Counts that repeat (4 vertices a ring, 1 ring a polygon) travel
as runs, and a text column with few distinct values as codes into them.
"""

from __future__ import annotations

import base64

import numpy as np

MAX_GROUPS = 10  # 7-bit groups of a 64-bit zigzag value


def varint_base64(values) -> str:
    """Signed integers as zigzag LEB128 varints, base64."""
    v = np.asarray(values, dtype=np.int64)
    z = ((v << 1) ^ (v >> 63)).astype(np.uint64)
    groups = np.ones(len(z), dtype=np.int64)
    rest = z >> np.uint64(7)
    while rest.any():
        groups += rest > 0
        rest >>= np.uint64(7)
    width = int(groups.max()) if len(z) else 1
    shifts = (np.arange(width, dtype=np.uint64) * np.uint64(7))[None, :]
    table = ((z[:, None] >> shifts) & np.uint64(0x7F)).astype(np.uint8)
    more = np.arange(width)[None, :] < (groups[:, None] - 1)
    table[more] |= 0x80
    keep = np.arange(width)[None, :] < groups[:, None]
    return base64.b64encode(table[keep].tobytes()).decode("ascii")


def runs(counts: list[int]) -> dict:
    """[4, 4, 4, 5] as {"runs": [[4, 3], [5, 1]]}."""
    a = np.asarray(counts, dtype=np.int64)
    if not len(a):
        return {"runs": []}
    starts = np.flatnonzero(np.r_[True, a[1:] != a[:-1]])
    lengths = np.diff(np.r_[starts, len(a)])
    return {"runs": np.stack([a[starts], lengths], axis=1).tolist()}


def coded(values: list) -> list | dict:
    """A column with few distinct values as {"dict": [...], "codes": [...]}."""
    if len(values) < 64 or not all(v is None or isinstance(v, str) for v in values):
        return values
    table: dict = {}
    codes = [table.setdefault(v, len(table)) for v in values]
    if len(table) > len(values) // 8:
        return values
    return {"dict": list(table), "codes": codes}


def pack_big_layer(payload: dict) -> None:
    """Pack a big layer's payload in place (the page unpacks it in html_canvas.js)."""
    for part in payload["geometry"]:
        part["coords"] = {"packed": varint_base64(part["coords"]), "n": len(part["coords"])}
        part["counts"] = [runs(level) for level in part["counts"]]
    payload["values"] = [coded(v) if isinstance(v, list) else v for v in payload["values"]]
