"""The desktop entry and icons a Linux desktop shows in its application menu."""

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from yangpu_gis.cli import main
from yangpu_gis.paths import resources_dir


def test_icons_ship_at_the_usual_sizes():
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(resources_dir() / "icons" / f"yangpu-gis-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
    assert (resources_dir() / "icons" / "yangpu-gis.svg").read_text().startswith("<svg")


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_shipped_entry_is_a_valid_application_entry():
    entry = read_entry(resources_dir() / "yangpu-gis.desktop")
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Yangpu GIS"
    assert entry["Icon"] == "yangpu-gis"
    assert entry["Exec"].split()[0] == "yangpu-gis" and "%F" in entry["Exec"]


def test_install_desktop_writes_entry_and_icons(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    desktop = tmp_path / "applications" / "yangpu-gis.desktop"
    entry = read_entry(desktop)
    launcher = entry["Exec"].split()[0].strip('"')
    assert launcher == str(Path(sys.executable).parent / "yangpu-gis")
    assert Path(launcher).exists()
    for size in (16, 48, 256):
        assert (
            tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "yangpu-gis.png"
        ).exists()
    assert "menu entry" in capsys.readouterr().out


def test_install_desktop_into_an_unwritable_place_is_one_line(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["install-desktop"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "desktop entry" in err


def desktop_file_validate(path: Path) -> str:
    """desktop-file-validate's findings (errors and hints); empty when the entry is clean."""
    tool = shutil.which("desktop-file-validate")
    assert tool, "desktop-file-validate is missing: scripts/setup installs desktop-file-utils"
    run = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    return (run.stdout + run.stderr).strip() or ("" if run.returncode == 0 else "failed")


def test_shipped_and_installed_entries_pass_desktop_file_validate(tmp_path, monkeypatch):
    assert desktop_file_validate(resources_dir() / "yangpu-gis.desktop") == ""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    assert desktop_file_validate(tmp_path / "applications" / "yangpu-gis.desktop") == ""


def test_app_names_its_desktop_file_for_wayland():
    from yangpu_gis.ui.app import create_application

    assert create_application().desktopFileName() == "yangpu-gis"
