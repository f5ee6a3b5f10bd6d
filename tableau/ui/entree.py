"""Enter in a commune search field opens its first match: users typed a name, pressed Enter
(« Rechercher » on a phone's keyboard) and nothing happened, the matches being buttons to
click. The arrows move from the field to its matches and between them (only Tab did).
One script in the parent document, installed with the others by ecran.installer."""
from __future__ import annotations

import json

from tableau.ui.session import W_RECHERCHE, W_RECHERCHE_CARTE

CHAMPS = (W_RECHERCHE, W_RECHERCHE_CARTE)
# The matches on screen may be those of an earlier value. The field sends what is typed after
# a pause (widgets: live=True, 250 ms) or on Enter, and each sending reruns the search. So a
# match is clicked once no run is going on, and, when Enter sent letters not yet sent, once
# the run it started has been seen (under load, the server answers late: a fixed wait missed
# it and opened the match of the first letters, or none).
PAUSE_MS = 250 + 150  # the field's pause, and a margin
DELAI_MS = 300        # a run started by the pause shows within this, even under load
VU_MS = 1500          # no run seen after Enter by then: the value had been sent already
ATTENTE_MAX_MS = 8000

_SCRIPT = """<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  if (win.__tiEntree) return;
  win.__tiEntree = true;
  const champs = __CHAMPS__;
  const cleDe = (el) => el && el.tagName === "INPUT" ? champs.find((c) => el.closest(".st-key-" + c)) : null;
  const app = () => doc.querySelector('[data-testid="stApp"]');
  const occupe = () => {
    const a = app(), s = a && a.getAttribute("data-test-script-state");
    return !a || s === "running" || s === "rerunRequested" || s === "initial";
  };
  let saisie = 0;  // when a search field last changed
  doc.addEventListener("input", (ev) => { if (cleDe(ev.target)) saisie = Date.now(); }, true);
  doc.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter" || ev.isComposing || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    const champ = ev.target, cle = cleDe(champ);
    if (!cle) return;
    const valeur = champ.value.trim();
    if (!valeur) return;
    const t0 = Date.now(), envoi = t0 - saisie < __PAUSE__;  // Enter sends letters not sent yet
    let vu = occupe();
    const obs = new MutationObserver(() => { if (occupe()) vu = true; });
    if (app()) obs.observe(app(), {attributes: true, attributeFilter: ["data-test-script-state"]});
    const essayer = () => {
      const ecoule = Date.now() - t0;
      if (!champ.isConnected || champ.value.trim() !== valeur || ecoule > __MAX__) { obs.disconnect(); return; }
      if (occupe() || ecoule < __DELAI__ || (envoi && !vu && ecoule < __VU__)) { setTimeout(essayer, 40); return; }
      obs.disconnect();
      const premier = doc.querySelector(".st-key-" + __RESULTATS__ + cle + " button");
      if (premier && !premier.disabled) premier.click();
    };
    setTimeout(essayer, 40);
  }, true);
  // ArrowDown: from the field to its first match, then to the next; ArrowUp: to the previous one,
  // from the first back to the field, as Escape from any of them.
  doc.addEventListener("keydown", (ev) => {
    if (!["ArrowDown", "ArrowUp", "Escape"].includes(ev.key) || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const t = ev.target, zone = t.closest && t.closest('[class*="st-key-' + __RESULTATS__ + '"]');
    const cle = zone ? champs.find((c) => zone.classList.contains("st-key-" + __RESULTATS__ + c)) : cleDe(t);
    if (!cle) return;
    const boutons = Array.from(doc.querySelectorAll(".st-key-" + __RESULTATS__ + cle + " button:not(:disabled)"));
    const champ = doc.querySelector(".st-key-" + cle + " input"), i = boutons.indexOf(t);
    const cible = i < 0 ? (ev.key === "ArrowDown" ? boutons[0] : null)
      : ev.key === "ArrowDown" ? boutons[i + 1] || t : ev.key === "ArrowUp" && i > 0 ? boutons[i - 1] : champ;
    if (!cible) return;
    ev.preventDefault();
    cible.focus();
  }, true);
})();
</script>"""


def script(prefixe_resultats: str) -> str:
    """The script, for matches in containers keyed ``prefixe_resultats`` + the field's key."""
    return (_SCRIPT.replace("__CHAMPS__", json.dumps(list(CHAMPS)))
            .replace("__RESULTATS__", json.dumps(prefixe_resultats))
            .replace("__PAUSE__", str(PAUSE_MS)).replace("__DELAI__", str(DELAI_MS))
            .replace("__VU__", str(VU_MS))
            .replace("__MAX__", str(ATTENTE_MAX_MS)))
