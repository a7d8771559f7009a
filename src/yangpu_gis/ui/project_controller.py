"""New, open and save projects in one window; unsaved changes; the remembered session.

One window per project: opening a project swaps the content of the window's project in
place (Project.replace), so the widgets rebind and the old layers are let go. The undo
stack's clean state says whether there are unsaved changes.
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.project import Project
from yangpu_gis.ui.model_messages import joined, message_text, os_problem
from yangpu_gis.ui.panels.model_link import connect_while_alive
from yangpu_gis.ui.recent_files import RecentList

GEOMETRY_KEY, STATE_KEY = "window/geometry", "window/state"
SHOWN_WARNINGS = 5  # a project's load warnings shown in the message bar
log = logging.getLogger(__name__)


class LoadWarnings(QObject):
    """The first few of a project's (or the last session's) load warnings for the message
    bar, the rest in the log: a file of thousands of entries over a missing source has as
    many warnings, and a bar of thousands of lines shows none of them."""

    def shown(self, path, warnings: list) -> list[str]:
        shown = [message_text(w) for w in warnings[:SHOWN_WARNINGS]]
        left = len(warnings) - SHOWN_WARNINGS
        if left > 0:
            for warning in warnings:
                log.warning("opening the project %s: %s", path, message_text(warning))
            shown.append(self.tr("and %Ln more, listed in the log", "", left))
        return shown


class ProjectController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.project: Project = window.project
        self.stack = window.layer_edits.stack
        self.recent_projects = RecentList("recent/projects")
        self.recent_files = RecentList("recent/files")
        self.stack.cleanChanged.connect(self.update_title)
        connect_while_alive(self.project.events.replaced, self.update_title)

    # --- unsaved changes ----------------------------------------------------------------

    @property
    def has_unsaved_changes(self) -> bool:
        return not self.stack.isClean()

    def update_title(self, *_args) -> None:
        if not shiboken6.isValid(self.window):  # the stack empties as the window goes
            return
        name = self.project.path.name if self.project.path else self.tr("Untitled map")
        self.window.setWindowTitle(self.tr("{name}[*] — Yangpu GIS").format(name=name))
        self.window.setWindowModified(self.has_unsaved_changes)

    def changes_dealt_with(self, question: str) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True to go on."""
        if not self.has_unsaved_changes:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Unsaved changes"),
            question,
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("unsaved_changes")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setInformativeText(self.tr("Changes not saved are lost."))
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save_project()
        return answer == QMessageBox.StandardButton.Discard

    def _question(self, doing: str) -> str:
        name = self.project.path.name if self.project.path else self.tr("the untitled map")
        questions = {
            "open": self.tr("Save the changes to {name} before opening another project?"),
            "new": self.tr("Save the changes to {name} before starting a new project?"),
            "quit": self.tr("Save the changes to {name} before quitting?"),
        }
        return questions[doing].format(name=name)

    # --- projects -----------------------------------------------------------------------

    def new_project(self) -> bool:
        """The embedded map, in this window, once unsaved changes are dealt with."""
        if not self.changes_dealt_with(self._question("new")):
            return False
        self.replace_with(Project.with_embedded_map())
        return True

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open project"),
            self.window._last_dir(),
            self.window._project_filter(),
        )
        if path:
            self.open_project(path)

    def open_project(self, path: str, ask: bool = True) -> bool:
        """Open a project file in this window; any failure goes to the message bar."""
        if ask and not self.changes_dealt_with(self._question("open")):
            return False
        bar = self.window.message_bar
        try:
            project, report = Project.load(path)
        except LoadError as exc:
            bar.show_message(message_text(exc), "error", seconds=0)
            return False
        except Exception as exc:  # never out of a menu's slot: one line, the log has more
            log.exception("opening the project %s failed", path)
            bar.show_message(
                self.tr("{name}: could not be opened ({error})").format(
                    name=Path(path).name, error=exc.__class__.__name__
                ),
                "error",
                seconds=0,
            )
            return False
        self.replace_with(project)
        self.recent_projects.add(path)
        if report.warnings:
            bar.show_message(self.warnings_text(path, report.warnings), "warning", seconds=0)
        return True

    def warnings_text(self, path: str, warnings: list) -> str:
        return joined(LoadWarnings().shown(path, warnings))

    def replace_with(self, project: Project) -> None:
        window = self.window
        window.facts_panel.clear()  # it holds a hit, and so a layer, of the old project
        self.stack.clear()  # removed layers held for undo go too
        self.project.replace(project)
        self.restore_ui_state()
        window.restore_view_soon()

    def save_project(self) -> bool:
        if self.project.path is None:
            return self.save_project_as()
        return self.save_to(self.project.path)

    def save_project_as(self) -> bool:
        from yangpu_gis.model.outputs import PROJECT
        from yangpu_gis.ui.save_dialog import ask_save_path

        window = self.window
        chosen = ask_save_path(
            window,
            self.tr("Save project"),
            window._last_dir(),
            [(window._project_filter(), PROJECT)],
        )
        return chosen is not None and self.save_to(chosen[0])

    def save_to(self, path) -> bool:
        self.capture_ui_state()
        try:
            self.project.save(path)
        except OSError as exc:
            self.window.message_bar.show_message(
                self.tr("Could not save {path}: {problem}").format(
                    path=path, problem=os_problem(exc)
                ),
                "error",
            )
            return False
        self.stack.setClean()
        self.recent_projects.add(path)
        self.update_title()
        self.window.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 6000)
        return True

    def recent_missing(self, path: str) -> None:
        self.window.message_bar.show_message(
            self.tr("{name} is no longer there; it was taken off the recent list").format(
                name=Path(path).name
            ),
            "warning",
        )

    # --- the window and the session -----------------------------------------------------

    def capture_ui_state(self) -> None:
        window = self.window
        self.project.view_extent = window.canvas.viewport.extent_wgs84
        self.project.ui_state = {
            "window_state": bytes(window.saveState().toBase64()).decode("ascii"),
            "open_panels": [dock.objectName() for dock in window.docks() if dock.isVisible()],
        }

    def restore_ui_state(self) -> None:
        window = self.window
        state = self.project.ui_state or {}
        encoded = state.get("window_state")
        if isinstance(encoded, str):
            window.restoreState(QByteArray.fromBase64(encoded.encode("ascii")))
        panels = state.get("open_panels")
        if isinstance(panels, list):
            for dock in window.docks():
                dock.setVisible(dock.objectName() in panels)

    def restore_window(self) -> None:
        """Where the window was and how its docks were laid out when it last closed."""
        settings = QSettings()
        geometry, state = settings.value(GEOMETRY_KEY), settings.value(STATE_KEY)
        if isinstance(geometry, QByteArray):
            self.window.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.window.restoreState(state)

    def remember_window(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.window.saveGeometry())
        settings.setValue(STATE_KEY, self.window.saveState())

    def save_session(self) -> None:
        """Remember the whole session in the user's data folder, to reopen it next time."""
        from yangpu_gis.model.user_data import ensure_dir, session_path

        self.capture_ui_state()
        path = session_path()
        try:
            ensure_dir(path.parent)
            saved_path = self.project.path
            self.project.save(path)
            self.project.path = saved_path
        except OSError as exc:
            self.window.message_bar.show_message(
                self.tr("Could not remember this session: {problem}").format(
                    problem=os_problem(exc)
                ),
                "warning",
            )

    def may_close(self) -> bool:
        """Asked on quitting. A saved project with changes asks Save / Discard / Cancel;
        an untitled map is remembered as the session, as always, and asks nothing."""
        if self.project.path is None or not self.has_unsaved_changes:
            return True
        if not self.changes_dealt_with(self._question("quit")):
            return False
        if self.has_unsaved_changes:  # discarded: the session remembers the saved state
            clean = self.stack.cleanIndex()
            if clean >= 0:
                self.stack.setIndex(clean)
            else:
                self.window.remember_session = False
        return True
