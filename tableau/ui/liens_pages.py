"""The sidebar's page links carry the current query string: a link opened in a new tab
(middle click, « Ouvrir dans un nouvel onglet ») opened the page without the selection,
which the address of every page holds. A click in the same tab is Streamlit's own (it
does not follow the link's address). One script in the parent document, installed with
the others by ecran.installer."""

SCRIPT_LIENS = """<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  if (win.__tiLiens) return;
  win.__tiLiens = true;
  let prevu = false;
  const marquer = () => {
    prevu = false;
    const q = win.location.search;
    doc.querySelectorAll('[data-testid="stSidebarNav"] a[href]').forEach((a) => {
      const u = new URL(a.getAttribute("href"), win.location.href);
      if (u.origin === win.location.origin && u.search !== q) a.setAttribute("href", u.pathname + q);
    });
  };
  // At most once a frame: after the page's address changes, and when the links are drawn anew.
  const prevoir = () => { if (!prevu) { prevu = true; win.requestAnimationFrame(marquer); } };
  ["pushState", "replaceState"].forEach((k) => {
    const f = win.history[k].bind(win.history);
    win.history[k] = function (...args) { const r = f(...args); prevoir(); return r; };
  });
  win.addEventListener("popstate", prevoir);
  new MutationObserver(prevoir).observe(doc.body, {childList: true, subtree: true});
  prevoir();
})();
</script>"""
