"""Programme content (phase II services, funding ledger) written by the project from
the cited sources in ``geo/contenu/``, checked and resolved into ``data/``.

The same validators check the files again when the dashboard loads them, so a
damaged ``data/services.json`` or ``data/financements.csv`` is caught there too.
"""
from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path

DOSSIER = Path(__file__).resolve().parent / "contenu"

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


class ContenuInvalide(ValueError):
    """Bad content; the message names the file, the row or entry, and the field."""


def _err(fichier: str, ou: str, msg: str) -> ContenuInvalide:
    return ContenuInvalide(f"{fichier}, {ou} : {msg}")


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


def resoudre_financements(text: str, refs: Mapping, ids: Iterable[str], fichier: str = "financements.csv"
                          ) -> list[dict]:
    """Source form (column ``source`` = reference key) -> checked data form."""
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for n, row in enumerate(reader, start=2):
        cle = row.pop("source", None)
        if cle not in refs:
            raise _err(fichier, f"ligne {n}, colonne source", f"source « {cle} » inconnue des références")
        r = refs[cle]
        rows.append({**row, "source_titre": r["titre"], "source_url": r["url"], "source_date": r.get("date", "")})
    return valider_financements(rows, ids, fichier, colonnes=COLONNES_LEDGER)


def construire(dossier: Path, ids: Iterable[str]) -> tuple[dict, list[dict]]:
    """Read ``dossier`` (references.json, services.json, financements.csv) -> (services doc, ledger rows)."""
    ids = list(ids)
    try:
        refs = json.loads((dossier / "references.json").read_text(encoding="utf-8"))
        services = json.loads((dossier / "services.json").read_text(encoding="utf-8"))
        ledger_text = (dossier / "financements.csv").read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ContenuInvalide(f"{Path(e.filename).name} : fichier absent") from None
    except json.JSONDecodeError as e:
        raise ContenuInvalide(f"JSON illisible ({e.msg}, ligne {e.lineno})") from None
    valider_references(refs, "references.json")
    doc = valider_services({"references": refs, **services}, ids, "services.json")
    return doc, resoudre_financements(ledger_text, refs, ids)
