"""Reads keep to budgets: an archive that would inflate hugely from little is refused
before anything is inflated; GeoJSON is read without GDAL's 200 MB object limit."""

import resource
import zipfile

import geopandas as gpd
import pyogrio
import pytest
import shapely

from yangpu_gis.model import io

BOMB_MEMBER = 2**30  # what the member inflates to, from about 1 MB


def bomb(path, member: str) -> None:
    """A zip whose one member is 1 GB of zeros, written in chunks (deflate packs ~1000:1)."""
    chunk = bytes(64 * 2**20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open(member, "w", force_zip64=True) as stream:
            for _ in range(BOMB_MEMBER // len(chunk)):
                stream.write(chunk)


@pytest.fixture(scope="module")
def kmz_bomb(tmp_path_factory):
    path = tmp_path_factory.mktemp("bomb") / "plan.kmz"
    bomb(path, "doc.kml")
    return path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_kmz_that_inflates_hugely_is_refused_before_inflating(kmz_bomb):
    assert kmz_bomb.stat().st_size < 50 * 2**20
    before = peak_rss_mb()
    with pytest.raises(io.LoadError) as raised:
        io.read_file(kmz_bomb)
    message = str(raised.value)
    assert message.startswith("plan.kmz: refused, its 1 member(s) would inflate ")
    assert "to 1.0 GB (a damaged or malicious archive)" in message
    assert peak_rss_mb() - before < 200


def test_a_zipped_shapefile_bomb_is_refused_too(tmp_path):
    path = tmp_path / "parcels.zip"
    bomb(path, "parcels.dbf")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("parcels.shp", b"")
        archive.writestr("parcels.shx", b"")
    with pytest.raises(io.LoadError, match=r"^parcels\.zip: refused"):
        io.list_layers(path)


def test_a_normal_zip_and_kmz_still_open(tmp_path):
    frame = gpd.GeoDataFrame(
        {"name": ["a", "b"]}, geometry=shapely.points([121.5, 121.51], [31.3, 31.3]), crs=4326
    )
    pyogrio.write_dataframe(frame, tmp_path / "doc.kml", driver="KML")
    with zipfile.ZipFile(tmp_path / "sites.kmz", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(tmp_path / "doc.kml", "doc.kml")
    (loaded,) = io.read_file(tmp_path / "sites.kmz")
    assert len(loaded.data) == 2


def test_geojson_is_read_without_gdals_object_size_limit(tmp_path):
    path = tmp_path / "sites.geojson"
    gpd.GeoDataFrame({"n": [1]}, geometry=shapely.points([121.5], [31.3]), crs=4326).to_file(path)
    pyogrio.set_gdal_config_options({"OGR_GEOJSON_MAX_OBJ_SIZE": None})
    io.read_file(path)
    # 0 lifts the 200 MB limit, so a valid 380 MB FeatureCollection is not "damaged"
    assert str(pyogrio.get_gdal_config_option("OGR_GEOJSON_MAX_OBJ_SIZE")) == "0"


def test_a_file_needing_more_memory_than_is_free_is_refused_with_the_figures(tmp_path):
    from yangpu_gis.model.read_budgets import available_memory, check_memory

    path = tmp_path / "points.csv"
    path.write_text("lon,lat\n" + "121.5,31.3\n" * 100_000)
    size = path.stat().st_size
    with pytest.raises(io.LoadError) as raised:
        check_memory(path, "CSV", available=size * 5)
    assert str(raised.value) == (
        "points.csv: needs about 10.5 MB of memory to open, and 5.2 MB is free; "
        "close other programs or open a smaller extract"
    )
    check_memory(path, "CSV", available=size * 100)  # enough: no complaint
    assert available_memory() > 0  # read from the system, so the real read checks it
    assert len(io.read_file(path)[0].data) == 100_000


def test_a_cancelled_sqlite_read_is_a_cancel_not_a_crash():
    import sqlite3
    import threading

    from yangpu_gis.model.load_errors import LoadCancelled
    from yangpu_gis.model.sqlite_budget import budgeted

    connection = sqlite3.connect(":memory:")
    cancel = threading.Event()
    cancel.set()
    endless = (
        "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r"
    )
    with pytest.raises(LoadCancelled, match="cancelled"), budgeted(connection, 10, cancel):
        connection.execute(endless).fetchall()


def lying_zip(path, member: str, real: int, declared: int) -> None:
    """A zip whose member inflates to `real` bytes of zeros while its local header and
    the central directory both say `declared`."""
    chunk = bytes(min(real, 16 * 2**20))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open(member, "w") as stream:
            for _ in range(real // len(chunk)):
                stream.write(chunk)
    data = bytearray(path.read_bytes())
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    assert int.from_bytes(data[local + 22 : local + 26], "little") == real
    data[local + 22 : local + 26] = declared.to_bytes(4, "little")
    data[central + 24 : central + 28] = declared.to_bytes(4, "little")
    path.write_bytes(bytes(data))


def test_a_kmz_whose_headers_lie_about_its_size_is_refused_while_inflating(tmp_path):
    path = tmp_path / "plan.kmz"
    lying_zip(path, "doc.kml", real=512 * 2**20, declared=1000)
    with zipfile.ZipFile(path) as archive:  # what the directory says passes the budgets
        assert sum(member.file_size for member in archive.infolist()) == 1000
    before = peak_rss_mb()
    with pytest.raises(io.LoadError) as raised:
        io.read_file(path)
    # the count stops at the first megabyte step past the lie
    assert str(raised.value) == (
        "plan.kmz: refused, its member doc.kml declares 1000 bytes but inflates to more "
        "than 1.0 MB (a damaged or malicious archive)"
    )
    # counted in steps of a megabyte and stopped at the lie, never held
    assert peak_rss_mb() - before < 100


def test_a_zipped_shapefile_whose_dbf_lies_is_refused_by_list_layers_too(tmp_path):
    path = tmp_path / "parcels.zip"
    lying_zip(path, "parcels.dbf", real=64 * 2**20, declared=4096)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("parcels.shp", b"")
        archive.writestr("parcels.shx", b"")
    with pytest.raises(io.LoadError, match=r"^parcels\.zip: refused, its member parcels\.dbf"):
        io.list_layers(path)


def test_honest_members_are_inflated_and_counted_exactly(tmp_path):
    from yangpu_gis.model.zip_inflate import real_inflated

    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", b"x" * 5_000_000, zipfile.ZIP_DEFLATED)
        archive.writestr("b.txt", b"y" * 1234, zipfile.ZIP_STORED)
    with zipfile.ZipFile(path) as archive:
        result = real_inflated(path, archive, budget=2**30)
        assert (result.total, result.liar, result.over_budget) == (5_001_234, None, False)
        small = real_inflated(path, archive, budget=1_000_000)
        assert small.over_budget and small.liar is None
