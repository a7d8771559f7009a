"""Basemaps: tiled maps drawn under the planner's data (sources, tile maths, readers)."""
