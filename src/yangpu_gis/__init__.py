"""Yangpu GIS: a desktop GIS viewer for the urban planners of Yangpu District, Shanghai."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("yangpu-gis")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
