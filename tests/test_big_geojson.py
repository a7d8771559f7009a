"""A valid GeoJSON with a feature over GDAL's object-size limit opens on every read path:
read_file, `info` and a reader thread (as the app's loader). GDAL streams a
FeatureCollection and applies OGR_GEOJSON_MAX_OBJ_SIZE (200 MB by default) to each
feature, so the file it calls "too complex/large" holds one huge feature (a district's
outline, a long survey line). A file over 200 MB is too heavy for every test run, so these
tests lower the limit to 1 MB and read a 3 MB feature, which meets the same check in
GDAL; benchmarks/bench_big_geojson.py opens a 380 MB file."""

import json
import threading

import pyogrio
import pytest

from yangpu_gis.cli import main
from yangpu_gis.model import io

LIMIT = {"OGR_GEOJSON_MAX_OBJ_SIZE": "1"}  # megabytes


@pytest.fixture(scope="module")
def over_the_limit(tmp_path_factory):
    path = tmp_path_factory.mktemp("geojson") / "buildings.geojson"
    line = [[121.5 + i * 1e-6, 31.3 + i * 1e-7] for i in range(100_000)]
    features = [
        {"type": "Feature", "properties": {"name": "楼0"}, "geometry": {"type": "Point",
         "coordinates": [121.5, 31.3]}},
        {"type": "Feature", "properties": {"name": "survey line"},
         "geometry": {"type": "LineString", "coordinates": line}},
    ]  # fmt: skip
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    assert path.stat().st_size > 2 * 2**20
    return path


@pytest.fixture
def limited():
    pyogrio.set_gdal_config_options(LIMIT)
    yield
    pyogrio.set_gdal_config_options({"OGR_GEOJSON_MAX_OBJ_SIZE": "0"})


def test_gdal_refuses_the_file_under_the_lowered_limit(over_the_limit, limited):
    with pytest.raises(Exception, match="GeoJSON object too complex/large"):
        pyogrio.read_dataframe(over_the_limit)


def test_read_file_opens_it(over_the_limit, limited):
    (loaded,) = io.read_file(over_the_limit)
    assert len(loaded.data) == 2
    assert len(loaded.data.geometry.iloc[1].coords) == 100_000


def test_info_opens_it(over_the_limit, limited, capsys):
    assert main(["info", str(over_the_limit), "--json"]) == 0
    (layer,) = json.loads(capsys.readouterr().out)["layers"]
    assert layer["feature_count"] == 2


def test_a_reader_thread_opens_it(over_the_limit, limited):
    found = {}

    def read():
        try:
            found["count"] = len(io.read_file(over_the_limit)[0].data)  # one layer
        except Exception as exc:  # shown by the assertion below
            found["error"] = str(exc)

    thread = threading.Thread(target=read)
    thread.start()
    thread.join(120)
    assert found == {"count": 2}
