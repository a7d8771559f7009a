"""Connect model signals to widgets without keeping dead widgets alive or called."""

from __future__ import annotations

import weakref
from typing import Any

import shiboken6

from yangpu_gis.model.events import Signal


def connect_while_alive(signal: Signal, slot: Any) -> None:
    """Call slot, a bound method of a QObject, on signal until that object is deleted.

    The model outlives its widgets and its signals hold plain references, so the link is
    weak and is undone when the widget goes.
    """
    owner = slot.__self__
    method = weakref.WeakMethod(slot)

    def forward(*args) -> None:
        bound = method()
        if bound is None or not shiboken6.isValid(bound.__self__):
            signal.disconnect(forward)
            return
        bound(*args)

    signal.connect(forward)
    owner.destroyed.connect(lambda *_: signal.disconnect(forward))
