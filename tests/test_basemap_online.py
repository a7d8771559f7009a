"""Online basemaps against a real tile server on 127.0.0.1: headers, the disk cache, and
what the planner is told when the server is slow, failing or not there."""

from __future__ import annotations

import socket

import pytest
from basemap_fixtures import TileServer, png_tile
from PySide6.QtGui import QColor, QImage

from yangpu_gis.cli import main
from yangpu_gis.model.basemap import http_source
from yangpu_gis.model.basemap.http_source import tile_url
from yangpu_gis.model.basemap.spec import BasemapSpec, parse_spec
from yangpu_gis.render.tile_store import forget_store


@pytest.fixture
def server():
    srv = TileServer(lambda z, x, y: png_tile("#123456"))
    yield srv
    forget_store(parse_spec(srv.template))
    srv.close()


def test_tiles_are_fetched_with_the_apps_headers_then_served_from_the_disk_cache(
    qapp, tmp_path, server, monkeypatch
):
    out = tmp_path / "map.png"
    # Out at sea: no layer of the map over the tiles.
    args = ["render", str(out), "--basemap", server.template, "--size", "640x400"]
    args += ["--bbox", "122.30,31.00,122.34,31.02"]
    assert main(args) == 0
    first = server.count
    assert first >= 4
    _path, headers = server.requests[0]
    assert headers["User-Agent"].startswith("YangpuGIS/")
    assert "python-urllib" not in headers["User-Agent"].lower()
    assert headers["Referer"].startswith("https://")
    assert QColor(QImage(str(out)).pixel(320, 20)) == QColor("#123456")
    cached = list((tmp_path / "usercache" / "tiles").rglob("*.tile"))
    assert len(cached) == first
    # A new process (no tiles in memory) takes them from the disk cache: no request.
    forget_store(parse_spec(server.template))
    assert main([*args, "--force"]) == 0
    assert server.count == first


def test_a_failing_server_is_reported_and_the_map_still_written(qapp, tmp_path, server, capsys):
    server.mode = "error"
    out = tmp_path / "map.png"
    assert main(["render", str(out), "--basemap", server.template, "--size", "320x200"]) == 0
    assert out.exists()
    err = capsys.readouterr().err
    assert "500" in err and "basemap" in err


def test_a_slow_server_times_out_with_a_clear_message(qapp, tmp_path, server, capsys, monkeypatch):
    monkeypatch.setattr(http_source, "TIMEOUT_S", 0.3)
    server.mode, server.delay = "slow", 1.5
    out = tmp_path / "map.png"
    assert main(["render", str(out), "--basemap", server.template, "--size", "320x200"]) == 0
    assert "did not answer within 0.3 s" in capsys.readouterr().err


def test_a_server_that_is_not_there_is_reported_as_refusing(qapp, tmp_path, capsys):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    template = f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"
    out = tmp_path / "map.png"
    assert main(["render", str(out), "--basemap", template, "--size", "320x200"]) == 0
    assert "refused" in capsys.readouterr().err
    forget_store(parse_spec(template))


def test_missing_tiles_are_no_error(qapp, tmp_path, server, capsys):
    server.mode = "missing"
    out = tmp_path / "map.png"
    assert main(["render", str(out), "--basemap", server.template, "--size", "320x200"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_urls_of_each_kind():
    spec = parse_spec(
        "https://t0.example.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile"
        "&LAYER=vec&TILEMATRIXSET=w&FORMAT=tiles&TileMatrix=&tk=KEY"
    )
    assert spec.kind == "wmts"
    url = tile_url(spec, 14, 13722, 6692)
    assert "TileMatrix=14" in url and "TILEROW=6692" in url and "TILECOL=13722" in url
    assert "tk=KEY" in url
    assert tile_url(BasemapSpec("osm"), 3, 1, 2) == "https://tile.openstreetmap.org/3/1/2.png"
    tms = parse_spec("http://h/{z}/{x}/{-y}.png")
    assert tile_url(tms, 3, 1, 2) == "http://h/3/1/5.png"


def test_the_disk_cache_is_bounded_oldest_tiles_first(tmp_path):
    import os

    from yangpu_gis.model.basemap.http_source import prune_cache

    root = tmp_path / "tiles"
    for i in range(20):
        path = root / "src" / "14" / str(i) / "1.tile"
        path.parent.mkdir(parents=True)
        path.write_bytes(b"x" * 1000)
        os.utime(path, (1_000_000 + i, 1_000_000 + i))  # tile i is the i-th oldest
    removed = prune_cache(root, max_bytes=10_000)
    left = sorted(int(p.parent.name) for p in root.rglob("*.tile"))
    assert removed == 12 and left == list(range(12, 20))  # down to 80% of the bound
    assert prune_cache(root, max_bytes=10_000) == 0
