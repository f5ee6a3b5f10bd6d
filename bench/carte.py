"""Benchmark of the map page in headless Chromium (run by hand, not a test).

    .venv/bin/python -m bench.carte [--runs 5]

Prints the median over N runs (after one warm-up) of:
- navigation -> first territory polygon drawn;
- real click inside a territory -> panel heading shows its name.
"""
from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import expect, sync_playwright

from tests.e2e import pilote

CIBLES = ["pays-basque", "agenais", "creuse-industrie", "bocage-bressuirais", "lacq-pau-tarbes",
          "angouleme-cognac", "grand-libournais"]


def mesurer(url: str, navigateur, cible: str) -> tuple[float, float]:
    ctx = navigateur.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url + "/")
    pilote.attendre_carte(page)
    premier = time.perf_counter() - t0
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Nouvelle-Aquitaine")
    nom = {"pays-basque": "Pays Basque", "agenais": "Agenais", "creuse-industrie": "Creuse Industrie",
           "bocage-bressuirais": "Bocage Bressuirais", "lacq-pau-tarbes": "Lacq – Pau – Tarbes",
           "angouleme-cognac": "Angoulême – Cognac", "grand-libournais": "Grand Libournais"}[cible]
    x, y = pilote.point_ecran(page, *pilote.point_interieur(cible))
    t1 = time.perf_counter()
    page.mouse.click(x, y)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text(nom, timeout=30_000)
    clic = time.perf_counter() - t1
    ctx.close()
    return premier, clic


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with pilote.serveur() as srv, sync_playwright() as p:
        nav = pilote.lancer_chromium(p)
        mesurer(srv.url, nav, "agenais")  # warm-up: caches, first import of the page
        premiers, clics = [], []
        for i in range(args.runs):
            a, b = mesurer(srv.url, nav, CIBLES[i % len(CIBLES)])
            premiers.append(a)
            clics.append(b)
        nav.close()
    print(f"{'mesure':38s} {'médiane':>9s} {'min':>7s} {'max':>7s}  (n={args.runs})")
    for nom, xs in (("navigation -> premier polygone (s)", premiers), ("clic -> titre du panneau (s)", clics)):
        print(f"{nom:38s} {statistics.median(xs):9.2f} {min(xs):7.2f} {max(xs):7.2f}")


if __name__ == "__main__":
    main()
