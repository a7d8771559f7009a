"""model.selecting: which rows meet a shape, how a new pick combines with the selection,
and the selection's geodesic area."""

import geopandas as gpd
import shapely
from pyproj import Geod

from yangpu_gis.model import crs
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import Project, Selection
from yangpu_gis.model.selecting import Mode, combine, rows_meeting, summary, target_layer


def squares() -> Layer:
    boxes = [shapely.box(121.50 + i * 0.01, 31.28, 121.505 + i * 0.01, 31.285) for i in range(4)]
    frame = gpd.GeoDataFrame({"n": range(4)}, geometry=boxes, crs="EPSG:4326")
    return Layer(id="sq", title="Squares", data=frame)


def test_rows_meeting_a_display_shape():
    layer = squares()
    x0, y0 = crs.transform_xy(121.503, 31.282)
    x1, y1 = crs.transform_xy(121.522, 31.283)
    rows = rows_meeting(layer, shapely.box(float(x0), float(y0), float(x1), float(y1)))
    assert rows.tolist() == [0, 1, 2]


def test_combine_replaces_adds_and_toggles():
    current = Selection("sq", (0, 1))
    assert combine(current, "sq", [2], Mode.REPLACE) == Selection("sq", (2,))
    assert combine(current, "sq", [2, 1], Mode.ADD) == Selection("sq", (0, 1, 2))
    assert combine(current, "sq", [1, 3], Mode.TOGGLE) == Selection("sq", (0, 3))
    assert combine(Selection("sq", (1,)), "sq", [1], Mode.TOGGLE) is None
    # Another layer's pick starts a new selection, whatever the mode.
    assert combine(current, "other", [5], Mode.ADD) == Selection("other", (5,))


def test_summary_is_geodesic():
    layer = squares()
    geod = Geod(ellps="WGS84")
    expected = sum(abs(geod.geometry_area_perimeter(layer.geometry(r))[0]) for r in (0, 3))
    figures = summary(layer, [0, 3])
    assert figures.count == 2 and figures.has_area
    assert abs(figures.area_m2 - expected) < 1e-6 * expected


def test_target_layer_prefers_the_chosen_then_the_opened_file():
    project = Project.with_embedded_map()
    layer = project.add_layer(squares())
    assert target_layer(project).id == "sq"
    assert target_layer(project, "districts").id == "districts"
    project.update_layer(layer.id, visible=False)
    assert target_layer(project, "sq").id != "sq"  # a hidden layer is not selected from
