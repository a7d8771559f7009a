"""The search box: typing English or Chinese names, choosing a suggestion."""

import geopandas as gpd
import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QToolTip

from yangpu_gis.model.layer import Layer
from yangpu_gis.ui.panels.search_box import SearchBox


@pytest.fixture
def box(qtbot, project):
    widget = SearchBox(project)
    qtbot.addWidget(widget)
    widget.resize(320, 28)
    widget.show()
    widget.setFocus()
    return widget


def type_chinese(box, text):
    """Chinese arrives from an input method as committed text, not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(box, event)


def offered(box) -> list[str]:
    model = box.completer_popup.model()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


def site_row(project, site_id):
    return list(project.layer("sites").data["id"]).index(site_id)


def test_chinese_partial_name_offers_the_knowledge_innovative_community(qtbot, box, project):
    type_chinese(box, "创智")
    assert box.text() == "创智"
    assert box.completer_popup.isVisible()
    assert len(offered(box)) == 1
    assert offered(box)[0].startswith("Knowledge Innovative Community · 创智天地")

    popup = box.completer_popup
    with qtbot.waitSignal(box.feature_chosen) as chosen:
        qtbot.mouseClick(
            popup.viewport(),
            Qt.LeftButton,
            pos=popup.visualRect(popup.model().index(0, 0)).center(),
        )
    assert chosen.args == ["sites", site_row(project, "kic")]
    assert box.text() == "Knowledge Innovative Community"


def test_changbai_offers_both_changbai_features(qtbot, box, project):
    qtbot.keyClicks(box, "changbai")
    names = [text.split(" · ")[0] for text in offered(box)]
    assert sorted(names) == ["Changbai 228 Street Block", "Changbai Community"]
    popup = box.completer_popup
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Down)
    highlighted = names[popup.currentIndex().row()]
    with qtbot.waitSignal(box.feature_chosen) as chosen:
        qtbot.keyClick(popup, Qt.Key_Return)
    assert chosen.args[0] == "sites"
    assert project.layer("sites").feature_name(chosen.args[1]) == highlighted
    assert box.text() == highlighted


def test_search_ignores_case(qtbot, box):
    qtbot.keyClicks(box, "TONGJI")
    assert offered(box) == [text for text in offered(box) if "Tongji University" in text]
    assert len(offered(box)) == 1


def test_enter_without_choosing_takes_the_best_match(qtbot, box, project):
    qtbot.keyClicks(box, "wujiao")
    with qtbot.waitSignal(box.feature_chosen) as chosen:
        qtbot.keyClick(box.completer_popup, Qt.Key_Return)
    assert chosen.args == ["sites", site_row(project, "wujiaochang")]

    box.clear()
    qtbot.keyClicks(box, "fudan")
    qtbot.keyClick(box.completer_popup, Qt.Key_Escape)
    assert not box.completer_popup.isVisible()
    with qtbot.waitSignal(box.feature_chosen) as chosen:
        qtbot.keyClick(box, Qt.Key_Return)
    assert chosen.args == ["sites", site_row(project, "fudan-handan")]


def test_other_layers_named_features_are_found_too(qtbot, box, project):
    type_chinese(box, "黄浦江")
    assert [text.split(" · ")[0] for text in offered(box)] == ["Huangpu River"]
    type_chinese(box, "")
    box.clear()
    frame = gpd.GeoDataFrame(
        {"名称": ["控江路菜场"]}, geometry=[shapely.Point(121.53, 31.28)], crs="EPSG:4326"
    )
    project.add_layer(Layer(id="markets", title="Markets", data=frame))
    type_chinese(box, "菜场")
    assert offered(box) == ["控江路菜场  —  Markets"]


def test_no_match_says_so_and_emits_nothing(qtbot, box):
    emitted = []
    box.feature_chosen.connect(lambda *args: emitted.append(args))
    qtbot.keyClicks(box, "zzzz")
    assert not box.completer_popup.isVisible()
    qtbot.keyClick(box, Qt.Key_Return)
    assert emitted == []
    assert "No feature is named like “zzzz”" in QToolTip.text()
