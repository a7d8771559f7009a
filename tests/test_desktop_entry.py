"""The desktop entry and icons a Linux desktop shows in its application menu."""

import configparser
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
