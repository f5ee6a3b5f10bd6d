"""Folium map: a constant base map plus dynamic layers (filtered territories, selection).

The base map's generated code must not change between reruns, otherwise
streamlit-folium remounts the Leaflet map (flicker, lost zoom): everything that
depends on the state goes into the feature groups handed over as
``feature_group_to_add``.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import folium
import shapely
from shapely.geometry import shape

from tableau.logique.choroplethe import contour_lisible
from tableau.logique.modele import Commune
from tableau.logique.recherche import etiquette

# Leaflet files served by the app itself (see tableau.ui.assets), relative to the
# component's page /component/streamlit_folium.st_folium/index.html.
LEAFLET_BASE = "../../app/static/leaflet/"

# Okabe & Ito's colour-blind-safe qualitative palette, black left out (used for the selection).
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
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
    """Greedy colouring: touching territories never share a colour, and among the
    allowed colours the least used is taken, so the whole palette is spread out."""
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
        out[ids[i]] = min(libres, key=lambda c: (usage[c], PALETTE.index(c)))
        usage[out[ids[i]]] += 1
    return out


def carte_de_base(limites: dict, fond: str, centre: tuple[float, float], zoom: int) -> folium.Map:
    """The constant part: basemap and border lines (each edge once, not clickable)."""
    m = folium.Map(location=list(centre), zoom_start=zoom, tiles=None, min_zoom=5, max_zoom=14,
                   control_scale=True, prefer_canvas=False)
    m.default_js = [("leaflet", LEAFLET_BASE + "leaflet.js")]
    m.default_css = [("leaflet_css", LEAFLET_BASE + "leaflet.css")]
    if FONDS.get(fond):
        folium.TileLayer(**FONDS[fond]).add_to(m)
    # Lines stay above the fills but let clicks through to the territories.
    folium.map.CustomPane("contours", z_index=450, pointer_events=False).add_to(m)
    folium.GeoJson(limites, name="Limites", pane="contours", interactive=False,
                   style_function=lambda f: STYLE_LIMITES[f["properties"]["type"]]).add_to(m)
    return m


STYLE_LIMITES = {
    "departements": {"color": "#4d4d4d", "weight": 1.2, "dashArray": "5 4"},
    "region": {"color": "#222222", "weight": 2.5},
}
# Only what the map needs travels to the browser with each territory.
PROPRIETES_CARTE = ("id", "nom")


def allegee(feature: dict) -> dict:
    """The feature as sent to the map. Folium's tooltip inserts values as HTML, so
    text is escaped here: a name can never become markup in the browser."""
    props = {k: feature["properties"][k] for k in PROPRIETES_CARTE}
    return {"type": "Feature", "geometry": feature["geometry"],
            "properties": {k: html.escape(v) if isinstance(v, str) else v for k, v in props.items()}}


def couche_territoires(features: list[dict], palette: Mapping[str, str], selection: str | None
                       ) -> folium.FeatureGroup:
    """Filled territories, with a tooltip; each feature keeps its ``id`` and ``nom``."""
    fg = folium.FeatureGroup(name="Territoires d'industrie")
    if not features:
        return fg

    def style(f):
        choisi = f["properties"]["id"] == selection
        return {"fillColor": palette[f["properties"]["id"]], "fillOpacity": OPACITES[choisi],
                "color": CONTOUR_TERRITOIRE, "weight": 1, "className": "ti-territoire"}

    folium.GeoJson(
        {"type": "FeatureCollection", "features": [allegee(f) for f in features]},
        name="Territoires",
        style_function=style,
        highlight_function=lambda f: {"weight": 3, "color": "#333333", "fillOpacity": 0.7},
        tooltip=folium.GeoJsonTooltip(fields=["nom"], labels=False, sticky=True),
    ).add_to(fg)
    return fg


def communes_du_territoire(communes: Iterable[Commune], contours: Mapping[str, dict], tid: str) -> list[dict]:
    """Drill-down features of one territory: outline, code, and an escaped label
    (name and population) for the tooltip."""
    return [{"type": "Feature", "geometry": contours[c.code],
             "properties": {"code": c.code, "etiquette": html.escape(etiquette(c))}}
            for c in communes if c.territoire == tid and c.code in contours]


def couche_communes(features: list[dict], couleurs: Mapping[str, str] | None = None) -> folium.FeatureGroup:
    """The selected territory's communes: thin outlines, transparent but clickable
    fill, name and population on hover. With ``couleurs`` (code -> colour, an INSEE
    indicator's choropleth), opaque fills: the territory's own fill must not tint them."""
    fg = folium.FeatureGroup(name="Communes du territoire")
    if features:
        def style(f):
            code = f["properties"]["code"]
            return {"color": CONTOUR_COMMUNE, "weight": 0.8, "className": "ti-commune",
                    **({"fillColor": couleurs.get(code, "#ffffff"), "fillOpacity": 1.0,
                        "color": contour_lisible(couleurs.get(code, "#ffffff"), CONTOUR_COMMUNE)} if couleurs
                       else {"fillColor": "#ffffff", "fillOpacity": 0.0})}

        folium.GeoJson(
            {"type": "FeatureCollection", "features": features}, name="Communes",
            style_function=style,
            highlight_function=lambda f: {"weight": 2.5, **({} if couleurs else {"fillOpacity": 0.35})},
            tooltip=folium.GeoJsonTooltip(fields=["etiquette"], labels=False, sticky=True),
        ).add_to(fg)
    return fg


def couche_selection(feature: dict | None, commune: Commune | None = None, contour: dict | None = None
                     ) -> folium.FeatureGroup:
    """A thick black outline around the selected territory (shape, not colour alone),
    and the commune found by « Ma commune » or clicked: its outline lightened and
    ringed (a ringed point when its outline is unavailable)."""
    fg = folium.FeatureGroup(name="Sélection")
    if feature:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": [allegee(feature)]}, name="Sélection", interactive=False,
            style_function=lambda f: {"color": COULEUR_SELECTION, "weight": 4, "fill": False},
        ).add_to(fg)
    if commune and contour:
        folium.GeoJson(
            {"type": "Feature", "geometry": contour, "properties": {}}, name="Commune choisie",
            interactive=False,
            style_function=lambda f: {"color": COULEUR_SELECTION, "weight": 3, "dashArray": "6 3",
                                      "fillColor": "#ffffff", "fillOpacity": 0.55},
        ).add_to(fg)
    elif commune:
        folium.CircleMarker([commune.lat, commune.lon], radius=8, color=COULEUR_SELECTION, weight=3,
                            fill=True, fill_color="#ffffff", fill_opacity=1, interactive=False).add_to(fg)
    return fg
