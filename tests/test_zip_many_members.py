"""A zip of many small shapefiles reads in time proportional to its size: its directory
is parsed a fixed number of times, not several times per shapefile (3,000 shapefiles took
574 s; the figures are in the commit that fixed it)."""

import zipfile

import geopandas as gpd
import pyogrio
import shapely

from yangpu_gis.model import io
from yangpu_gis.model.zip_archive import forget_archives

MEMBERS = 200


def test_the_zip_directory_is_parsed_once_not_per_shapefile(tmp_path, monkeypatch):
    frame = gpd.GeoDataFrame({"n": [1]}, geometry=shapely.points([121.5], [31.3]), crs=4326)
    pyogrio.write_dataframe(frame, tmp_path / "one.shp")
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(MEMBERS):
            for part in tmp_path.glob("one.*"):
                archive.write(part, f"plot{i}{part.suffix}")
    forget_archives()
    parses = []
    real_init = zipfile.ZipFile.__init__

    def counted(self, file, mode="r", *args, **kwargs):
        if mode == "r":
            parses.append(file)
        real_init(self, file, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counted)
    loaded = io.read_file(path)
    assert len(loaded) == MEMBERS
    assert [one.name for one in loaded[:2]] == ["plot0", "plot1"]
    assert len(parses) <= 3, f"{len(parses)} parses for {MEMBERS} shapefiles"


def test_a_shapefiles_parts_are_looked_up_not_scanned_for(tmp_path, monkeypatch):
    """Each shapefile's parts come from an index built once per archive: scanning every
    member per shapefile made 3,000 shapefiles quadratic again (1,500 took 21 s)."""
    frame = gpd.GeoDataFrame({"n": [1]}, geometry=shapely.points([121.5], [31.3]), crs=4326)
    pyogrio.write_dataframe(frame, tmp_path / "one.shp")
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(MEMBERS):
            for part in tmp_path.glob("one.*"):
                archive.write(part, f"plot{i}{part.suffix}")
    forget_archives()
    scans = []
    real_infolist, real_namelist = zipfile.ZipFile.infolist, zipfile.ZipFile.namelist

    def infolist(self):
        scans.append("infolist")
        return real_infolist(self)

    def namelist(self):
        scans.append("namelist")
        return real_namelist(self)

    monkeypatch.setattr(zipfile.ZipFile, "infolist", infolist)
    monkeypatch.setattr(zipfile.ZipFile, "namelist", namelist)
    loaded = io.read_file(path)
    assert len(loaded) == MEMBERS
    assert len(scans) <= 12, f"{len(scans)} scans of the member list for {MEMBERS} shapefiles"
