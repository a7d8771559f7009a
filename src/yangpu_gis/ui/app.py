"""Start the desktop application."""

from __future__ import annotations

import sys

APP_NAME = "Yangpu GIS"
ORGANISATION = "Yangpu GIS"


def create_application():
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from yangpu_gis.paths import resources_dir

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationDisplayName(APP_NAME)
    # Wayland matches windows to their .desktop entry (and so its icon) by this name.
    app.setDesktopFileName("yangpu-gis")
    from yangpu_gis.ui import i18n

    i18n.install(i18n.chosen_language())
    icon = resources_dir() / "icons" / "yangpu-gis.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def last_session():
    """The project of the last session, or the embedded map; plus what could not be restored.

    A session file that cannot be read, or parts of which are damaged, is moved aside
    (session.json.damaged-YYYYmmdd-HHMMSS) before anything is written over it, and the
    message says where it went; the app starts either way."""
    import logging

    from PySide6.QtCore import QCoreApplication

    from yangpu_gis.model.load_errors import LoadError
    from yangpu_gis.model.project import Project
    from yangpu_gis.model.user_data import session_path
    from yangpu_gis.ui.model_messages import message_text
    from yangpu_gis.ui.project_controller import LoadWarnings

    path = session_path()
    if not path.exists() and not path.is_symlink():
        return Project.with_embedded_map(), []
    try:
        project, report = Project.load(path)
    except Exception as exc:  # whatever is wrong with it, the app starts
        if not isinstance(exc, LoadError):
            logging.getLogger(__name__).exception("the last session %s failed to load", path)
        kept = _keep_aside(path)
        message = QCoreApplication.translate(
            "Session", "The last session could not be restored: {reason}"
        ).format(
            reason=message_text(exc) if isinstance(exc, LoadError) else f"{path.name}: {exc!r:.80}"
        )
        return Project.with_embedded_map(), [message + _kept_text(kept)]
    project.path = None  # the session file is ours, not a project the user saved
    warnings = LoadWarnings().shown(path, report.warnings)
    if report.damaged and warnings:
        warnings[-1] += _kept_text(_keep_aside(path))
    return project, warnings


def _keep_aside(path):
    """Move a damaged session file out of the way, never over another; its new path."""
    import time

    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while target.exists() or target.is_symlink():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
        number += 1
    try:
        path.rename(target)
    except OSError:
        return None
    return target


def _kept_text(kept) -> str:
    from PySide6.QtCore import QCoreApplication

    if kept is None:
        return ""
    return QCoreApplication.translate("Session", " (the damaged file is kept as {path})").format(
        path=kept
    )


def start_window(files=(), declared_crs: str | None = None):
    """The main window on the last session (or the embedded map), shown, with what could
    not be restored in its message bar."""
    from yangpu_gis.ui.main_window import MainWindow
    from yangpu_gis.ui.model_messages import joined

    project, warnings = last_session()
    window = MainWindow(project)
    window.show()
    if warnings:
        window.message_bar.show_message(joined(warnings), "warning", seconds=0)
    if files:
        window.open_files(files, declared_crs)
    return window


def _log_uncaught(exc_type, exc, tb) -> None:
    """An exception escaping a Qt slot: into the log with its traceback, not on a console
    the planner never sees (and the app keeps running, as it would with Qt's default)."""
    import logging

    logging.getLogger("yangpu_gis.ui").error(
        "unexpected error in the app: %s: %s", exc_type.__name__, exc, exc_info=(exc_type, exc, tb)
    )


def run_app(files: list[str], declared_crs: str | None = None) -> int:
    from yangpu_gis import logs

    if not logs.is_set_up():  # the command line sets it up first, with --verbose
        logs.setup()
    sys.excepthook = _log_uncaught
    app = create_application()
    window = start_window(files, declared_crs)  # noqa: F841 (kept alive while the app runs)
    return app.exec()
