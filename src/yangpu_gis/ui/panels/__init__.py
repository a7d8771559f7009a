"""Docks and panels of the main window; each talks to the model, never to the canvas."""
