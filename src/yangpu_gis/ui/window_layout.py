"""How the main window shares its space, and the selection's place in the status bar.

The map gets the room: the side docks take what their content needs and no more, and the
Facts dock, while it shows nothing, shrinks to a narrow strip (it widens again when a
feature is identified). Docks keep sensible minimum widths, so nothing is cut off. The
search box keeps a width its prompt fits in: where the window is too narrow for it
beside the map tools, it moves to a toolbar row of its own rather than being squeezed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from yangpu_gis.ui.selection_status import SelectionStatus
from yangpu_gis.ui.window_fit import available_size

SIDE_MIN_PX = 170  # narrowest a side dock may be dragged
EMPTY_FACTS_PX = 190  # the Facts dock while it shows nothing
FACTS_PX = 340  # the Facts dock showing a feature (when the window is wide enough)
LAYERS_PX = 230
MAP_SHARE = 0.55  # the map keeps at least this share of the window's width...
MAP_SHARE_WITH_FACTS = 0.5  # ...or this much while the Facts dock shows a feature
SEARCH_MIN_PX = 200  # the search box is never narrower than this...
SEARCH_PADDING_PX = 40  # ...nor than its prompt with the clear button and margins


def install_layout(window) -> None:
    """Wire the status bar's selection figures and the docks' sizes into window."""
    window.selection_status = SelectionStatus(window.project)
    # Permanent: a passing message ("Opened parcels") must not cover the figures.
    window.statusBar().insertPermanentWidget(1, window.selection_status)  # after the measure
    window.canvas.current_layer_id = window.layers_panel.current_layer_id

    for dock in (window.layers_dock, window.facts_dock, window.district_dock):
        dock.setMinimumWidth(SIDE_MIN_PX)
        dock.widget().setMinimumWidth(0)
    window.table_dock.setMinimumHeight(120)
    width, height = available_size(window)  # a first start on a small screen
    window.resize(min(window.width(), width), min(window.height(), height))
    window.facts_panel.emptied.connect(lambda empty: _fit_side_docks(window, empty))
    window.layout_watcher = _ResizeWatcher(window)
    window.installEventFilter(window.layout_watcher)
    QTimer.singleShot(0, lambda: fit_side_docks(window))
    box = window.search_box
    prompt = box.fontMetrics().horizontalAdvance(box.placeholderText())
    box.setMinimumWidth(min(max(SEARCH_MIN_PX, prompt + SEARCH_PADDING_PX), box.maximumWidth()))
    fit_toolbars(window)


class _ResizeWatcher(QObject):
    """After the window shrinks, give the map its share back if the docks took it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._check)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            fit_toolbars(self.window)  # before the window lays out its new size
            self.timer.start()
        return False

    def _check(self) -> None:
        window = self.window
        if window.canvas.width() < MAP_SHARE * window.width():
            fit_side_docks(window)


def side_widths(window_width: int, facts_empty: bool) -> tuple[int, int]:
    """(layers, facts) widths that leave the map MAP_SHARE of window_width or more."""
    share = MAP_SHARE if facts_empty else MAP_SHARE_WITH_FACTS
    spare = max(2 * SIDE_MIN_PX, int(window_width * (1 - share)))
    facts = EMPTY_FACTS_PX if facts_empty else FACTS_PX
    layers = LAYERS_PX
    if layers + facts > spare:
        facts = max(SIDE_MIN_PX, min(facts, spare - layers))
        layers = max(SIDE_MIN_PX, min(layers, spare - facts))
    return layers, facts


def _fit_side_docks(window, facts_empty: bool) -> None:
    layers, facts = side_widths(window.width(), facts_empty)
    docks, widths = [], []
    if window.layers_dock.isVisible() and not window.layers_dock.isFloating():
        docks.append(window.layers_dock)
        widths.append(layers)
    facts_dock = window.facts_dock if window.facts_dock.isVisible() else window.district_dock
    if facts_dock.isVisible() and not facts_dock.isFloating():
        current = facts_dock.width()
        # Shown a feature, keep a width the planner dragged wider; empty, shrink.
        docks.append(facts_dock)
        widths.append(facts if facts_empty else max(facts, min(current, facts + 200)))
    if docks:
        window.resizeDocks(docks, widths, Qt.Orientation.Horizontal)


def fit_side_docks(window) -> None:
    """Share the window's width again (after a resize to a small size, say)."""
    _fit_side_docks(window, window.facts_panel.empty)


def fit_toolbars(window) -> None:
    """The search toolbar beside the map tools where both fit, else on a row below."""
    search_bar, tools = window.search_toolbar, window.map_toolbar
    if tools.isFloating() or search_bar.isFloating():
        return
    wanted = tools.sizeHint().width() + search_bar.minimumSizeHint().width() + 16
    below = window.toolBarBreak(search_bar)
    if wanted > window.width() and not below:
        window.insertToolBarBreak(search_bar)
    elif wanted <= window.width() and below:
        window.removeToolBarBreak(search_bar)
