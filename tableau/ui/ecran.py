"""Fitting the page to the screen and declaring its language: one style block and one
small script in the parent document (st.html runs both there, not in an iframe).

Streamlit itself cannot do these: it writes <html lang="en">, its "auto" sidebar only
collapses below 768 px (so a 820 px tablet keeps a 300 px sidebar over a cramped map),
and st.columns only stack below 640 px.
"""
from __future__ import annotations

import json

import streamlit as st

# Below this viewport width the sidebar starts collapsed (tablets and phones); Streamlit's
# own "auto" breakpoint (768 px) is where it overlays the page instead of pushing it.
LARGEUR_TABLETTE = 1024
LARGEUR_MOBILE = 768
# How long after a page switch the app's write-back of its state may merge with the
# switch's own history entry (same run; generous for a loaded server).
PASSAGE_MS = 8000
# Below this width of the main area the map and the panel no longer fit side by side:
# the panel goes under the map (a container query, so an open sidebar counts too).
LARGEUR_DEUX_COLONNES = 900
CLE_DISPOSITION = "disposition-carte"   # container of the map page's two columns
CLE_PANNEAU_COLONNE = "colonne-panneau"  # container of the panel column
CLE_LEGENDE = "legende-carte"            # container of the legend under the map
CLE_RESULTATS = "resultats-"             # prefix: container of a search field's matches

STYLE = f"""<style>
/* Map page: panel under the map when the main area is too narrow for both. */
.st-key-{CLE_DISPOSITION} {{ container-type: inline-size; }}
@container (max-width: {LARGEUR_DEUX_COLONNES}px) {{
  [data-testid="stHorizontalBlock"]:has(.st-key-{CLE_PANNEAU_COLONNE}) {{ flex-direction: column; }}
  [data-testid="stHorizontalBlock"]:has(.st-key-{CLE_PANNEAU_COLONNE}) > [data-testid="stColumn"] {{
    width: 100% !important; flex: 1 1 auto !important; min-width: 100% !important; }}
  /* The map column's blocks become items of the stack, so the legend can follow the panel:
     the panel comes right under the map. */
  [data-testid="stHorizontalBlock"]:has(.st-key-{CLE_PANNEAU_COLONNE})
    > [data-testid="stColumn"]:not(:has(.st-key-{CLE_PANNEAU_COLONNE})),
  [data-testid="stHorizontalBlock"]:has(.st-key-{CLE_PANNEAU_COLONNE})
    > [data-testid="stColumn"]:not(:has(.st-key-{CLE_PANNEAU_COLONNE})) > [data-testid="stVerticalBlock"] {{
    display: contents; }}
  [data-testid="stHorizontalBlock"]:has(.st-key-{CLE_PANNEAU_COLONNE})
    > [data-testid="stColumn"]:has(.st-key-{CLE_PANNEAU_COLONNE}) {{ order: 1; }}
  [data-testid="stHorizontalBlock"]:has(.st-key-{CLE_PANNEAU_COLONNE}) :has(> .st-key-{CLE_LEGENDE}),
  [data-testid="stHorizontalBlock"]:has(.st-key-{CLE_PANNEAU_COLONNE}) > * > * > .st-key-{CLE_LEGENDE} {{
    order: 2; }}
}}
/* Never cut a figure, a metric label or a button label: wrap instead. */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *, [data-testid="stMetricValue"],
[data-testid="stMetricValue"] *, .stDownloadButton button *, .stButton button *, [data-testid="stPageLink"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere; }}
.stDownloadButton button, .stButton button {{ height: auto; min-height: 2.5rem; }}
/* Search matches above the map: a list laid over the page, which never pushes the map down. */
.st-key-recherche-carte {{ position: relative; }}
/* Out of the flow with the wrapper Streamlit puts around it (else its gap still moves the map). */
.st-key-recherche-carte :has(> .st-key-{CLE_RESULTATS}w_recherche_carte) {{
  position: absolute; top: 100%; left: 0; right: 0; z-index: 1000; }}
.st-key-{CLE_RESULTATS}w_recherche_carte {{
  background: var(--background-color, #fff); background-color: #fff; box-shadow: 0 4px 12px rgba(0,0,0,.25);
  border-radius: .5rem; max-height: 60vh; overflow-y: auto; padding: 0 .25rem; }}
.st-key-{CLE_RESULTATS}w_recherche_carte:not(:has(button, p)) {{ display: none; }}
/* Phones: a title that fits in two lines, less blank space above it, and the panel's
   figures two by two (Streamlit would stack every column, one figure per screen line). */
.stMainBlockContainer {{ padding-top: 4rem; }}
@media (max-width: 640px) {{
  h1 {{ font-size: 1.9rem !important; }}
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]) {{
    flex-direction: row; flex-wrap: wrap; }}
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"])
    > [data-testid="stColumn"] {{ flex: 1 1 40% !important; min-width: 40% !important; width: auto !important; }}
}}
/* The commune box, disabled until a territory is chosen, keeps a readable contrast. */
.st-key-w_commune [data-testid="stMarkdownContainer"] p {{ color: #4a4c57 !important; opacity: 1 !important; }}
/* The script below takes no room in the page. */
.st-key-script-ecran {{ display: none; }}
</style>"""

# Runs in the parent document. Once per page load: lang="fr" (Streamlit resets nothing
# after load, but a re-render is cheap to guard against) and, on a tablet or phone, the
# sidebar collapsed. ``montrer`` (a CSS selector) is set after a search result was
# chosen: on a phone the sidebar then closes and the answer is scrolled into view.
SCRIPT = """<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  doc.documentElement.lang = "fr";
  if (!win.__tiLang) {
    win.__tiLang = new MutationObserver(() => {
      if (doc.documentElement.lang !== "fr") doc.documentElement.lang = "fr";
    });
    win.__tiLang.observe(doc.documentElement, {attributes: true, attributeFilter: ["lang"]});
  }
  const ouverte = () => {
    const s = doc.querySelector('[data-testid="stSidebar"]');
    if (!s) return false;
    const r = s.getBoundingClientRect();
    return r.width > 0 && r.right > 0;
  };
  const fermer = () => {
    const b = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (ouverte() && b) b.click();
  };
  // A page switch makes Streamlit push the new page's address without the query string,
  // then the app writes the state back: two history entries, and Back landed on the bare
  // one (the state lost, still on the same page). The write-back replaces that entry.
  if (!win.__tiHistorique) {
    win.__tiHistorique = true;
    const h = win.history, pousser = h.pushState.bind(h), remplacer = h.replaceState.bind(h);
    let passage = null;
    h.pushState = function (etat, titre, url) {
      const ici = win.location, cible = new URL(url, ici.href);
      if (passage && cible.pathname === passage.chemin && ici.pathname === passage.chemin
          && !ici.search && Date.now() - passage.t < %(passage_ms)d) {
        passage = null;
        return remplacer(etat, titre, url);
      }
      passage = cible.pathname !== ici.pathname && ici.search && !cible.search
        ? {chemin: cible.pathname, t: Date.now()} : null;
      return pousser(etat, titre, url);
    };
    win.addEventListener("popstate", () => { passage = null; });
  }
  if (!win.__tiBarre) {
    win.__tiBarre = true;
    if (win.innerWidth < %(tablette)d) fermer();
  }
  const montrer = %(montrer)s;
  if (montrer) {
    if (win.innerWidth < %(mobile)d) fermer();
    let n = 0;
    const viser = () => {
      const cible = doc.querySelector(montrer);
      if (cible) cible.scrollIntoView({block: "start"});
      else if (n++ < 50) setTimeout(viser, 100);
    };
    viser();
  }
})();
</script>"""


# ---- Select boxes and tables: nothing cut (issue 12; kept apart from the rules above) ----
# Streamlit 1.67 shows a select box's value in an <input>, which cannot wrap: a long territory
# name or INSEE indicator was cut ("Val de Garonne Guyenne Gasco…"). SCRIPT_LISTES copies each
# value into a data-valeur attribute of the box; while the box is not being edited the value is
# drawn from it on up to two lines, in the box's usual height (so the map never moves), and the
# input's own text is set to zero size (it stays there, focusable and read by screen readers).
# The open list is as wide as its longest option (within the screen) and its options wrap.
# Tables in a container keyed SANS_BARRE + name lose Streamlit's toolbar (English "Download as
# CSV", "Search", "Fullscreen"): only those with our own French CSV download next to them.
SANS_BARRE = "sans-barre-"
STYLE_LISTES = """<style>
[class*="st-key-sans-barre-"] [data-testid="stElementToolbar"] { display: none !important; }
[data-testid="stSelectbox"] [role="group"][data-valeur] { position: relative; }
[data-testid="stSelectbox"] [role="group"][data-valeur]:not(:focus-within) input { font-size: 0 !important; }
[data-testid="stSelectbox"] [role="group"][data-valeur]:not(:focus-within)::before {
  content: attr(data-valeur); position: absolute; left: .5rem; right: 2.25rem; top: 50%;
  transform: translateY(-50%); pointer-events: none; white-space: normal; overflow-wrap: anywhere;
  font-size: .875rem; line-height: 1.1; display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: 2; overflow: hidden; color: inherit; }
[data-testid="stSelectbox"] [role="group"][data-valeur=""]:not(:focus-within)::before { content: none; }
[data-testid="stSelectbox"] [role="group"][data-valeur=""]:not(:focus-within) input { font-size: inherit !important; }
[data-testid="stSelectboxVirtualDropdown"] {
  width: max-content !important; min-width: var(--trigger-width); max-width: min(32rem, calc(100vw - 1rem)); }
[data-testid="stSelectboxVirtualDropdown"] [role="option"],
[data-testid="stSelectboxVirtualDropdown"] [role="option"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; height: auto; }
</style>"""
# Streamlit's own English words in the page (1.67 has no setting for them): the labels read
# by screen readers and the "No results" of an empty list, put into French as they appear.
LIBELLES = {"Open": "Ouvrir la liste", "Close": "Fermer", "Clear all": "Tout effacer", "Clear": "Effacer",
            "Collapse sidebar": "Replier le menu latéral", "Expand sidebar": "Déplier le menu latéral",
            "App pages": "Pages de l'application", "Selected values": "Valeurs choisies",
            "Sidebar": "Menu latéral", "Clear entry": "Effacer la saisie", "No results": "Aucun résultat",
            # the menu of a table column (its header's ⋮ button)
            "Dataframe column menu": "Menu de la colonne", "Copy column name": "Copier le nom de la colonne",
            "Sort ascending": "Trier par ordre croissant", "Sort descending": "Trier par ordre décroissant",
            "Statistics": "Statistiques", "Autosize": "Largeur automatique", "Pin column": "Épingler la colonne",
            "Unpin column": "Détacher la colonne", "Hide column": "Masquer la colonne"}
PREFIXES = {"Help for ": "Aide : ", "Remove ": "Retirer "}
SCRIPT_LISTES = """<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  if (win.__tiValeurs) return;
  const libelles = __LIBELLES__, prefixes = __PREFIXES__;
  const traduire = (t) => {
    if (Object.hasOwn(libelles, t)) return libelles[t];
    for (const [en, fr] of Object.entries(prefixes)) if (t.startsWith(en)) return fr + t.slice(en.length);
    return null;
  };
  const passer = () => {
    for (const i of doc.querySelectorAll('[data-testid="stSelectbox"] input[role="combobox"]')) {
      const g = i.closest('[role="group"]');
      // The placeholder ("— aucun —") when empty: the input shows it itself.
      if (g && g.dataset.valeur !== i.value) g.dataset.valeur = i.value;
    }
    for (const e of doc.querySelectorAll("[aria-label]")) {
      const fr = traduire(e.getAttribute("aria-label"));
      if (fr) e.setAttribute("aria-label", fr);
    }
    const listes = '[role="listbox"], [role="menu"], [data-testid="stSelectboxVirtualDropdown"]';
    for (const l of doc.querySelectorAll(listes)) {
      const w = doc.createTreeWalker(l, NodeFilter.SHOW_TEXT);
      while (w.nextNode()) {
        const n = w.currentNode;
        if (Object.hasOwn(libelles, n.data)) n.data = libelles[n.data];
      }
    }
  };
  win.__tiValeurs = new MutationObserver(passer);
  win.__tiValeurs.observe(doc.body, {subtree: true, childList: true, characterData: true, attributes: true,
                                     attributeFilter: ["value", "aria-label"]});
  doc.addEventListener("focusout", () => setTimeout(passer, 0), true);
  passer();
})();
</script>""".replace("__LIBELLES__", json.dumps(LIBELLES, ensure_ascii=False)).replace(
    "__PREFIXES__", json.dumps(PREFIXES, ensure_ascii=False))


def installer(montrer: str | None = None, jeton: int = 0) -> None:
    """Style block and script; call once per run, in the main area. ``jeton`` changes
    each time ``montrer`` must act again (an unchanged element is not run again)."""
    st.html(STYLE + STYLE_LISTES)  # style only: Streamlit puts it out of the page flow
    with st.container(key="script-ecran"):
        st.html(SCRIPT % {"tablette": LARGEUR_TABLETTE, "mobile": LARGEUR_MOBILE, "passage_ms": PASSAGE_MS,
                          "montrer": json.dumps(montrer)} + SCRIPT_LISTES + f"<!-- {jeton} -->",
                unsafe_allow_javascript=True)
