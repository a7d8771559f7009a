"""Database > Add PostGIS layer: an address, the database's geometry tables with their
counts and CRS, and the table to add. Passwords are asked for here when ~/.pgpass has
none, and kept in memory for the session only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

LAST_ADDRESS_KEY = "postgis/last_address"

if TYPE_CHECKING:  # the dialog imports the catalogue only when it connects
    from yangpu_gis.model.postgis.catalog import TableEntry


class PostgisDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, address: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add PostGIS layer"))
        self.entries: list[TableEntry] = []
        self.address_edit = QLineEdit(address or str(QSettings().value(LAST_ADDRESS_KEY, "") or ""))
        self.address_edit.setPlaceholderText(self.tr("postgresql://user@host:5432/database"))
        self.connect_button = QPushButton(self.tr("&Connect"))
        self.connect_button.clicked.connect(self.list_tables)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Database:")))
        row.addWidget(self.address_edit, 1)
        row.addWidget(self.connect_button)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Table"), self.tr("Geometry"), self.tr("CRS"), self.tr("Features")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda *_: self.accept())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Add layer"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.table, 1)
        column.addWidget(self.status)
        column.addWidget(self.buttons)
        self.resize(640, 380)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.selected_uri() is not None)

    def list_tables(self) -> bool:
        """Connect and list the geometry tables; False (and a line why) when it failed."""
        from yangpu_gis.model.load_errors import LoadError
        from yangpu_gis.model.postgis import passwords
        from yangpu_gis.model.postgis.catalog import PasswordRequired, list_tables
        from yangpu_gis.model.postgis.source import PgSource, split_uri
        from yangpu_gis.ui.model_messages import message_text

        text = self.address_edit.text().strip()
        self.table.setRowCount(0)
        self.entries = []
        try:
            connection_uri, password, _table = split_uri(text)
            source = passwords.with_known_password(PgSource(connection_uri, "public", "", password))
            try:
                entries = list_tables(connection_uri, password=source.password)
            except PasswordRequired:
                password, ok = QInputDialog.getText(
                    self,
                    self.tr("Database password"),
                    self.tr("Password for {database}:").format(database=connection_uri),
                    QLineEdit.EchoMode.Password,
                )
                if not ok:
                    self.status.setText(self.tr("No password given."))
                    return False
                entries = list_tables(connection_uri, password=password)
                passwords.remember(connection_uri, password)
        except LoadError as exc:
            self.status.setText(message_text(exc))
            self._update_buttons()
            return False
        QSettings().setValue(LAST_ADDRESS_KEY, connection_uri)
        self._connection_uri = connection_uri
        self.entries = entries
        self.table.setRowCount(len(entries))
        for i, entry in enumerate(entries):
            cells = (entry.label, entry.geometry_type, f"EPSG:{entry.srid}", f"{entry.count:,}")
            for j, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if j == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        if entries:
            self.table.selectRow(0)
            self.status.setText(self.tr("{count} geometry tables.").format(count=len(entries)))
        else:
            self.status.setText(self.tr("The database has no geometry tables."))
        self._update_buttons()
        return True

    def selected_uri(self) -> str | None:
        """The chosen table's address (no password in it)."""
        from yangpu_gis.model.postgis.source import with_table

        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or not self.entries:
            return None
        return with_table(self._connection_uri, self.entries[rows[0].row()].label)


def install_postgis(window):
    """The Database menu and the layers' view streaming, for the main window."""
    from PySide6.QtGui import QAction

    from yangpu_gis.ui.postgis_stream import PostgisStreams

    streams = PostgisStreams(window)
    streams.problem.connect(lambda text: window.message_bar.show_message(text, "warning"))
    menu_bar = window.menuBar()
    menu = menu_bar.addMenu(QCoreApplication.translate("PostgisMenu", "&Database"))
    actions = [a for a in menu_bar.actions() if a is not menu.menuAction()]
    if actions:  # before Help, the last menu
        menu_bar.insertMenu(actions[-1], menu)
    add = QAction(QCoreApplication.translate("PostgisMenu", "Add &PostGIS layer…"), window)
    add.triggered.connect(lambda: add_postgis_layer(window))
    menu.addAction(add)
    shared = QAction(QCoreApplication.translate("PostgisMenu", "Shared review &notes…"), window)
    shared.triggered.connect(lambda: choose_shared_notes(window))
    menu.addAction(shared)
    window.add_postgis_action = add
    window.shared_notes_action = shared
    return streams


def add_postgis_layer(window, dialog: PostgisDialog | None = None) -> str | None:
    dialog = dialog or PostgisDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    uri = dialog.selected_uri()
    if uri:
        window.open_files([uri])
    return uri


def choose_shared_notes(window) -> None:
    """The address of the team's notes table (empty: the notes on this computer)."""
    from yangpu_gis.ui.notes_controller import NOTES_URL_SETTING

    current = QSettings().value(NOTES_URL_SETTING, "") or ""
    text, ok = QInputDialog.getText(
        window,
        QCoreApplication.translate("PostgisMenu", "Shared review notes"),
        QCoreApplication.translate(
            "PostgisMenu", "Address of the team's notes table, e.g. {example}"
        ).format(example="postgresql://user@host/db?table=review_notes")
        + "\n"
        + QCoreApplication.translate(
            "PostgisMenu", "(leave it empty for the notes on this computer)"
        ),
        QLineEdit.EchoMode.Normal,
        str(current),
    )
    if not ok:
        return
    from yangpu_gis.model.postgis.source import redacted

    QSettings().setValue(NOTES_URL_SETTING, redacted(text.strip()) if text.strip() else "")
    window.notes.reopen_store()
