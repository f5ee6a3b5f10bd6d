"""Page controls that act on the map in the browser at once: the legend's keys (a key
chooses its territory the way a click on the map does) and the département filter (the
map shows it as soon as it is chosen; the page's rerun follows)."""
from __future__ import annotations

import html

import streamlit as st

from tableau.logique import carte
from tableau.logique.modele import Donnees

# The keys are plain buttons in one HTML element, not 16 Streamlit buttons: each of those
# was a message on every rerun and a widget for the browser to redraw after each click. A
# key asks the map to report a click on its territory (TI.choisir in carte_js): the same
# value, validated the same way by the server, as a click on the map itself.
SCRIPT_CLES = """<script>
(() => {
  if (window.__tiCles) return;
  window.__tiCles = true;
  // The map's own functions (carte_js), once its frame has them.
  const carteTI = () => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    return (f && f.contentWindow && f.contentWindow.TI) || {};
  };
  document.addEventListener("click", (ev) => {
    const b = ev.target.closest && ev.target.closest("[data-ti-cle]");
    if (!b) return;
    const carte = carteTI();
    if (carte.choisir) carte.choisir(b.dataset.tiCle, b.textContent.replace(/^\\d+ · /, ""));
    // The keys are drawn anew after the choice (aria-pressed): the focus would fall back to the
    // page's start; it goes to the same key once it is back. Watched only until then (10 s at most),
    // not for every change of the page.
    if (document.activeElement === b) suivre(b.dataset.tiCle);
  });
  let obs = null, id = null, fin = null;
  const arreter = () => { if (obs) obs.disconnect(); clearTimeout(fin); obs = id = null; };
  const suivre = (cle) => {
    arreter();
    id = cle;
    obs = new MutationObserver(() => {
      const b = document.querySelector('[data-ti-cle="' + id + '"][aria-pressed="true"]');
      if (b && document.activeElement !== b) { arreter(); b.focus({preventScroll: true}); }
    });
    obs.observe(document.body, {childList: true, subtree: true});
    fin = setTimeout(arreter, 10000);
  };
  // The reader moved on (Tab, a click elsewhere): the key no longer takes the focus back.
  document.addEventListener("focusin", (ev) => {
    if (id && !(ev.target.dataset && ev.target.dataset.tiCle === id)) arreter();
  });
  // The département filter, shown on the map as soon as a chip is added or removed (TI.filtrer
  // applies the server's own rules), where the whole page's rerun took ~0.3 s to reach it. Only
  // after the reader's own gesture in the filter: a Back, a link or « Retirer le filtre » change
  // the chips through the server, whose state then reaches the map anyway.
  const FILTRE = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]';
  const lire = () => Array.from(document.querySelectorAll(FILTRE + " [data-tag] > span[title]"),
                                (s) => (s.title.match(/\\(([0-9AB]{2,3})\\)/) || [])[1]).filter(Boolean);
  let geste = -Infinity, codes = lire();
  ["pointerdown", "keydown"].forEach((type) => document.addEventListener(type, (ev) => {
    if (ev.target.closest && ev.target.closest(FILTRE + ', [role="listbox"]')) geste = performance.now();
  }, true));
  new MutationObserver(() => {
    const lus = lire();
    if (lus.join() === codes.join()) return;
    codes = lus;
    if (performance.now() - geste > 3000) return;
    const carte = carteTI();
    if (carte.filtrer) carte.filtrer(codes);
  }).observe(document.querySelector('[data-testid="stSidebar"]') || document.body,
             {childList: true, subtree: true, attributes: true, attributeFilter: ["title"]});
})();
</script>"""
STYLE_CLES = ("<style>.ti-cles{columns:2;column-gap:.5rem}"
              ".ti-cles button{display:flex;align-items:center;width:100%;min-height:2.1rem;padding:.2rem .6rem;"
              "margin:0 0 .35rem;break-inside:avoid;"
              "font:inherit;font-size:.95rem;text-align:left;color:#111;background:#fff;border:1px solid #8c8c8c;"
              "border-radius:.5rem;cursor:pointer}.ti-cles button:hover{border-color:#0000a0;color:#0000a0}"
              ".ti-cles button:focus-visible{outline:3px solid #0000a0;outline-offset:1px}"
              ".ti-cles button[aria-pressed=true]{background:#111;color:#fff;border-color:#111}"
              ".ti-cles i{flex:none;width:.9em;height:.9em;margin-right:.5em;border:1px solid #262626;"
              f"opacity:{carte.OPACITES[0]}}}"  # the map's own fill: a key matches its territory and the legend
              "@media (max-width:640px){.ti-cles{columns:1}}.st-key-script-cles{display:none}</style>")


def cles_territoires(d: Donnees, visibles: list[str], couleurs: dict[str, str], numeros: dict[str, int],
                     choisi: str | None) -> None:
    """One key per visible territory, unique: its number on the map, its name, its colour
    on the map; a button, so a click, a tap or the keyboard selects the territory.
    Ordered by number, read top to bottom in two columns (one on phones). Three elements:
    the style with the colours (they change with an indicator), the keys (they change with
    the selection) and the unchanging script, so a click re-sends only the keys."""
    ordre = sorted(visibles, key=numeros.__getitem__)
    # Ids are [a-z0-9-] and colours come from our palettes: safe in a style sheet; names are escaped.
    couleurs_css = "".join(f'[data-ti-cle="{t}"] i{{background:{couleurs[t]}}}' for t in ordre)
    items = "".join(
        f'<button data-ti-cle="{t}" aria-pressed="{"true" if t == choisi else "false"}"><i></i>'
        f'{numeros[t]} · {html.escape(d.territoires[t].nom)}</button>' for t in ordre)
    with st.container(key="cles-territoires"):
        # Style only: Streamlit puts it out of the page flow (no gap above the keys).
        st.html(STYLE_CLES.replace("</style>", couleurs_css + "</style>"))
        st.html(f'<div class="ti-cles" role="group" aria-label="Choisir un territoire">{items}</div>')
        with st.container(key="script-cles"):  # hidden: takes no room either
            st.html(SCRIPT_CLES, unsafe_allow_javascript=True)
