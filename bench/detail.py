"""Commune drill-down cost (run by hand).

    .venv/bin/python -m bench.detail [--runs 3]

For a small, a middle and the largest territory: size of the dynamic layers sent
with the selection (territories + the territory's communes + selection), server
time to render them (cache cold), and in the browser the time from a real click in
the territory to its communes drawn (stamped in the map frame by a MutationObserver).
"""
from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import sync_playwright

from bench.comparaison import horodater, instant
from tableau.logique import carte, donnees
from tableau.ui.composant_carte import rendre_couches
from tests.e2e import pilote

CIBLES = ["bocage-bressuirais", "creuse-industrie", "lacq-pau-tarbes"]


def couches(d: donnees.Donnees, contours: dict, tid: str) -> tuple[int, float]:
    t = time.perf_counter()
    feats = d.territoires_geojson["features"]
    choisie = next(f for f in feats if f["properties"]["id"] == tid)
    js = rendre_couches([carte.couche_territoires(feats, carte.couleurs(feats), tid),
                         carte.couche_communes(carte.communes_du_territoire(d.communes, contours, tid)),
                         carte.couche_selection(choisie)])
    return len(js.encode("utf-8")), time.perf_counter() - t


def clic_vers_communes(url: str, tid: str, attendu: int, runs: int) -> list[float]:
    out = []
    with sync_playwright() as p:
        nav = pilote.lancer_chromium(p)
        for _ in range(runs):
            page = nav.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url + "/")
            pilote.attendre_carte(page)
            x, y = pilote.point_ecran(page, *pilote.point_interieur(tid))
            cadre = pilote.cadre_carte(page)
            horodater(cadre, f"document.querySelectorAll('path.ti-commune').length === {attendu}")
            t = time.time()
            page.mouse.click(x, y)
            out.append(instant(cadre) - t)
            page.close()
        nav.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    d = donnees.charger()
    t = time.perf_counter()
    contours = donnees.lire_contours_communes(donnees.DATA_DIR / "communes.topojson", {c.code for c in d.communes})
    print(f"lecture de communes.topojson (une fois par processus) : {time.perf_counter() - t:.2f} s")
    print(f"{'territoire':<22} {'communes':>8} {'couches':>9} {'rendu':>8} {'clic -> communes (méd., min-max)':>34}")
    with pilote.serveur() as srv:
        for tid in CIBLES:
            n = d.territoires[tid].nb_communes
            octets, rendu = couches(d, contours, tid)
            temps = clic_vers_communes(srv.url, tid, n, args.runs)
            print(f"{tid:<22} {n:>8} {octets / 1024:>6.0f} Ko {rendu * 1000:>5.0f} ms "
                  f"{statistics.median(temps):>14.2f} s ({min(temps):.2f}-{max(temps):.2f})")


if __name__ == "__main__":
    main()
