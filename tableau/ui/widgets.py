"""The widgets shared by every page (sidebar filter, « Ma commune », share link) and
the map page's select boxes; each one mirrors the canonical state of ``session``."""
from __future__ import annotations

import json

import streamlit as st

from tableau.logique import donnees as dn, etat as et, indicateurs, recherche
from tableau.ui import ecran, session


def libelle_departement(d: dn.Donnees, code: str) -> str:
    p = d.departements[code]
    return f"{p.nom} ({code})" + ("" if p.dans_region else " — hors région")


def filtre_departements(d: dn.Donnees) -> None:
    # Re-seeded from the canonical state on every run: a page switch mounts a new
    # widget, and the canonical state is already up to date when a callback ran.
    st.session_state[session.W_DEPS] = list(st.session_state[session.K_ETAT].deps)
    st.sidebar.multiselect(
        "Filtrer par département", options=list(d.departements), key=session.W_DEPS,
        format_func=lambda c: libelle_departement(d, c), on_change=session.sur_filtre, args=(d,),
        placeholder="Toute la région", select_all=False,  # else an English "Select all" row
        help="Garde les territoires ayant au moins une commune dans les départements choisis.")


@st.fragment
def _recherche(d: dn.Donnees, cle: str, libelle: str) -> None:
    """Field and matches. A fragment: while the user types, only this reruns (not the
    map); choosing a match then reruns the whole page, which must show it."""
    if st.session_state.pop(session.K_RELANCE, False):
        st.rerun()
    requete = st.text_input(libelle, key=cle, type="search", live=True, placeholder="Nom ou code postal",
                            help="Les suggestions viennent pendant la frappe. Les accents, tirets, « oe » pour "
                                 "« œ », « St » pour « Saint » et une faute de frappe sont tolérés ; un début de "
                                 "nom suffit.")
    # Always there (empty without a query): on the map page it is a list laid over the
    # page (tableau.ui.ecran), so matches appearing never move the map.
    with st.container(key=ecran.CLE_RESULTATS + cle):
        if requete and requete.strip():
            resultats = recherche.chercher(d, requete)
            if not resultats:
                st.caption(recherche.hors_zone(d, requete) or "Aucune commune des 13 départements ne correspond.")
            elif recherche.approchee(requete, resultats):
                st.caption("Aucun nom ne s'écrit ainsi ; noms proches :")
            for c in resultats:
                st.button(recherche.libelle(d, c), key=f"{cle}-{c.code}", width="stretch",
                          on_click=session.sur_resultat, args=(d, c.code, cle))


def recherche_commune(d: dn.Donnees, lieu=None, cle: str = session.W_RECHERCHE, libelle: str = "Ma commune") -> None:
    """« Ma commune » search (sidebar by default, or inside ``lieu``). ``cle`` keeps
    several fields on one page apart."""
    with (lieu or st.sidebar):
        _recherche(d, cle, libelle)


def choix_territoire(d: dn.Donnees, visibles: list[str]) -> None:
    e = st.session_state[session.K_ETAT]
    st.session_state[session.W_TERR] = e.territoire
    st.selectbox("Territoire sélectionné", options=[None, *visibles], key=session.W_TERR,
                 format_func=lambda t: "— aucun —" if t is None else d.territoires[t].nom,
                 placeholder="— aucun —", on_change=session.sur_select, args=(d,))


def choix_commune(d: dn.Donnees) -> None:
    """The selected territory's communes in a select box: what clicking a commune on the
    map does, reachable with the keyboard (type a few letters, Enter)."""
    e = st.session_state[session.K_ETAT]
    # Shown even without a territory (disabled): the box appearing would move the map.
    liste = d.communes_par_territoire.get(e.territoire, ()) if e.territoire else ()
    st.session_state[session.W_COMMUNE] = e.commune if e.territoire else None
    st.selectbox(f"Commune du territoire ({len(liste)})" if e.territoire else "Commune du territoire",
                 options=[None, *(c.code for c in liste)], disabled=not e.territoire,
                 key=session.W_COMMUNE, on_change=session.sur_commune, args=(d,),
                 placeholder="— aucune —" if e.territoire else "choisissez d'abord un territoire",
                 format_func=lambda code: "— aucune —" if code is None else recherche.etiquette(d.commune[code]))


def choix_indicateur(d: dn.Donnees) -> None:
    """The INSEE indicator that colours the map (« Aucun »: the map as without indicators)."""
    if d.insee is None:  # the page's notices say why
        return
    e = st.session_state[session.K_ETAT]
    st.session_state[session.W_INDICATEUR] = e.indicateur or indicateurs.AUCUN
    st.selectbox("Colorer la carte selon", options=list(indicateurs.CHOIX), key=session.W_INDICATEUR,
                 # Short labels, readable in full in the box (two lines at most): the legend
                 # under the map gives the full definition.
                 format_func=lambda i: "Aucun indicateur" if i == indicateurs.AUCUN
                 else indicateurs.libelle_annees(d.insee.doc, i, court=True),
                 on_change=session.sur_indicateur,
                 help="Indicateurs de l'INSEE (base comparateur de territoires) ; une fois un territoire "
                      "choisi, ses communes sont colorées aussi. La légende sous la carte donne la "
                      "définition complète.")


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

