"""The map on the page: streamlit-folium's component, fed with cached strings.

``st_folium`` re-renders the whole Folium map (templates compiled anew, bounds
walked over every coordinate) on each rerun: about 0.2 s of CPU here. The base map
never changes, and the state sent to it only depends on (filter, selection,
commune, indicator), so both are rendered once with streamlit-folium's own helpers and
cached; each rerun then only calls the component. ``tests/ui/test_composant_carte.py``
checks that the cached strings
equal what ``st_folium`` itself would send.
"""
from __future__ import annotations

import os
from typing import NamedTuple

import folium
import folium.elements
import streamlit as st
from streamlit_folium import (_component_func, _get_feature_group_string, _get_header, _get_html,
                              _get_map_string, generate_js_hash, get_full_id)

from tableau.logique import carte, donnees as dn, etat as et, format as fmt, geostatique, indicateurs as ind, vue
from tableau.logique.selection import RETURNED_OBJECTS
from tableau.ui import assets, session

# The component function the page frame passes to the map page (tests swap in a fake).
COMPOSANT = _component_func
HAUTEUR_PX = 560


class Base(NamedTuple):
    script: str
    header: str
    html: str
    map_id: str
    css_links: list
    js_links: list


def _liens(m: folium.Map) -> tuple[list, list]:
    """CSS and JS the component must load, gathered like st_folium does."""
    css, js = [], []

    def walk(el):
        if isinstance(el, folium.elements.JSCSSMixin):
            css.extend(href for _, href in getattr(el, "default_css", []))
            js.extend(src for _, src in getattr(el, "default_js", []))
        for child in getattr(el, "_children", {}).values():
            walk(child)
    walk(m)
    return list(dict.fromkeys(css)), list(dict.fromkeys(js))


def rendre_base(m: folium.Map) -> Base:
    """The strings st_folium derives from a map (same calls, same order)."""
    m.get_root().render()
    m.render()
    html, header, script = _get_html(m), _get_header(m), _get_map_string(m)
    css, js = _liens(m)
    return Base(script, header, html, get_full_id(m), css, js)


def rendre_couches(couches: list[folium.FeatureGroup]) -> str:
    """Dynamic layers as JS, on a throwaway map: the shared base map is never mutated."""
    hote = folium.Map(tiles=None)
    return "".join(_get_feature_group_string(fg, hote, i) for i, fg in enumerate(couches))


@st.cache_resource(show_spinner=False)
def _boites(_d: dn.Donnees, cle: str) -> dict:
    """Bounding boxes: region, each territory (computed once per process)."""
    boites = {"region": vue.bbox(f["geometry"] for f in _d.region_geojson["features"])}
    for f in _d.territoires_geojson["features"]:
        boites[f["properties"]["id"]] = vue.bbox([f["geometry"]])
    return boites


@st.cache_resource(show_spinner=False)
def _palette(_d: dn.Donnees, cle: str) -> dict[str, str]:
    return carte.couleurs(_d.territoires_geojson["features"])


# The map's geometry files, placed at install time (tableau.ui.assets.etape_geometrie).
DOSSIER_GEO = assets.STATIC / geostatique.SOUS_DOSSIER


def _service_statique() -> bool:
    return bool(st.get_option("server.enableStaticServing"))


@st.cache_resource(show_spinner=False)
def _url_carte(_d: dn.Donnees, cle: str) -> str | None:
    """The static borders-and-territories file, if installed for exactly this data
    (and served: a deployment may turn static serving off)."""
    if not _service_statique():
        return None
    return geostatique.url_si_installe("carte", geostatique.contenu_carte(_d), DOSSIER_GEO)


@st.cache_resource(show_spinner=False)
def _url_communes(_d: dn.Donnees, cle: str, tid: str) -> str | None:
    if not _service_statique():
        return None
    contours = session.contours_communes(_d)[0]
    return geostatique.url_si_installe(f"communes-{tid}", geostatique.contenu_communes(_d, contours, tid), DOSSIER_GEO)


@st.cache_resource(show_spinner=False)
def _numeros(_d: dn.Donnees, cle: str) -> dict[str, int]:
    return carte.numeros(_d.territoires)


@st.cache_resource(show_spinner=False)
def _base(_d: dn.Donnees, cle: str, fond: str) -> Base:
    # The first view before the state's bounds arrive (then fitted to the map's real size).
    centre, zoom = vue.centre_zoom(_boites(_d, cle)["region"])
    num = _numeros(_d, cle)
    etiquettes = {t: [num[t], *pt] for t, pt in carte.points_etiquettes(_d.territoires_geojson["features"]).items()}
    # The same bounds as bornes() sends with each state: a filter shown at once fits the view the
    # rerun will ask for, to the digit (no second move when it comes).
    filtre = {"d": {t: list(p.departements) for t, p in _d.territoires.items()},
              "b": {t: bornes(_d, cle, (t,), t, None) for t in _d.territoires},
              "r": bornes(_d, cle, tuple(_d.territoires), None, None)}
    return rendre_base(carte.carte_de_base(fond, centre, zoom, _url_carte(_d, cle), _palette(_d, cle), etiquettes,
                                           filtre))


def etat_carte(d: dn.Donnees, cle: str, visibles: tuple[str, ...], selection: str | None,
               commune: str | None, indicateur: str | None = None) -> dict:
    """What TI.appliquer receives: ids and codes, an indicator's colours, and geometry
    only where the browser cannot fetch it (no static file for this data, or a commune
    outside the territories)."""
    selection = selection if selection in visibles else None
    e: dict = {"v": list(visibles), "s": selection, "c": commune,
               "b": bornes(d, cle, visibles, selection, commune)}
    if _url_carte(d, cle) is None:
        e["geo"] = carte.geometrie_carte(d.limites_geojson, d.territoires_geojson["features"])
    # The commune outlines are read only once something is selected (1 MB).
    contours = session.contours_communes(d)[0] if (selection or commune) else {}
    if selection and contours:
        if url := _url_communes(d, cle, selection):
            e["cu"] = url
        else:
            e["cg"] = {"type": "FeatureCollection", "features": carte.communes_du_territoire(
                d.communes_par_territoire.get(selection, ()), contours, selection)}
    if commune:
        c = d.commune[commune]
        if not (selection and c.territoire == selection and commune in contours):
            if commune in contours:
                e["k"] = contours[commune]
            else:
                e["kp"] = [c.lat, c.lon]
        if c.territoire is None and c.territoire_proche in d.territoires:
            # Outside the territories: the nearest one, and the way to it with the data's distance.
            geom = next(f["geometry"] for f in d.territoires_geojson["features"]
                        if f["properties"]["id"] == c.territoire_proche)
            e["p"] = c.territoire_proche
            e["dl"] = carte.ligne_distance(c.lat, c.lon, geom)
            e["dt"] = f"{fmt.decimal(c.distance_km, 1)}{fmt.NBSP}km" if c.distance_km is not None else ""
    # INSEE indicator (issue 13): its choropleth colours replace the territories' palette.
    if indicateur:
        e["ct"] = session.coloriage(d, indicateur)[0]
        # Each territory's value in its tooltip (the colours alone gave only a class).
        e["vn"] = ind.libelle_annees(d.insee.doc, indicateur, court=True)
        valeurs = d.insee.valeurs_territoires[indicateur]
        e["vt"] = {t: ind.formater(indicateur, valeurs.get(t)) for t in visibles}
        if selection and contours:
            e["cc"] = carte.couleurs_communes(session.coloriage(d, indicateur, selection)[0])
    return e


@st.cache_resource(show_spinner=False, max_entries=128)
def _couches(_d: dn.Donnees, cle: str, visibles: tuple[str, ...], selection: str | None,
             commune: str | None, indicateur: str | None = None) -> str:
    return rendre_couches([carte.couche_etat(etat_carte(_d, cle, visibles, selection, commune, indicateur))])


def palette(d: dn.Donnees) -> dict[str, str]:
    return _palette(d, session.cle_donnees())


def numeros(d: dn.Donnees) -> dict[str, int]:
    """Each territory's number, on the map and in the legend."""
    return _numeros(d, session.cle_donnees())


def fond() -> tuple[str, str | None]:
    return carte.choisir_fond(os.environ.get("TI_FOND_DE_CARTE"))


def bornes(d: dn.Donnees, cle: str, visibles: tuple[str, ...], selection: str | None,
           commune: str | None) -> list[list[float]]:
    """[[south, west], [north, east]] the map fits to its real size (in the browser):
    the commune (with its nearest territory when outside them), else the selection,
    else the filtered territories, else the region."""
    b = _boites(d, cle)
    if commune:
        c = d.commune[commune]
        contour = session.contours_communes(d)[0].get(commune)
        boite = vue.autour_de_la_commune(vue.bbox([contour]) if contour else (c.lon, c.lat, c.lon, c.lat))
        if c.territoire is None and c.territoire_proche in b:
            boite = vue.union([boite, b[c.territoire_proche]])
    elif selection:
        boite = b[selection]
    elif visibles and len(visibles) < len(d.territoires):
        boite = vue.union([b[t] for t in visibles])
    else:
        boite = b["region"]
    minx, miny, maxx, maxy = boite
    return [[round(miny, 5), round(minx, 5)], [round(maxy, 5), round(maxx, 5)]]


# The component's arguments travel with every rerun, but its iframe only reads the
# map's script and header when it creates the map. Once the map has reported (its
# first report follows its creation), a stand-in goes instead; an iframe mounted anew
# that receives it (the frontend may remount a component) asks for the real script
# and stops there, and the rerun that follows sends it.
SCRIPT_DEMANDE = ("window.Streamlit.setComponentValue({ti_script: Date.now()});"
                  "throw new Error('carte : script de la carte demandé');")


def carte_deja_creee(valeur) -> bool:
    """The component's value comes from a live map: the click count is a number
    (the default value before any report has None)."""
    return (isinstance(valeur, dict) and "ti_script" not in valeur
            and isinstance(valeur.get("last_object_clicked_count"), int))


def afficher(d: dn.Donnees, e: et.Etat, visibles: list[str], composant=COMPOSANT) -> None:
    cle = session.cle_donnees()
    base = _base(d, cle, fond()[0])
    couches = _couches(d, cle, tuple(visibles), e.territoire, e.commune, session.indicateur_affiche(d, e))
    # Same key derivation as st_folium: constant base script -> the Leaflet map stays mounted.
    cle_composant = generate_js_hash(base.script, session.CLE_CARTE, False)

    def sur_changement():
        st.session_state[session.CLE_CARTE] = st.session_state.get(cle_composant, {})
        session.sur_clic_carte(d)

    complet = not carte_deja_creee(st.session_state.get(cle_composant))
    # No centre or zoom: the view is fitted in the browser to the state's bounds (the
    # map's real size is only known there); the component's own setView stays idle.
    composant(
        script=base.script if complet else SCRIPT_DEMANDE, header=base.header if complet else "",
        html=base.html, id=base.map_id, key=cle_composant,
        height=HAUTEUR_PX, width=None, returned_objects=RETURNED_OBJECTS,
        default={k: None for k in RETURNED_OBJECTS}, zoom=None, center=None, feature_group=couches,
        return_on_hover=False, layer_control=None, pixelated=False, css_links=base.css_links,
        js_links=base.js_links, on_change=sur_changement, wrap_longitude=False)
