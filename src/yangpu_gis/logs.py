"""The app's log: a rotating file in the per-user log folder, for what the user is never
shown (tracebacks of the reader and render threads, unexpected errors) and what helps to
find out why something went wrong later.

`YANGPU_GIS_LOG_DIR` names another folder (tests, portable installs); otherwise it is the
platform's per-user log folder, e.g. ~/.local/state/yangpu-gis/log on Linux or
%LOCALAPPDATA%\\yangpu-gis\\Logs on Windows. The file is yangpu-gis.log, kept to about
1 MB with three older files beside it (yangpu-gis.log.1 ...).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path

APP_NAME = "yangpu-gis"
LOG_DIR_ENV = "YANGPU_GIS_LOG_DIR"
LOG_NAME = "yangpu-gis.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
LOGGER = "yangpu_gis"  # every module logs under it: logging.getLogger(__name__)
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    """Where the log is written (the About box and error messages name it)."""
    return log_dir() / LOG_NAME


class _OurHandler:
    """Marks the handlers set up here, so a second setup replaces them."""


class _RotatingFile(logging.handlers.RotatingFileHandler, _OurHandler):
    """Makes its folder when the first record comes (nothing is created before then), and
    never troubles the user when the log cannot be written."""

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record) -> None:
        pass


class _Stderr(logging.StreamHandler, _OurHandler):
    """Writes to whatever sys.stderr is at the time (it may be replaced after setup)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def is_set_up() -> bool:
    return any(isinstance(h, _OurHandler) for h in logging.getLogger(LOGGER).handlers)


def setup(verbose: bool = False) -> Path | None:
    """Log to the rotating file (INFO and up; DEBUG with verbose, which also prints the
    log on stderr). Returns the file, or None when it cannot be opened (the app
    still runs). Unhandled exceptions in threads are logged with their traceback."""
    logger = logging.getLogger(LOGGER)
    for handler in [h for h in logger.handlers if isinstance(h, _OurHandler)]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    target = log_path()
    path: Path | None = target
    try:
        file_handler = _RotatingFile(
            target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
        file_handler.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(file_handler)
    except OSError:
        path = None
    if verbose:
        stream = _Stderr()
        stream.setFormatter(logging.Formatter("yangpu-gis: %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(stream)
    if not getattr(threading.excepthook, "_yangpu_gis", False):
        threading.excepthook = _thread_excepthook
    return path


def _thread_excepthook(args) -> None:
    logging.getLogger(LOGGER).error(
        "unhandled exception in thread %s",
        getattr(args.thread, "name", "?"),
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )


_thread_excepthook._yangpu_gis = True  # type: ignore[attr-defined]


def log_unexpected(where: str, exc: BaseException) -> None:
    """Record an unexpected exception with its traceback (never shown to the user)."""
    logging.getLogger(f"{LOGGER}.{where}").error(
        "unexpected error: %s: %s", exc.__class__.__name__, exc, exc_info=exc
    )
