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
    icon = resources_dir() / "icons" / "yangpu-gis.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_app(files: list[str], declared_crs: str | None = None) -> int:
    app = create_application()
    from yangpu_gis.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if files:
        window.open_files(files, declared_crs)
    return app.exec()
