import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def embedded_layers():
    from yangpu_gis.model.embedded import load_embedded_layers

    return load_embedded_layers()


@pytest.fixture
def project():
    from yangpu_gis.model.project import Project

    return Project.with_embedded_map()


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Chromium is required for the browser tests: run scripts/setup as root")
    return path


@pytest.fixture(autouse=True)
def private_user_data(tmp_path, monkeypatch):
    """Notes, the remembered session and Qt settings go to folders of the test's own, never
    the real user's (~/.config)."""
    from PySide6.QtCore import QSettings

    monkeypatch.setenv("YANGPU_GIS_DATA_DIR", str(tmp_path / "userdata"))
    for settings_format in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(settings_format, QSettings.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def window(qtbot):
    """The app's main window on the embedded map, shown at a desk-sized 1200x800."""
    from yangpu_gis.model.project import Project
    from yangpu_gis.ui.main_window import MainWindow

    win = MainWindow(Project.with_embedded_map())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.view_restored)
    return win
