"""A small OpenStreetMap XML extract over Yangpu, written by the tests: a named primary
road (Chinese and English names), a residential street, a subway line, a lake, a park,
a block of buildings and a place name."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

ROAD = [(121.500, 31.300), (121.520, 31.300), (121.540, 31.3005)]  # east-west
STREET = [(121.520, 31.290), (121.520, 31.310)]  # north-south
SUBWAY = [(121.505, 31.285), (121.535, 31.315)]
LAKE = [(121.505, 31.305), (121.512, 31.305), (121.512, 31.310), (121.505, 31.310)]
PARK = [(121.525, 31.285), (121.535, 31.285), (121.535, 31.292), (121.525, 31.292)]
BUILDINGS = [
    [
        (121.5225 + i * 0.0008, 31.3020),
        (121.5230 + i * 0.0008, 31.3020),
        (121.5230 + i * 0.0008, 31.3025),
        (121.5225 + i * 0.0008, 31.3025),
    ]
    for i in range(4)
]
PLACE = (121.515, 31.295)


def write_osm(path: Path) -> Path:
    nodes: list[str] = []
    ways: list[str] = []
    next_id = [1]

    def node(lon, lat, tags=None) -> int:
        nid = next_id[0]
        next_id[0] += 1
        inner = "".join(
            f"<tag k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in (tags or {}).items()
        )
        nodes.append(
            f'<node id="{nid}" version="1" lat="{lat}" lon="{lon}">{inner}</node>'
            if inner
            else f'<node id="{nid}" version="1" lat="{lat}" lon="{lon}"/>'
        )
        return nid

    def way(coords, tags, closed=False) -> None:
        ids = [node(*c) for c in coords]
        if closed:
            ids.append(ids[0])
        wid = 1000 + len(ways)
        refs = "".join(f'<nd ref="{i}"/>' for i in ids)
        tag_xml = "".join(f"<tag k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in tags.items())
        ways.append(f'<way id="{wid}" version="1">{refs}{tag_xml}</way>')

    way(
        ROAD,
        {"highway": "primary", "name": "四平路", "name:zh": "四平路", "name:en": "Siping Road"},
    )
    way(STREET, {"highway": "residential", "name": "长白路"})
    way(SUBWAY, {"railway": "subway", "name": "8号线"})
    way(LAKE, {"natural": "water", "name": "湖"}, closed=True)
    way(PARK, {"leisure": "park", "name": "公园", "name:en": "Park"}, closed=True)
    for block in BUILDINGS:
        way(block, {"building": "yes"}, closed=True)
    node(*PLACE, {"place": "suburb", "name": "五角场", "name:en": "Wujiaochang"})
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="tests">\n'
        '<bounds minlat="31.28" minlon="121.49" maxlat="31.32" maxlon="121.55"/>\n'
        + "\n".join(nodes)
        + "\n"
        + "\n".join(ways)
        + "\n</osm>\n"
    )
    path.write_text(xml, encoding="utf-8")
    return path
