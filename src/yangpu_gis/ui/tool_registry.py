"""Every map tool, registered once: the canvas installs an instance of each, and the
window makes its action (Tools menu, toolbar, one-letter key) and connects its signals.

Adding a tool is a `MapTool` subclass (`ui/map_tools.py`, `ui/select_tools.py`) and one
`ToolRegistration` in `MAP_TOOLS`, plus its icon's drawing in `ui/tool_icons.py`. The
words are marked with QT_TRANSLATE_NOOP in the main window's context (they are its menus)
and translated where the actions are made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from yangpu_gis.model.translatable import QT_TRANSLATE_NOOP
from yangpu_gis.ui.map_tools import AddNoteTool, BrowseTool, MapTool, MeasureTool, ZoomBoxTool
from yangpu_gis.ui.select_tools import SelectPolygonTool, SelectTool

DEFAULT_TOOL = "browse"


def _no_wiring(window, tool) -> None:
    """A tool that acts through the canvas alone has nothing for the window to hear."""


@dataclass(frozen=True)
class ToolRegistration:
    name: str  # the tool's name, its action's key in window.tool_actions and its icon's
    make: Callable[..., MapTool]  # canvas -> the tool installed on it
    text: str  # the Tools menu's words (context "MainWindow")
    short_text: str  # the words under its toolbar icon
    key: str  # a single letter: the map's key for it
    wire: Callable[..., None] = _no_wiring  # (window, tool): connect the tool's signals


def _show_measure(window, tool) -> None:
    tool.measure_changed.connect(window.measure_label.setText)


def _add_note_on_click(window, tool) -> None:
    tool.note_requested.connect(lambda lon, lat: window.notes.add_at(lon, lat, window))


# In the order of the Tools menu and the toolbar.
MAP_TOOLS: tuple[ToolRegistration, ...] = (
    ToolRegistration(
        "browse",
        BrowseTool,
        QT_TRANSLATE_NOOP("MainWindow", "&Browse and identify"),
        QT_TRANSLATE_NOOP("MainWindow", "Identify"),
        "B",
    ),
    ToolRegistration(
        "zoom_box",
        ZoomBoxTool,
        QT_TRANSLATE_NOOP("MainWindow", "&Zoom to box"),
        QT_TRANSLATE_NOOP("MainWindow", "Zoom box"),
        "Z",
    ),
    ToolRegistration(
        "measure_line",
        lambda canvas: MeasureTool(canvas, area=False),
        QT_TRANSLATE_NOOP("MainWindow", "Measure &distance"),
        QT_TRANSLATE_NOOP("MainWindow", "Distance"),
        "D",
        _show_measure,
    ),
    ToolRegistration(
        "measure_area",
        lambda canvas: MeasureTool(canvas, area=True),
        QT_TRANSLATE_NOOP("MainWindow", "Measure &area"),
        QT_TRANSLATE_NOOP("MainWindow", "Area"),
        "A",
        _show_measure,
    ),
    ToolRegistration(
        "add_note",
        AddNoteTool,
        QT_TRANSLATE_NOOP("MainWindow", "Add review &note"),
        QT_TRANSLATE_NOOP("MainWindow", "Note"),
        "N",
        _add_note_on_click,
    ),
    ToolRegistration(
        "select",
        SelectTool,
        QT_TRANSLATE_NOOP("MainWindow", "&Select features"),
        QT_TRANSLATE_NOOP("MainWindow", "Select"),
        "S",
    ),
    ToolRegistration(
        "select_polygon",
        SelectPolygonTool,
        QT_TRANSLATE_NOOP("MainWindow", "Select by &polygon"),
        QT_TRANSLATE_NOOP("MainWindow", "Polygon"),
        "P",
    ),
)


def install_map_tools(canvas) -> dict[str, MapTool]:
    """An instance of every registered tool, owned by the canvas, by name."""
    return {registration.name: registration.make(canvas) for registration in MAP_TOOLS}
