"""Rendering off the UI thread: cancellable jobs on a thread pool, results as Qt signals.

A RenderQueue runs at most one wanted job: starting a new one cancels the one before,
whose result (if it still arrives) carries an old generation number and is ignored.
Signals are emitted from the worker thread and delivered queued to the UI thread.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtGui import QImage

from yangpu_gis.logs import log_unexpected
from yangpu_gis.render.renderer import Renderer, default_renderer
from yangpu_gis.render.snapshot import MapSnapshot
from yangpu_gis.render.viewport import Viewport


class RenderSignals(QObject):
    finished = Signal(QImage, object, int)  # image, viewport, generation
    partial = Signal(QImage, object, int)  # what is drawn so far of a slow render
    failed = Signal(str, int)  # message, generation
    cancelled = Signal(int)


class RenderJob:
    """One render of one snapshot and viewport; run() is called on a pool thread."""

    def __init__(
        self,
        renderer: Renderer,
        snapshot: MapSnapshot,
        viewport: Viewport,
        generation: int,
        *,
        device_pixel_ratio: float = 1.0,
        labels: bool = True,
        signals: RenderSignals | None = None,
    ) -> None:
        self.renderer = renderer
        self.snapshot = snapshot
        self.viewport = viewport
        self.generation = generation
        self.device_pixel_ratio = device_pixel_ratio
        self.labels = labels
        self.signals = signals or RenderSignals()
        self.seconds = 0.0
        self.done = threading.Event()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        started = time.perf_counter()
        try:
            image = self.renderer.render(
                self.snapshot,
                self.viewport,
                cancel=self._cancel,
                device_pixel_ratio=self.device_pixel_ratio,
                labels=self.labels,
                on_partial=lambda img: self.signals.partial.emit(
                    img, self.viewport, self.generation
                ),
            )
            self.seconds = time.perf_counter() - started
            if image is None or self._cancel.is_set():
                self.signals.cancelled.emit(self.generation)
            else:
                self.signals.finished.emit(image, self.viewport, self.generation)
        except Exception as exc:  # a worker must report, never die silently
            log_unexpected("render", exc)  # the traceback goes to the log, not the user
            self.signals.failed.emit(f"{exc.__class__.__name__}: {exc}", self.generation)
        finally:
            self.done.set()


class RenderQueue(QObject):
    """Starts render jobs on its own pool; only the newest job's results count."""

    finished = Signal(QImage, object, int, float)  # image, viewport, generation, milliseconds
    partial = Signal(QImage, object, int)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, renderer: Renderer | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer or default_renderer()
        self.pool = QThreadPool(self)
        # Two threads: a new job can start while a cancelled one finishes its current step.
        self.pool.setMaxThreadCount(2)
        self.generation = 0
        self.jobs_started = 0
        self._jobs: list[RenderJob] = []
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def start(
        self,
        snapshot: MapSnapshot,
        viewport: Viewport,
        *,
        device_pixel_ratio: float = 1.0,
        labels: bool = True,
    ) -> int:
        self.cancel()
        self.generation += 1
        self.jobs_started += 1
        job = RenderJob(
            self.renderer,
            snapshot,
            viewport,
            self.generation,
            device_pixel_ratio=device_pixel_ratio,
            labels=labels,
        )
        job.signals.finished.connect(self._on_finished)
        job.signals.partial.connect(self._on_partial)
        job.signals.failed.connect(self._on_failed)
        job.signals.cancelled.connect(self._forget_done)
        self._jobs.append(job)
        self._set_busy(True)
        # A plain callable rather than a QRunnable subclass, so no C++ object that Python
        # still refers to is deleted by the pool.
        self.pool.start(job.run)
        return self.generation

    def cancel(self) -> None:
        """Cancel every job; the newest one's result will no longer be delivered."""
        for job in self._jobs:
            job.cancel()
        if self._jobs:
            self.generation += 1
        # A finished job's result is no longer wanted: let go of it and its snapshot (the
        # layers of a project replaced since, say); running ones go when they signal.
        self._jobs = [job for job in self._jobs if not job.done.is_set()]
        self._set_busy(False)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        return self.pool.waitForDone(timeout_ms)

    def _current(self, generation: int) -> RenderJob | None:
        if generation != self.generation:
            return None
        return next((job for job in self._jobs if job.generation == generation), None)

    def _on_finished(self, image: QImage, viewport, generation: int) -> None:
        job = self._current(generation)
        self._forget_done()
        if job is None:
            return
        self.finished.emit(image, viewport, generation, job.seconds * 1000)
        self._set_busy(False)

    def _on_partial(self, image: QImage, viewport, generation: int) -> None:
        if self._current(generation) is not None:
            self.partial.emit(image, viewport, generation)

    def _on_failed(self, message: str, generation: int) -> None:
        current = self._current(generation) is not None
        self._forget_done()
        if current:
            self._set_busy(False)
            self.failed.emit(message)

    def _forget_done(self, *_args) -> None:
        # The newest job is kept even when done: its result may still be queued behind an
        # older job's cancelled signal, and dropping it here would leave the queue busy
        # with nothing delivered (the canvas stuck on "Rendering…").
        self._jobs = [
            job for job in self._jobs if not job.done.is_set() or job.generation == self.generation
        ]

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
