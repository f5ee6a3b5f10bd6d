"""Communes outside the 13 départements, so that « Ma commune » can say "Toulouse is
outside the area covered" instead of "no match" without reading the COG at run time.

Compact on purpose (~400 KB): current communes only, names joined by "|" per
département, plus every département's name (for postal codes, told by their prefix).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from geo.cog import ACTUELLE, liaison
from geo.errors import BuildError

FICHIER = "hors_zone.json"


def hors_zone(entries: Iterable[Mapping], deps_cog: Mapping[str, Mapping], departements: Iterable[str]) -> dict:
    """{"departements": {code: name} (all of France), "liaisons": {code: type of name},
    "communes": {code: "name|name|..."}}
    for the current communes of the départements not in ``departements``."""
    dedans = set(departements)
    noms: dict[str, set[str]] = {}
    for e in entries:
        dep = e.get("departement")
        if e.get("type") != ACTUELLE or dep in dedans:
            continue
        if dep not in deps_cog:
            raise BuildError(f"commune {e.get('code')} : département {dep} inconnu du COG", FICHIER)
        if "|" in e["nom"]:
            raise BuildError(f"commune {e['code']} : « | » dans le nom", FICHIER)
        noms.setdefault(dep, set()).add(e["nom"])
    return {"departements": {c: deps_cog[c]["nom"] for c in sorted(deps_cog)},
            # the COG's type of name: « le département de l'Ain », « du Rhône » (tableau.logique.filtre)
            "liaisons": {c: liaison(deps_cog[c], FICHIER) for c in sorted(deps_cog)},
            "communes": {dep: "|".join(sorted(ns)) for dep, ns in sorted(noms.items())}}
