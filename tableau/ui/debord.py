"""Static tables wider than their place (a phone): st.table scrolls sideways inside its
own box, which nothing showed. A small script in the parent document marks such a table
(only one that really overflows), and the style writes a line above it saying so."""

STYLE_DEBORD = """<style>
[data-testid="stTable"].ti-deborde::before {
  content: "Tableau plus large que l'écran : faites-le glisser de côté pour voir toutes ses colonnes.";
  display: block; font-size: .85rem; color: #4a4c57; margin-bottom: .25rem; }
</style>"""

# Checked after the page changes (at most once a frame), and when the window is resized or turned.
SCRIPT_DEBORD = """<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  if (win.__tiLarges) return;
  let prevu = false;
  const marquer = () => {
    prevu = false;
    doc.querySelectorAll('[data-testid="stTable"]').forEach((t) => {
      const boite = t.firstElementChild;  // the element that scrolls
      t.classList.toggle("ti-deborde", !!boite && boite.scrollWidth > boite.clientWidth + 1);
    });
  };
  const prevoir = () => { if (!prevu) { prevu = true; requestAnimationFrame(marquer); } };
  win.__tiLarges = new MutationObserver(prevoir);
  win.__tiLarges.observe(doc.body, {childList: true, subtree: true});
  win.addEventListener("resize", prevoir);
})();
</script>"""
