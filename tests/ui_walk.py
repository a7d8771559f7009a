"""Every text a planner can read in a widget tree: titles, labels, buttons, menus, actions,
tooltips, placeholders, combo items, tree and list items, table headers, rich text."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_:'’-]*")
# Names and format words that stay as they are in a Chinese interface (QGIS zh_CN keeps
# them too), and what the planner's data or the app's units write in Latin letters.
ALLOWED_WORDS = {
    # Key names on the keyboard itself, as shortcuts show them (QGIS zh_CN keeps them).
    "Ctrl",
    "Shift",
    "Alt",
    "Esc",
    "GIS",
    "PostGIS",
    "PNG",
    "PDF",
    "EPSG",
    "HTML",
    "CSV",
    "GeoJSON",
    "json",
    "geojson",
    "Shapefile",
    "GeoPackage",
    "KML",
    "XYZ",
    "WMTS",
    "MBTiles",
    "PMTiles",
    "OpenStreetMap",
    "Jenks",  # natural breaks (Jenks), as QGIS zh_CN names the scheme
    "WGS",
    "GCJ",
    "px",
    "dpi",
    "A",
    "URL",
    "Excel",
    "https",
    "png",
    "pdf",
    "csv",
    "html",
    "shp",
    "zip",
    "gpkg",
    "kml",
    "kmz",
    "fgb",
    "parquet",
    "xlsx",
    "ygis",
    "mbtiles",
    "pmtiles",
    "z",
    "x",
    "y",
    "ha",
    "m",
    "km",
    "English",
    "KVP",
    "GetTile",
    "SHINE",
    "OSM",
    "Wikipedia",
    "Amap",
    "cnmaps",
    "data",
    "ODbL",
    "CC",
    "BY-SA",
    "SA",
    "Yang",
    "Jian",
    "Digital",
    "economy",
    "surge",
    "propels",
    "Yangpu's",
    "global",
    "innovation",
    "hub",
    "ambitions",
    "August",
    "Aug",
    "CGCS",
    "UTM",
    "PyPI",
    "N",
    "GK",
    "CM",
    "E",
    "bd",
    "gcj",
}


def plain(text: str) -> str:
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for everything readable in root and its children."""
    found: list[tuple[str, str]] = []

    def add(where: str, text) -> None:
        if text:
            found.append((where, plain(str(text))))

    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}({widget.objectName()})"
        if widget.isWindow() or isinstance(widget, QDockWidget):
            add(f"{name}.windowTitle", widget.windowTitle())
        add(f"{name}.toolTip", widget.toolTip())
        add(f"{name}.statusTip", widget.statusTip())
        if isinstance(widget, QLabel):
            add(f"{name}.text", widget.text())
        if isinstance(widget, QAbstractButton):
            add(f"{name}.text", widget.text())
        if isinstance(widget, QLineEdit):
            add(f"{name}.placeholder", widget.placeholderText())
        if isinstance(widget, QTextEdit):
            add(f"{name}.text", widget.toPlainText())
        if isinstance(widget, QGroupBox):
            add(f"{name}.title", widget.title())
        if isinstance(widget, QMenu):
            add(f"{name}.title", widget.title())
        if isinstance(widget, QAbstractSpinBox):
            add(f"{name}.suffix", getattr(widget, "suffix", lambda: "")())
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(f"{name}.item{i}", widget.itemText(i))
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(f"{name}.tab{i}", widget.tabText(i))
        if isinstance(widget, QTreeWidget):
            stack = [widget.topLevelItem(i) for i in range(widget.topLevelItemCount())]
            while stack:
                item = stack.pop()
                add(f"{name}.item", item.text(0))
                add(f"{name}.itemTip", item.toolTip(0))
                stack += [item.child(i) for i in range(item.childCount())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model's column count is private: one column
                columns = 1
            for column in range(columns):
                add(f"{name}.header{column}", model.headerData(column, Qt.Horizontal))
            if columns == 1:  # a list: its rows are what it says
                for row in range(min(model.rowCount(QModelIndex()), 50)):
                    add(f"{name}.row{row}", model.index(row, 0).data())
    for action in root.findChildren(QAction):
        name = f"QAction({action.objectName() or action.text()})"
        add(f"{name}.text", action.text())
        add(f"{name}.toolTip", action.toolTip())
        add(f"{name}.statusTip", action.statusTip())
    return found


def english_left(found, allowed_names=()) -> list[tuple[str, str]]:
    """Texts with English words left once the allowed names (the data's own: feature
    names, field names, sources' titles) are taken out; format words, units, mnemonic
    letters and identifiers (with digits, "_" or ":") are not words to translate."""
    left = []
    names = sorted(allowed_names, key=len, reverse=True)
    for where, text in found:
        rest = text
        for name in names:
            rest = rest.replace(name, "")
        rest = re.sub(r"\S*[/\\]\S*", "", rest)  # paths and addresses are the user's
        words = [
            w
            for w in WORD.findall(rest)
            if len(w) > 1 and w not in ALLOWED_WORDS and not re.search(r"[\d_:]", w)
        ]
        if words:
            left.append((where, f"{text} [words: {' '.join(words)}]"))
    return left


def chinese_in(found, allowed_chinese) -> list[tuple[str, str]]:
    """Texts with Chinese characters other than those of the allowed names."""
    left = []
    for where, text in found:
        rest = text
        for name in sorted(allowed_chinese, key=len, reverse=True):
            rest = rest.replace(name, "")
        if CJK.search(rest):
            left.append((where, f"{text} [Chinese: {''.join(CJK.findall(rest))}]"))
    return left
