"""Cost of the INSEE indicators at run time (run by hand).

    .venv/bin/python -m bench.indicateurs [--runs 5]

Prints medians, in ms: loading insee.json and insee_communes.csv (once per process
in the app), then per indicator choice: the ratios of the 4,762 communes, their
quantile classes, a colour per commune and the legend; the same for 16 territories.
"""
from __future__ import annotations

import argparse
import statistics
import time

from tableau.logique import indicateurs as ind


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
            cl = ind.classes(vals.values(), i)
            couleurs = {c: cl.couleur(v) for c, v in vals.items()}
            return ind.legende(cl, vals.values()), couleurs
        t, (leg, _) = _ms(choix, runs)
        t16, _ = _ms(lambda i=i: ind.legende(ind.classes([x[i] for x in doc["territoires"].values()], i)), runs)
        print(f"{i:24s} communes {t:7.2f} ms ({len(leg)} classes)   territoires {t16:6.3f} ms")


if __name__ == "__main__":
    main()
