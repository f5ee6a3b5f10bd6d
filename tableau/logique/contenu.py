"""The contract of the programme content files (services.json, financements.csv):
what the dashboard checks when it loads them, so a damaged file stops with a
message naming the file, the row or entry, and the field.

The pipeline (geo.contenu) checks the same rules before writing data/; these
functions are meant to be the single copy (geo.contenu can import them from here).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from tableau.logique.modele import DataError

DISPOSITIFS = (
    "Fonds d'accélération des investissements industriels dans les territoires",
    "Fonds vert — Territoires d'industrie en transition écologique",
    "Rebond industriel",
    "Territoires d'industrie — phase II",
)
NIVEAUX = ("national", "region", "territoire")
UNITES = ("M€", "M€ par an", "€", "projets", "entreprises", "%", "territoires", "intercommunalités", "régions")
COLONNES_LEDGER = ("id", "niveau", "territoire", "dispositif", "indicateur", "valeur", "unite", "periode",
                   "source_titre", "source_url", "source_date", "note")


def _err(fichier: str, ou: str, msg: str) -> DataError:
    """Bad content; the message names the file, the row or entry, and the field."""
    return DataError(f"{fichier}, {ou} : {msg}.")


def _url_ok(url) -> bool:
    return isinstance(url, str) and url.startswith(("http://", "https://")) and " " not in url


def _nombre(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 0


def valider_references(refs, fichier: str) -> dict:
    if not isinstance(refs, dict) or not refs:
        raise _err(fichier, "références", "aucune référence")
    for cle, r in refs.items():
        if not isinstance(r, dict) or not isinstance(r.get("titre"), str) or not r["titre"]:
            raise _err(fichier, f"référence « {cle} »", "titre absent")
        if not _url_ok(r.get("url")):
            raise _err(fichier, f"référence « {cle} »", "adresse (url) absente ou invalide")
        if not isinstance(r.get("date", ""), str):
            raise _err(fichier, f"référence « {cle} »", "date invalide")
    return refs


def _source(fichier: str, ou: str, cle, refs: Mapping) -> None:
    if cle not in refs:
        raise _err(fichier, ou, f"source « {cle} » inconnue des références")


def _valider_chiffre(fichier: str, ou: str, c, refs: Mapping, periode_requise: bool) -> None:
    """A figure of the programme or an amount: label, positive number, known unit, source."""
    if not isinstance(c, dict) or not isinstance(c.get("libelle"), str) or not c["libelle"].strip():
        raise _err(fichier, ou, "libellé absent")
    if not _nombre(c.get("valeur")):
        raise _err(fichier, ou, "champ valeur : nombre positif attendu")
    if c.get("unite") not in UNITES:
        raise _err(fichier, ou, f"champ unite : « {c.get('unite')} » inconnue")
    if periode_requise and (not isinstance(c.get("periode"), str) or not c["periode"]):
        raise _err(fichier, ou, "champ periode absent")
    _source(fichier, ou, c.get("source"), refs)


def valider_services(doc, ids: Iterable[str], fichier: str = "services.json") -> dict:
    """Check the services document (with its ``references``) against the territory ids."""
    ids = set(ids)
    if not isinstance(doc, dict):
        raise _err(fichier, "racine", "un objet JSON est attendu")
    refs = valider_references(doc.get("references"), fichier)
    prog = doc.get("programme")
    if not isinstance(prog, dict) or not isinstance(prog.get("chiffres"), list):
        raise _err(fichier, "programme", "la liste « chiffres » manque")
    for i, c in enumerate(prog["chiffres"], start=1):
        ou = f"programme, chiffre {i} ({c.get('id', '?') if isinstance(c, dict) else '?'})"
        _valider_chiffre(fichier, ou, c, refs, periode_requise=False)
    for bloc in ("suivi", "operateurs"):
        if not isinstance(prog.get(bloc), dict):
            raise _err(fichier, "programme", f"le bloc « {bloc} » manque")
        _source(fichier, f"programme, {bloc}", prog[bloc].get("source"), refs)
    services = doc.get("services")
    if not isinstance(services, list) or not services:
        raise _err(fichier, "services", "aucun service")
    vus = set()
    for i, s in enumerate(services, start=1):
        ou = f"service {i} ({s.get('id', '?') if isinstance(s, dict) else '?'})"
        if not isinstance(s, dict):
            raise _err(fichier, ou, "un objet est attendu")
        for champ in ("id", "titre", "description"):
            if not isinstance(s.get(champ), str) or not s[champ].strip():
                raise _err(fichier, ou, f"champ {champ} vide ou absent")
        if s["id"] in vus:
            raise _err(fichier, ou, "identifiant en double")
        vus.add(s["id"])
        if not isinstance(s.get("operateurs"), list) or not all(isinstance(o, str) for o in s["operateurs"]):
            raise _err(fichier, ou, "champ operateurs : liste de noms attendue")
        if not isinstance(s.get("sources"), list) or not s["sources"]:
            raise _err(fichier, ou, "champ sources : au moins une source")
        for cle in s["sources"]:
            _source(fichier, ou, cle, refs)
        for j, m in enumerate(s.get("montants", []), start=1):
            _valider_chiffre(fichier, f"{ou}, montant {j}", m, refs, periode_requise=True)
        portee = s.get("portee")
        if not isinstance(portee, dict) or not isinstance(portee.get("tous"), bool):
            raise _err(fichier, ou, "champ portee.tous : vrai ou faux attendu")
        for j, men in enumerate(portee.get("mentions", []), start=1):
            ou_m = f"{ou}, mention {j}"
            if not isinstance(men, dict) or men.get("territoire") not in ids:
                raise _err(fichier, ou_m, f"territoire « {men.get('territoire') if isinstance(men, dict) else '?'} » "
                                          "inconnu")
            if not isinstance(men.get("texte"), str) or not men["texte"].strip():
                raise _err(fichier, ou_m, "texte absent")
            _source(fichier, ou_m, men.get("source"), refs)
        if not portee["tous"] and not portee.get("mentions"):
            raise _err(fichier, ou, "portée limitée sans aucun territoire nommé")
    return doc


def valider_financements(rows: Iterable[Mapping], ids: Iterable[str], fichier: str = "financements.csv",
                         colonnes: Iterable[str] | None = None) -> list[dict]:
    """Check ledger rows (data form: sources resolved); values come back as numbers."""
    ids = set(ids)
    if colonnes is not None:
        manquantes = [c for c in COLONNES_LEDGER if c not in set(colonnes)]
        if manquantes:
            raise _err(fichier, "en-tête", f"colonne(s) manquante(s) : {', '.join(manquantes)}")
    out, vus = [], set()
    for n, row in enumerate(rows, start=2):
        row = dict(row)
        ou = f"ligne {n}"
        if not row.get("id") or row["id"] in vus:
            raise _err(fichier, ou + ", colonne id", "identifiant vide ou en double")
        vus.add(row["id"])
        if row.get("niveau") not in NIVEAUX:
            raise _err(fichier, ou + ", colonne niveau", f"« {row.get('niveau')} » n'est pas un niveau connu "
                                                         f"({', '.join(NIVEAUX)})")
        t = row.get("territoire") or ""
        if row["niveau"] == "territoire" and t not in ids:
            raise _err(fichier, ou + ", colonne territoire", f"territoire « {t} » inconnu")
        if row["niveau"] != "territoire" and t:
            raise _err(fichier, ou + ", colonne territoire", "renseignée alors que le niveau n'est pas « territoire »")
        if row.get("dispositif") not in DISPOSITIFS:
            raise _err(fichier, ou + ", colonne dispositif", f"dispositif « {row.get('dispositif')} » inconnu")
        if not (row.get("indicateur") or "").strip():
            raise _err(fichier, ou + ", colonne indicateur", "vide")
        try:
            valeur = float(row.get("valeur"))
        except (TypeError, ValueError):
            raise _err(fichier, ou + ", colonne valeur", f"« {row.get('valeur')} » n'est pas un nombre") from None
        if not math.isfinite(valeur) or valeur < 0:
            raise _err(fichier, ou + ", colonne valeur", f"« {row.get('valeur')} » : montant négatif ou invalide")
        row["valeur"] = int(valeur) if valeur.is_integer() else valeur
        if row.get("unite") not in UNITES:
            raise _err(fichier, ou + ", colonne unite", f"unité « {row.get('unite')} » inconnue")
        if not _url_ok(row.get("source_url")):
            raise _err(fichier, ou + ", colonne source_url", "adresse de la source absente ou invalide")
        out.append(row)
    return out
