"""What the side panel says about one territory: a pure function of the data."""
from __future__ import annotations

from dataclasses import asdict

from tableau.logique.modele import Commune, Donnees

SOURCES_TERRITOIRE = (("anct-ti-2026/ti_communes_na_2026.csv", "périmètre"),
                      ("cog-2026/communes.json", "communes et populations"),
                      ("cog-2026/epci.json", "intercommunalités"),
                      ("admin-express-cog-2018/communes-64-pyrenees-atlantiques.geojson", "surfaces"))
SOURCES_COMMUNE = (("cog-2026/communes.json", "commune, population et codes postaux"),
                   ("cog-2026/epci.json", "intercommunalité"),
                   ("anct-ti-2026/ti_communes_na_2026.csv", "territoire"),
                   ("admin-express-cog-2018/communes-64-pyrenees-atlantiques.geojson", "contour et distance"))


def sources_identite(d: Donnees, fichiers=SOURCES_TERRITOIRE) -> str:
    """Short source line built from the manifest (producers and vintages)."""
    parts = []
    for fichier, quoi in fichiers:
        s = d.source(fichier)
        if s and s.citation:
            parts.append(f"{quoi} : {s.citation}")
    return "Sources — " + " ; ".join(parts) + "."


def donnees_panneau(d: Donnees, tid: str) -> dict:
    p = d.territoires[tid]
    deps = [{"code": c, "nom": d.departements[c].nom, "dans_region": d.departements[c].dans_region}
            for c in p.departements]
    return {
        "id": tid,
        "nom": p.nom,
        "departements": deps,
        "nb_communes": p.nb_communes,
        "population": p.population,
        "superficie_km2": p.superficie_km2,
        "densite": p.densite,
        "epci": [asdict(e) for e in p.epci],
        "source": sources_identite(d),
    }


def resume_region(d: Donnees, visibles: list[str]) -> dict:
    """Totals over the territories on the map (all 16, or those the filter keeps)."""
    ps = [d.territoires[t] for t in visibles]
    return {
        "nb_territoires": len(ps),
        "nb_communes": sum(p.nb_communes for p in ps),
        "population": sum(p.population for p in ps),
        "superficie_km2": round(sum(p.superficie_km2 for p in ps), 1),
    }


def donnees_commune(d: Donnees, c: Commune) -> dict:
    """What the commune card says: identity, population, EPCI, territory (or the
    nearest one and how far), and the commune's share of its territory's population."""
    t = d.territoires[c.territoire] if c.territoire else None
    return {
        "code": c.code,
        "nom": c.nom,
        "departement": f"{d.departements[c.departement].nom} ({c.departement})",
        "population": c.population,
        "epci": c.epci_nom,
        "codes_postaux": list(c.codes_postaux),
        "territoire": t.nom if t else None,
        "part_population": 100 * c.population / t.population if t else None,
        "proche": None if t else d.territoires[c.territoire_proche].nom,
        "distance_km": None if t else c.distance_km,
        "source": sources_identite(d, SOURCES_COMMUNE),
    }
