"""The app's main window for tests that set settings first (the `window` fixture makes
one before a test body runs)."""

from conftest import close_windows


def open_window(qtbot):
    from yangpu_gis.model.project import Project
    from yangpu_gis.ui.main_window import MainWindow

    win = MainWindow(Project.with_embedded_map())
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.view_restored)
    qtbot.addWidget(win, before_close_func=lambda w: close_windows(w))
    return win
