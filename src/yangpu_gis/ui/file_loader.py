"""Opening planners' files off the UI thread, with progress and cancel."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal

from yangpu_gis.logs import log_unexpected


class _Signals(QObject):
    progress = Signal(float, str)
    loaded = Signal(str, list)  # path, [(LoadedLayer, Layer ready to draw)]
    failed = Signal(str, str, str)  # path, one-line message, CRS question ("" = none)
    cancelled = Signal(str)


class _ReadJob:
    # Run on a Python thread, not a QThreadPool one: PROJ keeps per-thread state that
    # goes stale on Qt's pooled threads (it crashed in proj_create).
    def __init__(
        self, path: str, declared_crs: str | None, signals: _Signals, cancel: threading.Event
    ) -> None:
        self.path, self.declared_crs = path, declared_crs
        self.signals, self.cancel = signals, cancel

    def run(self) -> None:
        # Imported here, on the reader thread: the readers bring geopandas, pyogrio and
        # pyproj (about 0.4 s), which the window does not need for its first frame.
        from yangpu_gis.model import io
        from yangpu_gis.model.open_layers import open_layers
        from yangpu_gis.ui.model_messages import message_text

        try:
            # The display geometries of a big layer take a while to build: do it here,
            # so the UI thread only has to add finished layers.
            opened = open_layers(
                self.path,
                declared_crs=self.declared_crs,
                progress=lambda f, m: self.signals.progress.emit(f, message_text(m)),
                cancel=self.cancel,
                index=False,
            )
        except io.LoadCancelled:
            self.signals.cancelled.emit(self.path)
        except io.LoadError as exc:
            logging.getLogger(__name__).info("not opened: %s", exc)
            # A CRS question says what the numbers look like ("crs" when nothing is known).
            question = (exc.looks_like or "crs") if isinstance(exc, io.CrsRequired) else ""
            self.signals.failed.emit(self.path, message_text(exc), question)
        except Exception as exc:  # a reader bug must not take the app down
            log_unexpected("reader", exc)  # the traceback goes to the log, not the user
            self.signals.failed.emit(
                self.path,
                QCoreApplication.translate(
                    "FileLoader", "{file}: could not be read ({problem})"
                ).format(file=self.path, problem=f"{exc.__class__.__name__}: {exc}"),
                False,
            )
        else:
            if self.cancel.is_set():
                self.signals.cancelled.emit(self.path)
                return
            self.signals.loaded.emit(self.path, opened)
            # The layers are drawn already; their spatial index (about 1.5 s for a million
            # features) is built now, off the UI thread. Until it is ready, clicks on them
            # compare envelopes instead (model.display).
            for _loaded, layer in opened:
                layer.display.build_index()


class FileLoader(QObject):
    """Reads one file at a time on the global thread pool; results come back as signals."""

    progress = Signal(float, str)
    loaded = Signal(str, list)
    failed = Signal(str, str, str)
    cancelled = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self._signals.progress.connect(self.progress)
        self._signals.loaded.connect(self._finish_loaded)
        self._signals.failed.connect(self._finish_failed)
        self._signals.cancelled.connect(self._finish_cancelled)
        self._cancel: threading.Event | None = None

    @property
    def busy(self) -> bool:
        return self._cancel is not None

    def load(self, path: str, declared_crs: str | None = None) -> None:
        self._cancel = threading.Event()
        job = _ReadJob(path, declared_crs, self._signals, self._cancel)
        threading.Thread(target=job.run, name="yangpu-gis file reader", daemon=True).start()

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _finish_loaded(self, path, layers) -> None:
        self._cancel = None
        self.loaded.emit(path, layers)

    def _finish_failed(self, path, message, needs_crs) -> None:
        self._cancel = None
        self.failed.emit(path, message, needs_crs)

    def _finish_cancelled(self, path) -> None:
        self._cancel = None
        self.cancelled.emit(path)
