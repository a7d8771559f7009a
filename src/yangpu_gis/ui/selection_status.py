"""The status bar's selection figures: how many features are selected and their area.

The area is geodesic (model.geodesy, through model.selecting.summary), summed over the
selected polygons; points and lines show their count only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from yangpu_gis.model import selecting
from yangpu_gis.model.project import Project, Selection
from yangpu_gis.model.terms import display_title
from yangpu_gis.ui.i18n import current_language
from yangpu_gis.ui.map_tools import format_area
from yangpu_gis.ui.panels.model_link import connect_while_alive

# Summing geodesic areas costs ~20 µs a polygon, on the UI thread: beyond this many the
# status bar gives the count alone rather than freeze the window.
MAX_SUMMED = 50_000


class SelectionStatus(QLabel):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setObjectName("selection_status")
        connect_while_alive(project.selection_changed, self.show_selection)
        self.show_selection(project.selection)

    def show_selection(self, selection: Selection | None) -> None:
        if (
            selection is None
            or not selection.rows
            or not self.project.has_layer(selection.layer_id)
        ):
            self.setText("")
            self.setToolTip("")
            self.hide()
            return
        layer = self.project.layer(selection.layer_id)
        if len(selection.rows) > MAX_SUMMED:
            self.setText(
                self.tr("{count} · area not summed (over {limit} features)").format(
                    count=self.tr("%n feature(s) selected", "", len(selection.rows)),
                    limit=f"{MAX_SUMMED:,}",
                )
            )
            self.setToolTip("")
            self.show()
            return
        figures = selecting.summary(layer, selection.rows)
        text = self.tr("%n feature(s) selected", "", figures.count)
        if figures.has_area:
            text = self.tr("{count} · {area}").format(
                count=text, area=format_area(figures.area_m2, current_language())
            )
        self.setText(text)
        self.setToolTip(
            self.tr("Selected in {layer}; the area is measured on the WGS84 ellipsoid").format(
                layer=display_title(layer, current_language())
            )
        )
        self.show()
