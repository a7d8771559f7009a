"""Find a site, or any named feature, by its English or Chinese name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QToolTip, QWidget

from yangpu_gis.model.layer import Layer, LayerKind
from yangpu_gis.model.project import Project
from yangpu_gis.model.terms import display_title
from yangpu_gis.ui.fonts import ui_font
from yangpu_gis.ui.i18n import current_language
from yangpu_gis.ui.panels.model_link import connect_while_alive

NAME_COLUMNS = ("name_en", "name_zh")
MAX_SUGGESTIONS = 40


@dataclass(frozen=True)
class Entry:
    layer_id: str
    row: int
    name: str  # what the box shows once chosen
    label: str  # what the suggestion list shows
    key: str  # casefolded names to match against


def feature_entries(project: Project) -> list[Entry]:
    """Named features, sites first, then the other layers topmost first."""
    layers = sorted(reversed(project.layers), key=lambda layer: layer.kind != LayerKind.SITE)
    return [entry for layer in layers for entry in _layer_entries(layer)]


def _layer_entries(layer: Layer) -> list[Entry]:
    columns = [c for c in NAME_COLUMNS if c in layer.column_names]
    if layer.name_field and layer.name_field not in columns:
        columns.insert(0, layer.name_field)
    if not columns:
        return []
    values = [layer.column(c).tolist() for c in columns]
    entries = []
    for row, cells in enumerate(zip(*values, strict=True)):
        names = list(dict.fromkeys(str(n).strip() for n in cells if _present(n)))
        if not names:
            continue
        label = " · ".join(names) + f"  —  {display_title(layer, current_language())}"
        entries.append(Entry(layer.id, row, names[0], label, "\n".join(names).casefold()))
    return entries


def _present(value) -> bool:
    return value is not None and value == value and str(value).strip() != ""


def matching(entries: list[Entry], text: str) -> list[Entry]:
    """Entries whose names contain text, ignoring case; names starting with it first."""
    needle = text.strip().casefold()
    if not needle:
        return []
    found = [e for e in entries if needle in e.key]
    starts = [e for e in found if any(n.startswith(needle) for n in e.key.split("\n"))]
    return (starts + [e for e in found if e not in starts])[:MAX_SUGGESTIONS]


class SearchBox(QLineEdit):
    feature_chosen = Signal(str, int)  # layer id, row

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._entries: list[Entry] | None = None
        self.suggestions: list[Entry] = []
        self.setFont(ui_font())
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("Search sites (English or 中文)"))
        self._list = QStringListModel(self)
        self._completer = QCompleter(self._list, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self._completer.setWidget(self)
        self.completer_popup.setFont(ui_font())
        # The QModelIndex overload of activated (the stubs cannot index a signal).
        activated: Any = self._completer.activated
        activated[QModelIndex].connect(self._suggestion_chosen)
        self.textEdited.connect(self._update_suggestions)
        self.returnPressed.connect(self._enter)
        connect_while_alive(project.layers_changed, self._forget_entries)

    def focus_search(self) -> None:
        """Ctrl+F: the keyboard goes to the box, its text selected to type over."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    @property
    def completer_popup(self) -> QAbstractItemView:
        popup = self._completer.popup()
        assert popup is not None  # a QCompleter makes its list view when it is made
        return popup

    def entries(self) -> list[Entry]:
        if self._entries is None:
            self._entries = feature_entries(self.project)
        return self._entries

    def _forget_entries(self) -> None:
        self._entries = None

    def _update_suggestions(self, text: str) -> None:
        self.suggestions = matching(self.entries(), text)
        self._list.setStringList([e.label for e in self.suggestions])
        if self.suggestions:
            popup = self.completer_popup
            needed = popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 12
            self._completer.complete(QRect(0, 0, max(self.width(), needed), self.height()))
        else:
            self.completer_popup.hide()

    def _suggestion_chosen(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self.suggestions):
            self._choose(self.suggestions[index.row()])

    def _enter(self) -> None:
        popup = self.completer_popup
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # the completer reports the highlighted suggestion itself
        found = matching(self.entries(), self.text())
        if found:
            self._choose(found[0])
        elif self.text().strip():
            QToolTip.showText(
                self.mapToGlobal(self.rect().bottomLeft()),
                self.tr("No feature is named like “{text}”.").format(text=self.text().strip()),
                self,
            )

    def _choose(self, entry: Entry) -> None:
        self.completer_popup.hide()
        self.setText(entry.name)
        self.feature_chosen.emit(entry.layer_id, entry.row)
