"""The map on the page: builds the layers for a state and calls streamlit-folium."""
from __future__ import annotations

import functools
import os

import streamlit as st
from streamlit_folium import st_folium

from tableau import carte, donnees as dn, etat as et, session, vue
from tableau.selection import RETURNED_OBJECTS

HAUTEUR_PX = 560


@st.cache_resource(show_spinner=False)
def _palette(_d: dn.Donnees, cle: str) -> dict[str, str]:
    return carte.couleurs(_d.territoires_geojson["features"])


@st.cache_resource(show_spinner=False)
def _boites(_d: dn.Donnees, cle: str) -> dict:
    """Bounding boxes: region, each territory (computed once per process)."""
    boites = {"region": vue.bbox(f["geometry"] for f in _d.region_geojson["features"])}
    for f in _d.territoires_geojson["features"]:
        boites[f["properties"]["id"]] = vue.bbox([f["geometry"]])
    return boites


def palette(d: dn.Donnees) -> dict[str, str]:
    return _palette(d, session.cle_donnees())


def fond() -> tuple[str, str | None]:
    return carte.choisir_fond(os.environ.get("TI_FOND_DE_CARTE"))


def _union(boxes):
    xs0, ys0, xs1, ys1 = zip(*boxes)
    return min(xs0), min(ys0), max(xs1), max(ys1)


def vue_pour(d: dn.Donnees, e: et.Etat, visibles: list[str]) -> tuple[tuple[float, float], int]:
    """Zoom to the selection, else to the filtered territories, else to the region."""
    b = _boites(d, session.cle_donnees())
    if e.territoire:
        return vue.centre_zoom(b[e.territoire])
    if e.deps and visibles:
        return vue.centre_zoom(_union([b[t] for t in visibles]))
    return vue.centre_zoom(b["region"])


def afficher(d: dn.Donnees, e: et.Etat, visibles: list[str]) -> None:
    cle = session.cle_donnees()
    nom_fond, _ = fond()
    centre_region, zoom_region = vue.centre_zoom(_boites(d, cle)["region"])
    base = carte.carte_de_base(d.region_geojson, d.departements_geojson, nom_fond, centre_region, zoom_region)
    feats = [f for f in d.territoires_geojson["features"] if f["properties"]["id"] in set(visibles)]
    choisie = next((f for f in feats if f["properties"]["id"] == e.territoire), None)
    couches = [carte.couche_territoires(feats, _palette(d, cle), e.territoire), carte.couche_selection(choisie)]
    centre, zoom = vue_pour(d, e, visibles)
    if session.CLE_SIMULATION in st.session_state:
        return  # AppTest cannot render components: the click was applied by session.simuler_clic
    st_folium(base, key=session.CLE_CARTE, height=HAUTEUR_PX, use_container_width=True,
              returned_objects=RETURNED_OBJECTS, feature_group_to_add=couches, center=centre, zoom=zoom,
              on_change=functools.partial(session.sur_clic_carte, d))
