"""Folium map: a constant base map, and a small state applied to it in the browser.

The base map's generated code must not change between reruns, otherwise
streamlit-folium remounts the Leaflet map (flicker, lost zoom). It carries a script
(tableau.logique.carte_js) that draws the layers itself from geometry fetched once (static files,
see tableau.logique.geostatique) and keeps them; what depends on the state (visible
territories, selection, commune, an indicator's colours) goes into the feature group handed over as
``feature_group_to_add``: a single ``TI.appliquer({...})`` call of a few hundred bytes.
"""
from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Mapping

import folium
import shapely
from branca.element import MacroElement, Template
from shapely.geometry import Point, shape
from shapely.ops import nearest_points, polylabel

from tableau.logique.carte_js import JS_CARTE
from tableau.logique.choroplethe import contour_lisible
from tableau.logique.modele import Commune
from tableau.logique.recherche import etiquette, normaliser

# Leaflet files served by the app itself (see tableau.ui.assets), relative to the
# component's page /component/streamlit_folium.st_folium/index.html.
LEAFLET_BASE = "../../app/static/leaflet/"

# Okabe & Ito's colour-blind-safe qualitative palette, black left out (used for the selection).
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
# Hues too close to tell apart at the map's half opacity: orange and vermillion side by side
# read as one territory (tryout, 1366 px); the two blues too. Kept apart between neighbours.
PROCHES = (frozenset({"#E69F00", "#D55E00"}), frozenset({"#56B4E9", "#0072B2"}))
COULEUR_SELECTION = "#000000"
# Edges dark enough for WCAG 1.4.11 (3:1 against white and against every fill, checked
# in tests/test_accessibilite.py): a territory's shape does not rest on its fill colour.
CONTOUR_TERRITOIRE = "#262626"
CONTOUR_COMMUNE = "#333333"
OPACITES = (0.5, 0.75)  # fill opacity: other territories, selected territory

FONDS = {
    "ign": dict(
        tiles="https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
              "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png"
              "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
        attr='Fond : <a href="https://www.ign.fr/">IGN</a> – Géoplateforme, Plan IGN v2',
        name="Plan IGN v2", max_zoom=18,
    ),
    "osm": dict(
        tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attr='Fond : © <a href="https://www.openstreetmap.org/copyright">contributeurs OpenStreetMap</a>',
        name="OpenStreetMap", max_zoom=19,
    ),
    "aucun": None,
}
FOND_DEFAUT = "ign"


def choisir_fond(valeur: str | None) -> tuple[str, str | None]:
    """TI_FOND_DE_CARTE -> (basemap key, French warning if the value was not understood)."""
    cle = (valeur or FOND_DEFAUT).strip().lower()
    if cle in FONDS:
        return cle, None
    return FOND_DEFAUT, (f"Réglage TI_FOND_DE_CARTE non reconnu : fond « {FOND_DEFAUT} » utilisé "
                         f"(valeurs possibles : {', '.join(FONDS)}).")


def couleurs(features: Iterable[Mapping]) -> dict[str, str]:
    """Greedy colouring: touching territories never share a colour, nor close hues (PROCHES)
    when another colour is free, and among the allowed colours the least used is taken, so
    the whole palette is spread out."""
    feats = list(features)
    geoms = [shape(f["geometry"]) for f in feats]
    ids = [f["properties"]["id"] for f in feats]
    tree = shapely.STRtree(geoms)
    out: dict[str, str] = {}
    usage = dict.fromkeys(PALETTE, 0)
    # Most connected first: the classic order that keeps greedy colouring small.
    voisins = {i: [j for j in tree.query(geoms[i], predicate="intersects") if j != i] for i in range(len(ids))}
    for i in sorted(voisins, key=lambda k: (-len(voisins[k]), ids[k])):
        pris = {out.get(ids[j]) for j in voisins[i]}
        libres = [c for c in PALETTE if c not in pris]
        loin = [c for c in libres if not any(frozenset((c, v)) in PROCHES for v in pris)]
        out[ids[i]] = min(loin or libres, key=lambda c: (usage[c], PALETTE.index(c)))
        usage[out[ids[i]]] += 1
    return out


class _Script(MacroElement):
    """Raw JavaScript run in the map's script, ``{carte}`` standing for the map's variable."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code.replace('{carte}', "
                         "this._parent.get_name()) }}{% endmacro %}")

    def __init__(self, code: str):
        super().__init__()
        self._name = "ScriptCarte"
        self.code = code


def _json(valeur) -> str:
    """JSON for a script: '<' escaped, so no text can close a <script> element."""
    return json.dumps(valeur, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _compact(js: str) -> str:
    """Drop indentation, blank and comment lines: this script travels with every rerun."""
    lignes = (x.strip() for x in js.splitlines())
    return "\n".join(x for x in lignes if x and not x.startswith("//"))


ZOOM_MIN, ZOOM_MAX = 5, 14
ZOOM_AJUSTE = 13  # the closest a view fitted to bounds goes (a small commune is not a dot)
TEXTES = {
    "molette": "Pour zoomer, tournez la molette en maintenant la touche Ctrl (⌘ sur Mac), "
               "ou cliquez d'abord sur la carte.",
    "doigts": "Pour déplacer ou zoomer la carte, utilisez deux doigts.",
    "recentrer": "Recentrer",
    "recentrer_titre": "Revenir à la vue du filtre ou de la sélection",
    "plus": "Zoomer", "moins": "Dézoomer",
}


def carte_de_base(fond: str, centre: tuple[float, float], zoom: int, carte_url: str | None,
                  palette: Mapping[str, str], etiquettes: Mapping[str, list] | None = None,
                  filtre: Mapping | None = None) -> folium.Map:
    """The constant part: basemap, and the script that draws and updates the layers in
    the browser (carte_js). ``carte_url`` is the static file holding the borders and
    territories (tableau.logique.geostatique); without it they come inline with the layers.
    ``etiquettes``: id -> [number, lat, lon] of each territory's number on the map.
    ``filtre``: what the map needs to show a département filter before the rerun does (carte_js
    T.filtrer): {"d": id -> département codes, "b": id -> its bounds, "r": the region's}."""
    m = folium.Map(location=list(centre), zoom_start=zoom, tiles=None, control_scale=False,
                   prefer_canvas=False)
    m.default_js = [("leaflet", LEAFLET_BASE + "leaflet.js")]
    m.default_css = [("leaflet_css", LEAFLET_BASE + "leaflet.css")]
    if FONDS.get(fond):
        folium.TileLayer(**FONDS[fond]).add_to(m)
    config = {"carte": carte_url, "couleurs": dict(palette), "zmin": ZOOM_MIN, "zmax": ZOOM_MAX,
              "txt": TEXTES, "styles": STYLES, "etiq": dict(etiquettes or {}), "zfit": ZOOM_AJUSTE,
              "filtre": filtre}
    _Script(f"({_compact(JS_CARTE)})({{carte}}, {_json(config)});").add_to(m)
    return m


STYLE_LIMITES = {
    "departements": {"color": "#4d4d4d", "weight": 1.2, "dashArray": "5 4"},
    "region": {"color": "#222222", "weight": 2.5},
}
# Styles of the browser-side layers (colours checked in tests/test_accessibilite.py).
STYLES = {
    "territoire": {"color": CONTOUR_TERRITOIRE, "weight": 1, "fillOpacity": OPACITES[0],
                   "className": "ti-territoire"},
    "opacite_choisi": OPACITES[1],
    "survol_territoire": {"weight": 3, "color": "#333333", "fillOpacity": 0.7},
    "commune": {"color": CONTOUR_COMMUNE, "weight": 0.8, "fillColor": "#ffffff", "fillOpacity": 0.0,
                "className": "ti-commune"},
    "survol_commune": {"weight": 2.5, "fillOpacity": 0.35},
    "selection": {"color": COULEUR_SELECTION, "weight": 4, "fill": False},
    "commune_choisie": {"color": COULEUR_SELECTION, "weight": 3, "dashArray": "6 3", "fillColor": "#ffffff",
                        "fillOpacity": 0.55},
    # under it, a white line: the communes' own solid outlines filled its gaps, the dashes read as a line
    "sous_commune_choisie": {"color": "#ffffff", "weight": 5, "fill": False},
    "point_commune": {"radius": 8, "color": COULEUR_SELECTION, "weight": 3, "fill": True,
                      "fillColor": "#ffffff", "fillOpacity": 1},
    "limites": STYLE_LIMITES,
    # a commune outside the territories: its nearest territory, and the way to it
    "proche": {"color": COULEUR_SELECTION, "weight": 3, "dashArray": "10 5", "fill": False},
    "distance": {"color": COULEUR_SELECTION, "weight": 2.5, "dashArray": "6 6"},
}


# Only what the map needs travels to the browser with each territory.
PROPRIETES_CARTE = ("id", "nom")


def allegee(feature: dict) -> dict:
    """The feature as sent to the map. Folium's tooltip inserts values as HTML, so
    text is escaped here: a name can never become markup in the browser."""
    props = {k: feature["properties"][k] for k in PROPRIETES_CARTE}
    return {"type": "Feature", "geometry": feature["geometry"],
            "properties": {k: html.escape(v) if isinstance(v, str) else v for k, v in props.items()}}


def communes_du_territoire(communes: Iterable[Commune], contours: Mapping[str, dict], tid: str) -> list[dict]:
    """Drill-down features of one territory: outline, code, and an escaped label
    (name and population) for the tooltip."""
    return [{"type": "Feature", "geometry": contours[c.code],
             "properties": {"code": c.code, "etiquette": html.escape(etiquette(c))}}
            for c in communes if c.territoire == tid and c.code in contours]


def geometrie_carte(limites: dict, features: Iterable[dict]) -> dict:
    """What the browser needs once: border lines, and the territories (``id``, ``nom``)."""
    return {"limites": limites,
            "territoires": {"type": "FeatureCollection", "features": [allegee(f) for f in features]}}


def couche_etat(etat: Mapping) -> folium.FeatureGroup:
    """The dynamic layer handed to st_folium: one call that applies the state to the
    layers the browser already drew (visible ids, selection, commune), plus whatever
    geometry it cannot fetch itself."""
    fg = folium.FeatureGroup(name="État de la carte")
    _Script(f"TI.appliquer({_json(dict(etat))});").add_to(fg)
    return fg


def couleurs_communes(couleurs: Mapping[str, str]) -> dict:
    """An indicator's commune colours for the state sent to the map, small: each
    distinct fill once with an outline readable on it, and an index per commune."""
    fonds = sorted(set(couleurs.values()))
    return {"p": [[f, contour_lisible(f, CONTOUR_COMMUNE)] for f in fonds],
            "k": {code: fonds.index(f) for code, f in couleurs.items()}}


def numeros(territoires: Mapping[str, object]) -> dict[str, int]:
    """Each territory's number on the map and in the legend: alphabetical order of names."""
    ordre = sorted(territoires, key=lambda t: normaliser(territoires[t].nom))
    return {t: i for i, t in enumerate(ordre, 1)}


def points_etiquettes(features: Iterable[dict]) -> dict[str, tuple[float, float]]:
    """(lat, lon) where each territory's number goes: the pole of inaccessibility of its
    largest part (well inside the shape, unlike a centroid of a crescent)."""
    out = {}
    for f in features:
        g = shape(f["geometry"])
        if g.geom_type == "MultiPolygon":
            g = max(g.geoms, key=lambda p: p.area)
        p = polylabel(g, tolerance=0.002)
        out[f["properties"]["id"]] = (round(p.y, 4), round(p.x, 4))
    return out


def ligne_distance(lat: float, lon: float, territoire: dict) -> list[list[float]]:
    """From a commune's point to the nearest point of a territory's outline: the
    segment the data's distance measures (computed there in a metric projection;
    here longitudes are scaled by cos(latitude), close enough to draw it)."""
    k = math.cos(math.radians(lat))
    g = shapely.transform(shape(territoire), lambda xy: xy * [k, 1])
    q = nearest_points(g, Point(lon * k, lat))[0]
    return [[lat, lon], [round(q.y, 5), round(q.x / k, 5)]]
