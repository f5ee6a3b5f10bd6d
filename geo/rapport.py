"""Change report of a rebuild against the previous ``data/``: what a maintainer must
read before committing refreshed sources (communes that moved, figures that changed).

Pure functions of the two sets of file texts; ``geo.build`` prints the result.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path

FICHIERS = ("communes.csv", "territoires.geojson", "financements.csv", "laureats.csv")
MAX_DETAIL = 20  # lines listed per section: a new COG can move hundreds of communes


def lire_precedente(dossier: Path) -> dict[str, str] | None:
    """Texts of the files compared, from a previous build; None when there is none."""
    if not (dossier / "manifest.json").is_file():
        return None
    return {n: (dossier / n).read_text(encoding="utf-8") for n in FICHIERS if (dossier / n).is_file()}


def _csv(text: str | None) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text))) if text else []


def _territoires(text: str | None) -> dict[str, dict]:
    if not text:
        return {}
    return {f["properties"]["id"]: f["properties"] for f in json.loads(text)["features"]}


def _liste(titre: str, elements: list[str]) -> list[str]:
    if not elements:
        return []
    out = [f"  {titre} ({len(elements)}) :"] + [f"    {e}" for e in elements[:MAX_DETAIL]]
    if len(elements) > MAX_DETAIL:
        out.append(f"    … et {len(elements) - MAX_DETAIL} autres")
    return out


def _nombre(v) -> str:
    return f"{v:,}".replace(",", " ") if isinstance(v, int) else f"{v:g}".replace(".", ",")


def changements_communes(avant: list[dict], apres: list[dict]) -> list[str]:
    a = {c["code"]: c for c in avant}
    b = {c["code"]: c for c in apres}
    nom = lambda code: f"{code} {(b.get(code) or a[code])['nom']}"  # noqa: E731
    mouvements, epci = [], []
    for code in sorted(a.keys() & b.keys()):
        ta, tb = a[code]["territoire"], b[code]["territoire"]
        if ta != tb:
            if tb:
                mouvements.append(f"{nom(code)} entre dans {tb}" + (f" (quitte {ta})" if ta else ""))
            else:
                mouvements.append(f"{nom(code)} quitte {ta}")
        if a[code]["epci_siren"] != b[code]["epci_siren"]:
            epci.append(f"{nom(code)} : {a[code]['epci_nom'] or 'aucun'} ({a[code]['epci_siren'] or '-'}) -> "
                        f"{b[code]['epci_nom'] or 'aucun'} ({b[code]['epci_siren'] or '-'})")
    return (_liste("communes entrées dans un territoire ou sorties", mouvements)
            + _liste("communes ayant changé d'EPCI", epci)
            + _liste("communes nouvelles au COG", [nom(c) + (f" ({b[c]['territoire']})" if b[c]["territoire"] else "")
                                                   for c in sorted(b.keys() - a.keys())])
            + _liste("communes disparues du COG", [nom(c) for c in sorted(a.keys() - b.keys())]))


def changements_territoires(avant: Mapping[str, dict], apres: Mapping[str, dict]) -> list[str]:
    lignes = []
    for tid in sorted(avant.keys() | apres.keys()):
        if tid not in avant or tid not in apres:
            lignes.append(f"{tid} : territoire {'apparu' if tid in apres else 'disparu'}")
            continue
        a, b = avant[tid], apres[tid]
        ecarts = [f"{libelle} {_nombre(a[cle])} -> {_nombre(b[cle])}{unite}"
                  for cle, libelle, unite in (("population", "population", " hab."),
                                              ("superficie_km2", "superficie", " km²"),
                                              ("nb_communes", "communes", ""))
                  if a.get(cle) != b.get(cle)]
        sa, sb = ({e["siren"]: e["nom"] for e in x.get("epci", ())} for x in (a, b))
        ecarts += [f"EPCI entrant {sb[s]} ({s})" for s in sorted(sb.keys() - sa.keys())]
        ecarts += [f"EPCI sortant {sa[s]} ({s})" for s in sorted(sa.keys() - sb.keys())]
        if ecarts:
            lignes.append(f"{tid} : " + " ; ".join(ecarts))
    return _liste("territoires modifiés", lignes)


def _par_cle(rows: list[dict], cle) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for r in rows:
        k, n = cle(r), 1
        while (k if n == 1 else f"{k} #{n}") in out:  # two rows with the same key both count
            n += 1
        out[k if n == 1 else f"{k} #{n}"] = r
    return out


def changements_lignes(titre: str, avant: list[dict], apres: list[dict], cle) -> list[str]:
    """Rows added, removed or modified, matched by ``cle(row)``."""
    a, b = _par_cle(avant, cle), _par_cle(apres, cle)
    modifiees = [f"{k} : " + " ; ".join(f"{c} « {a[k].get(c, '')} » -> « {b[k].get(c, '')} »"
                                        for c in b[k] if a[k].get(c) != b[k][c])
                 for k in sorted(a.keys() & b.keys()) if a[k] != b[k]]
    return (_liste(f"{titre} : lignes ajoutées", sorted(b.keys() - a.keys()))
            + _liste(f"{titre} : lignes supprimées", sorted(a.keys() - b.keys()))
            + _liste(f"{titre} : lignes modifiées", modifiees))


def rapport(avant: Mapping[str, str] | None, apres: Mapping[str, str]) -> list[str]:
    """French lines describing what changed from ``avant`` to ``apres`` (file name -> text)."""
    if avant is None:
        return ["Rapport des changements : pas de construction précédente à comparer."]
    lignes = (changements_communes(_csv(avant.get("communes.csv")), _csv(apres.get("communes.csv")))
              + changements_territoires(_territoires(avant.get("territoires.geojson")),
                                        _territoires(apres.get("territoires.geojson")))
              + changements_lignes("registre des financements", _csv(avant.get("financements.csv")),
                                   _csv(apres.get("financements.csv")), lambda r: r["id"])
              + changements_lignes("lauréats", _csv(avant.get("laureats.csv")), _csv(apres.get("laureats.csv")),
                                   lambda r: f"{r['entreprise']} ({r['departement'] or '?'})"))
    if not lignes:
        return ["Rapport des changements : aucun changement dans les communes, territoires, EPCI, "
                "financements et lauréats."]
    return ["Rapport des changements par rapport à la construction précédente :", *lignes]
