"""Progress reports and cancellation for a file read, split into nested stages."""

from __future__ import annotations

import threading
from collections.abc import Callable

from yangpu_gis.model.load_errors import LoadCancelled

ProgressCallback = Callable[[float, str], None]


class LoadProgress:
    """Maps a stage's own 0..1 onto its slice of the whole read, and checks for cancel."""

    def __init__(
        self,
        callback: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        *,
        name: str = "",
        start: float = 0.0,
        end: float = 1.0,
    ) -> None:
        self._callback = callback
        self._cancel = cancel
        self.name = name
        self._start, self._end = start, end

    def stage(self, start: float, end: float) -> LoadProgress:
        """A sub-stage covering [start, end] of this stage."""
        span = self._end - self._start
        return LoadProgress(
            self._callback,
            self._cancel,
            name=self.name,
            start=self._start + span * start,
            end=self._start + span * end,
        )

    def report(self, fraction: float, message: str) -> None:
        self.check_cancel()
        if self._callback is not None:
            fraction = min(max(fraction, 0.0), 1.0)
            self._callback(self._start + (self._end - self._start) * fraction, message)

    def check_cancel(self) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise LoadCancelled(
                f"{self.name}: loading cancelled" if self.name else "loading cancelled"
            )
