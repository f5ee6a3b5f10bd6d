"""Session state: one canonical state per session, mirrored in widgets and URL.

The canonical ``Etat`` lives in ``st.session_state[K_ETAT]``. It is read from the URL on a session's
first run and again when Back/Forward changed the URL (see ``suivre_url``), changed otherwise only by
the callbacks below (which Streamlit runs before the script, so a whole rerun sees one consistent
state), and written back to the URL at the end of every run by the page frame (app.py); Streamlit
makes each URL change a browser history entry. The rules themselves (filter, commune choice) are pure
functions of ``tableau.logique``.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import streamlit as st

from tableau.logique import choroplethe, comparaison, donnees as dn, etat as et, filtre, indicateurs, selection
from tableau.ui import routage

K_ETAT = "ti_etat"
K_NOTICES = "ti_notices"     # notices about the URL, shown until the next action
K_MESSAGE = "ti_message"     # notice set by a callback, shown until the next action
K_CLICS = "ti_clics"         # last map click count processed
K_PAGE = "ti_page"
K_VERS_CARTE = "ti_vers_carte"  # a commune was chosen on another page: show it on the map
K_RELANCE = "ti_relance"        # a search result was chosen inside the fragment: rerun the page
K_MONTRER = "ti_montrer"  # scroll after this run: to the panel, the map or the top (MONTRER_*, ecran.SCRIPT)
MONTRER_RESULTAT, MONTRER_CLIC, MONTRER_HAUT, MONTRER_PANNEAU, MONTRER_CARTE = (
    "resultat", "clic", "haut", "panneau", "carte")
K_FERMER = "ti_fermer_barre"    # a page or filter chosen in the sidebar: an overlaid sidebar closes
K_JETON = "ti_jeton_ecran"      # counts those requests (the screen script runs again only when it changes)
W_DEPS = "w_deps"
W_TERR = "w_territoire"
W_COMMUNE = "w_commune"      # the selected territory's communes: keyboard path of the drill-down
W_RECHERCHE = "w_recherche"          # sidebar search, every page
W_RECHERCHE_CARTE = "w_recherche_carte"  # same search above the map
CLE_CARTE = "carte"          # the map component's last return value
W_INDICATEUR = "w_indicateur"  # INSEE indicator coloured on the map (indicateurs.CHOIX)


@st.cache_resource(show_spinner=False)
def _charger(chemin: str) -> dn.Donnees:
    return dn.charger(Path(chemin))


def cle_donnees() -> str:
    return os.environ.get("TI_DONNEES") or str(dn.DATA_DIR)


def donnees() -> dn.Donnees:
    """The data, read once per process; a damaged file stops the page with a French message."""
    try:
        return _charger(cle_donnees())
    except dn.DataError as e:
        st.error(f"Le tableau de bord ne peut pas s'afficher : {e} "
                 "Les fichiers de données doivent être reconstruits (python -m geo.build).", icon=":material/error:")
        st.stop()


@st.cache_resource(show_spinner=False)
def _contours(_d: dn.Donnees, cle: str) -> tuple[dict, str | None]:
    try:
        return dn.lire_contours_communes(Path(cle) / "communes.topojson", set(_d.commune)), None
    except dn.DataError as e:
        return {}, (f"Les contours des communes ne peuvent pas s'afficher ({e}) La carte reste utilisable : "
                    "les communes sont alors marquées d'un simple point.")


def contours_communes(d: dn.Donnees) -> tuple[dict, str | None]:
    """Commune outlines, read on first need; a damaged file leaves ({}, French warning)."""
    return _contours(d, cle_donnees())


@st.cache_resource(show_spinner=False, max_entries=128)
def _coloriage(_d: dn.Donnees, cle: str, indicateur: str, territoire: str | None) -> tuple[dict, list]:
    if territoire is None:
        return choroplethe.couleurs_territoires(_d.insee, _d.ids, indicateur)
    return choroplethe.couleurs_communes(_d.insee, _d.communes_par_territoire.get(territoire, ()), indicateur)


def coloriage(d: dn.Donnees, indicateur: str, territoire: str | None = None) -> tuple[dict[str, str], list[dict]]:
    """Choropleth (colour per id, legend rows) of the territories or of one territory's communes, once per process."""
    return _coloriage(d, cle_donnees(), indicateur, territoire)


def indicateur_affiche(d: dn.Donnees, e: et.Etat) -> str | None:
    """The indicator the map colours: none when the INSEE files could not be read."""
    return e.indicateur if d.insee is not None else None


def suivre_url(d: dn.Donnees) -> None:
    """Once per run, before ``etat``: the URL gives the state on the session's first run
    and when the browser's Back/Forward started this run (Streamlit 1.67 reruns the script
    with that history entry's query string); the state written back to the URL made each
    earlier action one entry."""
    if K_ETAT in st.session_state and not routage.navigation_historique():
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    e, notices = et.lire(params, d.ids, tuple(d.departements), d.commune, classements=comparaison.classements(d))
    e, notice = filtre.concilier_etat(e, d.territoires, d.commune)
    st.session_state[K_ETAT] = e
    st.session_state[K_NOTICES] = notices + ([notice] if notice else [])
    st.session_state[K_MESSAGE] = None


def etat(d: dn.Donnees) -> et.Etat:
    """The canonical state (read from the URL by ``suivre_url``)."""
    if K_ETAT not in st.session_state:
        suivre_url(d)
    return st.session_state[K_ETAT]


def entrer_page(nom: str) -> None:
    """A page just mounted its widgets: a map mounted anew counts clicks from 0."""
    if st.session_state.get(K_PAGE) != nom and nom == "carte":
        st.session_state[K_CLICS] = 0
    if st.session_state.get(K_PAGE, nom) != nom:  # a page chosen in the sidebar: on a phone, show it
        st.session_state[K_FERMER] = True
    st.session_state[K_PAGE] = nom


def publier_url(e: et.Etat) -> None:
    voulu = et.vers_params(e)
    actuel = {k: (st.query_params.get_all(k) if k == "dep" else st.query_params.get(k)) for k in st.query_params}
    if actuel != voulu:
        st.query_params.from_dict(voulu)


def afficher_notices() -> None:
    """Notices stay until the user's next action: the map component may trigger
    reruns of its own, which must not wipe them before they are read."""
    for n in st.session_state.get(K_NOTICES, []):
        st.warning(n, icon=":material/info:")
    if msg := st.session_state.get(K_MESSAGE):
        st.info(msg, icon=":material/info:")


def avertir_filtre_et_insee(d: dn.Donnees, e: et.Etat) -> None:
    """Warnings of the pages that show the territories: a filter that keeps none of them,
    INSEE files that could not be read."""
    if msg := filtre.message_filtre(filtre.territoires_visibles(d.territoires, e.deps), e.deps, d.departements):
        st.warning(msg)
    if d.alerte_insee:
        st.warning(d.alerte_insee)


def nouvelle_action() -> None:
    st.session_state[K_NOTICES] = []
    st.session_state[K_MESSAGE] = None


# --- callbacks -------------------------------------------------------------
def refuser(cle: str, valeur_canonique) -> None:
    """A widget value failed validation: state unchanged, the widget shows the state again,
    a short notice that does not echo the value."""
    st.session_state[K_MESSAGE] = selection.AVIS_VALEUR_INVALIDE
    st.session_state[cle] = valeur_canonique


def sur_filtre(d: dn.Donnees) -> None:
    nouvelle_action()
    st.session_state[K_FERMER] = True  # on a phone, the sidebar closes on the filtered page
    e = st.session_state[K_ETAT]
    gardes, rejet = selection.choix_multiples(st.session_state.get(W_DEPS), d.departements)
    if gardes is None:
        return refuser(W_DEPS, list(e.deps))
    deps = et.ordonner_deps(gardes, tuple(d.departements))
    if rejet:
        st.session_state[K_MESSAGE] = selection.AVIS_VALEUR_INVALIDE
    territoire, notice = filtre.concilier(e.territoire, deps, d.territoires)
    commune = e.commune
    if notice:
        st.session_state[K_MESSAGE] = notice
        st.session_state[W_TERR] = None
        commune = None
    st.session_state[K_ETAT] = replace(e, territoire=territoire, deps=deps, commune=commune)


def sur_indicateur() -> None:
    nouvelle_action()
    e = st.session_state[K_ETAT]
    ok, choix = selection.choix(st.session_state.get(W_INDICATEUR), indicateurs.CHOIX)
    if not ok:  # a value no option offers (forged): state unchanged, short notice
        return refuser(W_INDICATEUR, e.indicateur or indicateurs.AUCUN)
    st.session_state[K_ETAT] = replace(e, indicateur=None if choix in (None, indicateurs.AUCUN) else choix)


def choisir_territoire(tid: str | None, montrer: str | None = None) -> None:
    nouvelle_action()
    st.session_state[K_ETAT] = replace(st.session_state[K_ETAT], territoire=tid, commune=None)
    st.session_state[W_TERR] = tid
    if montrer:  # MONTRER_HAUT after « Effacer », low in the panel: the page shrinks under the reader
        st.session_state[K_MONTRER] = montrer


def oublier_commune() -> None:
    """Back to the territory alone (or the region for a commune outside them)."""
    nouvelle_action()
    st.session_state[K_ETAT] = replace(st.session_state[K_ETAT], commune=None)


def sur_select(d: dn.Donnees) -> None:
    nouvelle_action()
    e = st.session_state[K_ETAT]
    ok, tid = selection.choix(st.session_state.get(W_TERR), filtre.territoires_visibles(d.territoires, e.deps))
    if not ok:  # unknown, or hidden by the filter: not an option of the box
        return refuser(W_TERR, e.territoire)
    st.session_state[K_ETAT] = replace(e, territoire=tid, commune=None)


def choisir_commune(d: dn.Donnees, code: str) -> None:
    """A commune chosen (search, list, map): it and its territory selected, a filter hiding that
    territory lifted (said in a notice); on a phone, the map, under the lists, brought into view."""
    nouvelle_action()
    e, notice = filtre.choisir_commune(st.session_state[K_ETAT], code, d.territoires, d.commune)
    if notice:
        st.session_state[K_MESSAGE] = notice
    st.session_state[K_ETAT] = e
    st.session_state[W_TERR] = e.territoire
    st.session_state.update({K_VERS_CARTE: True, K_MONTRER: st.session_state.get(K_MONTRER) or MONTRER_CARTE})


def sur_resultat(d: dn.Donnees, code: str, cle: str | None = None) -> None:
    """A search result button: choose the commune, empty the search fields."""
    choisir_commune(d, code)
    st.session_state[K_MONTRER] = MONTRER_RESULTAT if cle == W_RECHERCHE else MONTRER_CARTE
    st.session_state[W_RECHERCHE] = st.session_state[W_RECHERCHE_CARTE] = ""
    st.session_state[K_RELANCE] = True  # the click only reran the search fragment


def sur_commune(d: dn.Donnees) -> None:
    e = st.session_state[K_ETAT]
    ok, code = selection.choix(st.session_state.get(W_COMMUNE),
                               [c.code for c in d.communes_par_territoire.get(e.territoire, ())])
    if not ok:  # a commune of another territory or region is not an option of the box
        nouvelle_action()
        return refuser(W_COMMUNE, e.commune)
    if code:
        choisir_commune(d, code)
    else:
        oublier_commune()


def sur_clic_carte(d: dn.Donnees) -> None:
    visibles = filtre.territoires_visibles(d.territoires, st.session_state[K_ETAT].deps)
    codes = [c.code for c in d.communes_par_territoire.get(st.session_state[K_ETAT].territoire, ())]
    clic = selection.lire_clic(st.session_state.get(CLE_CARTE), st.session_state.get(K_CLICS, 0), visibles, codes)
    st.session_state[K_CLICS] = clic.compte
    if clic.commune or clic.territoire:  # the panel, under the map on a phone, says what was tapped
        st.session_state[K_MONTRER] = MONTRER_CLIC
    if clic.commune:
        choisir_commune(d, clic.commune)
    elif clic.territoire:
        choisir_territoire(clic.territoire)


def aller_a_la_carte(page: str) -> bool:
    """A commune was chosen on another page: the answer is on the map."""
    return bool(st.session_state.pop(K_VERS_CARTE, False)) and page != "carte"
