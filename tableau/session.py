"""Streamlit glue: one canonical state per session, mirrored in widgets and URL.

The canonical ``Etat`` lives in ``st.session_state[K_ETAT]``. It is read from the
URL on a session's first run, changed only by widget callbacks (which Streamlit
runs before the script, so a whole rerun sees one consistent state), and written
back to the URL at the end of every page run.
"""
from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import streamlit as st

from geo.laureats import normaliser
from tableau import donnees as dn
from tableau import etat as et
from tableau import filtre, recherche, selection

K_ETAT = "ti_etat"
K_NOTICES = "ti_notices"     # notices about the URL, shown until the next action
K_MESSAGE = "ti_message"     # notice set by a callback, shown until the next action
K_CLICS = "ti_clics"         # last map click count processed
K_PAGE = "ti_page"
K_VERS_CARTE = "ti_vers_carte"  # a commune was chosen on another page: show it on the map
K_RELANCE = "ti_relance"        # a search result was chosen inside the fragment: rerun the page
W_DEPS = "w_deps"
W_TERR = "w_territoire"
W_COMMUNE = "w_commune"      # the selected territory's communes: keyboard path of the drill-down
W_RECHERCHE = "w_recherche"          # sidebar search, every page
W_RECHERCHE_CARTE = "w_recherche_carte"  # same search above the map
CLE_CARTE = "carte"
CLE_SIMULATION = "_test_retour_carte"  # AppTest feeds the map's return value here


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
def _communes(_d: dn.Donnees, cle: str) -> dict[str, dict]:
    return {c["code"]: c for c in _d.communes}


def communes(d: dn.Donnees) -> dict[str, dict]:
    return _communes(d, cle_donnees())


@st.cache_resource(show_spinner=False)
def _par_territoire(_d: dn.Donnees, cle: str) -> dict[str, list[dict]]:
    par: dict[str, list[dict]] = {}
    for c in _d.communes:
        if c["territoire"]:
            par.setdefault(c["territoire"], []).append(c)
    return {t: sorted(cs, key=lambda c: (normaliser(c["nom"]), c["code"])) for t, cs in par.items()}


def communes_du_territoire(d: dn.Donnees, tid: str | None) -> list[dict]:
    """A territory's communes in alphabetical order (accents aside), grouped once per process."""
    return _par_territoire(d, cle_donnees()).get(tid, []) if tid else []


@st.cache_resource(show_spinner=False)
def _contours(_d: dn.Donnees, cle: str) -> tuple[dict, str | None]:
    try:
        return dn.lire_contours_communes(Path(cle) / "communes.topojson", set(communes(_d))), None
    except dn.DataError as e:
        return {}, (f"Les contours des communes ne peuvent pas s'afficher ({e}) La carte reste utilisable : "
                    "les communes sont alors marquées d'un simple point.")


def contours_communes(d: dn.Donnees) -> tuple[dict, str | None]:
    """Commune outlines, read on first need; a damaged file leaves ({}, French warning)."""
    return _contours(d, cle_donnees())


def etat(d: dn.Donnees) -> et.Etat:
    if K_ETAT not in st.session_state:
        params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
        e, notices = et.lire(params, d.ids, tuple(d.departements), communes(d))
        e, notice = filtre.concilier_etat(e, d.territoires, communes(d))
        st.session_state[K_ETAT] = e
        st.session_state[K_NOTICES] = notices + ([notice] if notice else [])
    return st.session_state[K_ETAT]


def entrer_page(nom: str) -> None:
    """A page just mounted its widgets: a map mounted anew counts clicks from 0."""
    if st.session_state.get(K_PAGE) != nom and nom == "carte":
        st.session_state[K_CLICS] = 0
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


def _nouvelle_action() -> None:
    st.session_state[K_NOTICES] = []
    st.session_state[K_MESSAGE] = None


# --- callbacks -------------------------------------------------------------
def _sur_filtre(d: dn.Donnees) -> None:
    _nouvelle_action()
    ordre = list(d.departements)
    deps = tuple(sorted(set(st.session_state[W_DEPS]), key=ordre.index))
    e = st.session_state[K_ETAT]
    territoire, notice = filtre.concilier(e.territoire, deps, d.territoires)
    commune = e.commune
    if notice:
        st.session_state[K_MESSAGE] = notice
        st.session_state[W_TERR] = None
        commune = None
    st.session_state[K_ETAT] = et.Etat(territoire, deps, commune)


def choisir_territoire(tid: str | None) -> None:
    _nouvelle_action()
    st.session_state[K_ETAT] = replace(st.session_state[K_ETAT], territoire=tid, commune=None)
    st.session_state[W_TERR] = tid


def oublier_commune() -> None:
    """Back to the territory alone (or the region for a commune outside them)."""
    _nouvelle_action()
    st.session_state[K_ETAT] = replace(st.session_state[K_ETAT], commune=None)


def _sur_select() -> None:
    _nouvelle_action()
    st.session_state[K_ETAT] = replace(st.session_state[K_ETAT], territoire=st.session_state[W_TERR],
                                       commune=None)


def choisir_commune(d: dn.Donnees, code: str) -> None:
    """A search result or a commune clicked on the map: select it and its territory; a
    filter that would hide that territory is lifted (said in a notice)."""
    _nouvelle_action()
    c = communes(d)[code]
    e = st.session_state[K_ETAT]
    tid = c["territoire"] or None
    deps = e.deps
    if tid and deps and tid not in filtre.territoires_visibles(d.territoires, deps):
        deps = ()
        st.session_state[K_MESSAGE] = (f"Le filtre par département a été retiré pour montrer "
                                       f"« {d.territoires[tid]['nom']} ».")
    st.session_state[K_ETAT] = et.Etat(tid, deps, code)
    st.session_state[W_TERR] = tid
    st.session_state[K_VERS_CARTE] = True


def _sur_resultat(d: dn.Donnees, code: str) -> None:
    """A search result button: choose the commune, empty the search fields."""
    choisir_commune(d, code)
    st.session_state[W_RECHERCHE] = st.session_state[W_RECHERCHE_CARTE] = ""
    st.session_state[K_RELANCE] = True  # the click only reran the search fragment


def sur_clic_carte(d: dn.Donnees) -> None:
    visibles = filtre.territoires_visibles(d.territoires, st.session_state[K_ETAT].deps)
    codes = [c["code"] for c in communes_du_territoire(d, st.session_state[K_ETAT].territoire)]
    clic = selection.lire_clic(st.session_state.get(CLE_CARTE), st.session_state.get(K_CLICS, 0), visibles, codes)
    st.session_state[K_CLICS] = clic.compte
    if clic.commune:
        choisir_commune(d, clic.commune)
    elif clic.territoire:
        choisir_territoire(clic.territoire)


def simuler_clic(d: dn.Donnees) -> None:
    """Tests only: apply a recorded return value as if the component had sent it."""
    retour = st.session_state.get(CLE_SIMULATION)
    if retour is not None and st.session_state.get(CLE_CARTE) != retour:
        st.session_state[CLE_CARTE] = retour
        sur_clic_carte(d)


# --- widgets ---------------------------------------------------------------
def libelle_departement(d: dn.Donnees, code: str) -> str:
    p = d.departements[code]
    return f"{p['nom']} ({code})" + ("" if p["dans_region"] else " — hors région")


def filtre_departements(d: dn.Donnees) -> None:
    # Re-seeded from the canonical state on every run: a page switch mounts a new
    # widget, and the canonical state is already up to date when a callback ran.
    st.session_state[W_DEPS] = list(st.session_state[K_ETAT].deps)
    st.sidebar.multiselect(
        "Filtrer par département", options=list(d.departements), key=W_DEPS,
        format_func=lambda c: libelle_departement(d, c), on_change=_sur_filtre, args=(d,),
        placeholder="Toute la région",
        help="Garde les territoires ayant au moins une commune dans les départements choisis.")


@st.fragment
def _recherche(d: dn.Donnees, cle: str, libelle: str) -> None:
    """Field and matches. A fragment: while the user types, only this reruns (not the
    map); choosing a match then reruns the whole page, which must show it."""
    if st.session_state.pop(K_RELANCE, False):
        st.rerun()
    requete = st.text_input(libelle, key=cle, type="search", live=True, placeholder="Nom ou code postal",
                            help="Les suggestions viennent pendant la frappe. Les accents, tirets et « St » "
                                 "pour « Saint » sont tolérés ; un début de nom suffit.")
    if requete and requete.strip():
        resultats = recherche.chercher(d, requete)
        if not resultats:
            st.caption("Aucune commune des 13 départements ne correspond.")
        for c in resultats:
            st.button(recherche.libelle(d, c), key=f"{cle}-{c['code']}", width="stretch",
                      on_click=_sur_resultat, args=(d, c["code"]))


def recherche_commune(d: dn.Donnees, lieu=None, cle: str = W_RECHERCHE, libelle: str = "Ma commune") -> None:
    """« Ma commune » search (sidebar by default, or inside ``lieu``). ``cle`` keeps
    several fields on one page apart."""
    with (lieu or st.sidebar):
        _recherche(d, cle, libelle)


def choix_territoire(d: dn.Donnees, visibles: list[str]) -> None:
    e = st.session_state[K_ETAT]
    st.session_state[W_TERR] = e.territoire
    st.selectbox("Territoire sélectionné", options=[None, *visibles], key=W_TERR,
                 format_func=lambda t: "— aucun —" if t is None else d.territoires[t]["nom"],
                 placeholder="— aucun —", on_change=_sur_select)


def _sur_commune(d: dn.Donnees) -> None:
    code = st.session_state[W_COMMUNE]
    if code:
        choisir_commune(d, code)
    else:
        oublier_commune()


def choix_commune(d: dn.Donnees) -> None:
    """The selected territory's communes in a select box: what clicking a commune on the
    map does, reachable with the keyboard (type a few letters, Enter)."""
    e = st.session_state[K_ETAT]
    if not e.territoire:
        return
    liste = communes_du_territoire(d, e.territoire)
    st.session_state[W_COMMUNE] = e.commune
    st.selectbox(f"Commune du territoire ({len(liste)})", options=[None, *(c["code"] for c in liste)],
                 key=W_COMMUNE, on_change=_sur_commune, args=(d,), placeholder="— aucune —",
                 format_func=lambda code: "— aucune —" if code is None else recherche.etiquette(communes(d)[code]))


def lien_partage(e: et.Etat) -> None:
    """'Copier le lien' button, with the URL shown for a manual copy as fallback."""
    base = st.context.url or ""
    qs = et.query_string(e)
    url = base + (("?" + qs) if qs else "")
    st.sidebar.markdown("**Partager cette vue**")
    with st.sidebar:
        # The URL only holds validated ids and codes; json.dumps + '<' escaping keeps it inert in JS.
        js_url = json.dumps(url).replace("<", "\\u003c")
        st.iframe(f"""<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Copier le lien de cette vue</title></head><body style="margin:0"><main>
<h1 style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">Partager cette vue</h1>
<button id="b" style="font:14px sans-serif;padding:6px 12px;border:1px solid #888;border-radius:6px;
background:#fff;cursor:pointer">Copier le lien</button>
<span id="m" role="status" style="font:13px sans-serif;margin-left:8px"></span>
<script>
const url = {js_url};
const m = document.getElementById("m");
function repli() {{
  const t = document.createElement("textarea"); t.value = url; document.body.appendChild(t); t.select();
  let ok = false; try {{ ok = document.execCommand("copy"); }} catch (e) {{}}
  t.remove(); m.textContent = ok ? "Lien copié." : "Copie impossible : copiez le lien ci-dessous.";
}}
document.getElementById("b").addEventListener("click", () => {{
  if (navigator.clipboard) navigator.clipboard.writeText(url).then(() => m.textContent = "Lien copié.", repli);
  else repli();
}});
</script></main></body></html>""", height=44)
        # Plain inline code, not st.code: the latter makes the browser fetch a 1.5 MB highlighter.
        st.markdown(f"`{url}`")


# --- page frame --------------------------------------------------------------
def debut_page(nom: str, titre: str | None = None) -> tuple[dn.Donnees, et.Etat]:
    """What every page does first: router, data, state, sidebar filter, title, notices."""
    from tableau import routage
    routage.exiger_routeur()
    d = donnees()
    entrer_page(nom)
    etat(d)
    filtre_departements(d)
    recherche_commune(d)
    if st.session_state.pop(K_VERS_CARTE, False) and nom != "carte":
        st.switch_page("pages/carte.py")  # the answer is on the map
    if titre:
        st.title(titre, anchor=False)
        afficher_notices()
    return d, st.session_state[K_ETAT]


def fin_page(e: et.Etat) -> None:
    """What every page does last: share link in the sidebar, state into the URL."""
    lien_partage(e)
    publier_url(e)
