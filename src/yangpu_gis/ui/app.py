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
    """The project of the last session, or the embedded map; plus what could not be restored."""
    from yangpu_gis.model.load_errors import LoadError
    from yangpu_gis.model.project import Project
    from yangpu_gis.model.user_data import session_path

    path = session_path()
    if path.exists():
        try:
            project, report = Project.load(path)
        except LoadError as exc:
            from PySide6.QtCore import QCoreApplication

            problem = QCoreApplication.translate(
                "Session", "The last session could not be restored: {problem}"
            ).format(problem=exc)
            return Project.with_embedded_map(), [problem]
        project.path = None  # the session file is ours, not a project the user saved
        return project, report.warnings
    return Project.with_embedded_map(), []


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
    from yangpu_gis.ui.main_window import MainWindow

    project, warnings = last_session()
    window = MainWindow(project)
    window.show()
    if warnings:
        window.message_bar.show_message("; ".join(warnings), "warning", seconds=0)
    if files:
        window.open_files(files, declared_crs)
    return app.exec()
