"""Select boxes and tables with nothing cut, and Streamlit's own English words put into
French (issue 12): one style block and one script, installed by ``ecran.installer`` in
the parent document on every page."""
from __future__ import annotations

import json

# Streamlit 1.67 shows a select box's value in an <input>, which cannot wrap: a long territory
# name or INSEE indicator was cut ("Val de Garonne Guyenne Gasco…"). SCRIPT_LISTES copies each
# value into a data-valeur attribute of the box; while the box is not being edited the value is
# drawn from it on up to two lines, in the box's usual height (so the map never moves), and the
# input's own text is set to zero size (it stays there, focusable and read by screen readers).
# « Being edited » is the list open, not the focus: a box keeps the focus after a choice with
# the mouse, and showed the value cut on one line until a click elsewhere.
# The open list is as wide as its longest option (within the screen) and its options wrap,
# each still as tall as Streamlit makes it (2.5rem: a finger's target; with the wrapping
# alone they shrank to 22 px, and a long list, which places its rows every 2.5rem, left
# dead gaps between them).
# Tables in a container keyed SANS_BARRE + name lose Streamlit's toolbar (English "Download as
# CSV", "Search", "Fullscreen"): only those with our own French CSV download next to them.
SANS_BARRE = "sans-barre-"
STYLE_LISTES = """<style>
[class*="st-key-sans-barre-"] [data-testid="stElementToolbar"] { display: none !important; }
[data-testid="stSelectbox"] [role="group"][data-valeur] { position: relative; }
[data-testid="stSelectbox"] [role="group"][data-valeur]:not(:has(input[aria-expanded="true"])) input {
  font-size: 0 !important; }
[data-testid="stSelectbox"] [role="group"][data-valeur]:not(:has(input[aria-expanded="true"]))::before {
  content: attr(data-valeur); position: absolute; left: .5rem; right: 2.25rem; top: 50%;
  transform: translateY(-50%); pointer-events: none; white-space: normal; overflow-wrap: anywhere;
  font-size: .875rem; line-height: 1.1; display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: 2; overflow: hidden; color: inherit; }
[data-testid="stSelectbox"] [role="group"][data-valeur=""]:not(:has(input[aria-expanded="true"]))::before {
  content: none; }
[data-testid="stSelectbox"] [role="group"][data-valeur=""]:not(:has(input[aria-expanded="true"])) input {
  font-size: inherit !important; }
[data-testid="stSelectboxVirtualDropdown"] {
  width: max-content !important; min-width: var(--trigger-width); max-width: min(32rem, calc(100vw - 1rem)); }
[data-testid="stSelectboxVirtualDropdown"] [role="option"],
[data-testid="stSelectboxVirtualDropdown"] [role="option"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; height: auto; }
[data-testid="stSelectboxVirtualDropdown"] [role="option"] { min-height: 2.5rem; box-sizing: border-box;
  display: flex !important; align-items: stretch !important; }
[data-testid="stSelectboxVirtualDropdown"] [role="option"] > [data-item-hl] {
  flex: 1; display: flex; align-items: center; }
</style>"""
# Streamlit's own English words in the page (1.67 has no setting for them): the labels read
# by screen readers and the "No results" of an empty list, put into French as they appear.
LIBELLES = {"Open": "Ouvrir la liste", "Close": "Fermer", "Clear all": "Tout effacer", "Clear": "Effacer",
            "Collapse sidebar": "Replier le menu latéral", "Expand sidebar": "Déplier le menu latéral",
            "App pages": "Pages de l'application", "Selected values": "Valeurs choisies",
            "Sidebar": "Menu latéral", "Clear entry": "Effacer la saisie",
            "No results": "Aucun nom ne contient ces lettres (accents compris)",
            # the menu of a table column (its header's ⋮ button)
            "Dataframe column menu": "Menu de la colonne", "Copy column name": "Copier le nom de la colonne",
            "Sort ascending": "Trier par ordre croissant", "Sort descending": "Trier par ordre décroissant",
            "Statistics": "Statistiques", "Autosize": "Largeur automatique", "Pin column": "Épingler la colonne",
            "Unpin column": "Détacher la colonne", "Hide column": "Masquer la colonne",
            # toolbars of tables and charts (hidden, still read by screen readers), empty select box
            "Choose an option": "Choisir une option", "Show data": "Afficher les données",
            "Download as PNG": "Télécharger en PNG", "Download as SVG": "Télécharger en SVG",
            "Copy Vega-Lite spec": "Copier la description Vega-Lite", "Fullscreen": "Plein écran",
            "Close fullscreen": "Quitter le plein écran", "Show/hide columns": "Afficher ou masquer des colonnes",
            "Download as CSV": "Télécharger en CSV", "Search": "Rechercher",
            # the link a keyboard meets first (data-testid stSkipToContent)
            "Skip to main content": "Aller au contenu principal"}
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
    // Placeholders ("Choose an option" in a box with no value) are read by screen readers too.
    for (const e of doc.querySelectorAll("input[placeholder]")) {
      const fr = traduire(e.getAttribute("placeholder"));
      if (fr) e.setAttribute("placeholder", fr);
    }
    // The map's frame was announced by its technical title, "streamlit_folium.st_folium".
    for (const f of doc.querySelectorAll('iframe[title="streamlit_folium.st_folium"]:not([aria-label])'))
      f.setAttribute("aria-label", "Carte des Territoires d'industrie");
    const saut = doc.querySelector('[data-testid="stSkipToContent"]');
    if (saut && Object.hasOwn(libelles, saut.textContent)) saut.textContent = libelles[saut.textContent];
    const listes = '[role="listbox"], [role="menu"], [data-testid="stSelectboxVirtualDropdown"]';
    for (const l of doc.querySelectorAll(listes)) {
      const w = doc.createTreeWalker(l, NodeFilter.SHOW_TEXT);
      while (w.nextNode()) {
        const n = w.currentNode;
        if (Object.hasOwn(libelles, n.data)) n.data = libelles[n.data];
      }
    }
  };
  // Once per frame at most, before it is painted: a rerun makes hundreds of mutations, and a
  // pass over the whole page for each of them slowed the redraw after every click.
  let prevu = false;
  const plus_tard = () => {
    if (prevu) return;
    prevu = true;
    win.requestAnimationFrame(() => { prevu = false; passer(); });
  };
  win.__tiValeurs = new MutationObserver(plus_tard);
  win.__tiValeurs.observe(doc.body, {subtree: true, childList: true, characterData: true, attributes: true,
                                     attributeFilter: ["value", "aria-label", "placeholder"]});
  doc.addEventListener("focusout", () => setTimeout(passer, 0), true);
  passer();
})();
</script>""".replace("__LIBELLES__", json.dumps(LIBELLES, ensure_ascii=False)).replace(
    "__PREFIXES__", json.dumps(PREFIXES, ensure_ascii=False))
