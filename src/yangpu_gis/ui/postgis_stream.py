"""PostGIS layers in the window: each view's features fetched on a worker, as it moves.

Every new view cancels the fetch in flight (on the server too) and asks for the new one
after a short pause, so a drag does not queue queries. The fetched features replace the
layer in the project (same id, same look); until they arrive the canvas keeps the last
image. A dropped connection is reported in one line, the last image stays, and the view
is asked for again every few seconds until the server answers. After a view is shown,
its neighbouring tiles are fetched ahead, so a pan to the next view is drawn from memory.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from yangpu_gis.logs import log_unexpected
from yangpu_gis.model.load_errors import LoadCancelled, LoadError
from yangpu_gis.model.project import LayerLook
from yangpu_gis.ui.model_messages import message_text
from yangpu_gis.ui.panels.model_link import connect_while_alive

if TYPE_CHECKING:
    from yangpu_gis.model.postgis.streaming import ViewStreamer

SETTLE_MS = 30  # a pause in the view's moves before asking the server
RETRY_MS = 3000  # after a lost connection
# A view's layer holds the features within this share of the view's width and height
# around it: a small move is drawn from what the layer holds, with nothing replaced.
HELD_MARGIN = 0.05


def _grown(bbox, by: float = HELD_MARGIN):
    w, h = bbox[2] - bbox[0], bbox[3] - bbox[1]
    return (bbox[0] - by * w, bbox[1] - by * h, bbox[2] + by * w, bbox[3] + by * h)


def _inside(inner, outer) -> bool:
    return (
        inner[0] >= outer[0]
        and inner[1] >= outer[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


class _Signals(QObject):
    fetched = Signal(str, object, int)  # layer source, (ViewFeatures, tile keys), request
    failed = Signal(str, str, bool, int)  # layer source, message, may retry, request number


class PostgisStreams(QObject):
    """Keeps the project's PostGIS layers filled with what the canvas shows."""

    problem = Signal(str)  # one line for the message bar
    view_ready = Signal(str)  # a layer's source: its features for the current view are in

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.canvas = window.canvas
        self.project = window.project
        # Imported lazily (psycopg), so only named for the type checker.
        self._streamers: dict[str, ViewStreamer | None] = {}
        self._cancels: dict[str, threading.Event] = {}
        self._request = 0
        self._signals = _Signals(self)  # deleted with the window, not at exit
        self._signals.fetched.connect(self._on_fetched)
        self._signals.failed.connect(self._on_failed)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.refresh)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.refresh)
        self.lost: set[str] = set()  # sources whose connection is down
        self._closed = False
        self._workers: list[threading.Thread] = []
        self._shown: dict[str, tuple] = {}  # each layer's tiles and the bbox it holds
        self.canvas.viewport_changed.connect(self._on_view_changed)
        window.installEventFilter(self)  # stop fetching when the window closes
        connect_while_alive(self.project.layers_changed, self._on_layers_changed)
        connect_while_alive(self.project.events.replaced, self._on_layers_changed)

    # --- which layers --------------------------------------------------------------------

    def streamed_layers(self):
        from yangpu_gis.model.postgis.layers import is_streamed

        return [layer for layer in self.project.layers if is_streamed(layer)]

    def _on_layers_changed(self, *_args) -> None:
        sources = {layer.source for layer in self.streamed_layers()}
        new = [s for s in sources if s not in self._streamers]
        for gone in [s for s in self._streamers if s not in sources]:
            self._cancel(gone)
            streamer = self._streamers.pop(gone)
            if streamer is not None:  # None: its worker had not connected yet
                threading.Thread(target=streamer.close, daemon=True).start()
        for source in new:
            self._streamers[source] = None  # made on the worker (it connects)
        if new:
            self.refresh()

    def _on_view_changed(self, *_args) -> None:
        if self._streamers:
            for source in self._streamers:
                self._cancel(source)
                self._show_from_cache(source)
            self._settle.start()

    def _view_keys(self, streamer):
        vp = self.canvas.viewport
        envelope = streamer.table.projection.from_wgs84_bbox(vp.extent_wgs84)
        return tuple(streamer.tiles_for(envelope, int(vp.width)))

    def _show_from_cache(self, source: str) -> None:
        """A view whose tiles are all in memory (fetched ahead) is shown at once, before
        the canvas draws: one drawing, no wait for a worker."""
        streamer = self._streamers.get(source)
        if streamer is None:
            return
        keys = self._view_keys(streamer)
        vp = self.canvas.viewport
        bbox = vp.extent_wgs84
        if self._holds(source, keys, bbox):  # a small move: the layer has it all
            self.view_ready.emit(source)
            return
        if not all(streamer.cached(k) for k in keys):
            return
        held = _grown(bbox)
        try:
            view = streamer.view(bbox, int(vp.width), within=held)
        except LoadError:  # dropped from the cache meanwhile: the worker fetches it
            return
        self._replace(source, view, (keys, held))

    def _holds(self, source: str, keys, bbox) -> bool:
        shown = self._shown.get(source)
        return shown is not None and shown[0] == keys and _inside(bbox, shown[1])

    # --- fetching ------------------------------------------------------------------------

    def _cancel(self, source: str) -> None:
        event = self._cancels.pop(source, None)
        if event is not None:
            event.set()
        streamer = self._streamers.get(source)
        if streamer is not None:
            streamer.cancel()

    def refresh(self) -> None:
        """Ask for the current view of every PostGIS layer."""
        if self._closed:
            return
        vp = self.canvas.viewport
        bbox, width = vp.extent_wgs84, int(vp.width)
        self._request += 1
        for layer in self.streamed_layers():
            source = layer.source
            self._cancel(source)
            cancel = threading.Event()
            self._cancels[source] = cancel
            worker = threading.Thread(
                target=self._fetch,
                args=(source, bbox, width, cancel, self._request, self._view_keys_or_none(source)),
                name="yangpu-gis postgis view",
                daemon=True,
            )
            self._workers = [w for w in self._workers if w.is_alive()] + [worker]
            worker.start()

    def _view_keys_or_none(self, source: str):
        streamer = self._streamers.get(source)
        return None if streamer is None else self._view_keys(streamer)

    def _streamer(self, source: str):
        from yangpu_gis.model.postgis.layers import table_for
        from yangpu_gis.model.postgis.streaming import ViewStreamer

        streamer = self._streamers.get(source)
        if streamer is None:
            streamer = ViewStreamer(table_for(source))
            self._streamers[source] = streamer
        return streamer

    def _fetch(self, source, bbox, width, cancel, request, keys) -> None:
        # On a worker thread: nothing here touches widgets.
        try:
            streamer = self._streamer(source)
            if keys is not None and self._holds(source, keys, bbox):
                # Shown from memory already: only the neighbours are left to fetch.
                streamer.prefetch(bbox, width, cancel=cancel)
                return
            held = _grown(bbox)
            view = streamer.view(bbox, width, cancel=cancel, within=held)
            if cancel.is_set() or self._closed:
                return
            if keys is None:
                envelope = streamer.table.projection.from_wgs84_bbox(bbox)
                keys = tuple(streamer.tiles_for(envelope, width))
            self._signals.fetched.emit(source, (view, (keys, held)), request)
            streamer.prefetch(bbox, width, cancel=cancel)
        except LoadCancelled:
            return
        except LoadError as exc:  # ConnectionLost among them: retried
            if not (cancel.is_set() or self._closed):
                self._signals.failed.emit(source, message_text(exc), True, request)
        except RuntimeError:  # the window went away while fetching
            return
        except Exception as exc:  # a bug must not take the app down
            log_unexpected("postgis", exc)
            self._signals.failed.emit(source, f"{exc.__class__.__name__}: {exc}", False, request)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def shutdown(self) -> None:
        """Stop fetching: the window is closing."""
        self._closed = True
        self._settle.stop()
        self._retry.stop()
        for source in list(self._streamers):
            self._cancel(source)
        # Let the workers end (they stop at the cancel) before Qt objects go away.
        for worker in self._workers:
            worker.join(timeout=5.0)
        self._workers = []
        for streamer in self._streamers.values():
            if streamer is not None:
                streamer.close()

    def _on_fetched(self, source: str, fetched, request: int) -> None:
        if request != self._request or self._closed:
            return  # an older view's answer, or the window is closing
        streamer = self._streamers.get(source)
        if streamer is None:
            return
        view, shown = fetched
        if source in self.lost:
            self.lost.discard(source)
            self.problem.emit(
                self.tr("The database is back: {table} is up to date again.").format(
                    table=streamer.table.source.table_label
                )
            )
        if shown == self._shown.get(source):
            return  # shown from memory already
        self._replace(source, view, shown)

    def _replace(self, source: str, view, shown) -> None:
        streamer = self._streamers[source]
        assert streamer is not None  # it fetched the view
        self._shown[source] = shown
        for old in [lyr for lyr in self.streamed_layers() if lyr.source == source]:
            layer = streamer.table.layer(view, layer_id=old.id, title=old.title)
            LayerLook.of(old).apply_to(layer)
            self.project.replace_layer(old.id, layer)
        self.view_ready.emit(source)

    def _on_failed(self, source: str, message: str, may_retry: bool, request: int) -> None:
        if request != self._request or self._closed:
            return
        if source not in self.lost:
            self.lost.add(source)
            text = self.tr("{problem}. The map keeps the last view and tries again.")
            self.problem.emit(text.format(problem=message.rstrip(".")))
        if may_retry:
            self._retry.start()
