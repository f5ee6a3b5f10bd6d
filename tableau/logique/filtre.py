"""Département filter: which territories stay on the map."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from tableau.logique.etat import Etat
from tableau.logique.modele import Commune, Departement, Territoire


def territoires_visibles(territoires: Mapping[str, Territoire], deps: Iterable[str]) -> list[str]:
    """Ids of the territories with at least one commune in ``deps``; all when empty."""
    deps = set(deps)
    if not deps:
        return list(territoires)
    return [tid for tid, p in territoires.items() if deps & set(p.departements)]


# « de la Gironde »: the article by the COG's type of name (TNCC); 0 and unknown: « de ».
LIAISONS = {0: "de ", 1: "d'", 2: "du ", 3: "de la ", 4: "des ", 5: "de l'", 6: "des ", 7: "de las ", 8: "de los "}


def du(nom: str, liaison: int) -> str:
    """« de la Gironde », « des Landes », « du Lot-et-Garonne », « de l'Ain »."""
    return LIAISONS.get(liaison, "de ") + nom


def du_departement(p: Departement) -> str:
    return du(p.nom, p.liaison)


def noms_departements(deps: Iterable[str], departements: Mapping[str, Departement]) -> str:
    """« le département de la Gironde (33) », « les départements des Deux-Sèvres (79) et de la Vienne (86) »
    (« le département Gironde » read as a form's field)."""
    noms = [f"{du_departement(departements[c])} ({c})" for c in deps]
    if len(noms) == 1:
        return f"le département {noms[0]}"
    return "les départements " + ", ".join(noms[:-1]) + " et " + noms[-1]


def liste_departements(deps: Iterable[str], departements: Mapping[str, Departement]) -> str:
    """« Gironde (33), Pyrénées-Atlantiques (64) »: the filter as a short label."""
    return ", ".join(f"{departements[c].nom} ({c})" for c in deps)


def message_filtre(visibles: list[str], deps: Iterable[str], departements: Mapping[str, Departement]) -> str | None:
    """A sentence when the filter leaves no territory, else None."""
    deps = list(deps)
    if not deps or visibles:
        return None
    noms = liste_departements(deps, departements)
    pluriel = "ces départements" if len(deps) > 1 else "ce département"
    return f"Aucun Territoire d'industrie n'est labellisé dans {pluriel} : {noms}."


def concilier(territoire: str | None, deps: Iterable[str], territoires: Mapping[str, Territoire]
              ) -> tuple[str | None, str | None]:
    """Drop a selection that the département filter hides: (territory kept, notice)."""
    if territoire and territoire not in territoires_visibles(territoires, deps):
        nom = territoires[territoire].nom
        return None, f"« {nom} » n'a aucune commune dans les départements choisis : la sélection a été retirée."
    return territoire, None


def choisir_commune(e: Etat, code: str, territoires: Mapping[str, Territoire], communes: Mapping[str, Commune]
                    ) -> tuple[Etat, str | None]:
    """The state once commune ``code`` is chosen: its territory is selected; a filter
    that would hide that territory is lifted, and a notice says so."""
    tid = communes[code].territoire
    if tid and e.deps and tid not in territoires_visibles(territoires, e.deps):
        return (replace(e, territoire=tid, deps=(), commune=code),
                f"Le filtre par département a été retiré pour montrer « {territoires[tid].nom} ».")
    return replace(e, territoire=tid, commune=code), None


def concilier_etat(e: Etat, territoires: Mapping[str, Territoire], communes: Mapping[str, Commune]
                   ) -> tuple[Etat, str | None]:
    """Make a state read from a link consistent: (state, notice).

    The commune decides the territory; if the filter would hide that territory, the
    commune wins and the filter is lifted (as when it is chosen in the search). Without
    a commune, a territory hidden by the filter is dropped."""
    if e.commune:
        return choisir_commune(e, e.commune, territoires, communes)
    territoire, notice = concilier(e.territoire, e.deps, territoires)
    return replace(e, territoire=territoire), notice
