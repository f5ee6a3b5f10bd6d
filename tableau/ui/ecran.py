"""Fitting the page to the screen and declaring its language: one style block and one
small script in the parent document (st.html runs both there, not in an iframe).

Streamlit itself cannot do these: it writes <html lang="en">, its "auto" sidebar only
collapses below 768 px (so a 820 px tablet keeps a 300 px sidebar over a cramped map),
and st.columns only stack below 640 px.

Long module: one style block and one script, sent once per session and then only referred
to (Streamlit's message cache); split, they would be several elements on every run.
"""
from __future__ import annotations

import json

import streamlit as st

from tableau.ui import entree, session
from tableau.ui.liens_pages import SCRIPT_LIENS
from tableau.ui.debord import SCRIPT_DEBORD, STYLE_DEBORD
from tableau.ui.libelles import SCRIPT_LISTES, STYLE_LISTES

# Below this viewport width the sidebar starts collapsed (tablets and phones); Streamlit's
# own "auto" breakpoint (768 px) is where it overlays the page instead of pushing it.
LARGEUR_TABLETTE = 1024
LARGEUR_MOBILE = 768
# How long after a page switch the app's write-back of its state may merge with the
# switch's own history entry (same run; generous for a loaded server).
PASSAGE_MS = 8000
PASSAGE_NU_MS = 2500  # the same from a page whose address held no state (see SCRIPT)
# Below this width of the main area the map and the panel no longer fit side by side:
# the panel goes under the map (a container query, so an open sidebar counts too).
LARGEUR_DEUX_COLONNES = 900
CLE_DISPOSITION = "disposition-carte"   # container of the map page's two columns
CLE_CONTROLES = "controles-carte"        # container of the map page's four select/search boxes
CLE_PANNEAU_COLONNE = "colonne-panneau"  # container of the panel column
CLE_PANNEAU_TERRITOIRE = "panneau-territoire"  # the territory's (or region's) panel in it (testability contract)
CLE_LEGENDE = "legende-carte"            # container of the legend under the map
CLE_CLASSES = "classes-carte"            # the indicator's classes, right under the map even when stacked
CLE_ANNONCE_FILTRE = "annonce-filtre"    # the filter said above the map, where the sidebar starts closed
CLE_RESULTATS = "resultats-"             # prefix: container of a search field's matches
# The map's height follows the window's (issue 12). Beside the panel: the window's height
# less what lies above the map and the legend's first row (1366x768: the whole map and
# that row in view), within [min, max]. Stacked (phones, tablets): about half the window,
# so the panel's start shows under the map. vh, not dvh: a phone's address bar coming
# and going must not resize (and refit) the map.
CARTE_MARGE_PX, CARTE_MIN_PX, CARTE_MAX_PX = 395, 300, 760
CARTE_EMPILEE_VH, CARTE_EMPILEE_MIN_PX, CARTE_EMPILEE_MAX_PX = 50, 240, 560
K_OUVRIR = "ti_ouvrir_barre"  # « Changer le filtre »: the sidebar opens at the filter
IFRAME_CARTE = 'iframe[title="streamlit_folium.st_folium"]'
ENTETE_PANNEAU_PX = 120  # the panel's start counts as in view when this much of it shows

STYLE = f"""<style>
/* The sidebar's page links showed their keyboard focus by a grey hardly darker than the
   sidebar (1.1:1), and the current page none at all: the theme's ring, as on the map. */
[data-testid="stSidebarNav"] a:focus-visible {{ outline: 3px solid #0000a0; outline-offset: -3px; }}
/* The lists and the search fields showed it by their 1 px border turning blue, and the main area
   (a scrolling box: one Tab stop in Chromium) not at all: the same ring. */
[data-testid="stSelectbox"] [role="group"]:has(input:focus-visible),
[data-testid="stMultiSelect"] [role="group"]:has(input:focus-visible),
[data-testid="stTextInputRootElement"]:has(input:focus-visible) {{ outline: 3px solid #0000a0; outline-offset: 1px; }}
[data-testid="stMain"]:focus-visible {{ outline: 3px solid #0000a0; outline-offset: -3px; }}
/* Where the sidebar starts open it shows the filter: no line above the map (at 1366x768 it
   pushed the map's foot out of the window). */
@media (min-width: {LARGEUR_TABLETTE}px) {{ .st-key-{CLE_ANNONCE_FILTRE},
  [data-testid="stLayoutWrapper"]:has(> .st-key-notices > :only-child > .st-key-{CLE_ANNONCE_FILTRE}) {{
    display: none; }} }}
/* Map page: panel under the map when the main area is too narrow for both. */
.st-key-{CLE_DISPOSITION} {{ container-type: inline-size; }}
/* The map's height follows the window (beside the panel, then stacked). */
.st-key-{CLE_DISPOSITION} {IFRAME_CARTE} {{
  height: clamp({CARTE_MIN_PX}px, calc(100vh - {CARTE_MARGE_PX}px), {CARTE_MAX_PX}px) !important; }}
/* A label on two lines (a long one on a phone's half row) moves its label up, not its box: the
   boxes of a row stay aligned. */
.st-key-{CLE_CONTROLES} [data-testid="stHorizontalBlock"] {{ align-items: flex-end; }}
/* The four boxes over the map two by two in a narrow main area. On phones, three rows: the
   territory and the indicator (long values) across, the commune and the search side by side
   (Streamlit would stack four rows: the map started at the bottom of a phone's first view). */
@container (max-width: {LARGEUR_DEUX_COLONNES}px) {{
  .st-key-{CLE_CONTROLES} [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; }}
  .st-key-{CLE_CONTROLES} [data-testid="stColumn"] {{
    flex: 1 1 calc(50% - 1rem) !important; min-width: calc(50% - 1rem) !important; }}
}}
@container (max-width: 599px) {{
  .st-key-{CLE_CONTROLES} [data-testid="stColumn"]:nth-child(3n+1) {{
    flex: 1 1 100% !important; min-width: 100% !important; }}
  /* The search is then the right half of its row: its matches open leftwards, within the screen. */
  .st-key-{CLE_CONTROLES} .st-key-recherche-carte :has(> .st-key-{CLE_RESULTATS}w_recherche_carte) {{
    left: auto; right: 0; width: min(22rem, 100cqw); }}
}}
@container (max-width: {LARGEUR_DEUX_COLONNES}px) {{
  .st-key-{CLE_DISPOSITION} {IFRAME_CARTE} {{ height: clamp({CARTE_EMPILEE_MIN_PX}px,
    {CARTE_EMPILEE_VH}vh, {CARTE_EMPILEE_MAX_PX}px) !important; }}
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
  overflow-wrap: break-word; }}
.stDownloadButton button, .stButton button {{ height: auto; min-height: 2.5rem; }}
/* Search matches above the map: a list laid over the page, which never pushes the map down. */
.st-key-recherche-carte {{ position: relative; }}
/* Out of the flow with the wrapper Streamlit puts around it (else its gap still moves the map). */
.st-key-recherche-carte :has(> .st-key-{CLE_RESULTATS}w_recherche_carte) {{
  position: absolute; top: 100%; left: 0; z-index: 1000; width: max(100%, min(22rem, 90vw)); max-width: none; }}
.st-key-{CLE_RESULTATS}w_recherche_carte {{
  background: var(--background-color, #fff); background-color: #fff; box-shadow: 0 4px 12px rgba(0,0,0,.25);
  border-radius: .5rem; max-height: 60vh; overflow-y: auto; padding: 0 .25rem; }}
.st-key-{CLE_RESULTATS}w_recherche_carte:not(:has(button, p)) {{ display: none; }}
/* Phones: a title that fits in two lines, less blank space above it, and the panel's
   figures two by two (Streamlit would stack every column, one figure per screen line). */
.stMainBlockContainer {{ padding-top: 3.5rem; }}
@media (max-width: 640px) {{
  h1 {{ font-size: 1.9rem !important; }}
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]) {{
    flex-direction: row; flex-wrap: wrap; }}
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"])
    > [data-testid="stColumn"] {{ flex: 1 1 40% !important; min-width: 40% !important; width: auto !important; }}
}}
/* The panel brought into view (SCRIPT_MONTRER) starts under Streamlit's header, not behind it. */
.st-key-{CLE_PANNEAU_COLONNE} {{ scroll-margin-top: 4rem; }}
/* The commune box, disabled until a territory is chosen, keeps a readable contrast. */
.st-key-w_commune [data-testid="stMarkdownContainer"] p {{ color: #4a4c57 !important; opacity: 1 !important; }}
/* A multiselect's field beside a long chip ("Pyrénées-Atlantiques (64)") was 12 px wide: a tap
   there opened the list and closed it at once (Streamlit's own, on touch screens). A field of at
   least 6rem, on a line of its own if need be, is a target a finger can hit and keeps the list open. */
[data-testid="stMultiSelect"] input[role="combobox"] {{ min-width: 6rem; flex-grow: 1; }}
/* The script below takes no room in the page, nor does the wrapper Streamlit puts around it
   (its flex gap pushed the title, and the map after a script was sent, 16 px down). */
.st-key-script-ecran, .st-key-script-montrer,
[data-testid="stLayoutWrapper"]:has(> .st-key-script-ecran),
[data-testid="stLayoutWrapper"]:has(> .st-key-script-montrer) {{ display: none; }}
</style>"""

# Runs in the parent document. Once per page load: lang="fr" (Streamlit resets nothing
# after load, but a re-render is cheap to guard against) and, on a tablet or phone, the
# sidebar collapsed. ``fermer``: a page or a filter was chosen in the sidebar; where the
# sidebar lies over the page, it closes.
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
    // The last gesture was a key or a pointer (SCRIPT_FERMER keeps a keyboard user's focus).
    doc.addEventListener("keydown", () => { win.__tiClavier = true; }, true);
    doc.addEventListener("pointerdown", () => { win.__tiClavier = false; }, true);
  }
  const ouverte = () => {
    const s = doc.querySelector('[data-testid="stSidebar"]');
    if (!s) return false;
    const r = s.getBoundingClientRect();
    return r.width > 0 && r.right > 0;
  };
  const fermer = win.__tiFermer = () => {
    const b = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (!ouverte() || !b) return;
    // A field of the sidebar keeps the focus (and a list its menu, over the page): leave it.
    const s = doc.querySelector('[data-testid="stSidebar"]'), actif = doc.activeElement;
    if (actif && s.contains(actif)) actif.blur();
    b.click();
  };
  // A page switch makes Streamlit push the new page's address without the query string,
  // then the app writes the state back: two history entries, and Back landed on the bare
  // one (the state lost, still on the same page). The write-back replaces that entry.
  if (!win.__tiHistorique) {
    win.__tiHistorique = true;
    const h = win.history, pousser = h.pushState.bind(h), remplacer = h.replaceState.bind(h);
    let passage = null, chemin = win.location.pathname;
    h.pushState = function (etat, titre, url) {
      const ici = win.location, cible = new URL(url, ici.href);
      if (passage && cible.pathname === passage.chemin && ici.pathname === passage.chemin
          && !ici.search && Date.now() - passage.t < passage.ms) {
        passage = null;
        return remplacer(etat, titre, url);
      }
      // From a page with no state in its address, a state written back is the switch's own
      // (« Ouvrir un territoire sur la carte » from /territoires: Back went to an empty map first)
      // only if it comes at once, not from a click on the map a few seconds later.
      passage = cible.pathname !== ici.pathname && !cible.search
        ? {chemin: cible.pathname, t: Date.now(), ms: ici.search ? %(passage_ms)d : %(passage_nu_ms)d} : null;
      chemin = cible.pathname;
      return pousser(etat, titre, url);
    };
    // Back or Forward to another page's entry with no state: the app carries the selection there
    // (it cannot tell that entry from a page chosen in the sidebar) and writes it back, in place,
    // so that Forward still leads on.
    win.addEventListener("popstate", () => {
      const ici = win.location;
      passage = ici.pathname !== chemin && !ici.search
        ? {chemin: ici.pathname, t: Date.now(), ms: %(passage_nu_ms)d} : null;
      chemin = ici.pathname;
    });
  }
  // After a search result chosen in the sidebar ("resultat"): on a phone the sidebar closes and
  // the panel is scrolled into view; after a tap on the map ("clic"), only when the panel is under
  // the map and out of view (beside it, a scroll would move the map under the pointer); after
  // « Effacer la sélection » ("haut"), back to the first view; after « Revenir au territoire »
  // ("panneau"), the panel's heading brought into view, at any width; after a commune chosen in
  // the search or the list above the map ("carte"), the whole map (its foot at the window's foot).
  // Positions are read after the next paint: read mid-render, they forced the browser to lay out
  // the page once more.
  const apresAffichage = (f) => requestAnimationFrame(() => setTimeout(f, 0));
  win.__tiMontrer = (mode) => {
    // A button gone with what it closed (« Revenir au territoire », « Effacer la sélection »)
    // left the focus nowhere: the keyboard restarted at the page's top. It goes to the panel's heading.
    // Tried again for a second: under load the button may still be there after the first paint,
    // and its removal drops the focus later (a full test run caught it).
    let k = 0;
    const focaliser = () => {
      const h = doc.querySelector(%(cible)s + " h2"), a = doc.activeElement;
      if (h && (!a || a === doc.body || !a.isConnected)) { h.tabIndex = -1; h.focus({preventScroll: true}); }
      else if (k++ < 10) setTimeout(focaliser, 100);
    };
    apresAffichage(focaliser);
    if (mode === "haut") {
      apresAffichage(() => {
        const main = doc.querySelector('[data-testid="stMain"]');
        if (main) main.scrollTo({top: 0});
      });
      return;
    }
    const empile = mode === "clic";
    if (win.innerWidth < %(mobile)d) fermer();
    let n = 0;
    const viser = () => {
      const cible = doc.querySelector(%(cible)s);
      if (!cible) { if (n++ < 50) setTimeout(viser, 100); return; }
      if (mode === "panneau") {  // back to the panel from deep in it: its heading, if out of view,
        // checked again for half a second (the card going and the panel coming move it)
        const h = doc.querySelector(%(titre)s), r = (h || cible).getBoundingClientRect();
        if (!(h && r.top >= 0 && r.bottom <= win.innerHeight)) cible.scrollIntoView({block: "start"});
        if (n++ < 5) setTimeout(viser, 100);
        return;
      }
      if (mode === "carte") {  // a commune chosen above the map: the map that shows it, if not in view
        const carte = doc.querySelector(%(carte)s);
        if (!carte) return;
        const r = carte.getBoundingClientRect();
        if (r.top >= 0 && r.bottom <= win.innerHeight) return;
        carte.scrollIntoView({block: r.height < win.innerHeight ? "end" : "start", behavior: "smooth"});
        return;
      }
      if (empile) {
        const carte = doc.querySelector(%(carte)s), r = cible.getBoundingClientRect();
        if (!carte || r.top < carte.getBoundingClientRect().bottom - 1) return;  // beside the map
        const h = cible.querySelector("h2"), bas = h ? h.getBoundingClientRect().bottom + 16 : r.top + %(entete)d;
        if (r.top >= 0 && bas <= win.innerHeight) return;  // its heading is in view
        // Under the map (phones): its heading comes up to the window's foot, the map staying above it
        // (brought to the window's top, it left 24 px of the map: the next tap, on a commune, meant
        // scrolling back up).
        const main = doc.querySelector('[data-testid="stMain"]');
        if (main && r.top > 0) { main.scrollBy({top: bas - win.innerHeight, behavior: "smooth"}); return; }
      }
      cible.scrollIntoView({block: "start", behavior: empile ? "smooth" : "auto"});
    };
    apresAffichage(viser);
  };
  // « Changer le filtre » (phones, tablets): the sidebar opens at its filter, the field focused
  // where a keyboard or a mouse drives the page (on a touch screen a keyboard would pop up).
  win.__tiOuvrir = () => {
    const b = doc.querySelector('[data-testid="stExpandSidebarButton"]');
    if (!ouverte() && b) b.click();
    let n = 0;
    const viser = () => {
      const champ = doc.querySelector(%(filtre)s);
      if (!champ || !ouverte()) { if (n++ < 30) setTimeout(viser, 100); return; }
      champ.scrollIntoView({block: "nearest"});
      if (win.matchMedia("(pointer: fine)").matches) champ.focus({preventScroll: true});
    };
    apresAffichage(viser);
  };
  if (!win.__tiBarre) {
    win.__tiBarre = true;
    if (win.innerWidth < %(tablette)d) fermer();
  }
})();
</script>"""
# Sent only when a page or a filter was chosen in the sidebar: the script above never
# changes, so Streamlit sends it once and then only a short reference to it.
SCRIPT_FERMER = """<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  win.__tiJeton = %(jeton)d;  // in the script: a trailing HTML comment is dropped before rendering
  // The filter's list stays open after a choice (Streamlit keeps a multiselect open): over
  // the sidebar, the next click meant for "Copier le lien" picked another département.
  // With the keyboard, the field keeps the focus (blurred, the next Tab restarted at the page's top,
  // and a second département took the whole page again): Escape closes its list instead.
  const s = doc.querySelector('[data-testid="stSidebar"]'), actif = doc.activeElement;
  if (s && actif && s.contains(actif)) {
    if (win.__tiClavier) actif.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", code: "Escape",
                                                                           keyCode: 27, bubbles: true}));
    else actif.blur();
  }
  // Tablets and phones: the sidebar (open over the page, or squeezing it) makes way.
  if (win.innerWidth < %(tablette)d && win.__tiFermer) win.__tiFermer();
})();
</script>"""

SCRIPT_OUVRIR = """<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  win.__tiJeton = %(jeton)d;
  if (win.__tiOuvrir) win.__tiOuvrir();
})();
</script>"""

# In the map page's fragment (a click on the map reruns only it): a short call of the
# function the screen script installed (__tiMontrer, above), after a search result was
# chosen in the sidebar or a tap on the map.
SCRIPT_MONTRER = """<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  win.__tiJeton = %(jeton)d;
  if (win.__tiMontrer) win.__tiMontrer(%(mode)s);
})();
</script>"""


def _jeton(demande: bool) -> int:
    """Counts the requests: the script element changes (and runs again) only with it."""
    if demande:
        st.session_state[session.K_JETON] = st.session_state.get(session.K_JETON, 0) + 1
    return st.session_state.get(session.K_JETON, 0)


def installer() -> None:
    """Style block and script; call once per run, in the main area (a page or filter chosen
    in the sidebar, session.K_FERMER, closes its lists, and the sidebar itself below tablet width)."""
    st.html(STYLE + STYLE_LISTES + STYLE_DEBORD)  # style only: Streamlit puts it out of the page flow
    with st.container(key="script-ecran"):
        st.html(SCRIPT % {"tablette": LARGEUR_TABLETTE, "mobile": LARGEUR_MOBILE, "passage_ms": PASSAGE_MS,
                          "passage_nu_ms": PASSAGE_NU_MS,
                          "cible": json.dumps(f".st-key-{CLE_PANNEAU_COLONNE}"), "carte": json.dumps(IFRAME_CARTE),
                          "entete": ENTETE_PANNEAU_PX, "titre": json.dumps(f".st-key-{CLE_PANNEAU_TERRITOIRE} h2"),
                          "filtre": json.dumps(f".st-key-{session.W_DEPS} input")}
                + SCRIPT_LISTES + SCRIPT_DEBORD + entree.script(CLE_RESULTATS) + SCRIPT_LIENS,
                unsafe_allow_javascript=True)
        if st.session_state.pop(session.K_FERMER, False):
            st.html(SCRIPT_FERMER % {"tablette": LARGEUR_TABLETTE, "jeton": _jeton(True)},
                    unsafe_allow_javascript=True)
        if st.session_state.pop(K_OUVRIR, False):
            st.html(SCRIPT_OUVRIR % {"jeton": _jeton(True)}, unsafe_allow_javascript=True)


def montrer_panneau() -> None:
    """In the map page's fragment: bring the panel into view once after a request
    (session.K_MONTRER: MONTRER_RESULTAT, MONTRER_CLIC or MONTRER_PANNEAU), or back to the page's top
    (MONTRER_HAUT); nothing without one."""
    montrer = st.session_state.pop(session.K_MONTRER, None)
    if not montrer:
        return
    with st.container(key="script-montrer"):
        st.html(SCRIPT_MONTRER % {"mode": json.dumps(montrer), "jeton": _jeton(True)},
                unsafe_allow_javascript=True)
