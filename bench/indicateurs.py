"""Cost of the INSEE indicators at run time (run by hand).

    .venv/bin/python -m bench.indicateurs [--runs 5]

Prints medians, in ms: loading insee.json and insee_communes.csv (once per process
in the app), then per indicator choice: the ratios of the 4,762 communes, their
quantile classes, a colour per commune and the legend; the same for 16 territories.
Then the size of the map's dynamic layers (what one interaction sends to the browser)
without and with an indicator, for the region and for the largest territory selected.
"""
from __future__ import annotations

import argparse
import statistics
import time

from tableau.logique import choroplethe as ch, indicateurs as ind


def _ms(f, runs: int) -> tuple[float, object]:
    temps, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = f()
        temps.append((time.perf_counter() - t0) * 1000)
    return statistics.median(temps), out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    runs = p.parse_args().runs
    t, doc = _ms(ind.charger, runs)
    print(f"charger insee.json                 {t:7.2f} ms")
    t, communes = _ms(lambda: ind.charger_communes(doc), runs)
    print(f"charger insee_communes.csv         {t:7.2f} ms  ({len(communes)} communes)")
    for i in ind.PAR_ID:
        def choix(i=i):
            vals = {c: ind.valeur(doc, i, v) for c, v in communes.items()}
            cl = ch.classes(vals.values(), i)
            couleurs = {c: cl.couleur(v) for c, v in vals.items()}
            return ch.legende(cl, vals.values()), couleurs
        t, (leg, _) = _ms(choix, runs)
        t16, _ = _ms(lambda i=i: ch.legende(ch.classes([x[i] for x in doc["territoires"].values()], i)), runs)
        print(f"{i:24s} communes {t:7.2f} ms ({len(leg)} classes)   territoires {t16:6.3f} ms")
    taille_des_couches()


def taille_des_couches() -> None:
    """Bytes of the state a rerun sends to the map (static geometry installed: ids, file
    names, and an indicator's colours), with and without an indicator."""
    from tableau.logique import carte, choroplethe as chp, donnees, geostatique
    from tableau.ui.composant_carte import rendre_couches
    d = donnees.charger()
    contours = donnees.lire_contours_communes(donnees.DATA_DIR / "communes.topojson", set(d.commune))
    for tid in (None, "lacq-pau-tarbes"):
        for i in (None, "part_industrie"):
            t0 = time.perf_counter()
            etat = {"v": list(d.ids), "s": tid, "c": None}
            if tid:
                etat["cu"] = geostatique.URL + geostatique.nom(
                    f"communes-{tid}", geostatique.contenu_communes(d, contours, tid))
            if i:
                etat["ct"] = chp.couleurs_territoires(d.insee, d.ids, i)[0]
                if tid:
                    etat["cc"] = carte.couleurs_communes(
                        chp.couleurs_communes(d.insee, d.communes_par_territoire[tid], i)[0])
            js = rendre_couches([carte.couche_etat(etat)])
            ms = (time.perf_counter() - t0) * 1000
            print(f"état {tid or 'région':16s} indicateur {i or 'aucun':15s} "
                  f"{len(js.encode()) / 1024:8.1f} Ko  préparation {ms:6.1f} ms")

if __name__ == "__main__":
    main()
