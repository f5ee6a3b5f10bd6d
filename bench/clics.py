"""Where a click's time goes, click by click (run by hand).

    .venv/bin/python -m bench.clics [--clics 21]

One server, warmed up by a first click on each territory of bench.comparaison.CIBLES (its
caches filled, as in bench.comparaison), then N clicks from the regional view, each in a
fresh page. For each click, stamped in the page from the mouse press: when the value
leaves on the websocket, when the first and the last message of the rerun come in, how
many had come when the panel's title changed, and that moment. Then the distribution
(median, quartiles) of click -> panel, split by whether the title showed before the last
message came in: the frontend draws the page after a batch of messages, and whether it
draws once the panel's messages are in, or only once all ~70 are, depends on how the
messages and its own drawing task interleave in the browser.
"""
from __future__ import annotations

import argparse
import json
import statistics

from playwright.sync_api import sync_playwright

from bench.comparaison import CIBLES, appui, armer, horodater, instant
from tests.e2e import pilote

# Timestamps of the websocket's traffic, from the page's own clock (installed before
# Streamlit opens its socket).
ESPION = """(() => { window.__ti_ws = []; const now = () => performance.timeOrigin + performance.now();
  const W = window.WebSocket;
  window.WebSocket = function (u, p) { const w = new W(u, p);
    w.addEventListener('message', () => window.__ti_ws.push(['in', now()]));
    const envoyer = w.send.bind(w); w.send = (d) => { window.__ti_ws.push(['out', now()]); return envoyer(d); };
    return w; };
  window.WebSocket.prototype = W.prototype; Object.assign(window.WebSocket, W); })();"""


def clic(page, url: str, i: int) -> dict:
    page.goto(url + "/")
    pilote.attendre_carte(page)
    page.wait_for_timeout(1200)  # the component's first report is done
    tid, nom = CIBLES[i % len(CIBLES)]
    x, y = pilote.point_ecran(page, *pilote.point_interieur(tid))
    horodater(page, f"(document.querySelector('{pilote.PANNEAU_TITRE}') || {{}}).textContent === {json.dumps(nom)}")
    cadre = pilote.cadre_carte(page)
    armer(cadre)
    page.evaluate("() => { window.__ti_ws = []; }")
    page.mouse.click(x, y)
    titre = instant(page)
    t0 = appui(cadre)
    page.wait_for_timeout(800)  # the rest of the rerun
    ms = [(k, (t / 1000 - t0) * 1000) for k, t in page.evaluate("() => window.__ti_ws")]
    recus = [t for k, t in ms if k == "in"]
    titre_ms = (titre - t0) * 1000
    return {"cible": tid, "panneau": titre_ms, "envoi": next((t for k, t in ms if k == "out"), None),
            "premier": recus[0], "dernier": recus[-1], "messages": len(recus),
            "avant_titre": sum(1 for t in recus if t <= titre_ms)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clics", type=int, default=21)
    args = ap.parse_args()
    with sync_playwright() as p:
        nav = pilote.lancer_chromium(p)
        with pilote.serveur() as app:
            ctx = nav.new_context(viewport={"width": 1400, "height": 1000})
            page = ctx.new_page()
            page.add_init_script(ESPION)
            for i in range(len(CIBLES)):
                clic(page, app.url, i)
            lignes = [clic(page, app.url, i) for i in range(args.clics)]
        nav.close()
    print(f"{'territoire':22s} {'envoi':>6s} {'1er msg':>8s} {'dernier':>8s} {'titre':>6s}"
          "  messages reçus avant le titre")
    for r in lignes:
        print(f"{r['cible']:22s} {r['envoi']:6.0f} {r['premier']:8.0f} {r['dernier']:8.0f} {r['panneau']:6.0f}"
              f"  {r['avant_titre']} sur {r['messages']}")
    tous = [r["panneau"] for r in lignes]
    tot = [r["panneau"] for r in lignes if r["avant_titre"] < r["messages"]]
    tard = [r["panneau"] for r in lignes if r["avant_titre"] == r["messages"]]
    q = statistics.quantiles(tous, n=4)
    print(f"\nclic -> panneau (ms, depuis l'appui) : médiane {statistics.median(tous):.0f}, quartiles {q[0]:.0f} "
          f"et {q[2]:.0f}, sur {len(tous)} clics")
    for nom, xs in (("titre dessiné avant la fin des messages", tot), ("titre dessiné après tous les messages", tard)):
        if xs:
            print(f"  {nom} : {len(xs)} clics, médiane {statistics.median(xs):.0f} ms")
    print(f"dernier message reçu (médiane) : {statistics.median(r['dernier'] for r in lignes):.0f} ms")


if __name__ == "__main__":
    main()
