"""A small locator map of one territory in the region, as inline SVG drawn from the data
(no tiles, nothing fetched): the printable fiche carries it.

Projection: equirectangular with the longitudes shrunk by cos(mean latitude), good
enough at the scale of a region; coordinates rounded to the pixel and repeated points
dropped, so the SVG stays a few kilobytes.
"""
from __future__ import annotations

import math
from collections.abc import Iterable

from tableau.logique.modele import Donnees


def _anneaux(geom: dict) -> Iterable[list]:
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    for poly in polys:
        yield from poly


def _cadre(geoms: list[dict]) -> tuple[float, float, float, float]:
    pts = [pt for g in geoms for r in _anneaux(g) for pt in r]
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    return min(lons), min(lats), max(lons), max(lats)


def _chemin(geom: dict, projeter) -> str:
    morceaux = []
    for anneau in _anneaux(geom):
        pts: list[tuple[int, int]] = []
        for lon, lat in anneau:
            p = projeter(lon, lat)
            if not pts or p != pts[-1]:
                pts.append(p)
        if len(pts) >= 3:
            morceaux.append("M" + "L".join(f"{x} {y}" for x, y in pts) + "Z")
    return "".join(morceaux)


def svg(d: Donnees, tid: str, largeur: int = 220) -> str:
    """The region outline, the 16 territories in grey, ``tid`` in dark blue (SVG markup)."""
    region = [f["geometry"] for f in d.region_geojson["features"]]
    territoires = {f["properties"]["id"]: f["geometry"] for f in d.territoires_geojson["features"]}
    x0, y0, x1, y1 = _cadre(region + list(territoires.values()))
    k = math.cos(math.radians((y0 + y1) / 2))
    echelle = (largeur - 4) / ((x1 - x0) * k)
    hauteur = round((y1 - y0) * echelle) + 4

    def projeter(lon: float, lat: float) -> tuple[int, int]:
        return round((lon - x0) * k * echelle) + 2, round((y1 - lat) * echelle) + 2

    autres = "".join(_chemin(g, projeter) for t, g in territoires.items() if t != tid)
    contour = "".join(_chemin(g, projeter) for g in region)
    nom = d.territoires[tid].nom
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {largeur} {hauteur}" width="{largeur}" '
            f'height="{hauteur}" role="img" aria-label="Situation du territoire dans la région">'
            f"<title>Situation de {_echapper(nom)} en Nouvelle-Aquitaine</title>"
            f'<path d="{contour}" fill="#f2f2f2" stroke="#555" stroke-width="1"/>'
            f'<path d="{autres}" fill="#d0d0d0" stroke="#fff" stroke-width=".5"/>'
            f'<path d="{_chemin(territoires[tid], projeter)}" fill="#0b4f8a" stroke="#000" stroke-width=".8"/></svg>')


def _echapper(texte: str) -> str:
    return texte.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
