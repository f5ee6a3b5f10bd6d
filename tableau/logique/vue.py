"""Map view (centre, zoom) that fits a bounding box in Web Mercator."""
from __future__ import annotations

import math
from collections.abc import Iterable

import shapely
from shapely.geometry import shape


def bbox(geometries: Iterable[dict]) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of GeoJSON geometries."""
    return tuple(shapely.total_bounds([shape(g) for g in geometries]).tolist())


def _merc_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def centre_zoom(box: tuple[float, float, float, float], largeur_px: int = 520, hauteur_px: int = 560,
                marge: float = 0.75, zoom_max: int = 11) -> tuple[tuple[float, float], int]:
    """Centre (lat, lon) and the largest whole zoom at which ``box`` fits the map."""
    minx, miny, maxx, maxy = box
    # Centre in projected space, so the box sits in the middle of the Mercator map.
    lat_c = math.degrees(math.atan(math.sinh((_merc_y(miny) + _merc_y(maxy)) / 2)))
    centre = (round(lat_c, 5), round((minx + maxx) / 2, 5))
    dx = max(maxx - minx, 1e-6) / 360
    dy = max(_merc_y(maxy) - _merc_y(miny), 1e-6) / (2 * math.pi)
    zoom = min(math.log2(largeur_px * marge / 256 / dx), math.log2(hauteur_px * marge / 256 / dy))
    return centre, max(1, min(zoom_max, math.floor(zoom)))


def union(boites: Iterable[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    xs0, ys0, xs1, ys1 = zip(*boites)
    return min(xs0), min(ys0), max(xs1), max(ys1)


ZOOM_MAX_COMMUNE = 13


def vue_commune(boite_commune: tuple[float, float, float, float],
                boite_proche: tuple[float, float, float, float] | None = None) -> tuple[tuple[float, float], int]:
    """View on a commune: its outline fills the map (a small commune is not a dot, a
    large one is not cut); for a commune outside the territories, the nearest
    territory is in view too, so the answer "the nearest is X" can be seen."""
    if boite_proche is None:
        return centre_zoom(boite_commune, marge=0.6, zoom_max=ZOOM_MAX_COMMUNE)
    return centre_zoom(union([boite_commune, boite_proche]))

