"""Administrative reference (COG 2026): communes, old codes, EPCI membership."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from geo.errors import BuildError

ACTUELLE = "commune-actuelle"
RATTACHEES = ("commune-deleguee", "commune-associee")


def code_map_to_2026(entries: Iterable[Mapping]) -> dict[str, str]:
    """Map every known commune code (current or former) to its 2026 commune.

    A current commune maps to itself; a former code listed in ``anciensCodes``
    maps to the commune that absorbed it; a delegated or associated commune maps
    to its ``chefLieu``. Chains (merged twice) are followed to the current code.
    """
    entries = list(entries)
    actuelles = {e["code"] for e in entries if e.get("type") == ACTUELLE}
    mapping: dict[str, str] = {code: code for code in actuelles}
    for e in entries:
        if e.get("type") == ACTUELLE:
            for old in e.get("anciensCodes") or ():
                mapping.setdefault(old, e["code"])
    for e in entries:
        if e.get("type") in RATTACHEES and e.get("chefLieu"):
            mapping.setdefault(e["code"], e["chefLieu"])
    resolved = {}
    for code in mapping:
        target, seen = mapping[code], {code}
        while target not in actuelles and target in mapping and target not in seen:
            seen.add(target)
            target = mapping[target]
        if target in actuelles:
            resolved[code] = target
    return resolved


# A "?" or U+FFFD where a letter was: the file went through an encoding that lacks the
# letter (Latin-1 has no "œ": "Montembœuf" saved in Latin-1 becomes "Montemb?uf").
LETTRE_PERDUE = ("?", "\ufffd")


def probleme_entrees(entries: list) -> tuple[int, str, int | None] | None:
    """First problem of the COG communes list: (entry index, message, index of the
    entry it conflicts with). A current commune listed twice always stops the build."""
    vues: dict[str, int] = {}
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or not isinstance(e.get("code"), str):
            return i, "entrée sans code commune", None
        nom = e.get("nom") or ""
        if any(c in nom for c in LETTRE_PERDUE):
            return i, (f"nom « {nom} » de la commune {e['code']} : lettre perdue (« ? » à sa place), le "
                       "fichier a été réenregistré dans un encodage qui ne la connaît pas ; reprendre l'original "
                       "UTF-8"), None
        if e.get("type") == ACTUELLE:
            if e["code"] in vues:
                return i, f"la commune {e['code']} ({nom}) figure deux fois comme commune actuelle", vues[e["code"]]
            vues[e["code"]] = i
    return None


def communes_actuelles(entries: Iterable[Mapping], departements: Iterable[str]) -> list[dict]:
    """Current communes of the given départements, sorted by code."""
    deps = set(departements)
    out = []
    for e in entries:
        if e.get("type") == ACTUELLE and e.get("departement") in deps:
            pop = e.get("population")
            if not isinstance(pop, int) or pop < 0:
                raise BuildError(f"population absente ou invalide pour la commune {e.get('code')}",
                                 "cog-2026/communes.json")
            out.append({
                "code": e["code"],
                "nom": e["nom"],
                "departement": e["departement"],
                "population": pop,
                "codes_postaux": sorted(e.get("codesPostaux") or ()),
            })
    return sorted(out, key=lambda c: c["code"])


def epci_par_commune(epcis: Iterable[Mapping]) -> dict[str, tuple[str, str]]:
    """commune code -> (EPCI SIREN, EPCI name). A commune in two EPCI is an error."""
    out: dict[str, tuple[str, str]] = {}
    for epci in epcis:
        for membre in epci.get("membres") or ():
            code = membre["code"]
            if code in out and out[code][0] != epci["code"]:
                raise BuildError(f"la commune {code} appartient à deux EPCI "
                                 f"({out[code][0]} et {epci['code']})", "cog-2026/epci.json")
            out[code] = (epci["code"], epci["nom"])
    return out


def epci_sizes(epcis: Iterable[Mapping]) -> dict[str, int]:
    """EPCI SIREN -> number of member communes (all départements)."""
    return {e["code"]: len(e.get("membres") or ()) for e in epcis}


LIAISONS = range(9)  # INSEE's TNCC: 0 « de », 1 « d' », 2 « du », 3 « de la », 4 « des », 5 « de l' », 6 « des » (Aux)…


def liaison(dep: Mapping, fichier: str) -> int:
    """A département's type of name (COG's typeLiaison), which gives « de la Gironde »,
    « des Landes », « du Lot-et-Garonne » in the dashboard's sentences."""
    v = dep.get("typeLiaison")
    if isinstance(v, bool) or not isinstance(v, int) or v not in LIAISONS:
        raise BuildError(f"typeLiaison absent ou invalide pour le département {dep.get('code')!r} "
                         "(un entier de 0 à 8 est attendu)", fichier)
    return v
