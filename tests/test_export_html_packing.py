"""The packed form of big layers' data (html_packing): decoded as the page decodes it."""

from __future__ import annotations

import base64

import numpy as np

from yangpu_gis.export.html_packing import coded, runs, varint_base64


def unpack_integers(packed: str, n: int) -> list[int]:
    """html_canvas.js unpackIntegers, restated."""
    data, out, i = base64.b64decode(packed), [], 0
    while len(out) < n:
        value, shift = 0, 1
        while True:
            byte = data[i]
            i += 1
            value += (byte & 127) * shift
            shift *= 128
            if not byte & 128:
                break
        out.append(-(value + 1) // 2 if value % 2 else value // 2)
    return out


def test_varints_round_trip_and_are_shorter_than_decimal_text():
    rng = np.random.default_rng(17)
    values = [121_500_540, 31_260_000, 0, -1, 1, -540, 540, 63, -64, 64, 2**31, -(2**31)]
    values += rng.integers(-2000, 2000, 10_000).tolist()
    packed = varint_base64(values)
    assert unpack_integers(packed, len(values)) == values
    assert len(packed) < 0.6 * len(",".join(map(str, values)))
    assert varint_base64([]) == ""


def test_counts_travel_as_runs():
    assert runs([4, 4, 4, 5, 4]) == {"runs": [[4, 3], [5, 1], [4, 1]]}
    assert runs([]) == {"runs": []}


def test_text_with_few_distinct_values_travels_as_codes():
    values = ["park", "school", None, "park"] * 100
    packed = coded(values)
    assert [packed["dict"][c] for c in packed["codes"]] == values
    names = [f"Plot {i}" for i in range(400)]
    assert coded(names) is names  # all distinct: as it is
    mixed = ["a"] * 100 + [3]
    assert coded(mixed) is mixed  # not all text
