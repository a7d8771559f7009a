"""The model: layers, styles, the project, site facts, CRS and file I/O. No Qt here."""
