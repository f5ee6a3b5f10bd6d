"""Decoding of the commune outlines file (TopoJSON, written by geo.topologie).

Each border shared by two communes is stored once as an arc of integer steps on a
quantisation grid; a ring is the list of its arcs (a negative index ~i meaning arc i
reversed). The pipeline checks its encoding is lossless with this same decoder.
"""
from __future__ import annotations

import math
from collections.abc import Mapping


def decoder(topologie: Mapping, nom: str = "communes") -> dict[str, dict]:
    """id -> GeoJSON geometry (rings closed, coordinates rounded to the grid)."""
    echelle = topologie["transform"]["scale"]
    tx, ty = topologie["transform"]["translate"]
    decimales = max(0, round(-math.log10(echelle[0])))
    fx, fy = round(tx / echelle[0]), round(ty / echelle[1])
    absolus = []
    for pas in topologie["arcs"]:
        x, y, pts = fx, fy, []
        for dx, dy in pas:
            x += dx
            y += dy
            pts.append((x, y))
        absolus.append(pts)

    def anneau(refs: list[int]) -> list[list[float]]:
        pts: list[tuple[int, int]] = []
        for r in refs:
            a = absolus[r] if r >= 0 else absolus[~r][::-1]
            pts.extend(a if not pts else a[1:])
        return [[round(x * echelle[0], decimales), round(y * echelle[1], decimales)] for x, y in pts]

    out = {}
    for g in topologie["objects"][nom]["geometries"]:
        if g["type"] == "Polygon":
            out[g["id"]] = {"type": "Polygon", "coordinates": [anneau(r) for r in g["arcs"]]}
        elif g["type"] == "MultiPolygon":
            out[g["id"]] = {"type": "MultiPolygon", "coordinates": [[anneau(r) for r in p] for p in g["arcs"]]}
        else:
            raise ValueError(f"type de géométrie inattendu : {g['type']}")
    return out
