"""What the side panel says about one territory: a pure function of the data."""
from __future__ import annotations

from dataclasses import asdict

from tableau.logique import filtre, format as fmt
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


def resume_region(d: Donnees, visibles: list[str], deps: list[str] | tuple = ()) -> dict:
    """Totals over the territories on the map (all 16, or those the filter keeps): whole
    territories, so they count communes outside the region (a territory may cross its
    border) and, with a filter, outside the chosen départements; both parts are given."""
    ps = [d.territoires[t] for t in visibles]
    communes = [c for t in visibles for c in d.communes_par_territoire.get(t, ())]

    def part(cs: list) -> dict:
        return {"communes": len(cs), "population": sum(c.population for c in cs),
                "departements": sorted({c.departement for c in cs})}
    return {
        "nb_territoires": len(ps),
        "nb_communes": sum(p.nb_communes for p in ps),
        "population": sum(p.population for p in ps),
        "superficie_km2": round(sum(p.superficie_km2 for p in ps), 1),
        "hors_region": part([c for c in communes if not d.departements[c.departement].dans_region]),
        "dans_filtre": part([c for c in communes if c.departement in deps]) if deps else None,
    }


def phrase_perimetre(d: Donnees, r: dict, deps: list[str] | tuple = ()) -> str | None:
    """Under the region's totals, what they span beyond the region and the filter: they are
    whole territories' totals (a new user read 719 communes « in » the Pyrénées-Atlantiques,
    174 of them in the Hautes-Pyrénées). None when there is nothing to add."""
    parts = []
    if (h := r["hors_region"])["communes"]:
        parts.append(f"Parmi ces communes, {fmt.entier(h['communes'])} ({fmt.entier(h['population'])} habitants) "
                     f"sont hors de la Nouvelle-Aquitaine, dans "
                     f"{filtre.noms_departements(h['departements'], d.departements)} : un territoire d'industrie "
                     "peut dépasser la limite de la région.")
    if deps and r["nb_territoires"] and (f := r["dans_filtre"]):
        if f["communes"] == r["nb_communes"]:  # the same figures again read as a mistake
            parts.append(f"Toutes leurs communes sont dans {filtre.noms_departements(deps, d.departements)}.")
        else:
            parts.append(f"Ce sont les totaux des territoires entiers ; dans "
                         f"{filtre.noms_departements(deps, d.departements)}, ils comptent "
                         f"{fmt.entier(f['communes'])} commune{'s' if f['communes'] > 1 else ''} et "
                         f"{fmt.entier(f['population'])} habitants.")
        if vides := [c for c in deps if c not in f["departements"]]:
            parts.append("Aucun de ces territoires n'a de commune dans "
                         f"{filtre.noms_departements(vides, d.departements)}.")
    return " ".join(parts) or None


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
