"""TopoJSON for a polygon coverage: each shared edge stored once, quantised, delta-encoded.

The commune outlines are a coverage (neighbours share their edges exactly, after
``geometry.to_output`` snapped every vertex to the same grid). As GeoJSON each edge
would be written twice and each vertex as two decimals: 2.3 MB. As TopoJSON
(https://github.com/topojson/topojson-specification) an edge is one "arc" used by
both neighbours, and vertices are small integer steps: several times smaller, in a
published format that GDAL and the usual web tools read.

``encoder`` and ``ecarts`` (a lossless check) are used by the build, ``decoder`` by the app.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import shapely
from shapely.geometry import shape

from tableau.logique.topojson import decoder  # one decoder, shared with the app

Point = tuple[int, int]


def _anneaux(geometrie: Mapping) -> list[list[list]]:
    """GeoJSON Polygon/MultiPolygon -> list of polygons, each a list of rings."""
    if geometrie["type"] == "Polygon":
        return [geometrie["coordinates"]]
    if geometrie["type"] == "MultiPolygon":
        return list(geometrie["coordinates"])
    raise ValueError(f"géométrie non surfacique : {geometrie['type']}")


def _quantifier(anneau: list, decimales: int) -> list[Point]:
    """Integer grid points of a ring, without the closing repeat (the ring is cyclic)."""
    f = 10 ** decimales
    pts = [(round(x * f), round(y * f)) for x, y in anneau]
    if pts[0] == pts[-1]:
        pts.pop()
    # Consecutive repeats would make zero-length steps: drop them.
    return [p for i, p in enumerate(pts) if p != pts[i - 1]] if len(pts) > 1 else pts


def _jonctions(anneaux: list[list[Point]]) -> set[Point]:
    """Points where an edge stops being shared by the same polygons: where three
    polygons meet, or where a shared edge meets an unshared one. A point seen twice
    with different neighbours is such a point."""
    voisins: dict[Point, frozenset] = {}
    jonctions: set[Point] = set()
    for a in anneaux:
        n = len(a)
        for i, p in enumerate(a):
            paire = frozenset((a[i - 1], a[(i + 1) % n]))
            vu = voisins.setdefault(p, paire)
            if vu != paire:
                jonctions.add(p)
    return jonctions


def _canonique_ferme(a: list[Point]) -> tuple[Point, ...]:
    """A ring with no junction, rotated to start at its smallest point (closed)."""
    i = a.index(min(a))
    r = a[i:] + a[:i]
    return tuple(r + [r[0]])


def encoder(objets: Iterable[tuple[str, Mapping]], decimales: int, nom: str = "communes") -> dict:
    """TopoJSON Topology of (id, GeoJSON geometry) pairs, coordinates on a 10^-decimales grid."""
    objets = list(objets)
    polys = [(ident, [[_quantifier(r, decimales) for r in poly] for poly in _anneaux(g)]) for ident, g in objets]
    jonctions = _jonctions([r for _, ps in polys for poly in ps for r in poly])
    arcs: list[tuple[Point, ...]] = []
    index: dict[tuple[Point, ...], int] = {}

    def arc(points: tuple[Point, ...]) -> int:
        if points in index:
            return index[points]
        inverse = points[::-1]
        if inverse in index:
            return ~index[inverse]
        index[points] = len(arcs)
        arcs.append(points)
        return index[points]

    def ferme(points: tuple[Point, ...]) -> int:
        # A closed arc may be met in the other direction and from another start point.
        if points in index:
            return index[points]
        inverse = _canonique_ferme(list(points[:-1][::-1]))
        if inverse in index:
            return ~index[inverse]
        return arc(points)

    geometries = []
    for ident, ps in polys:
        poly_arcs = []
        for poly in ps:
            rings = []
            for a in poly:
                coupes = [i for i, p in enumerate(a) if p in jonctions]
                if not coupes:
                    rings.append([ferme(_canonique_ferme(a))])
                    continue
                r = a[coupes[0]:] + a[:coupes[0]] + [a[coupes[0]]]
                bornes = [i - coupes[0] for i in coupes] + [len(a)]
                rings.append([arc(tuple(r[b0:b1 + 1])) for b0, b1 in zip(bornes, bornes[1:])])
            poly_arcs.append(rings)
        if len(poly_arcs) == 1:
            geometries.append({"type": "Polygon", "id": ident, "arcs": poly_arcs[0]})
        else:
            geometries.append({"type": "MultiPolygon", "id": ident, "arcs": poly_arcs})

    tx = min(p[0] for a in arcs for p in a)
    ty = min(p[1] for a in arcs for p in a)
    encodes = []
    for a in arcs:
        prec = (tx, ty)
        pas = []
        for p in a:
            pas.append([p[0] - prec[0], p[1] - prec[1]])
            prec = p
        encodes.append(pas)
    echelle = 10.0 ** -decimales
    return {"type": "Topology",
            "transform": {"scale": [echelle, echelle], "translate": [round(tx * echelle, decimales),
                                                                     round(ty * echelle, decimales)]},
            "objects": {nom: {"type": "GeometryCollection", "geometries": geometries}},
            "arcs": encodes}


def ecarts(topologie: Mapping, attendues: Mapping[str, object], nom: str = "communes") -> list[str]:
    """Ids whose decoded shape differs from the expected shapely geometry (same
    vertices on the grid, whatever ring start or orientation), or that are missing
    or unexpected. Empty when the encoding is lossless."""
    lues = decoder(topologie, nom)
    out = sorted(set(lues) ^ set(attendues))
    for ident, g in attendues.items():
        if ident in lues and not shape(lues[ident]).normalize().equals_exact(shapely.normalize(g), 1e-9):
            out.append(ident)
    return out
