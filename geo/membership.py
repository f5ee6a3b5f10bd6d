"""ANCT membership list: which 2026 commune belongs to which territory."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from geo.errors import BuildError
from geo.referentiel import TERRITOIRE_IDS, slugify

FICHIER = "anct-ti-2026/ti_communes_na_2026.csv"


def read_membership(text: str, communes_connues: Iterable[str], fichier: str = FICHIER,
                    territoires: Iterable[str] = TERRITOIRE_IDS) -> tuple[dict[str, str], dict[str, str]]:
    """Parse and validate the CSV ``insee_com,lib_ti``.

    Returns (commune code -> territory id, territory id -> name as spelled by ANCT).
    ``communes_connues`` are the 2026 codes of the départements in scope: any other
    code is an error, as is a name whose slug is not one of ``territoires``, a commune
    listed twice, or a territory with no commune.
    """
    connues = set(communes_connues)
    attendus = tuple(territoires)
    reader = csv.DictReader(io.StringIO(text))
    missing_cols = {"insee_com", "lib_ti"} - set(reader.fieldnames or ())
    if missing_cols:
        raise BuildError(f"colonnes manquantes : {', '.join(sorted(missing_cols))}", fichier)
    membres: dict[str, str] = {}
    noms: dict[str, str] = {}
    for n, row in enumerate(reader, start=2):  # line 1 is the header
        code = (row["insee_com"] or "").strip()
        nom = (row["lib_ti"] or "").strip()
        if "?" in nom or "\ufffd" in nom:
            raise BuildError(f"nom de territoire « {nom} » : lettre perdue (« ? » à sa place), le fichier a "
                             "été réenregistré dans un encodage qui ne la connaît pas (Latin-1 n'a ni « – » "
                             "ni « ’ ») ; reprendre l'original ou l'enregistrer en UTF-8", fichier, n)
        tid = slugify(nom)
        if tid not in attendus:
            raise BuildError(f"territoire « {nom} » inconnu (pas un des {len(attendus)} labellisés)", fichier, n)
        if code not in connues:
            raise BuildError(f"code commune « {code} » inconnu du COG 2026 ou hors des départements traités",
                             fichier, n)
        if code in membres and membres[code] != tid:
            raise BuildError(f"la commune {code} est rattachée à deux territoires", fichier, n)
        if noms.setdefault(tid, nom) != nom:
            raise BuildError(f"le territoire {tid} est écrit de deux façons : « {noms[tid]} » et « {nom} »",
                             fichier, n)
        membres[code] = tid
    absents = [t for t in attendus if t not in noms]
    if absents:
        raise BuildError(f"territoire(s) sans aucune commune : {', '.join(absents)}", fichier)
    return membres, noms
