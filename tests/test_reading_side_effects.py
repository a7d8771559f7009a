"""Reading a file has no side effects: no network, nothing written beside it, no waiting on
a pipe, no external XML entity resolved."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time

import pytest

from yangpu_gis.model.io import LoadError, read_file

POINT = {"type": "Point", "coordinates": [121.5, 31.3]}


class Listener:
    """A TCP socket on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(1)
            try:
                self.connections.append(conn.recv(500))
            except OSError:
                self.connections.append(b"")
            conn.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def close(self) -> list[bytes]:
        time.sleep(0.3)  # a connection on its way is still counted
        self._stop.set()
        self._thread.join()
        self.server.close()
        return self.connections


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def linked_crs_geojson(folder, href: str):
    path = folder / "linked.geojson"
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "link", "properties": {"href": href, "type": "ogcwkt"}},
        "features": [{"type": "Feature", "properties": {"name": "a"}, "geometry": POINT}],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_geojson_crs_link_opens_no_connection(tmp_path, listener):
    path = linked_crs_geojson(tmp_path, listener.url("crs.wkt"))
    [layer] = read_file(path)
    assert len(layer.data) == 1
    assert listener.close() == []


def test_info_on_a_crs_link_opens_no_connection(tmp_path, listener):
    path = linked_crs_geojson(tmp_path, listener.url("epsg.wkt"))
    result = subprocess.run(
        [sys.executable, "-m", "yangpu_gis", "info", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["layers"][0]["feature_count"] == 1
    assert listener.close() == []


def test_proj_network_is_off():
    import pyproj.network

    from yangpu_gis.model import reading_guard

    reading_guard.enforce()
    assert os.environ["PROJ_NETWORK"] == "OFF"
    assert pyproj.network.is_network_enabled() is False


# --- nothing written beside the file --------------------------------------------------------


GML = """<?xml version="1.0" encoding="utf-8" ?>
<ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/" xmlns:gml="http://www.opengis.net/gml">
  <gml:featureMember>
    <ogr:plots fid="plots.0">
      <ogr:geometryProperty><gml:Point srsName="EPSG:4326"><gml:coordinates>121.5,31.3</gml:coordinates></gml:Point></ogr:geometryProperty>
      <ogr:name>{name}</ogr:name>
    </ogr:plots>
  </gml:featureMember>
</ogr:FeatureCollection>
"""


def test_a_gml_file_in_a_read_only_folder_opens_and_nothing_is_written(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    (folder / "plots.gml").write_text(GML.format(name="Plot A"), encoding="utf-8")
    folder.chmod(0o555)
    try:
        [layer] = read_file(folder / "plots.gml")
        again = read_file(folder / "plots.gml")  # a second read, as the app's reload does
        listing = sorted(p.name for p in folder.iterdir())
    finally:
        folder.chmod(0o755)
    assert list(layer.data["name"]) == ["Plot A"] and len(again[0].data) == 1
    assert listing == ["plots.gml"], "GDAL wrote beside the planner's file"


# --- FIFOs, devices and folders -------------------------------------------------------------


def _run_with_timeout(code: str) -> subprocess.CompletedProcess:
    """Run Python code in a child that must finish within 10 s (a FIFO would block it)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=10)


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "plots.geojson"
    os.mkfifo(path)
    return path


def test_info_on_a_fifo_is_refused_at_once(fifo):
    result = _run_with_timeout(
        f"import sys; from yangpu_gis.cli import main; sys.exit(main(['info', {str(fifo)!r}]))"
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "named pipe" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_fifo_as_a_project_or_in_a_project_is_refused_at_once(tmp_path, fifo):
    project_fifo = tmp_path / "plan.ygis.json"
    os.mkfifo(project_fifo)
    plan = tmp_path / "with-fifo.ygis.json"
    plan.write_text(
        json.dumps(
            {
                "format": "yangpu-gis-project",
                "version": 1,
                "layers": [{"id": "f", "title": "pipe", "source": str(fifo)}],
            }
        ),
        encoding="utf-8",
    )
    result = _run_with_timeout(
        "from yangpu_gis.model.project import Project\n"
        "from yangpu_gis.model.io import LoadError\n"
        "try:\n"
        f"    Project.load({str(project_fifo)!r})\n"
        "except LoadError as exc:\n"
        "    print('refused:', exc)\n"
        f"project, report = Project.load({str(plan)!r})\n"
        "print('warnings:', report.warnings)\n"
    )
    assert result.returncode == 0, result.stderr
    assert "refused:" in result.stdout and "named pipe" in result.stdout
    assert "warnings:" in result.stdout and "named pipe" in result.stdout.split("warnings:")[1]


def test_the_app_refuses_a_fifo_at_once(window, qtbot, fifo):
    window.open_files([str(fifo)])
    qtbot.waitUntil(lambda: "named pipe" in window.message_bar.text, timeout=10_000)
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=10_000)


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_and_a_folder_are_refused(tmp_path):
    with pytest.raises(LoadError, match="device"):
        read_file("/dev/null")
    (tmp_path / "folder.geojson").mkdir()
    with pytest.raises(LoadError, match="folder"):
        read_file(tmp_path / "folder.geojson")


# --- XML external entities ------------------------------------------------------------------


def _xxe_files(folder, secret, url):
    doctype = (
        f'<!DOCTYPE doc [<!ENTITY local SYSTEM "file://{secret}"><!ENTITY remote SYSTEM "{url}">]>'
    )
    kml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{doctype}\n"
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>'
        "<name>&local;&remote;</name><description>&local;</description>"
        "<Point><coordinates>121.5,31.3</coordinates></Point></Placemark></Document></kml>"
    )
    gpx = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{doctype}\n"
        '<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'
        '<wpt lat="31.3" lon="121.5"><name>&local;&remote;</name><desc>&local;</desc></wpt></gpx>'
    )
    gml = GML.format(name="&local;&remote;").replace(
        '<?xml version="1.0" encoding="utf-8" ?>\n',
        f'<?xml version="1.0" encoding="utf-8" ?>\n{doctype}\n',
    )
    paths = []
    for name, text in (("xxe.kml", kml), ("xxe.gpx", gpx), ("xxe.gml", gml)):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


def test_xml_external_entities_are_never_resolved(tmp_path, listener):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    for path in _xxe_files(tmp_path, secret, listener.url("xxe")):
        try:
            layers = read_file(path)
        except LoadError:
            continue  # refusing the file is safe too
        for layer in layers:
            text = layer.data.drop(columns="geometry").astype(str).to_string()
            assert "TOP-SECRET" not in text, path.name
    assert listener.close() == []
