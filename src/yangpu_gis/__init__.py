"""Yangpu GIS: a desktop GIS viewer for the urban planners of Yangpu District, Shanghai."""

__version__ = "0.1.0"
