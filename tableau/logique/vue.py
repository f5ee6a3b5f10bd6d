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


KM_PAR_DEGRE = 111.32
COTE_MIN_COMMUNE_KM = 12.0


def autour_de_la_commune(boite: tuple[float, float, float, float], marge: float = 0.5,
                         cote_min_km: float = COTE_MIN_COMMUNE_KM) -> tuple[float, float, float, float]:
    """The box a commune's view fits: its outline with half its size again on each side,
    and at least ``cote_min_km`` across, so its neighbours show around it (fitted to the
    outline alone, a small commune filled the map at street level, with nothing around
    to recognise). A point (outline unavailable) gets the minimum box around it."""
    minx, miny, maxx, maxy = boite
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    demi_y = max((maxy - miny) * (1 + 2 * marge), cote_min_km / KM_PAR_DEGRE) / 2
    demi_x = max((maxx - minx) * (1 + 2 * marge),
                 cote_min_km / (KM_PAR_DEGRE * math.cos(math.radians(cy)))) / 2
    return cx - demi_x, cy - demi_y, cx + demi_x, cy + demi_y
