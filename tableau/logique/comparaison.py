"""« Territoires » page data: one comparable row per territory (pure)."""
from __future__ import annotations

from tableau.logique import etat as et, format as fmt
from tableau.logique.exports import colonnes_sources, ecrire_csv
from tableau.logique.modele import Donnees
from tableau.logique.programme import laureats_par_territoire

COLONNES = ("Territoire", "Départements", "Communes", "Population 2026", "Superficie (km²)",
            "Densité (hab./km²)", "EPCI", "Lauréats documentés")


def lignes(d: Donnees, visibles: list[str], deps: tuple[str, ...] = ()) -> list[dict]:
    """Rows for the visible territories; ``lien`` reopens the map with the territory selected."""
    laureats = laureats_par_territoire(d)
    out = []
    for tid in visibles:
        p = d.territoires[tid]
        out.append({
            "id": tid,
            "Territoire": p.nom,
            "Départements": ", ".join(p.departements),
            "Communes": p.nb_communes,
            "Population 2026": p.population,
            "Superficie (km²)": p.superficie_km2,
            "Densité (hab./km²)": round(p.densite, 1),
            "EPCI": len(p.epci),
            "Lauréats documentés": laureats.get(tid, 0),
            "lien": "./?" + et.query_string(et.Etat(tid, deps)),
        })
    return out


# Displayed as French text (thousands, decimal comma), padded so that sorting stays numeric.
DECIMALES = {"Population 2026": 0, "Superficie (km²)": 1, "Densité (hab./km²)": 1}


def a_afficher(rows: list[dict]) -> list[dict]:
    """The rows with the large or decimal numbers as French text (the CSV keeps the numbers)."""
    colonnes = {c: fmt.colonne([r[c] for r in rows], n) for c, n in DECIMALES.items()}
    return [{**r, **{c: colonnes[c][i] for c in DECIMALES}} for i, r in enumerate(rows)]


def csv_texte(d: Donnees, rows: list[dict]) -> str:
    """The table as shown, plus the territory id and the sources and licence of every row."""
    meta = colonnes_sources(d)
    return ecrire_csv(["id", *COLONNES, "sources", "licence"], ([r["id"], *(r[c] for c in COLONNES), *meta]
                                                                for r in rows))
