"""Start the desktop application."""

from __future__ import annotations

import sys


def run_app(files: list[str], declared_crs: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from yangpu_gis.model.project import Project

    app = QApplication.instance() or QApplication(sys.argv[:1])
    project = Project.with_embedded_map()
    window = QMainWindow()
    window.setWindowTitle("Yangpu GIS")
    window.setCentralWidget(QLabel(f"{len(project.layers)} layers loaded"))
    window.resize(1280, 800)
    window.show()
    return app.exec()
