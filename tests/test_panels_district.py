"""The district dock: Yangpu's figures, the share chart, the source and the measured area."""

import pytest
from PySide6.QtGui import QColor

from yangpu_gis.model.embedded import YANGPU_ADCODE
from yangpu_gis.model.facts import fact_book, geometry_figures
from yangpu_gis.ui.panels.district_panel import (
    DIGITAL_ECONOMY,
    URBAN_RENEWAL,
    DistrictPanel,
    grouped_facts,
)
from yangpu_gis.ui.panels.share_chart import BAR_COLOUR, parse_share


@pytest.fixture
def panel(qtbot):
    widget = DistrictPanel()
    qtbot.addWidget(widget)
    widget.resize(340, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_shows_the_digital_economy_and_renewal_figures(panel):
    text = panel.text()
    assert "Digital-economy businesses in the district\n7,000 businesses" in text
    assert (
        "Households in old neighbourhoods helped by renovation and relocation\n29,000 households"
        in text
    )
    assert text.index(DIGITAL_ECONOMY) < text.index("7,000 businesses") < text.index(URBAN_RENEWAL)
    assert text.index(URBAN_RENEWAL) < text.index("29,000 households")
    assert fact_book().citation("shine-2023-08-17") in text
    assert "杨浦区" in text


def test_every_district_fact_is_shown_once_in_a_group(panel):
    facts = fact_book().district_facts(YANGPU_ADCODE)
    groups = grouped_facts(facts)
    assert sorted(f.id for group in groups.values() for f in group) == sorted(f.id for f in facts)
    lines = panel.text().splitlines()
    for fact in facts:
        shown = [line for line in lines if line == fact.label or line.startswith(fact.label + ": ")]
        assert len(shown) == 1, fact.label


def test_the_area_is_computed_from_the_boundary(panel, project):
    districts = project.layer("districts")
    row = list(districts.data["adcode"]).index(YANGPU_ADCODE)
    area = geometry_figures(districts.data.geometry.iloc[row])[0]
    hectares = float(area.value)
    assert f"Area {hectares / 100:,.2f} km² ({hectares:,.0f} ha)" in panel.text()


def test_the_share_chart_draws_each_worded_share(panel):
    shares = [f for f in fact_book().district_facts(YANGPU_ADCODE) if parse_share(f.value)]
    assert [s.text for s in panel.chart.shares] == [str(f.value) for f in shares]
    assert len(shares) == 4
    assert panel.chart.isVisible() and panel.chart.height() > 50

    image = panel.chart.grab().toImage()
    bar_pixels = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if _close(image.pixelColor(x, y), BAR_COLOUR)
    )
    assert bar_pixels > 100
    colours = {
        image.pixelColor(x, y).name()
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
    }
    assert len(colours) > 3
    assert "Share of Shanghai's digital revenue: about 1/6" in panel.text()


def test_bars_are_as_long_as_their_share(panel):
    image = panel.chart.grab().toImage()
    runs = []
    for y in range(image.height()):
        row = [_close(image.pixelColor(x, y), BAR_COLOUR) for x in range(image.width())]
        if any(row):
            runs.append(sum(row))
    longest = max(runs)
    half = next(s for s in panel.chart.shares if s.text == "over 1/2")
    sixth = next(s for s in panel.chart.shares if s.text == "about 1/6")
    assert half.fraction == pytest.approx(0.5) and sixth.fraction == pytest.approx(1 / 6)
    assert longest == pytest.approx(min(runs) * 3, rel=0.25)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("over 1/3", 1 / 3),
        ("about 1/6", 1 / 6),
        ("1/2", 0.5),
        ("over 1/0", None),
        ("230", None),
        (7000, None),
        ("artificial intelligence", None),
    ],
)
def test_parse_share(value, expected):
    result = parse_share(value)
    assert result == (pytest.approx(expected) if expected is not None else None)


def _close(colour: QColor, target: QColor) -> bool:
    return (
        abs(colour.red() - target.red()) < 12
        and abs(colour.green() - target.green()) < 12
        and abs(colour.blue() - target.blue()) < 12
    )
