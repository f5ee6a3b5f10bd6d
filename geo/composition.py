"""Pure tabular steps: the communes table and each territory's composition."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from geo.errors import BuildError


def communes_table(communes: Iterable[Mapping], epci: Mapping[str, tuple[str, str]],
                   membres: Mapping[str, str]) -> list[dict]:
    """One row per 2026 commune: identity, EPCI and territory id ('' when none)."""
    rows = []
    for c in communes:
        siren, nom_epci = epci.get(c["code"], ("", ""))
        tid = membres.get(c["code"], "")
        if tid and not siren:
            raise BuildError(f"la commune {c['code']} du territoire {tid} n'appartient à aucun EPCI",
                             "cog-2026/epci.json")
        rows.append({
            "code": c["code"], "nom": c["nom"], "departement": c["departement"],
            "epci_siren": siren, "epci_nom": nom_epci, "population": c["population"],
            "territoire": tid, "codes_postaux": " ".join(c.get("codes_postaux", ())),
        })
    return sorted(rows, key=lambda r: r["code"])


def compositions(rows: Iterable[Mapping], noms: Mapping[str, str],
                 epci_sizes: Mapping[str, int]) -> dict[str, dict]:
    """Per territory id: name, départements, EPCI (with their share), communes, population.

    An EPCI is ``partiel`` when only some of its ``epci_sizes[siren]`` communes are in
    the territory; its counts then cover the part inside the territory.
    """
    rows = list(rows)
    out: dict[str, dict] = {}
    for tid in sorted(noms):
        mine = [r for r in rows if r["territoire"] == tid]
        epcis: dict[str, dict] = {}
        for r in mine:
            e = epcis.setdefault(r["epci_siren"], {"siren": r["epci_siren"], "nom": r["epci_nom"],
                                                   "nb_communes": 0, "population": 0})
            e["nb_communes"] += 1
            e["population"] += r["population"]
        for e in epcis.values():
            e["nb_communes_epci"] = epci_sizes[e["siren"]]
            e["partiel"] = e["nb_communes"] < e["nb_communes_epci"]
        out[tid] = {
            "id": tid,
            "nom": noms[tid],
            "departements": sorted({r["departement"] for r in mine}),
            "epci": sorted(epcis.values(), key=lambda e: (-e["population"], e["siren"])),
            "nb_communes": len(mine),
            "population": sum(r["population"] for r in mine),
        }
    return out


def epci_partiels(comps: Mapping[str, Mapping]) -> list[dict]:
    """The EPCI only partly inside a territory, for the build report and the manifest."""
    return [
        {"territoire": tid, "siren": e["siren"], "nom": e["nom"],
         "communes_dans_territoire": e["nb_communes"], "communes_epci": e["nb_communes_epci"]}
        for tid, comp in sorted(comps.items()) for e in comp["epci"] if e["partiel"]
    ]
