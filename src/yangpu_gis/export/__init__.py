"""Exports of the map: a self-contained offline HTML page (html) and images."""
