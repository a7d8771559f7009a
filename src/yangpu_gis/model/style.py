"""How a layer looks: plain data, shared by the renderer, the HTML exporter and project files."""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field, replace

from yangpu_gis.model.classify import MAX_CLASSES, SCHEMES, classify
from yangpu_gis.model.colours import RAMPS

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


SINGLE, CATEGORISED, GRADUATED = "single", "categorised", "graduated"


@dataclass(frozen=True)
class Graduated:
    """Colours by classes of a numeric field: class i holds the values in
    (edges[i], edges[i + 1]] (the first also its lower edge), coloured colours[i].

    The edges are computed once, when the planner chooses the field, scheme and number
    of classes (model.classify), and saved with the style, so the map and its legend
    stay as they were made (QGIS keeps its classes so too)."""

    field: str
    edges: tuple[float, ...]
    colours: tuple[str, ...]
    scheme: str = "quantiles"
    ramp: str = "YlOrRd"

    def __post_init__(self) -> None:
        if not isinstance(self.field, str) or not self.field:
            raise ValueError("a graduated style needs a field")
        if self.scheme not in SCHEMES:
            raise ValueError(f"scheme {self.scheme!r}: choose from {', '.join(SCHEMES)}")
        if self.ramp not in RAMPS:
            raise ValueError(f"colour ramp {self.ramp!r}: choose from {', '.join(RAMPS)}")
        edges = self.edges
        if not (
            2 <= len(edges) <= MAX_CLASSES + 1
            and all(isinstance(e, int | float) and not isinstance(e, bool) for e in edges)
            and all(math.isfinite(e) for e in edges)
            and all(a <= b for a, b in zip(edges, edges[1:], strict=False))
        ):
            raise ValueError("class edges must be 2 to 13 finite numbers, in increasing order")
        if len(self.colours) != len(edges) - 1:
            raise ValueError(f"{len(edges) - 1} classes need as many colours")
        for colour in self.colours:
            if colour is None:
                raise ValueError("every class needs a colour")
            check_colour(colour)

    @property
    def k(self) -> int:
        return len(self.colours)

    def labels(self) -> list[str]:
        """Each class's range, '12.5 – 30' (numbers as short as they can be)."""
        text = _range_texts(self.edges)
        return [f"{text[i]} – {text[i + 1]}" for i in range(self.k)]

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "scheme": self.scheme,
            "ramp": self.ramp,
            "edges": list(self.edges),
            "colours": list(self.colours),
        }

    @classmethod
    def from_dict(cls, data) -> Graduated:
        if not isinstance(data, dict):
            raise ValueError("a graduated style must be an object")
        try:
            return cls(
                field=data["field"],
                edges=tuple(data["edges"]),
                colours=tuple(data["colours"]),
                scheme=data.get("scheme", "quantiles"),
                ramp=data.get("ramp", "YlOrRd"),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"a graduated style lacks {exc}") from None


def _range_texts(edges) -> list[str]:
    """The edges with about three significant figures of the typical class width (none
    for whole numbers), or one more decimal when that writes them exactly; more still if
    two would read the same."""
    if all(float(e).is_integer() for e in edges):
        first = 0
    else:
        width = (edges[-1] - edges[0]) / max(len(edges) - 1, 1)
        first = max(0, 2 - math.floor(math.log10(width))) if width > 0 else 2
        first = min(first, 8)
        exact = next(
            (d for d in range(first + 2) if all(abs(round(e, d) - e) < 1e-9 for e in edges)),
            first,
        )
        first = min(max(first, exact), first + 1) if exact > first else exact
    for decimals in range(first, 9):
        texts = [f"{e:,.{decimals}f}" for e in edges]
        if len(set(texts)) == len(set(edges)):
            return texts
    return [f"{e:,g}" for e in edges]


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
    # Graduated styling: fill colour by classes of a numeric field; missing values use `fill`.
    graduated: Graduated | None = None

    def __post_init__(self) -> None:
        if self.graduated is not None and self.category_field is not None:
            raise ValueError("a style is categorised or graduated, not both")
        if self.graduated is not None and not isinstance(self.graduated, Graduated):
            raise ValueError("graduated must be a Graduated")
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

    def label_lines(self, language: str = "en") -> tuple[str | None, str | None]:
        """The label's fields, top line first: the label field over the sublabel, except
        that in Chinese a Chinese-name sublabel (the embedded layers') goes on top."""
        if language == "zh" and self.sublabel_field == "name_zh":
            return self.sublabel_field, self.label_field
        return self.label_field, self.sublabel_field

    @property
    def renderer(self) -> str:
        """SINGLE, CATEGORISED or GRADUATED."""
        if self.graduated is not None:
            return GRADUATED
        return CATEGORISED if self.category_field is not None else SINGLE

    @property
    def colour_field(self) -> str | None:
        """The field the fill colour follows, if any."""
        return self.graduated.field if self.graduated is not None else self.category_field

    def fill_for(self, value) -> str | None:
        if self.graduated is not None:
            (code,) = classify([value], self.graduated.edges)
            return self.fill if code < 0 else self.graduated.colours[code]
        if self.category_field is None:
            return self.fill
        key = "" if value is None else str(value)
        return dict(self.categories).get(key, self.fill)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["categories"] = [list(pair) for pair in self.categories]
        if self.graduated is None:
            del d["graduated"]  # as files written before graduated styles were
        else:
            d["graduated"] = self.graduated.to_dict()
        return d

    @classmethod
    def from_dict(cls, data: dict) -> Style:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["categories"] = tuple(tuple(pair) for pair in known.get("categories", ()))
        if known.get("graduated") is not None:
            known["graduated"] = Graduated.from_dict(known["graduated"])
        return cls(**known)


def categorised(style: Style, field_name: str, values) -> Style:
    """A copy of style that colours each distinct value of field_name from the palette."""
    distinct = sorted({"" if v is None else str(v) for v in values})
    pairs = tuple(
        (value, CATEGORY_PALETTE[i % len(CATEGORY_PALETTE)]) for i, value in enumerate(distinct)
    )
    return replace(style, category_field=field_name, categories=pairs, graduated=None)


def graduated(style: Style, field_name: str, values, scheme: str, k: int, ramp: str) -> Style:
    """A copy of style coloured by k classes of a numeric field (ValueError when the field
    has no numbers); fewer classes when the values have fewer distinct numbers."""
    from yangpu_gis.model.classify import class_edges
    from yangpu_gis.model.colours import ramp_colours

    edges = class_edges(values, scheme, k)
    colours = ramp_colours(ramp, len(edges) - 1)
    chosen = Graduated(field_name, edges, colours, scheme, ramp)
    return replace(style, category_field=None, categories=(), graduated=chosen)
