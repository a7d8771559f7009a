"""Qt settings in tests: each test has its own, and the real user's are never touched."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

from yangpu_gis.ui.app import APP_NAME, ORGANISATION
from yangpu_gis.ui.note_dialog import AUTHOR_SETTING, NoteDialog


def real_settings_folders() -> list[Path]:
    """Where QSettings would write for this user outside the tests: the app's folder, and
    the one Qt uses when an application names no organisation."""
    config = Path(QStandardPaths.writableLocation(QStandardPaths.GenericConfigLocation))
    return [config / ORGANISATION, config / "Unknown Organization"]


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int] | None]:
    """Every file and folder under folders with its modification time and size."""
    seen: dict[str, tuple[int, int] | None] = {}
    for folder in folders:
        if not folder.exists():
            seen[str(folder)] = None
            continue
        for path in [folder, *folder.rglob("*")]:
            info = path.stat()
            seen[str(path)] = (info.st_mtime_ns, info.st_size)
    return seen


def test_the_app_names_its_settings_as_the_application_does(qapp, monkeypatch):
    from yangpu_gis.ui.app import create_application

    monkeypatch.setattr(qapp, "setApplicationDisplayName", lambda name: None)
    assert create_application() is qapp
    assert (QCoreApplication.organizationName(), QCoreApplication.applicationName()) == (
        ORGANISATION,
        APP_NAME,
    )
    assert QSettings().fileName().endswith(os.path.join(ORGANISATION, APP_NAME + ".ini"))


def test_settings_saved_by_the_app_go_to_the_tests_folder_not_the_users(
    qtbot, tmp_path, monkeypatch
):
    from yangpu_gis.model.project import Project
    from yangpu_gis.ui.main_window import MainWindow

    before = snapshot(real_settings_folders())
    window = MainWindow(Project.with_embedded_map())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.view_restored)
    window._remember_dir(str(tmp_path / "plans" / "yangpu.ygis.json"))
    monkeypatch.setattr(NoteDialog, "exec", lambda dialog: dialog.save_button.click())
    dialog = NoteDialog("At a point", window, text="Check the pavement", author="Wang Fang")
    dialog.exec()
    window.close()

    written = QSettings()
    written.sync()
    assert snapshot(real_settings_folders()) == before
    assert written.status() == QSettings.NoError
    assert Path(written.fileName()) == tmp_path / "settings" / ORGANISATION / f"{APP_NAME}.ini"
    text = Path(written.fileName()).read_text(encoding="utf-8")
    assert "Wang Fang" in text and "plans" in text
    assert QSettings().value(AUTHOR_SETTING) == "Wang Fang"


@pytest.mark.parametrize("turn", ["first", "second"])
def test_no_test_sees_settings_another_wrote(turn):
    """Whichever runs second would find the first's value if settings were shared."""
    settings = QSettings()
    assert settings.allKeys() == []
    assert settings.value("isolation/written_by") is None
    settings.setValue("isolation/written_by", turn)
    settings.sync()
    assert QSettings().value("isolation/written_by") == turn
