"""The shareable state of the dashboard and its URL form.

``?territoire=<id>&dep=79&dep=86&commune=<code INSEE>&indicateur=<id>``: one territory
id at most, any number of département codes (repeated key, which Streamlit's query
params round-trip), one commune at most (« Ma commune »), one INSEE indicator coloured
on the map at most (tableau.logique.indicateurs.CHOIX; absent = "aucun").
Anything else is ignored, with a short French notice that never echoes the value.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tableau.logique import indicateurs

MAX_LONGUEUR = 100  # longer values are not ids or codes: dropped unread


@dataclass(frozen=True)
class Etat:
    territoire: str | None = None
    deps: tuple[str, ...] = ()
    commune: str | None = None
    indicateur: str | None = None  # an id of indicateurs.PAR_ID; None: map as without indicators


def lire(params: Mapping[str, Sequence[str]], ids: Iterable[str], codes_deps: Sequence[str],
         communes: Iterable[str] = ()) -> tuple[Etat, list[str]]:
    """URL parameters (key -> all values) -> (valid state, notices).

    Départements are returned in the reference order, without duplicates.
    """
    ids = set(ids)
    notices: list[str] = []
    valeurs_t = [v for v in params.get("territoire", ()) if v != ""]
    territoire = None
    if valeurs_t:
        candidat = valeurs_t[0].strip()
        if len(valeurs_t) > 1:
            notices.append("Plusieurs territoires figuraient dans le lien : seul le premier est pris en compte.")
        if len(candidat) <= MAX_LONGUEUR and candidat in ids:
            territoire = candidat
        else:
            notices.append("Le territoire indiqué dans le lien est inconnu : aucun territoire n'est sélectionné.")
    deps, rejetes = [], 0
    for v in params.get("dep", ()):
        for code in v.split(","):  # tolerate ?dep=79,86 as well
            code = code.strip()
            if not code:
                continue
            if len(code) <= MAX_LONGUEUR and code in codes_deps:
                deps.append(code)
            else:
                rejetes += 1
    if rejetes:
        notices.append("Un ou plusieurs départements du lien sont inconnus et ont été ignorés "
                       "(codes acceptés : " + ", ".join(codes_deps) + ").")
    commune = None
    valeurs_c = [v for v in params.get("commune", ()) if v != ""]
    if valeurs_c:
        candidat = valeurs_c[0].strip()
        if len(candidat) <= MAX_LONGUEUR and candidat in set(communes):
            commune = candidat
        else:
            notices.append("La commune indiquée dans le lien est inconnue : elle n'est pas affichée.")
    valeurs_i = [v for v in params.get("indicateur", ()) if v != ""]
    indicateur, notice = indicateurs.choix_depuis_parametre(valeurs_i[0].strip() if valeurs_i else None)
    if notice:
        notices.append(notice)
    inconnus = sorted(k for k in params if k not in ("territoire", "dep", "commune", "indicateur"))
    if inconnus:
        notices.append("Le lien contient des paramètres non reconnus, ignorés.")
    return Etat(territoire, ordonner_deps(deps, codes_deps), commune,
                None if indicateur == indicateurs.AUCUN else indicateur), notices


def ordonner_deps(deps: Iterable[str], codes_deps: Sequence[str]) -> tuple[str, ...]:
    """Known département codes, without duplicates, in the reference order."""
    ordre = {c: i for i, c in enumerate(codes_deps)}
    return tuple(sorted(set(deps) & set(ordre), key=ordre.__getitem__))


def vers_params(etat: Etat) -> dict[str, str | list[str]]:
    """State -> query parameters (empty values left out)."""
    out: dict[str, str | list[str]] = {}
    if etat.territoire:
        out["territoire"] = etat.territoire
    if etat.deps:
        out["dep"] = list(etat.deps)
    if etat.commune:
        out["commune"] = etat.commune
    if etat.indicateur:
        out["indicateur"] = etat.indicateur
    return out


def query_string(etat: Etat) -> str:
    from urllib.parse import urlencode
    return urlencode(vers_params(etat), doseq=True)
