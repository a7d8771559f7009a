"""Redraws the canvas as basemap tiles arrive, and says when a tile server fails.

Tiles load on the tile store's worker threads; each arrival calls back from that thread.
The callback only emits a queued signal, and the UI thread coalesces a burst of arrivals
into one redraw every REDRAW_MS, so a screenful of tiles costs a few renders, not forty.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from yangpu_gis.model.basemap.layer import is_basemap, spec_of
from yangpu_gis.model.basemap.spec import BasemapError
from yangpu_gis.render.tile_store import TileStore, store_for
from yangpu_gis.ui.model_messages import message_text

REDRAW_MS = 120
SLOW_S = 3.0  # an online tile still not here after this long: the server is slow


class BasemapWatcher(QObject):
    problem = Signal(str)  # a line for the planner: the server refuses, fails, times out
    slow = Signal(int, float)  # tiles waiting, seconds the oldest has waited
    _arrived = Signal()  # emitted on tile threads, delivered on the UI thread

    def __init__(self, project, canvas, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.canvas = canvas
        self.redraws = 0
        self._store: TileStore | None = None
        self._last_problem: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._redraw)
        self._arrived.connect(self._on_arrived)
        self._slow_timer = QTimer(self)
        self._slow_timer.setInterval(1000)
        self._slow_timer.timeout.connect(self._check_slow)
        signals = (project.layers_changed, project.layer_changed, project.events.replaced)
        for signal in signals:
            signal.connect(self.follow)

        def unhook(*_args) -> None:  # the project may outlive this window
            for signal in signals:
                signal.disconnect(self.follow)
            self._detach()

        self.destroyed.connect(unhook)
        self.follow()

    def follow(self, *_args) -> None:
        """Listen to the store of the project's visible basemap, if any."""
        layer = next((lyr for lyr in self.project.layers if is_basemap(lyr) and lyr.visible), None)
        store = None
        if layer is not None:
            try:
                store = store_for(spec_of(layer))
            except BasemapError as exc:
                self._say(message_text(exc))
        if store is self._store:
            return
        self._detach()
        self._store = store
        if store is not None:
            store.add_listener(self._arrived.emit)
            if store.online:
                self._slow_timer.start()
        else:
            self._slow_timer.stop()

    def _detach(self) -> None:
        if self._store is not None:
            self._store.remove_listener(self._arrived.emit)
            self._store = None

    def _on_arrived(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _redraw(self) -> None:
        self.redraws += 1
        self.canvas.schedule_render()
        if self._store is not None:
            message = self._store.status_message()
            if message:
                self._say(message)

    def _check_slow(self) -> None:
        if self._store is None:
            return
        count, waited = self._store.waiting()
        if count and waited >= SLOW_S:
            self.slow.emit(count, waited)

    def _say(self, message: str) -> None:
        if message != self._last_problem:
            self._last_problem = message
            self.problem.emit(message)
