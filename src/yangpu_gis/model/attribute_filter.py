"""Attribute filters: one field, an operator and a value, matched against a layer's column.

A planner writes `面积 > 5` or `类别 = 更新社区`, or picks the field and operator from lists.
The text is split into those three parts here and compared value by value; it is never
evaluated as code. A numeric field (or a text field whose every value reads as a number)
compares as numbers, anything else as text; `contains` always compares as text, ignoring
case. Empty values never match an ordering.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

OPERATORS = ("=", "≠", "<", "≤", ">", "≥", "contains")
# What a planner may type for each operator, longest first so `<=` is not read as `<`.
_SPELLINGS = (
    ("contains", "contains"),
    ("包含", "contains"),
    ("!=", "≠"),
    ("<>", "≠"),
    ("<=", "≤"),
    (">=", "≥"),
    ("==", "="),
    ("≠", "≠"),
    ("≤", "≤"),
    ("≥", "≥"),
    ("=", "="),
    ("<", "<"),
    (">", ">"),
)


class FilterError(ValueError):
    """A filter that cannot be applied: `reason` says which part is wrong.

    reason is one of "empty", "no_operator", "unknown_field", "not_a_number",
    "unknown_operator"; `part` is the text at fault. The interface words them.
    """

    def __init__(self, reason: str, part: str = "") -> None:
        super().__init__(f"{reason}: {part}" if part else reason)
        self.reason = reason
        self.part = part


@dataclass(frozen=True)
class Condition:
    field: str
    operator: str  # one of OPERATORS
    value: str

    def __post_init__(self) -> None:
        if self.operator not in OPERATORS:
            raise FilterError("unknown_operator", self.operator)


def _strip_quotes(text: str) -> str:
    text = text.strip()
    for left, right in (('"', '"'), ("'", "'"), ("“", "”"), ("‘", "’"), ("「", "」")):
        if len(text) >= 2 and text.startswith(left) and text.endswith(right):
            return text[1:-1]
    return text


def parse(text: str, fields) -> Condition:
    """Read `field operator value` (e.g. `面积 > 5`, `名称 contains 社区`).

    The field is matched against fields (exactly, then ignoring case and quotes), so a
    field name may hold spaces or operator signs only if it is one of the layer's fields.
    """
    text = text.strip()
    if not text:
        raise FilterError("empty")
    fields = list(fields)
    # A known field at the start wins, longest first: "area > 5" with a field "area".
    for name in sorted(fields, key=len, reverse=True):
        for quoted in (name, f'"{name}"', f"“{name}”"):
            if text.startswith(quoted) and len(text) > len(quoted):
                rest = text[len(quoted) :].lstrip()
                found = _leading_operator(rest)
                if found is not None:
                    operator, value = found
                    return Condition(name, operator, _strip_quotes(value))
    match = _first_operator(text)
    if match is None:
        raise FilterError("no_operator", text)
    start, end, operator = match
    field = _strip_quotes(text[:start])
    resolved = resolve_field(field, fields)
    return Condition(resolved, operator, _strip_quotes(text[end:]))


def resolve_field(field: str, fields) -> str:
    fields = list(fields)
    if field in fields:
        return field
    folded = {name.casefold(): name for name in fields}
    if field.casefold() in folded:
        return folded[field.casefold()]
    raise FilterError("unknown_field", field)


def _leading_operator(text: str) -> tuple[str, str] | None:
    for spelling, operator in _SPELLINGS:
        if text.casefold().startswith(spelling):
            rest = text[len(spelling) :]
            if spelling.isalpha() and rest[:1].isalnum() and spelling.isascii():
                continue  # "containsX" is not the operator
            return operator, rest
    return None


def _first_operator(text: str) -> tuple[int, int, str] | None:
    best: tuple[int, int, str] | None = None
    for spelling, operator in _SPELLINGS:
        if spelling.isascii() and spelling.isalpha():
            found = re.search(rf"\s{spelling}\s", text, flags=re.IGNORECASE)
            start = found.start() + 1 if found else -1
        else:
            start = text.find(spelling)
        if start <= 0:
            continue
        if (
            best is None
            or start < best[0]
            or (start == best[0] and len(spelling) > best[1] - start)
        ):
            best = (start, start + len(spelling), operator)
    return best


# --- matching ----------------------------------------------------------------------------


def _number(value) -> float | None:
    """value as a float, or None when it is empty or not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
        return None if math.isnan(number) else number
    text = str(value).strip().replace(",", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return None if math.isnan(number) else number


def _is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd  # already loaded wherever a column holds pandas' missing values

        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict)) else False
    except (ImportError, TypeError, ValueError):
        return False


def is_numeric(values: np.ndarray) -> bool:
    """A numeric column, or text whose every non-empty value reads as a number."""
    values = np.asarray(values)
    if values.dtype.kind in "iuf":
        return True
    if values.dtype.kind == "b":
        return False
    seen = False
    for value in values:
        if _is_empty(value) or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, bool) or _number(value) is None:
            return False
        seen = True
    return seen


def _text(value) -> str:
    if _is_empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def matches(values, condition: Condition) -> np.ndarray:
    """A boolean mask: which of values (one column, in row order) meet condition."""
    values = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    op = condition.operator
    if op == "contains":
        needle = condition.value.casefold()
        return np.fromiter(
            (needle in _text(v).casefold() for v in values), dtype=bool, count=len(values)
        )
    if is_numeric(values):
        target = _number(condition.value)
        if target is None:
            raise FilterError("not_a_number", condition.value)
        numbers = np.fromiter(
            ((n if (n := _number(v)) is not None else np.nan) for v in values),
            dtype=float,
            count=len(values),
        )
        with np.errstate(invalid="ignore"):
            result = _compare(numbers, op, target)
        if op == "≠":
            result &= ~np.isnan(numbers)
        return result
    texts = np.array([_text(v) for v in values], dtype=object)
    target_text = condition.value
    if op in ("=", "≠"):
        equal = np.fromiter((t == target_text for t in texts), dtype=bool, count=len(texts))
        return equal if op == "=" else ~equal
    present = np.fromiter((t != "" for t in texts), dtype=bool, count=len(texts))
    ordered = np.fromiter(
        (bool(_compare_scalar(t, op, target_text)) for t in texts), dtype=bool, count=len(texts)
    )
    return ordered & present


def _compare(left: np.ndarray, op: str, right: float) -> np.ndarray:
    if op == "=":
        return left == right
    if op == "≠":
        return left != right
    return _compare_scalar(left, op, right)


def _compare_scalar(left, op: str, right):
    if op == "<":
        return left < right
    if op == "≤":
        return left <= right
    if op == ">":
        return left > right
    return left >= right


def matching_rows(layer, condition: Condition) -> np.ndarray:
    """Rows (ascending) of a layer's features that meet condition."""
    column = layer.column(resolve_field(condition.field, layer.column_names))
    return np.flatnonzero(matches(column, condition))
