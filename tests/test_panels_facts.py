"""The facts dock: what a planner reads, chooses and copies after clicking the map."""

import geopandas as gpd
import pytest
import shapely
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from yangpu_gis.model.facts import fact_book, geometry_figures
from yangpu_gis.model.identify import Hit, identify
from yangpu_gis.model.layer import Layer
from yangpu_gis.ui.fonts import cjk_family
from yangpu_gis.ui.panels.facts_panel import EMPTY_TEXT, FactsPanel


@pytest.fixture
def panel(qtbot):
    widget = FactsPanel()
    qtbot.addWidget(widget)
    widget.resize(340, 800)
    widget.show()
    return widget


def site_hit(project, site_id) -> Hit:
    sites = project.layer("sites")
    return Hit(sites, list(sites.data["id"]).index(site_id))


def shown_lines(panel) -> list[str]:
    return [line.strip() for line in panel.browser.toPlainText().splitlines() if line.strip()]


def test_a_site_shows_its_names_facts_measures_position_and_sources(panel, project):
    hit = site_hit(project, "changbai-228")
    panel.show_hits([hit])
    lines = shown_lines(panel)
    assert lines[0] == "Changbai 228 Street Block"
    assert lines[1] == "长白228街坊"
    assert "urban renewal · Renewal and innovation sites" in lines
    assert hit.properties["summary"] in lines

    label = "Community's renewal recommended for the UN-Habitat award"
    at = lines.index(label)
    assert lines[at + 1] == "2023"
    assert lines[at + 2] == "2023 · SHINE, 17 Aug 2023"

    area, perimeter = geometry_figures(hit.geometry)
    text = "\n".join(lines)
    assert f"Area\n{area.display_value()}" in text
    assert area.unit == "ha"
    assert f"Perimeter\n{perimeter.display_value()}" in text
    assert hit.properties["position_confidence"] in text
    assert "Position basis" in text
    assert fact_book().citation("shine-2023-08-17") in text
    assert fact_book().citation("places") in text


@pytest.mark.parametrize(
    "label, value, when",
    [
        ("Built as", 'one of the first "20,000 households" workers\' villages', "1953"),
        ("Residents' relocation completed", "the last 200-odd households moved out", "Jun 2016"),
        ("Renewal works began", "2 buildings kept, 10 rebuilt", "Dec 2019"),
        ("Opened after renewal", "open to the public", "26 Apr 2023"),
        ("Land area of the block", "2.20 ha", ""),
        ("Floor area after renewal", "4.30 ha", "Apr 2023"),
    ],
)
def test_the_228_blocks_history_reads_with_its_dates_and_source(panel, project, label, value, when):
    panel.show_hits([site_hit(project, "changbai-228")])
    lines = shown_lines(panel)
    at = lines.index(label)
    assert lines[at + 1] == value
    wikipedia = "Wikipedia (Chinese)"
    assert lines[at + 2] == (f"{when} · {wikipedia}" if when else wikipedia)
    assert fact_book().citation("zhwiki-changbai-228") in "\n".join(lines)


def test_chinese_names_are_drawn_with_a_cjk_font(panel, project):
    assert cjk_family() is not None, "install fonts-wqy-microhei or Noto Sans CJK"
    panel.show_hits([site_hit(project, "kic")])
    assert cjk_family() in panel.browser.document().defaultFont().families()
    assert cjk_family() in panel.browser.toHtml()


def test_several_hits_offer_a_choice_topmost_first(qtbot, panel, project):
    block = site_hit(project, "changbai-228").geometry.representative_point()
    hits = identify(project.layers, block.x, block.y)
    assert len(hits) >= 3
    panel.show_hits(hits)
    assert panel.stack.currentIndex() == 1
    assert not panel.chooser.isHidden()
    offered = [panel.chooser.item(i).text().split(" — ")[0] for i in range(panel.chooser.count())]
    assert offered == [hit.name for hit in hits]
    # the topmost feature's facts show straight away, below the list
    assert panel.current_hit == hits[0]
    assert shown_lines(panel)[0] == hits[0].name

    second = panel.chooser.item(1)
    qtbot.mouseClick(
        panel.chooser.viewport(), Qt.LeftButton, pos=panel.chooser.visualItemRect(second).center()
    )
    assert panel.current_hit == hits[1]
    assert shown_lines(panel)[0] == hits[1].name

    panel.chooser.setFocus()
    qtbot.keyClick(panel.chooser, Qt.Key_Down)
    assert panel.current_hit == hits[2]


def test_a_single_hit_shows_no_chooser(panel, project):
    panel.show_hits([site_hit(project, "kic")])
    assert panel.chooser.isHidden()
    assert shown_lines(panel)[0] == "Knowledge Innovative Community"


def test_a_user_feature_shows_its_attributes_and_measures(panel):
    frame = gpd.GeoDataFrame(
        {"name": ["Block 7"], "用途": ["住宅"], "floors": [12], "height_m": [38.5]},
        geometry=[shapely.box(121.52, 31.28, 121.523, 31.283)],
        crs="EPSG:4326",
    )
    layer = Layer(id="blocks", title="Survey blocks", data=frame)
    hit = Hit(layer, 0)
    panel.show_hits([hit])
    text = "\n".join(shown_lines(panel))
    assert text.startswith("Block 7")
    for key, value in (
        ("name", "Block 7"),
        ("用途", "住宅"),
        ("floors", "12"),
        ("height_m", "38.5"),
    ):
        assert f"{key}\n{value}" in text
    area = geometry_figures(hit.geometry)[0]
    assert f"Area\n{area.display_value()}" in text
    assert "Facts" not in shown_lines(panel)


def test_copy_puts_the_facts_on_the_clipboard_as_tab_separated_text(qtbot, panel, project):
    hit = site_hit(project, "changbai-228")
    panel.show_hits([hit])
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(panel.copy_button, Qt.LeftButton)
    rows = [line.split("\t") for line in QGuiApplication.clipboard().text().splitlines()]
    assert rows[0] == ["Field", "Value", "Date", "Source"]
    assert ["Name", "Changbai 228 Street Block", "", ""] in rows
    assert ["Chinese name", "长白228街坊", "", ""] in rows
    assert [
        "Community's renewal recommended for the UN-Habitat award",
        "2023",
        "2023",
        "SHINE, 17 Aug 2023",
    ] in rows
    area = geometry_figures(hit.geometry)[0]
    assert ["Area", area.display_value(), "", "computed"] in rows
    assert all(len(row) == 4 for row in rows)


def test_the_text_is_selectable(panel, project):
    panel.show_hits([site_hit(project, "wujiaochang")])
    assert panel.browser.textInteractionFlags() & Qt.TextSelectableByMouse
    panel.browser.selectAll()
    assert "五角场城市副中心" in panel.browser.textCursor().selectedText()


def test_zoom_to_sends_the_hit(qtbot, panel, project):
    hit = site_hit(project, "kic")
    panel.show_hits([hit])
    with qtbot.waitSignal(panel.zoom_to_requested) as zoom:
        qtbot.mouseClick(panel.zoom_button, Qt.LeftButton)
    assert zoom.args == [hit]


def test_clear_and_no_hits_show_the_hint(panel, project):
    panel.show_hits([site_hit(project, "kic")])
    panel.clear()
    assert panel.stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == EMPTY_TEXT
    assert panel.facts_text() == ""
    panel.show_hits([])
    assert panel.stack.currentWidget() is panel.empty_label


# --- internal fields of the embedded layers (model.field_roles) ----------------------------


def test_clicking_yangpu_shows_its_names_but_not_the_fields_that_colour_it(qtbot, window):
    districts = window.project.layer("districts")
    row = districts.column("name_en").tolist().index("Yangpu District")
    others = shapely.union_all(
        [
            geometry.buffer(0.002)
            for layer in window.project.layers
            if layer is not districts
            for geometry in layer.data.geometry
        ]
    )
    point = districts.data.geometry.iloc[row].difference(others).representative_point()
    x, y = window.canvas.viewport.wgs84_to_pixel(point.x, point.y)
    qtbot.mouseClick(window.canvas, Qt.LeftButton, pos=QPoint(round(x), round(y)))
    panel = window.facts_panel
    qtbot.waitUntil(lambda: panel.current_hit is not None)
    assert (panel.current_hit.layer.id, panel.current_hit.row) == ("districts", row)
    lines = shown_lines(panel)
    assert lines[:2] == ["Yangpu District", "杨浦区"]
    assert "adcode\n310110" in "\n".join(lines)
    for hidden in ("focus", "role", "id", "Yangpu", "neighbour"):
        assert hidden not in lines
    fields = [line.split("\t")[0] for line in panel.facts_text().splitlines()]
    assert "adcode" in fields and "focus" not in fields and "role" not in fields
    # the data is all still there: the attribute table and the district colours use it
    assert districts.column("role")[row] == "Yangpu" and districts.column("focus")[row]


def test_a_site_shows_neither_its_id_nor_its_parents_but_says_what_it_is_part_of(panel, project):
    panel.show_hits([site_hit(project, "changbai-228")])
    lines = shown_lines(panel)
    for hidden in ("parent", "id", "changbai-community", "changbai-228"):
        assert hidden not in lines
    assert "Part of\nChangbai Community" in "\n".join(lines)
    assert "Position basis" in lines and "Position confidence" in lines


def test_the_river_says_it_is_approximate_under_position_not_as_a_raw_field(panel, project):
    panel.show_hits([Hit(project.layer("river"), 0)])
    lines = shown_lines(panel)
    assert lines[:2] == ["Huangpu River", "黄浦江"]
    for hidden in ("width_m", "490", "approximate", "Attributes"):
        assert hidden not in lines
    at = lines.index("Position")
    assert lines[at + 1 : at + 3] == ["Approximate", "yes"]


def test_a_planners_fields_show_whatever_they_are_called(panel):
    frame = gpd.GeoDataFrame(
        {
            "role": ["school"],
            "focus": [True],
            "parent": ["district 3"],
            "id": [7],
            "width_m": [12.5],
        },
        geometry=[shapely.Point(121.52, 31.28)],
        crs="EPSG:4326",
    )
    panel.show_hits([Hit(Layer(id="mine", title="My survey", data=frame), 0)])
    text = "\n".join(shown_lines(panel))
    for key, value in (
        ("role", "school"),
        ("focus", "yes"),
        ("parent", "district 3"),
        ("id", "7"),
        ("width_m", "12.5"),
    ):
        assert f"{key}\n{value}" in text
