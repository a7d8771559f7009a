"""PostGIS layers in the window, against the session's private cluster: the Database
dialog, a view's features fetched as the view moves, a connection dropped in the middle
of a fetch, a table without a spatial index, and project files."""

from __future__ import annotations

import json

import psycopg
from postgis_cluster import terminate_other_backends
from PySide6.QtWidgets import QDialog

from yangpu_gis.model.postgis.layers import is_streamed
from yangpu_gis.model.project import Project
from yangpu_gis.render.viewport import Viewport
from yangpu_gis.ui.postgis_dialog import PostgisDialog, add_postgis_layer

VIEW = (121.5292, 31.2840, 121.5355, 31.2880)


def streamed(window):
    [layer] = [lyr for lyr in window.project.layers if is_streamed(lyr)]
    return layer


def add_through_the_dialog(qtbot, window, pg_cluster, table="footprints"):
    dialog = PostgisDialog(window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.address_edit, pg_cluster.uri())
    qtbot.mouseClick(dialog.connect_button, qtbot_left())
    rows = {
        dialog.table.item(r, 0).text(): [dialog.table.item(r, c).text() for c in range(4)]
        for r in range(dialog.table.rowCount())
    }
    assert rows["footprints"] == ["footprints", "POLYGON", "EPSG:32651", "100,000"]
    assert rows["unindexed"][3] == "2,000"
    row = list(rows).index(table)
    dialog.table.selectRow(row)
    dialog.exec = lambda: QDialog.DialogCode.Accepted
    with qtbot.waitSignal(window.postgis.view_ready, timeout=20_000):
        uri = add_postgis_layer(window, dialog)
    assert uri == pg_cluster.uri(table=table)
    return streamed(window)


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def show(qtbot, window, bbox):
    vp = window.canvas.viewport
    target = Viewport.fit(_display(bbox), vp.width, vp.height, margin=0.0)
    with qtbot.waitSignal(window.postgis.view_ready, timeout=20_000):
        window.canvas.set_viewport(target)
    qtbot.waitUntil(lambda: not window.canvas.busy, timeout=20_000)


def _display(bbox):
    from yangpu_gis.model import crs

    return crs.transform_bounds(bbox, crs.WGS84, crs.DISPLAY)


def test_the_dialog_lists_tables_and_the_layer_holds_only_the_view(qtbot, window, pg_cluster):
    layer = add_through_the_dialog(qtbot, window, pg_cluster)
    assert layer.title == "footprints" and "?table=footprints" in layer.source
    show(qtbot, window, VIEW)
    in_view = streamed(window).feature_count
    assert 1_000 < in_view < 100_000
    assert streamed(window).id == layer.id  # replaced in place, same id and look
    # A 100,000-row table is not labelled unasked (its first view held none yet): its
    # names are not read for every view drawn.
    assert layer.style.label_field is None and streamed(window).style.label_field is None
    # What is shown is clickable, its attributes read for the rows shown only.
    names = streamed(window).column("name")
    assert len(names) == in_view and str(names[0]).startswith("Building ")


def test_panning_fetches_the_new_view_and_memory_stays_bounded(qtbot, window, pg_cluster):
    add_through_the_dialog(qtbot, window, pg_cluster)
    show(qtbot, window, VIEW)
    [streamer] = [s for s in window.postgis._streamers.values() if s is not None]
    streamer.max_features = 60_000
    west, south, east, north = VIEW
    width = east - west
    counts = []
    for step in range(1, 5):
        shifted = (west + step * width, south, east + step * width, north)
        show(qtbot, window, shifted)
        counts.append(streamed(window).feature_count)
        assert streamer.cached_features <= 60_000 + max(counts)
    assert all(c > 500 for c in counts[:2])  # the table's next blocks are drawn


def test_a_pan_to_a_neighbouring_view_is_drawn_from_the_tiles_fetched_ahead(
    qtbot, window, pg_cluster
):
    add_through_the_dialog(qtbot, window, pg_cluster)
    show(qtbot, window, VIEW)
    [streamer] = [s for s in window.postgis._streamers.values() if s is not None]
    # The planner pauses: the eight neighbouring views' tiles are fetched meanwhile.
    qtbot.waitUntil(lambda: not any(w.is_alive() for w in window.postgis._workers), timeout=30_000)
    fetched = streamer.fetched_tiles
    west, south, east, north = VIEW
    w, h = east - west, north - south
    for dx, dy in [(1, 0), (0, 1), (-1, 0), (-1, 0), (0, -1)]:
        west, east, south, north = west + dx * w, east + dx * w, south + dy * h, north + dy * h
        vp = window.canvas.viewport
        target = Viewport.fit(_display((west, south, east, north)), vp.width, vp.height, margin=0)
        # Shown at once, while the view is set: no wait for the server.
        with qtbot.waitSignal(window.postgis.view_ready, timeout=1_000):
            window.canvas.set_viewport(target)
        assert streamer.fetched_tiles == fetched
        # The layer holds what meets the view (and a margin), not the whole tiles.
        x0, y0, x1, y1 = streamed(window).display.total_bounds_wgs84
        sx0, sy0, sx1, sy1 = window.canvas.viewport.extent_wgs84
        sw, sh = sx1 - sx0, sy1 - sy0
        assert sx0 - 0.1 * sw < x0 < sx0 + 0.1 * sw and sx1 - 0.1 * sw < x1 < sx1 + 0.1 * sw
        assert sy0 - 0.1 * sh < y0 < sy0 + 0.1 * sh and sy1 - 0.1 * sh < y1 < sy1 + 0.1 * sh
        assert streamed(window).feature_count > 1_000
        qtbot.waitUntil(lambda: not window.canvas.busy, timeout=20_000)


def test_a_connection_dropped_mid_fetch_keeps_the_last_image_and_retries(qtbot, window, pg_cluster):
    add_through_the_dialog(qtbot, window, pg_cluster)
    show(qtbot, window, VIEW)
    before = streamed(window).feature_count
    west, south, east, north = VIEW
    # North, beyond the neighbouring views fetched ahead (they are drawn from memory)
    # and still on the table.
    step = 3.5 * (north - south)
    shifted = (west, south + step, east, north + step)
    with psycopg.connect(pg_cluster.conninfo()) as locker:
        # The next fetch waits on this lock: the link is cut while it is running.
        locker.execute("LOCK TABLE footprints IN ACCESS EXCLUSIVE MODE")
        vp = window.canvas.viewport
        window.canvas.set_viewport(Viewport.fit(_display(shifted), vp.width, vp.height, margin=0))

        def waiting() -> bool:
            with psycopg.connect(pg_cluster.conninfo(), autocommit=True) as probe:
                return bool(
                    probe.execute(
                        "SELECT 1 FROM pg_stat_activity WHERE application_name = 'yangpu-gis' "
                        "AND wait_event_type = 'Lock'"
                    ).fetchone()
                )

        qtbot.waitUntil(waiting, timeout=10_000)
        with psycopg.connect(pg_cluster.conninfo(), autocommit=True) as killer:
            killer.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'yangpu-gis'"
            )
        qtbot.waitUntil(lambda: "connection was lost" in window.message_bar.text, timeout=10_000)
        assert "tries again" in window.message_bar.text
        assert streamed(window).feature_count == before  # the last view stays
        locker.rollback()
    qtbot.waitUntil(lambda: "database is back" in window.message_bar.text, timeout=15_000)
    # Retried on a new connection: the layer now holds the view it was asked for.
    qtbot.waitUntil(
        lambda: streamed(window).display.total_bounds_wgs84[3] > north + 0.5 * step,
        timeout=10_000,
    )


def test_a_table_without_a_spatial_index_is_warned_about_on_opening(qtbot, window, pg_cluster):
    layer = add_through_the_dialog(qtbot, window, pg_cluster, table="unindexed")
    qtbot.waitUntil(lambda: "no spatial (GiST) index" in window.message_bar.text, timeout=5_000)
    assert layer.style.label_field == "name"  # 2,000 rows: labelled by its name field


def test_project_files_keep_the_address_but_never_the_password(tmp_path, pg_cluster):
    from yangpu_gis.model.postgis.layers import open_for_app

    uri = pg_cluster.uri(table="footprints").replace("@", ":s3cret@", 1)
    project = Project.with_embedded_map()
    project.add_layer(open_for_app(uri))
    path = tmp_path / "plan.ygis.json"
    project.save(path)
    text = path.read_text(encoding="utf-8")
    assert "s3cret" not in text
    sources = [entry["source"] for entry in json.loads(text)["layers"]]
    assert pg_cluster.uri(table="footprints") in sources
    reopened, report = Project.load(path)
    assert report.warnings == []
    [layer] = [lyr for lyr in reopened.layers if is_streamed(lyr)]
    assert layer.source == pg_cluster.uri(table="footprints")
    assert terminate_other_backends(pg_cluster) >= 0


def test_a_click_asks_the_server_for_the_feature_there(qtbot, window, pg_cluster):
    from PySide6.QtCore import QPointF

    from yangpu_gis.model import crs

    add_through_the_dialog(qtbot, window, pg_cluster)
    show(qtbot, window, VIEW)
    with psycopg.connect(pg_cluster.conninfo()) as conn:
        lon, lat, name = conn.execute(
            "SELECT ST_X(p), ST_Y(p), name FROM (SELECT name, ST_Transform("
            "ST_PointOnSurface(geom), 4326) p FROM footprints WHERE geom && ST_Transform("
            "ST_MakeEnvelope(%s, %s, %s, %s, 4326), 32651) ORDER BY id LIMIT 1 OFFSET 500) s",
            VIEW,
        ).fetchone()
    x, y = crs.transform_xy(lon, lat)
    px, py = window.canvas.viewport.map_to_pixel(float(x), float(y))
    hits = [h for h in window.canvas.hits_at(QPointF(px, py)) if h.layer.title == "footprints"]
    # The building there, and neighbours within the click's few pixels (as for a file).
    names = [h.name for h in hits]
    assert name in names and len(names) <= 9
    assert hits[names.index(name)].properties["name"] == name
    # From the server: a click where the view holds nothing finds nothing.
    px, py = window.canvas.viewport.map_to_pixel(*(float(v) for v in crs.transform_xy(121.0, 31.0)))
    assert [
        h for h in window.canvas.hits_at(QPointF(px, py)) if h.layer.title == "footprints"
    ] == []
