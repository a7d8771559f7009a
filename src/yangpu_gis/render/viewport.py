"""Where the map is looked at: a centre and a scale in the display CRS, and a pixel size.

Pure arithmetic with no Qt, shared by the canvas, the renderer and the exporters.
Display coordinates are Web Mercator metres; pixel y grows downwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from yangpu_gis.model import crs

MIN_SCALE = 0.02  # display metres per pixel at the closest zoom
MAX_SCALE = 5000.0
INCHES_PER_METRE = 39.37007874


@dataclass(frozen=True)
class Viewport:
    center_x: float
    center_y: float
    scale: float  # display-CRS metres per pixel
    width: int
    height: int

    @classmethod
    def fit(
        cls,
        extent: tuple[float, float, float, float],
        width: int,
        height: int,
        margin: float = 0.04,
    ) -> Viewport:
        """The viewport showing a display-CRS extent whole, centred, with a small margin."""
        x0, y0, x1, y1 = extent
        w, h = max(x1 - x0, 1e-6), max(y1 - y0, 1e-6)
        scale = max(w / max(width, 1), h / max(height, 1)) * (1 + 2 * margin)
        return cls((x0 + x1) / 2, (y0 + y1) / 2, _clamp(scale), width, height)

    @classmethod
    def fit_wgs84(cls, bounds, width: int, height: int, margin: float = 0.04) -> Viewport:
        return cls.fit(crs.transform_bounds(bounds), width, height, margin)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        hw, hh = self.width * self.scale / 2, self.height * self.scale / 2
        return (self.center_x - hw, self.center_y - hh, self.center_x + hw, self.center_y + hh)

    @property
    def extent_wgs84(self) -> tuple[float, float, float, float]:
        return crs.transform_bounds(self.extent, crs.DISPLAY, crs.WGS84)

    def map_to_pixel(self, x, y):
        """Display-CRS coordinates (scalars or arrays) to pixel coordinates."""
        x0, _, _, y1 = self.extent
        return (x - x0) / self.scale, (y1 - y) / self.scale

    def pixel_to_map(self, px, py):
        x0, _, _, y1 = self.extent
        return x0 + px * self.scale, y1 - py * self.scale

    def pixel_to_wgs84(self, px: float, py: float) -> tuple[float, float]:
        x, y = self.pixel_to_map(px, py)
        lon, lat = crs.transform_xy(x, y, crs.DISPLAY, crs.WGS84)
        return float(lon), float(lat)

    def wgs84_to_pixel(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = crs.transform_xy(lon, lat)
        return self.map_to_pixel(float(x), float(y))

    def resized(self, width: int, height: int) -> Viewport:
        return replace(self, width=width, height=height)

    def panned(self, dx_px: float, dy_px: float) -> Viewport:
        """Move the content by (dx, dy) pixels, as a drag does."""
        return replace(
            self,
            center_x=self.center_x - dx_px * self.scale,
            center_y=self.center_y + dy_px * self.scale,
        )

    def zoomed(self, factor: float, anchor_px: tuple[float, float] | None = None) -> Viewport:
        """Zoom in by factor (>1) or out (<1), keeping the map point under anchor_px fixed."""
        new_scale = _clamp(self.scale / factor)
        if anchor_px is None:
            return replace(self, scale=new_scale)
        ax, ay = self.pixel_to_map(*anchor_px)
        ratio = new_scale / self.scale
        return replace(
            self,
            scale=new_scale,
            center_x=ax + (self.center_x - ax) * ratio,
            center_y=ay + (self.center_y - ay) * ratio,
        )

    def ground_metres_per_pixel(self) -> float:
        """True ground distance of one pixel at the view's centre (Mercator shrinks by cos lat)."""
        _, lat = crs.transform_xy(self.center_x, self.center_y, crs.DISPLAY, crs.WGS84)
        return self.scale * math.cos(math.radians(float(lat)))

    def scale_denominator(self, dpi: float = 96.0) -> float:
        """The 1:N map scale on a screen of the given dots per inch."""
        return self.ground_metres_per_pixel() * dpi * INCHES_PER_METRE


def _clamp(scale: float) -> float:
    return min(max(scale, MIN_SCALE), MAX_SCALE)
