"""Documented laureates of the acceleration fund: commune names as printed in the
press, matched to 2026 communes within their département. No guessing: a name
that is absent, unknown or ambiguous is reported as such."""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

from geo.cog import ACTUELLE, RATTACHEES
from geo.errors import BuildError

FICHIER = "fonds-acceleration/laureats_fonds_acceleration_na.csv"
COLONNES = ("entreprise", "commune", "dep", "projet", "aide_eur", "taille", "date_annonce", "source_url")
SORTIE = ("entreprise", "commune_publiee", "departement", "code_commune", "commune_2026", "territoire", "projet",
          "aide_eur", "taille", "date_annonce", "sources", "rapprochement")


# NFKD leaves the ligatures whole (and they are not combining marks): spell them out.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def normaliser(nom: str) -> str:
    """'Saint-Laurent-de-la-Prée' and 'St Laurent de la Pree' give the same key; 'Œ' is 'oe'."""
    t = unicodedata.normalize("NFKD", nom.translate(_LIGATURES))
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).lower()
    t = re.sub(r"[^a-z0-9]+", " ", t).strip()
    t = re.sub(r"\bste\b", "sainte", t)
    return re.sub(r"\bst\b", "saint", t)


def index_noms(entries: Iterable[Mapping], departements: Iterable[str]) -> dict[tuple[str, str], set[str]]:
    """(département, normalised name) -> 2026 commune codes. Former delegated or
    associated communes lead to the commune they now belong to."""
    deps = set(departements)
    idx: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in entries:
        dep = e.get("departement")
        if dep not in deps:
            continue
        if e.get("type") == ACTUELLE:
            idx[(dep, normaliser(e["nom"]))].add(e["code"])
        elif e.get("type") in RATTACHEES and e.get("chefLieu"):
            idx[(dep, normaliser(e["nom"]))].add(e["chefLieu"])
    return idx


def rapprocher(text: str, idx: Mapping[tuple[str, str], set[str]], communes: Mapping[str, Mapping],
               membres: Mapping[str, str], fichier: str = FICHIER) -> list[dict]:
    """Parse, check and match the laureates CSV. Raises BuildError on a malformed row."""
    reader = csv.DictReader(io.StringIO(text))
    manquantes = [c for c in COLONNES if c not in (reader.fieldnames or ())]
    if manquantes:
        raise BuildError(f"colonne(s) manquante(s) : {', '.join(manquantes)}", fichier)
    out = []
    for n, row in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k}
        if not row["entreprise"]:
            raise BuildError("colonne entreprise vide", fichier, n)
        urls = [u.strip() for u in row["source_url"].split("|") if u.strip()]
        if not urls or not all(u.startswith(("http://", "https://")) for u in urls):
            raise BuildError("colonne source_url vide ou invalide", fichier, n)
        aide = row["aide_eur"]
        if aide and (not aide.isdigit()):
            raise BuildError(f"colonne aide_eur : « {aide} » n'est pas un montant entier positif", fichier, n)
        code, statut = "", ""
        if not row["commune"]:
            statut = "commune non publiée"
        elif not row["dep"]:
            statut = "département non publié"
        else:
            codes = idx.get((row["dep"], normaliser(row["commune"])), set())
            if len(codes) == 1:
                code, statut = next(iter(codes)), "rapprochée"
            elif not codes:
                statut = "commune introuvable dans le département"
            else:
                statut = "homonymes dans le département : non tranché"
        out.append({
            "entreprise": row["entreprise"], "commune_publiee": row["commune"], "departement": row["dep"],
            "code_commune": code, "commune_2026": communes[code]["nom"] if code else "",
            "territoire": membres.get(code, "") if code else "", "projet": row["projet"], "aide_eur": aide,
            "taille": row["taille"], "date_annonce": row["date_annonce"], "sources": " | ".join(urls),
            "rapprochement": statut,
        })
    return out
