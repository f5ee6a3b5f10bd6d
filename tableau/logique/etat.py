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
MAX_CHAMPS = 1000   # fields of a query string read (Streamlit's own bound, where it drops them all)
MAX_CARACTERES = 512 * 1024  # characters of a query string read (idem)
MAX_VALEURS = 50    # distinct values read per key (13 départements exist)
CLE_TRONQUE = "ti-lien-tronque"  # added by borner_requete when it cut the link
AVIS_TRONQUE = "Le lien est trop long ou répète trop de valeurs : seule sa première partie a été lue."


@dataclass(frozen=True)
class Etat:
    territoire: str | None = None
    deps: tuple[str, ...] = ()
    commune: str | None = None
    indicateur: str | None = None  # an id of indicateurs.PAR_ID; None: map as without indicators
    classement: str | None = None  # page Territoires: the number ranked on (comparaison); None: population


def borner_requete(requete: str) -> str:
    """The part of a raw query string the app reads: its first fields, within
    MAX_CHAMPS fields and MAX_CARACTERES characters in all, plus ``CLE_TRONQUE=1`` when
    something was cut (``lire`` says so). Installed in place of Streamlit's own bound
    (tableau.ui.routage), which drops the whole string past 1,000 fields: a long shared
    link keeps its valid prefix, the same on every page."""
    if not requete:
        return ""
    champs = requete.split("&", MAX_CHAMPS - 1)
    tronque = len(champs) > MAX_CHAMPS - 1
    garde = "&".join(champs[:MAX_CHAMPS - 1])
    if len(garde) > MAX_CARACTERES:
        garde, tronque = garde[:MAX_CARACTERES].rpartition("&")[0], True
    return garde + (f"&{CLE_TRONQUE}=1" if tronque else "")


AVIS_COMMUNE = ("La commune indiquée dans le lien n'est pas une commune de la zone couverte (les départements "
                "où s'étendent les Territoires d'industrie de la région) : elle n'est pas affichée.")


def lire(params: Mapping[str, Sequence[str]], ids: Iterable[str], codes_deps: Sequence[str],
         communes: Iterable[str] = (), tronque: bool = False,
         classements: Iterable[str] = ()) -> tuple[Etat, list[str]]:
    """URL parameters (key -> all values) -> (valid state, notices).

    Départements are returned in the reference order, without duplicates; at most
    MAX_VALEURS distinct ones are read. A link cut by ``borner_requete`` (or ``tronque``)
    gets a notice.
    """
    ids = set(ids)
    tronque = tronque or CLE_TRONQUE in params
    params = {k: v for k, v in params.items() if k != CLE_TRONQUE}
    if len(set(params.get("dep", ()))) > MAX_VALEURS:
        tronque = True
        params["dep"] = list(dict.fromkeys(params["dep"]))[:MAX_VALEURS]
    notices: list[str] = [AVIS_TRONQUE] if tronque else []
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
            # Not « inconnue »: a link to Paris (75056) was said unknown, where the search says
            # « hors de la zone couverte »; both cases read right this way.
            notices.append(AVIS_COMMUNE)
    valeurs_i = [v for v in params.get("indicateur", ()) if v != ""]
    indicateur, notice = indicateurs.choix_depuis_parametre(valeurs_i[0].strip() if valeurs_i else None)
    if notice:
        notices.append(notice)
    classement = None
    valeurs_k = [v for v in params.get("classement", ()) if v != ""]
    if valeurs_k:
        if len(valeurs_k[0]) <= MAX_LONGUEUR and valeurs_k[0].strip() in set(classements):
            classement = valeurs_k[0].strip()
        else:
            notices.append("La donnée de classement indiquée dans le lien est inconnue : les territoires sont "
                           "classés par population.")
    inconnus = sorted(k for k in params if k not in ("territoire", "dep", "commune", "indicateur", "classement"))
    if inconnus:
        notices.append("Le lien contient des paramètres non reconnus, ignorés.")
    return Etat(territoire, ordonner_deps(deps, codes_deps), commune,
                None if indicateur == indicateurs.AUCUN else indicateur, classement), notices


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
    if etat.classement:
        out["classement"] = etat.classement
    return out


def query_string(etat: Etat) -> str:
    from urllib.parse import urlencode
    return urlencode(vers_params(etat), doseq=True)
