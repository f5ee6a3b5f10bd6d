"""Programme content (phase II services, funding ledger) written by the project from
the cited sources in ``geo/contenu/``, checked and resolved into ``data/``.

The same validators check the files again when the dashboard loads them, so a
damaged ``data/services.json`` or ``data/financements.csv`` is caught there too.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

# The rules are the app's own (tableau.logique.contenu): one copy, checked on both sides.
from tableau.logique.contenu import (COLONNES_LEDGER, DISPOSITIFS, NIVEAUX, UNITES, _err,  # noqa: F401
                                     valider_financements, valider_references, valider_services)
from tableau.logique.modele import DataError as ContenuInvalide

DOSSIER = Path(__file__).resolve().parent / "contenu"


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
