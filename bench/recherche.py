"""« Ma commune » response time over 50 queries (run by hand).

    .venv/bin/python -m bench.recherche

Two numbers per query: the search function alone (server side, in process), and
what a user waits for in the browser — from pressing Enter in the field above the
map to the first expected result button (or the "no match" line) in the page,
stamped in the page by a MutationObserver (see bench.comparaison).
"""
from __future__ import annotations

import json
import statistics
import time

from playwright.sync_api import expect, sync_playwright

from bench.comparaison import horodater, instant
from tableau.logique import donnees, recherche
from tableau.ui import session
from tests.e2e import pilote

# Full names, beginnings, no accents, "St" for "Saint", hyphens or spaces, homonyms,
# postal codes (full and partial), INSEE-like codes, and queries that match nothing.
REQUETES = [
    "Pau", "Bayonne", "Bordeaux", "Limoges", "Poitiers", "La Rochelle", "Angoulême", "angouleme", "Cognac",
    "Niort", "Tulle", "Brive", "Périgueux", "perigueux", "Bergerac", "Agen", "Marmande", "Libourne",
    "Bressuire", "Thouars", "Loudun", "Châtellerault", "chatellerault", "Guéret", "Aubusson", "Rochefort",
    "Royan", "st laurent de la pree", "Saint-Jean-de-Luz", "st jean pied de port", "Sainte-Foy",
    "Mont-de-Marsan", "mont de marsan", "Lacq", "Tarbes", "Orthez", "Oloron", "Saint-Martin", "Douville",
    "Ussel", "64000", "79300", "33", "87", "17300", "24100", "86", "zzzz", "xyzabc", "Paris",
]


# Typos and names outside the 13 départements: the slow path (no prefix match, then the
# one-deletion index, then the outside names), as the widget runs it.
RATEES = ["Perigeux", "Bayone", "Angoulemme", "Bordaux", "Chatelerault", "Montemboeuf", "Toulouse", "75001",
          "Marseile", "Lyon", "zzzz", "xyzabc", "Nirot", "Limoje", "Bergerak", "Paris"]


def chronometrer_fonction(d: donnees.Donnees, requetes: list[str] = REQUETES) -> list[float]:
    for q in REQUETES[:5] + ["zzzz"]:
        recherche.chercher(d, q)  # warm-up (and the indexes built at the first miss)
        recherche.hors_zone(d, q)
    out = []
    for q in requetes:
        t = time.perf_counter()
        if not recherche.chercher(d, q):
            recherche.hors_zone(d, q)
        out.append(time.perf_counter() - t)
    return out


def chronometrer_navigateur(d: donnees.Donnees) -> list[float]:
    cle = session.W_RECHERCHE_CARTE
    out = []
    with pilote.serveur() as srv, sync_playwright() as p:
        nav = pilote.lancer_chromium(p)
        page = nav.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(srv.url + "/")
        pilote.attendre_carte(page)
        champ = page.get_by_role("searchbox", name="Chercher une commune")
        for q in REQUETES:
            resultats = recherche.chercher(d, q)
            if resultats:
                cond = f"document.querySelector('.st-key-{cle}-{resultats[0].code}') !== null"
            else:  # the "no match" line, or the "outside the area covered" one
                attendu = (recherche.hors_zone(d, q) or "Aucune commune des 13 départements ne correspond")[:40]
                cond = f"document.body.innerText.includes({json.dumps(attendu)})"
            champ.fill(q)
            horodater(page.main_frame, cond)
            t = time.time()
            champ.press("Enter")
            out.append(instant(page.main_frame) - t)
            champ.fill("")
            champ.press("Enter")  # empty the results before the next query
            expect(page.locator(f'[class*="st-key-{cle}-"]')).to_have_count(0)
            expect(page.get_by_text("Aucune commune des 13 départements")).to_have_count(0)
            expect(page.get_by_text("hors de la zone couverte")).to_have_count(0)
        nav.close()
    return out


def _resume(nom: str, secondes: list[float]) -> str:
    ms = sorted(s * 1000 for s in secondes)
    p95 = ms[int(round(0.95 * (len(ms) - 1)))]
    return (f"{nom:<38} n={len(ms)}  médiane {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  "
            f"min {ms[0]:7.1f} ms  max {ms[-1]:7.1f} ms")


def main() -> None:
    d = donnees.charger()
    assert len(REQUETES) == 50
    fonction = chronometrer_fonction(d)
    navigateur = chronometrer_navigateur(d)
    print(_resume("fonction chercher (serveur)", fonction))
    print(_resume("fautes et hors zone (serveur)", chronometrer_fonction(d, RATEES)))
    print(_resume("navigateur : Entrée -> premier résultat", navigateur))


if __name__ == "__main__":
    main()
