"""The renderer: paints a map extent onto a QImage. QtGui only, no widgets, thread-safe."""
