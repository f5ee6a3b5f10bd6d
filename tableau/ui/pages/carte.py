"""Page « Carte » : map of the 16 territories, side panel, filter and share link."""
import contextlib
from dataclasses import replace

import streamlit as st

from tableau.logique import filtre, recherche
from tableau.logique.modele import Donnees
from tableau.ui import affichage, cadre, cles_carte, composant_carte, ecran, profil, routage, session, widgets
from tableau.ui.cadre import Contexte

TITRE = "Territoires d'industrie en Nouvelle-Aquitaine"
# Three lines on a phone (five before: with the boxes, they pushed the map below the first screen).
LEGENDE = ("Phase II du programme (2023-2027). Choisissez un territoire sur la carte ou dans la liste, puis "
           "l'une de ses communes ; ou cherchez une commune par nom ou code postal.")


def notices(ctx: Contexte) -> None:
    """The map page's own notices, under the frame's (in the same fixed container: a
    notice appearing must not shift the map, or Streamlit would remount it)."""
    d, e = ctx.d, ctx.e
    _, alerte_fond = composant_carte.fond()
    if alerte_fond:
        st.warning(alerte_fond)
    session.avertir_filtre_et_insee(d, e)
    # On a phone or a tablet the sidebar, where the filter is, stays closed: say it above the map
    # (hidden on wider screens, ecran.STYLE).
    if e.deps and (visibles := filtre.territoires_visibles(d.territoires, e.deps)):
        n = len(visibles)
        with st.container(key=ecran.CLE_ANNONCE_FILTRE):
            # Short (two lines on a phone): the map started 740 px down under a three-line notice.
            st.info(f"Filtre : {filtre.liste_departements(e.deps, d.departements)} — {n} territoire"
                    f"{'s' if n > 1 else ''} sur {len(d.territoires)}.", icon=":material/filter_alt:")
            with st.container(horizontal=True, key="actions-filtre"):
                # The sidebar's » alone was the way to the filter on a phone: one tap opens it.
                st.button("Changer le filtre", key="changer-filtre", on_click=_changer_filtre,
                          icon=":material/tune:")
                # One tap, where reopening the sidebar for it took three.
                st.button("Retirer le filtre", key="retirer-filtre", on_click=_retirer_filtre,
                          icon=":material/filter_alt_off:")
    if e.territoire or e.commune:
        if alerte_contours := session.contours_communes(d)[1]:
            st.warning(alerte_contours)


def _changer_filtre() -> None:
    st.session_state[ecran.K_OUVRIR] = True


def _retirer_filtre() -> None:
    session.nouvelle_action()
    st.session_state[session.K_ETAT] = replace(st.session_state[session.K_ETAT], deps=())


def afficher(ctx: Contexte) -> None:
    _carte_et_panneau(ctx.d, ctx.composant)


@st.fragment
def _carte_et_panneau(d: Donnees, composant) -> None:
    """Map, panel, select boxes and legend: a fragment. A click on the map, a choice in a
    box or a legend key reruns this part only (the sidebar, title and notices are not
    re-sent nor redrawn); it then updates the tab title and the URL itself, and asks for
    the whole page when something around it must change (see cadre.autour_de_la_carte)."""
    seul = routage.execution_de_fragment()
    e = session.etat(d)
    if seul and cadre.autour_perime(d, e):
        st.rerun(scope="app")
    with profil.mesurer("carte") if seul else contextlib.nullcontext():
        _contenu(d, e, composant)
        ecran.montrer_panneau()  # after a tap on a phone, or a result chosen in the sidebar
        if seul:
            session.aller_a_la_carte("carte")  # a commune chosen here: already on the map
            st.set_page_config(page_title=cadre.titre_onglet(d, e))
            session.publier_url(e)


def _contenu(d: Donnees, e, composant) -> None:
    visibles = filtre.territoires_visibles(d.territoires, e.deps)
    with st.container(key=ecran.CLE_DISPOSITION):  # narrow main area: panel under the map (ecran)
        # The four boxes in one row over the map and the panel (two by two when narrow,
        # ecran): two rows above the map left it no room in a laptop's window.
        with st.container(key=ecran.CLE_CONTROLES):
            c_terr, c_commune, c_cherche, c_indic = st.columns(4)
        col_carte, col_panneau = st.columns([3, 2], gap="medium")
    # The panel is sent before the map: its few small deltas reach the browser ahead of the
    # map component's arguments (~235 KB), so the new name shows sooner after a click.
    with col_panneau, st.container(key=ecran.CLE_PANNEAU_COLONNE):
        if e.commune:
            # In the panel, not above the map: a sentence appearing there would move the map.
            st.success(recherche.phrase(d, d.commune[e.commune]), icon=":material/location_on:")
            affichage.carte_commune(d, d.commune[e.commune])
        if e.territoire:
            affichage.panneau_territoire(d, e.territoire)
        else:
            affichage.panneau_region(d, visibles, list(e.deps))
    with c_terr:
        widgets.choix_territoire(d, visibles)
    with c_commune:  # always there (disabled without a territory)
        widgets.choix_commune(d)
    widgets.recherche_commune(d, c_cherche.container(key="recherche-carte"), session.W_RECHERCHE_CARTE)
    with c_indic:
        widgets.choix_indicateur(d)
    with col_carte:
        composant_carte.afficher(d, e, visibles, composant)
        if indicateur := session.indicateur_affiche(d, e):
            # Right under the map, even stacked: on a phone, after the panel, the colours were
            # explained two screens below the map they colour.
            with st.container(key=ecran.CLE_CLASSES):
                affichage.legende_indicateur(d, indicateur, e.territoire)
        with st.container(key=ecran.CLE_LEGENDE):  # after the panel when they are stacked (ecran)
            if indicateur:
                cles_carte.cles_territoires(d, visibles, session.coloriage(d, indicateur)[0],
                                           composant_carte.numeros(d), e.territoire)
            else:
                affichage.legende(d, visibles, composant_carte.palette(d), composant_carte.numeros(d),
                                  e.territoire)
