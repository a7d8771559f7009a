"""How a layer looks: plain data, shared by the renderer, the HTML exporter and project files."""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field, replace

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")

# A calm qualitative palette (ColorBrewer Set2/Dark2 family) for categorised styling.
CATEGORY_PALETTE = (
    "#66c2a5",
    "#fc8d62",
    "#8da0cb",
    "#e78ac3",
    "#a6d854",
    "#ffd92f",
    "#e5c494",
    "#b3b3b3",
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
)


def check_colour(value: str | None) -> str | None:
    # fullmatch: with match, "$" would also accept a trailing newline.
    if value is not None and not (isinstance(value, str) and _HEX.fullmatch(value)):
        raise ValueError(f"colour must look like #rrggbb, got {value!r}")
    return value


@dataclass(frozen=True)
class Style:
    fill: str | None = "#9ecae1"
    fill_opacity: float = 0.6
    stroke: str | None = "#3182bd"
    stroke_width: float = 1.0  # screen pixels (points on paper)
    dashed: bool = False
    point_size: float = 7.0  # marker diameter in pixels
    label_field: str | None = None
    sublabel_field: str | None = None  # a second label line, e.g. the Chinese name
    # Categorised styling: fill colour per value of a field; unmatched values use `fill`.
    category_field: str | None = None
    categories: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        check_colour(self.fill)
        check_colour(self.stroke)
        for _, colour in self.categories:
            check_colour(colour)
        if not 0.0 <= self.fill_opacity <= 1.0:
            raise ValueError("fill_opacity must be between 0 and 1")
        # Written so that NaN fails too; infinity is no width either.
        if not (0 <= self.stroke_width < math.inf and 0 <= self.point_size < math.inf):
            raise ValueError("widths and sizes must be finite and not negative")

    def with_(self, **changes) -> Style:
        return replace(self, **changes)

    def fill_for(self, value) -> str | None:
        if self.category_field is None:
            return self.fill
        key = "" if value is None else str(value)
        return dict(self.categories).get(key, self.fill)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["categories"] = [list(pair) for pair in self.categories]
        return d

    @classmethod
    def from_dict(cls, data: dict) -> Style:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["categories"] = tuple(tuple(pair) for pair in known.get("categories", ()))
        return cls(**known)


def categorised(style: Style, field_name: str, values) -> Style:
    """A copy of style that colours each distinct value of field_name from the palette."""
    distinct = sorted({"" if v is None else str(v) for v in values})
    pairs = tuple(
        (value, CATEGORY_PALETTE[i % len(CATEGORY_PALETTE)]) for i, value in enumerate(distinct)
    )
    return replace(style, category_field=field_name, categories=pairs)
