"""Yangpu GIS: a desktop GIS viewer for the urban planners of Yangpu District, Shanghai.

The same map, facts and exports from Python, with no window::

    import yangpu_gis as yg

    m = yg.Map()                          # the embedded Yangpu map
    m.add_file("parcels.gpkg")            # anything the app opens, in any CRS
    hits = m.identify(121.5096, 31.3051)  # Hit(name, layer, properties, facts, ...)
    m.render("map.png", size=(1600, 1000))
    m.export_html("map.html")             # the offline single-file page
    fm = m.to_folium()                    # a folium.Map with the same layers and popups
    frame = m.layer("sites")              # a layer (id or title) as a GeoDataFrame
    yg.sites()                            # the sites' properties, facts and sources
    yg.notes(status="open")               # the review notes

Names are imported on first use, so `import yangpu_gis` stays fast (the command line
imports this package too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = ["Hit", "LayerInfo", "LoadError", "Map", "__version__", "add_note", "notes", "sites"]

if TYPE_CHECKING:
    from yangpu_gis.api import Hit, LayerInfo, Map, add_note, notes, sites
    from yangpu_gis.model.load_errors import LoadError

_LAZY = {
    "Hit": "yangpu_gis.api",
    "LayerInfo": "yangpu_gis.api",
    "Map": "yangpu_gis.api",
    "add_note": "yangpu_gis.api",
    "notes": "yangpu_gis.api",
    "sites": "yangpu_gis.api",
    "LoadError": "yangpu_gis.model.load_errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'yangpu_gis' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value  # found directly next time
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
