import os
import shutil

import pytest
from postgis_cluster import pg_cluster, pg_million, pg_uri  # noqa: F401  (PostgreSQL fixtures)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_APPLICATION = []


def pytest_configure(config):
    """One QApplication for the whole run, made before any test: the command-line tests
    call render.offscreen.ensure_gui_application(), which makes a QGuiApplication when no
    application runs, and a widget test after them in the same process would then abort
    ("Cannot create a QWidget without QApplication"). pytest-qt's qapp takes this one."""
    from PySide6.QtWidgets import QApplication

    _APPLICATION.append(QApplication.instance() or QApplication(["pytest"]))


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


def _settings_in(folder) -> None:
    """Every QSettings made from now on keeps the user's settings under folder."""
    from PySide6.QtCore import QSettings

    for settings_format in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(settings_format, QSettings.UserScope, str(folder))


@pytest.fixture(scope="session", autouse=True)
def private_settings_folder(tmp_path_factory):
    """Qt settings written outside any test (between tests, at exit) go to a folder of the
    session's own, never the real user's (~/.config). Settings are INI files in the folder
    given to QSettings.setPath on every system: the native format would be the registry on
    Windows and a plist on macOS, which setPath does not move."""
    from PySide6.QtCore import QSettings, QStandardPaths

    folder = tmp_path_factory.mktemp("qt-settings")
    default_format = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    _settings_in(folder)
    yield folder
    QSettings.setDefaultFormat(default_format)
    _settings_in(QStandardPaths.writableLocation(QStandardPaths.GenericConfigLocation))


@pytest.fixture(autouse=True)
def private_user_data(tmp_path, tmp_path_factory, monkeypatch, private_settings_folder):
    """Notes, the remembered session and Qt settings go to folders of the test's own, so no
    test sees another's settings. The organisation and application names are the ones
    create_application gives the app, so settings are kept under the app's names."""
    from PySide6.QtCore import QCoreApplication

    from yangpu_gis.ui.app import APP_NAME, ORGANISATION

    monkeypatch.setenv("YANGPU_GIS_DATA_DIR", str(tmp_path / "userdata"))
    # The log beside the test's folder, not in it: tests compare tmp_path's listing.
    monkeypatch.setenv("YANGPU_GIS_LOG_DIR", str(tmp_path_factory.mktemp("logs") / "logs"))
    monkeypatch.setenv("YANGPU_GIS_CACHE_DIR", str(tmp_path / "usercache"))  # basemap tiles
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APP_NAME)
    _settings_in(tmp_path / "settings")
    yield
    _settings_in(private_settings_folder)
    QCoreApplication.setOrganizationName(names[0])
    QCoreApplication.setApplicationName(names[1])


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """After a test, pytest-qt closes the windows it left: a saved project with changes
    would then ask Save / Discard / Cancel, with nobody to answer. Tests of that question
    answer it themselves before this runs."""
    if "qtbot" in getattr(item, "fixturenames", ()):
        from PySide6.QtWidgets import QApplication

        from yangpu_gis.ui.main_window import MainWindow

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.layer_edits.stack.setClean()
    yield


@pytest.fixture
def window(qtbot):
    """The app's main window on the embedded map, shown at a desk-sized 1200x800."""
    from yangpu_gis.model.project import Project
    from yangpu_gis.ui.main_window import MainWindow

    win = MainWindow(Project.with_embedded_map())
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.view_restored)
    yield win
    close_windows(win)


def close_windows(*windows) -> None:
    """Close these windows and those opened in their place, unless already deleted (a
    window rebuilt for another language deletes itself)."""
    import shiboken6

    from yangpu_gis.ui import main_window

    for win in (*windows, *main_window._OPEN_WINDOWS):
        if shiboken6.isValid(win):
            win.close()


@pytest.fixture(autouse=True)
def english_interface(request):
    """Each Qt test starts in English (with its plural forms), whatever the machine's
    locale, and leaves it so."""
    from yangpu_gis.ui import i18n

    if {"qapp", "qtbot"} & set(request.fixturenames):
        request.getfixturevalue("qapp")
        i18n.install("en")
    yield
    if i18n.current_language() != "en":
        i18n.install("en")


@pytest.fixture
def chinese_window(qtbot, window):
    """The main window after the planner chose 中文 in the Language menu."""
    from yangpu_gis.ui import main_window

    window.language_actions["zh"].trigger()
    win = main_window._OPEN_WINDOWS[-1]
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.view_restored)
    return win
