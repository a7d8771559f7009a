"""The facts dock: what was clicked, with its sourced facts and measured figures."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from yangpu_gis.model.fact_sheet import fact_sheet, feature_title
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.language import ENGLISH
from yangpu_gis.model.layer import LayerKind
from yangpu_gis.model.project import Project
from yangpu_gis.model.terms import display_title
from yangpu_gis.model.translatable import QT_TRANSLATE_NOOP
from yangpu_gis.ui.fonts import css_font_families, ui_font
from yangpu_gis.ui.i18n import current_language
from yangpu_gis.ui.panels.fact_sheet import sheet_words, to_html, to_tsv
from yangpu_gis.ui.panels.legend_swatch import category_icon, layer_icon
from yangpu_gis.ui.panels.model_link import connect_while_alive

EMPTY_TEXT = QT_TRANSLATE_NOOP("FactsPanel", "Click a feature on the map to see its facts.")
CHOOSER_BATCH = 50  # hits listed at once, as QGIS's identify limit; "and N more" adds more


def _names(hits: list[Hit]) -> list[str]:
    """The hits' names, read per layer in one go (a layer read from a file reads rows)."""
    names: dict[int, str] = {}
    by_layer: dict[int, list[int]] = {}
    for position, hit in enumerate(hits):
        by_layer.setdefault(id(hit.layer), []).append(position)
    for positions in by_layer.values():
        layer = hits[positions[0]].layer
        for position, name in zip(
            positions, layer.feature_names([hits[p].row for p in positions]), strict=True
        ):
            names[position] = name
    return [names[p] for p in range(len(hits))]


class FactsPanel(QWidget):
    emptied = Signal(bool)  # True when it shows nothing, False when it shows a feature
    zoom_to_requested = Signal(object)  # the Hit
    add_note_requested = Signal(object)  # the Hit of a site
    note_command = Signal(str, int)  # "resolve" | "reopen" | "edit" | "delete", note id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.current_hit: Hit | None = None
        self._more_item: QListWidgetItem | None = None
        self._project: Project | None = None
        self.setFont(ui_font())

        self.empty_label = QLabel(self.tr(EMPTY_TEXT))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #777777; padding: 16px;")

        # Several features under a click: a short list, topmost first, above the facts of
        # the one chosen (the topmost to begin with), as a desktop GIS's identify results.
        self.chooser_label = QLabel()
        self.chooser_label.setWordWrap(True)
        self.chooser = QListWidget()
        self.chooser.setFont(ui_font())
        self.chooser.setSpacing(1)
        self.chooser.setMaximumHeight(120)

        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the facts as tab-separated text"))
        self.zoom_button = QToolButton()
        self.zoom_button.setText(self.tr("Zoom to"))
        self.zoom_button.setToolTip(self.tr("Zoom the map to this feature"))
        # Review-note actions: adding one on a site, or acting on a note shown here.
        # callable(Hit) -> HTML, set by whoever keeps the notes
        self.site_notes_html: Callable[[Hit], str] | None = None
        # callable(site id) -> the site's name, for a note on a site
        self.site_title: Callable[[str], str | None] | None = None
        self.add_note_button = QToolButton()
        self.add_note_button.setText(self.tr("Add note…"))
        self.add_note_button.setToolTip(self.tr("Write a review note on this site"))
        self.note_buttons = {}
        for command, text, tip in (
            ("resolve", self.tr("Mark resolved"), self.tr("Mark this note as dealt with")),
            ("reopen", self.tr("Reopen"), self.tr("Mark this note as open again")),
            (
                "edit",
                self.tr("Edit…"),
                self.tr("Change this note's text, author, status or category"),
            ),
            ("delete", self.tr("Delete"), self.tr("Delete this note (asks first)")),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, c=command: self._note_command(c))
            button.hide()  # shown for a note (_show_note_buttons)
            self.note_buttons[command] = button
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.document().setDefaultFont(ui_font())
        self.browser.document().setDocumentMargin(8)
        self.browser.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        details_page = QWidget()
        # Two short rows rather than one long one: the dock may be narrow.
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.add_note_button)
        bar.addStretch(1)
        bar.addWidget(self.zoom_button)
        bar.addWidget(self.copy_button)
        note_bar = QHBoxLayout()
        note_bar.setContentsMargins(0, 0, 0, 0)
        for button in self.note_buttons.values():
            note_bar.addWidget(button)
        note_bar.addStretch(1)
        details_column = QVBoxLayout(details_page)
        details_column.setContentsMargins(0, 0, 0, 0)
        details_column.setSpacing(2)
        details_column.addWidget(self.chooser_label)
        details_column.addWidget(self.chooser)
        details_column.addLayout(bar)
        details_column.addLayout(note_bar)
        details_column.addWidget(self.browser, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(details_page)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.stack)

        self.chooser.currentItemChanged.connect(self._chosen)
        self.copy_button.clicked.connect(self.copy_facts)
        self.add_note_button.clicked.connect(
            lambda: self.current_hit is not None and self.add_note_requested.emit(self.current_hit)
        )
        self.zoom_button.clicked.connect(self._zoom)
        self.clear()

    # --- public -------------------------------------------------------------------------

    def show_hits(self, hits: list[Hit]) -> None:
        """One hit: its facts. Several: a list to choose from, in the order given, above
        the facts of the first."""
        self.hits = list(hits)
        if not self.hits:
            self.clear()
            return
        self._fill_chooser()
        self.show_hit(self.hits[0])

    def _sheet(self, hit: Hit):
        return fact_sheet(hit, current_language(), words=sheet_words, site_title=self.site_title)

    def show_hit(self, hit: Hit) -> None:
        if hit not in self.hits:
            self.hits = [hit]
            self._fill_chooser()
        self.current_hit = hit
        html = to_html(self._sheet(hit), css_font_families())
        if hit.layer.kind == LayerKind.SITE and self.site_notes_html is not None:
            html = html.replace("</body>", self.site_notes_html(hit) + "</body>")
        self.browser.setHtml(html)
        self._show_note_buttons(hit)
        index = self.hits.index(hit)
        while self._more_item is not None and index >= self.chooser.count() - 1:
            self.show_more()  # the hit chosen elsewhere lies beyond the rows listed
        if self.chooser.currentRow() != index and self.chooser.count():
            self.chooser.blockSignals(True)
            self.chooser.setCurrentRow(index)
            self.chooser.blockSignals(False)
        self.stack.setCurrentIndex(1)
        self.emptied.emit(False)

    def clear(self) -> None:
        self.hits = []
        self.current_hit = None
        self._more_item = None
        self.chooser.clear()
        self.browser.clear()
        self.stack.setCurrentIndex(0)
        self.emptied.emit(True)

    @property
    def empty(self) -> bool:
        return self.current_hit is None

    def facts_text(self) -> str:
        """The shown feature's facts as tab-separated text; empty when nothing is shown."""
        if self.current_hit is None:
            return ""
        return to_tsv(self._sheet(self.current_hit))

    def copy_facts(self) -> None:
        text = self.facts_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    # --- internal -----------------------------------------------------------------------

    def _fill_chooser(self) -> None:
        several = len(self.hits) > 1
        self.chooser_label.setVisible(several)
        self.chooser.setVisible(several)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser_label.setText(self.tr("%n features here, topmost first:", "", len(self.hits)))
        self._more_item = None
        if several:
            self._add_chooser_rows(0)
        self.chooser.setCurrentRow(0)
        self.chooser.blockSignals(False)

    def _add_chooser_rows(self, start: int) -> None:
        """The next CHOOSER_BATCH hits, then a line "and N more" that adds the next batch
        when chosen: a click on a dense layer can hit thousands, and each name is read."""
        if self._more_item is not None:
            self.chooser.takeItem(self.chooser.row(self._more_item))
            self._more_item = None
        shown = self.hits[start : start + CHOOSER_BATCH]
        language = current_language()
        for index, (hit, name) in enumerate(zip(shown, _names(shown), strict=True), start):
            if language != ENGLISH and hit.layer.kind != LayerKind.USER:
                name = feature_title(hit, language)  # an embedded feature's Chinese name
            item = QListWidgetItem(
                self.tr("{name} — {layer}").format(
                    name=name, layer=display_title(hit.layer, language)
                )
            )
            item.setIcon(self._hit_icon(hit))
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.chooser.addItem(item)
        rest = len(self.hits) - start - len(shown)
        if rest > 0:
            self._more_item = QListWidgetItem(self.tr("and %n more…", "", rest))
            self._more_item.setData(Qt.ItemDataRole.UserRole, -(start + len(shown)) - 1)
            self._more_item.setToolTip(self.tr("Show the next ones; zooming in narrows the click"))
            font = self._more_item.font()
            font.setItalic(True)
            self._more_item.setFont(font)
            self.chooser.addItem(self._more_item)

    def more_text(self) -> str:
        """The "and N more" line of the chooser, empty when every hit is listed."""
        return self._more_item.text() if self._more_item is not None else ""

    def show_more(self) -> None:
        """List the next batch of hits; the feature shown stays chosen."""
        if self._more_item is None:
            return
        start = -int(self._more_item.data(Qt.ItemDataRole.UserRole)) - 1
        self.chooser.blockSignals(True)
        self._add_chooser_rows(start)
        current = self.hits.index(self.current_hit) if self.current_hit in self.hits else 0
        self.chooser.setCurrentRow(current)
        self.chooser.blockSignals(False)

    def _hit_icon(self, hit: Hit):
        style = hit.layer.style
        if style.category_field is not None:
            value = hit.layer.value(hit.row, style.category_field)
            colour = style.fill_for(value)
            return category_icon(hit.layer, colour) if colour else layer_icon(hit.layer)
        return layer_icon(hit.layer)

    def _chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        if item is self._more_item:
            self.show_more()
            return
        self.show_hit(self.hits[item.data(Qt.ItemDataRole.UserRole)])

    def _show_note_buttons(self, hit: Hit) -> None:
        is_note = hit.layer.kind == LayerKind.NOTES
        status = hit.properties.get("status") if is_note else None
        self.note_buttons["resolve"].setVisible(is_note and status == "open")
        self.note_buttons["reopen"].setVisible(is_note and status == "resolved")
        self.note_buttons["edit"].setVisible(is_note)
        self.note_buttons["delete"].setVisible(is_note)
        self.add_note_button.setVisible(
            hit.layer.kind == LayerKind.SITE and self.site_notes_html is not None
        )

    def _note_command(self, command: str) -> None:
        hit = self.current_hit
        if hit is not None and hit.layer.kind == LayerKind.NOTES:
            self.note_command.emit(command, int(hit.properties["id"]))

    def watch_layers(self, project) -> None:
        """Forget hits of layers taken off `project`, so a removed layer's data can go."""
        link = self._prune_soon
        connect_while_alive(project.layers_changed, link)
        connect_while_alive(project.events.replaced, link)
        self._project = project

    def _prune_soon(self, *_args) -> None:
        # Later, not now: whoever replaced a layer (the notes layer rebuilt from its store)
        # moves the shown hit onto the new layer first (MainWindow._notes_changed).
        QTimer.singleShot(0, self, self._prune)

    def _prune(self) -> None:
        if self._project is None:
            return
        alive = {id(layer) for layer in self._project.layers}
        if all(id(hit.layer) in alive for hit in self.hits):
            return
        kept = [hit for hit in self.hits if id(hit.layer) in alive]
        current = self.current_hit
        if not kept:
            self.clear()
        elif current in kept:
            self.hits = kept
            self._fill_chooser()
            self.show_hit(current)
        else:
            self.show_hits(kept)

    def refresh(self) -> None:
        """Show the current feature again, e.g. after its notes changed."""
        if self.current_hit is not None:
            self.show_hit(self.current_hit)

    def _zoom(self) -> None:
        if self.current_hit is not None:
            self.zoom_to_requested.emit(self.current_hit)
