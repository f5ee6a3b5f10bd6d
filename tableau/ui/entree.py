"""Enter in a commune search field opens its first match: users typed a name, pressed Enter
(« Rechercher » on a phone's keyboard) and nothing happened, the matches being buttons to
click. One script in the parent document, installed with the others by ecran.installer."""
from __future__ import annotations

import json

from tableau.ui.session import W_RECHERCHE, W_RECHERCHE_CARTE

CHAMPS = (W_RECHERCHE, W_RECHERCHE_CARTE)
# Enter commits the field at once, but the matches on screen may still be those of an earlier
# value for a moment (the rerun has not started yet): a match is clicked only once this long
# has passed since Enter and no script runs, the field unchanged. Under a second in all.
DELAI_MS = 250
ATTENTE_MAX_MS = 8000

_SCRIPT = """<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  if (win.__tiEntree) return;
  win.__tiEntree = true;
  const champs = __CHAMPS__;
  doc.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter" || ev.isComposing || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    const champ = ev.target;
    if (!champ || champ.tagName !== "INPUT") return;
    const cle = champs.find((c) => champ.closest(".st-key-" + c));
    if (!cle) return;
    const valeur = champ.value.trim();
    if (!valeur) return;
    const t0 = Date.now();
    const tourne = () => {
      const app = doc.querySelector('[data-testid="stApp"]');
      return !app || app.getAttribute("data-test-script-state") === "running";
    };
    const essayer = () => {
      if (!champ.isConnected || champ.value.trim() !== valeur) return;  // typing went on
      const ecoule = Date.now() - t0;
      if (ecoule < __DELAI__ || tourne()) {
        if (ecoule < __MAX__) setTimeout(essayer, 50);
        return;
      }
      const premier = doc.querySelector(".st-key-" + __RESULTATS__ + cle + " button");
      if (premier && !premier.disabled) premier.click();
    };
    setTimeout(essayer, 50);
  }, true);
})();
</script>"""


def script(prefixe_resultats: str) -> str:
    """The script, for matches in containers keyed ``prefixe_resultats`` + the field's key."""
    return (_SCRIPT.replace("__CHAMPS__", json.dumps(list(CHAMPS)))
            .replace("__RESULTATS__", json.dumps(prefixe_resultats))
            .replace("__DELAI__", str(DELAI_MS)).replace("__MAX__", str(ATTENTE_MAX_MS)))
