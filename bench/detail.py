"""Commune drill-down cost (run by hand).

    .venv/bin/python -m bench.detail [--runs 3]

For a small, a middle and the largest territory: size of the territory's commune
outlines (a static file, fetched once per browser), of the state a selection sends to
the map, server time to prepare it (cache cold), and in the browser the time from a
real click in the territory to its communes drawn (stamped in the map frame by a
MutationObserver), with the websocket bytes that click brought (the map's share, and
in all).
"""
from __future__ import annotations

import argparse
import os
import statistics
import time

from playwright.sync_api import sync_playwright

from bench.comparaison import appui, armer, horodater, instant
from tableau.logique import carte, donnees, geostatique
from tableau.ui.composant_carte import rendre_couches
from tests.e2e import pilote

CIBLES = ["bocage-bressuirais", "creuse-industrie", "lacq-pau-tarbes"]


def couches(d: donnees.Donnees, contours: dict, tid: str) -> tuple[int, int, float]:
    """(bytes of the commune file, bytes of the state sent, seconds to prepare both)."""
    t = time.perf_counter()
    fichier = geostatique.contenu_communes(d, contours, tid)
    etat = rendre_couches([carte.couche_etat({"v": list(d.ids), "s": tid, "c": None,
                                              "cu": geostatique.URL + geostatique.nom(f"communes-{tid}", fichier)})])
    return len(fichier), len(etat.encode("utf-8")), time.perf_counter() - t


def clic_vers_communes(url: str, tid: str, attendu: int, runs: int) -> list[tuple[float, int, int]]:
    out = []
    with sync_playwright() as p:
        nav = pilote.lancer_chromium(p)
        for _ in range(runs):
            ctx = nav.new_context(viewport={"width": 1400, "height": 1000})  # a fresh browser cache
            page = ctx.new_page()
            recus = pilote.ecouter_websocket(page)
            page.goto(url + "/")
            pilote.attendre_carte(page)
            page.wait_for_timeout(1500)  # the component's first report is done
            x, y = pilote.point_ecran(page, *pilote.point_interieur(tid))
            cadre = pilote.cadre_carte(page)
            horodater(cadre, f"document.querySelectorAll('path.ti-commune').length === {attendu}")
            armer(cadre)
            recus.clear()
            page.mouse.click(x, y)
            duree = instant(cadre) - appui(cadre)
            page.wait_for_timeout(800)
            out.append((duree, *pilote.part_de_la_carte(recus)))
            ctx.close()
        nav.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print("charge de la machine :", os.getloadavg())
    d = donnees.charger()
    t = time.perf_counter()
    contours = donnees.lire_contours_communes(donnees.DATA_DIR / "communes.topojson", {c.code for c in d.communes})
    print(f"lecture de communes.topojson (une fois par processus) : {time.perf_counter() - t:.2f} s")
    print(f"{'territoire':<20} {'communes':>8} {'fichier':>8} {'état':>7} {'prépa.':>7} "
          f"{'clic -> communes (méd., min-max)':>32} {'reçu : carte / en tout (méd.)':>30}")
    with pilote.serveur() as srv:
        for tid in CIBLES:
            n = d.territoires[tid].nb_communes
            fichier, etat, prepa = couches(d, contours, tid)
            mesures = clic_vers_communes(srv.url, tid, n, args.runs)
            temps = [m[0] for m in mesures]
            print(f"{tid:<20} {n:>8} {fichier / 1024:>5.0f} Ko {etat:>5} o {prepa * 1000:>4.0f} ms "
                  f"{statistics.median(temps):>18.2f} s ({min(temps):.2f}-{max(temps):.2f}) "
                  f"{statistics.median(m[1] for m in mesures) / 1024:>12.1f} Ko / "
                  f"{statistics.median(m[2] for m in mesures) / 1024:.1f} Ko")
    print("charge de la machine :", os.getloadavg())


if __name__ == "__main__":
    main()
