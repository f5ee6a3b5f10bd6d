"""Geometry steps: 2018 polygons -> 2026 communes -> simplified coverage -> dissolves."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import geopandas as gpd
import numpy as np
import shapely

from geo.errors import BuildError

METRIC_CRS = "EPSG:2154"  # Lambert-93: areas, distances and simplification in metres
WGS84 = "EPSG:4326"


def communes_2026(polygons: gpd.GeoDataFrame, code_map: Mapping[str, str],
                  expected: Iterable[str]) -> gpd.GeoDataFrame:
    """Dissolve 2018 commune polygons (columns ``code``, ``fichier``) into 2026 communes.

    Every polygon must map to a 2026 commune and every expected commune must get a
    geometry. Returns columns ``code``, ``geometry`` sorted by code, in the input CRS.
    """
    check_geometries(polygons, "code", fichier_col="fichier")
    mapped = polygons["code"].map(code_map)
    unknown = polygons[mapped.isna()]
    if len(unknown):
        row = unknown.iloc[0]
        raise BuildError(f"la commune 2018 {row['code']} ne correspond à aucune commune du COG 2026",
                         row["fichier"])
    expected = sorted(set(expected))
    sans_geo = sorted(set(expected) - set(mapped))
    if sans_geo:
        raise BuildError(f"{len(sans_geo)} commune(s) 2026 sans géométrie : {', '.join(sans_geo[:10])}",
                         "admin-express-cog-2018")
    hors = sorted(set(mapped) - set(expected))
    if hors:
        raise BuildError(f"polygones rattachés à des communes hors du périmètre : {', '.join(hors[:10])}",
                         "admin-express-cog-2018")
    frame = gpd.GeoDataFrame({"code": mapped.values}, geometry=polygons.geometry.values, crs=polygons.crs)
    return dissolve(frame, "code")


def dissolve(frame: gpd.GeoDataFrame, by: str) -> gpd.GeoDataFrame:
    """Union the geometries of each group. Inputs form a coverage, so the exact and
    fast ``coverage_union_all`` applies (no slivers along shared edges)."""
    keys = sorted(frame[by].unique())
    geoms = [shapely.coverage_union_all(frame.geometry.values[(frame[by] == k).to_numpy()]) for k in keys]
    return gpd.GeoDataFrame({by: keys}, geometry=geoms, crs=frame.crs)


def simplify_coverage(frame: gpd.GeoDataFrame, tolerance_m: float) -> gpd.GeoDataFrame:
    """Simplify polygons as a coverage, each shared edge once, so neighbours keep
    touching with neither gap nor overlap. ``frame`` must be in a metric CRS."""
    if frame.crs is None or not frame.crs.is_projected:
        raise ValueError("la simplification se fait dans un système métrique")
    out = frame.copy()
    out["geometry"] = shapely.coverage_simplify(frame.geometry.values, tolerance_m)
    return out


def check_geometries(frame: gpd.GeoDataFrame, key: str, fichier_col: str | None = None,
                     fichier: str | None = None) -> None:
    """Every geometry non-empty, valid and polygonal, or a BuildError naming it."""
    geoms = frame.geometry.values
    bad = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    bad_kind = "vide"
    if not bad.any():
        bad = ~shapely.is_valid(geoms)
        bad_kind = "invalide"
    if not bad.any():
        types = shapely.get_type_id(geoms)
        bad = ~np.isin(types, (3, 6))  # Polygon, MultiPolygon
        bad_kind = "non surfacique"
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        row = frame.iloc[i]
        reason = shapely.is_valid_reason(geoms[i]) if bad_kind == "invalide" else ""
        src = row[fichier_col] if fichier_col else fichier
        raise BuildError(f"géométrie {bad_kind} pour {key}={row[key]}" + (f" ({reason})" if reason else ""), src)


def check_no_overlap(frame: gpd.GeoDataFrame, key: str, max_area_m2: float = 0.0,
                     fichier: str | None = None) -> None:
    """No two geometries share more than ``max_area_m2`` of area (metric CRS)."""
    left, right = frame.sindex.query(frame.geometry, predicate="intersects")
    for i, j in zip(left, right):
        if i < j:
            area = shapely.intersection(frame.geometry.values[i], frame.geometry.values[j]).area
            if area > max_area_m2:
                a, b = frame[key].iloc[i], frame[key].iloc[j]
                raise BuildError(f"{a} et {b} se chevauchent sur {area:,.0f} m²".replace(",", " "), fichier)


def area_km2(frame: gpd.GeoDataFrame) -> list[float]:
    """Areas in km², computed in Lambert-93 whatever the input CRS."""
    return [round(a / 1e6, 1) for a in frame.to_crs(METRIC_CRS).geometry.area]


def to_output(frame: gpd.GeoDataFrame, decimals: int) -> gpd.GeoDataFrame:
    """WGS84, coordinates snapped to ``decimals`` and rings oriented as RFC 7946 asks.

    Shared vertices snap to the same point on both sides, so a coverage stays one.
    """
    out = frame.to_crs(WGS84)
    geoms = shapely.set_precision(out.geometry.values, 10.0 ** -decimals)
    out["geometry"] = shapely.orient_polygons(geoms, exterior_cw=False)
    return out


def _lines_only(geom) -> shapely.Geometry:
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("LineString", "MultiLineString") and p.length > 0]
    return shapely.line_merge(shapely.union_all(parts)) if parts else shapely.MultiLineString()


def limites(departements: gpd.GeoDataFrame, key: str, dans_region: Iterable[str],
            region: shapely.Geometry) -> tuple[shapely.Geometry, shapely.Geometry]:
    """Border lines for the map, each edge drawn once: (département borders, region outline).

    Département borders are the edges shared by two départements of the region, plus
    the edges of the other départements that do not lie on the region (so the region's
    outline is not drawn twice). Inputs form a coverage, so shared edges are exact.
    """
    dans = set(dans_region)
    geoms = dict(zip(departements[key], departements.geometry))
    internes = [shapely.intersection(geoms[a].boundary, geoms[b].boundary)
                for a in sorted(dans) for b in sorted(dans) if a < b and geoms[a].touches(geoms[b])]
    externes = [shapely.difference(g.boundary, region) for k, g in geoms.items() if k not in dans]
    return _lines_only(shapely.union_all(internes + externes)), _lines_only(region.boundary)


def points_et_proximite(communes: gpd.GeoDataFrame, territoires: gpd.GeoDataFrame, key: str,
                        decimals: int) -> dict[str, dict]:
    """Per commune (metric CRS in): a representative point in WGS84, and for a commune
    outside every territory, the nearest territory and the distance in km from that
    point to it (measured in the metric CRS, on unsimplified shapes)."""
    points = communes.geometry.representative_point()
    wgs = gpd.GeoSeries(points, crs=communes.crs).to_crs(WGS84)
    tree = shapely.STRtree(territoires.geometry.values)
    ids = list(territoires[key])
    out = {}
    for code, pt, pt_wgs, inside in zip(communes["code"], points, wgs, communes["territoire"].notna()):
        row = {"lon": round(pt_wgs.x, decimals), "lat": round(pt_wgs.y, decimals),
               "territoire_proche": "", "distance_km": ""}
        if not inside:
            i = int(tree.query_nearest(pt)[0])
            row["territoire_proche"] = ids[i]
            row["distance_km"] = round(territoires.geometry.values[i].distance(pt) / 1000, 1)
        out[code] = row
    return out
