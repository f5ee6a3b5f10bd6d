"""The widgets shared by every page (sidebar filter, commune search, share link), the
map page's select boxes and the Territoires page's ranking; each one mirrors the
canonical state of ``session``."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from tableau.logique import comparaison, donnees as dn, filtre, indicateurs, recherche, selection
from tableau.ui import ecran, session


def libelle_departement(d: dn.Donnees, code: str) -> str:
    p = d.departements[code]
    # Landes (40) has no territory in phase II: said in the list, before it is chosen for nothing.
    vide = "" if filtre.territoires_visibles(d.territoires, [code]) else " — aucun territoire"
    return f"{p.nom} ({code})" + ("" if p.dans_region else " — hors région") + vide


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
                            help="Les suggestions viennent pendant la frappe ; Entrée ouvre la première. Les "
                                 "accents, tirets, « oe » pour « œ », « St » pour « Saint » et une faute de "
                                 "frappe sont tolérés ; un début de nom suffit.")
    # Always there (empty without a query): on the map page it is a list laid over the
    # page (tableau.ui.ecran), so matches appearing never move the map.
    with st.container(key=ecran.CLE_RESULTATS + cle):
        if requete and requete.strip():
            tous = recherche.chercher(d, requete, limite=None)
            resultats = tous[:recherche.LIMITE]
            if not resultats:
                st.caption(recherche.hors_zone(d, requete) or recherche.aucune_commune(d))
            elif recherche.approchee(requete, resultats):
                st.caption("Aucun nom ne s'écrit ainsi ; noms proches :")
            elif len(tous) > len(resultats):  # « Saint-Jean » showed 8 of 20 without saying so
                st.caption(f"Les {len(resultats)} premières des {len(tous)} communes trouvées : précisez le nom "
                           "ou le code postal pour voir les autres.")
            for c in resultats:
                st.button(recherche.libelle(d, c, requete), key=f"{cle}-{c.code}", width="stretch",
                          on_click=session.sur_resultat, args=(d, c.code, cle))


LIBELLE_RECHERCHE = "Chercher une commune"


def recherche_commune(d: dn.Donnees, lieu=None, cle: str = session.W_RECHERCHE) -> None:
    """The commune search, « Chercher une commune » wherever it is: in the sidebar by default, or
    inside ``lieu`` (above the map, where the sidebar has none). ``cle`` keeps them apart."""
    with (lieu or st.sidebar):
        _recherche(d, cle, LIBELLE_RECHERCHE)


# Typed letters keep the names that contain them: Streamlit's default (fuzzy) answered « pau »
# with Pau, then Ponson-Debat-Pouts and Maspie-Lalonquère-Juillacq. Accents count: an empty
# list says so (libelles); approximate names are « Chercher une commune »'s. No help icon: on a
# phone it put the commune box's label on two lines once a territory was chosen, and the map moved.
FILTRE_LISTES = "contains"


def choix_territoire(d: dn.Donnees, visibles: list[str]) -> None:
    e = st.session_state[session.K_ETAT]
    st.session_state[session.W_TERR] = e.territoire
    st.selectbox("Territoire sélectionné", options=[None, *visibles], key=session.W_TERR,
                 format_func=lambda t: "— aucun —" if t is None else d.territoires[t].nom,
                 placeholder="— aucun —", on_change=session.sur_select, args=(d,), filter_mode=FILTRE_LISTES)


def choix_commune(d: dn.Donnees) -> None:
    """The selected territory's communes in a select box: what clicking a commune on the
    map does, reachable with the keyboard (type a few letters, Enter)."""
    e = st.session_state[session.K_ETAT]
    # Shown even without a territory (disabled): the box appearing would move the map.
    liste = d.communes_par_territoire.get(e.territoire, ()) if e.territoire else ()
    st.session_state[session.W_COMMUNE] = e.commune if e.territoire else None
    noms = recherche.noms_dans_la_liste(liste)
    st.selectbox(f"Commune du territoire ({len(liste)})" if e.territoire else "Commune du territoire",
                 options=[None, *(c.code for c in liste)], disabled=not e.territoire,
                 key=session.W_COMMUNE, on_change=session.sur_commune, args=(d,),
                 placeholder="— aucune —" if e.territoire else "territoire d'abord",  # short: fits a phone's half row
                 format_func=lambda code: "— aucune —" if code is None else noms[code], filter_mode=FILTRE_LISTES)


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


W_CLASSEMENT = "w_classement"


def donnee_de_classement(d: dn.Donnees) -> str:
    """The number the territories are ranked on (page Territoires): part of the shared state,
    like the map's indicator (?classement=communes; population when absent). Its column."""
    choix = comparaison.classements(d)
    e = st.session_state[session.K_ETAT]
    st.session_state[W_CLASSEMENT] = e.classement or comparaison.CLASSEMENT_DEFAUT
    st.selectbox("Classer selon", list(choix), key=W_CLASSEMENT, format_func=lambda k: choix.get(k, ""),
                 on_change=_sur_classement, args=(d,))
    return choix[st.session_state[session.K_ETAT].classement or comparaison.CLASSEMENT_DEFAUT]


def _sur_classement(d: dn.Donnees) -> None:
    session.nouvelle_action()
    e = st.session_state[session.K_ETAT]
    ok, cle = selection.choix(st.session_state.get(W_CLASSEMENT), comparaison.classements(d))
    if not ok or cle is None:  # a value no option offers (forged): unchanged, short notice
        return session.refuser(W_CLASSEMENT, e.classement or comparaison.CLASSEMENT_DEFAUT)
    st.session_state[session.K_ETAT] = replace(e, classement=None if cle == comparaison.CLASSEMENT_DEFAUT else cle)


# The copy button and the link shown under it follow the address bar, which the app
# rewrites with the canonical link after each action (also after a map click that reruns
# only the map's fragment, when this sidebar is not sent again). The element never
# changes (sent once, then as a reference); no iframe: one whose document changed with
# each selection was reloaded on every click.
PARTAGE = """<div class="ti-partage"><button type="button" data-ti-copier
style="font:inherit;font-size:.9rem;padding:.3rem .8rem;border:1px solid #8c8c8c;border-radius:.5rem;
background:#fff;color:#111;cursor:pointer">Copier le lien</button>
<span data-ti-statut role="status" style="font-size:.85rem;margin-left:.5rem"></span>
<p style="margin:.5rem 0 0;font-size:.85rem;overflow-wrap:anywhere"><code data-ti-url></code></p></div>
<script>
(() => {
  const montrer = () => document.querySelectorAll("[data-ti-url]").forEach((c) => {
    if (c.textContent !== window.location.href) c.textContent = window.location.href; });
  montrer();
  if (window.__tiPartage) return;
  window.__tiPartage = true;
  for (const k of ["pushState", "replaceState"]) {
    const avant = history[k];
    history[k] = function (...args) { const r = avant.apply(this, args); montrer(); return r; };
  }
  window.addEventListener("popstate", montrer);
  const dire = (b, t) => { const m = b.parentElement.querySelector("[data-ti-statut]"); if (m) m.textContent = t; };
  const repli = (b, url) => {
    const t = document.createElement("textarea");
    t.value = url; t.setAttribute("readonly", ""); t.style.position = "fixed"; t.style.opacity = "0";
    document.body.appendChild(t); t.select();
    let ok = false; try { ok = document.execCommand("copy"); } catch (e) {}
    t.remove();
    dire(b, ok ? "Lien copié." : "Copie impossible : copiez le lien ci-dessous.");
  };
  document.addEventListener("click", (ev) => {
    const b = ev.target.closest && ev.target.closest("[data-ti-copier]");
    if (!b) return;
    const url = window.location.href;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(() => dire(b, "Lien copié."), () => repli(b, url));
    } else repli(b, url);
  });
})();
</script>"""


def lien_partage() -> None:
    """'Copier le lien' button, with the link shown for a manual copy as fallback."""
    st.sidebar.markdown("**Partager cette vue**")
    with st.sidebar:
        st.html(PARTAGE, unsafe_allow_javascript=True)
