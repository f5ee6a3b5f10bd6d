"""INSEE economic indicators at run time: definitions, URL value, loading, values, French numbers.

Pure (no Streamlit, no ``geo`` import): the app reads ``data/insee.json`` and
``data/insee_communes.csv`` through these functions (tableau.logique.donnees puts
them in the typed model). Years, labels of the INSEE variables and the formula of
each ratio come from the data file, so a new edition changes no code here. The
panel section is in tableau.logique.tissu, the map classes in tableau.logique.choroplethe.
"""
from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tableau.logique.modele import DataError

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
FICHIER = "insee.json"
FICHIER_COMMUNES = "insee_communes.csv"
NBSP = "\u202f"
MOINS = "\u2212"


class InseeInvalide(DataError, ValueError):
    """A data file is missing or damaged; the French message names the file."""


@dataclass(frozen=True)
class Indicateur:
    id: str
    libelle: str         # full French label, years added by ``libelle_annees``
    libelle_court: str   # table column, legend title
    unite: str
    echelle: str         # "sequentielle" or "divergente" (around ``centre``)
    centre: float | None = None
    decimales: int = 1


INDICATEURS = (
    Indicateur("part_industrie", "Part des établissements industriels", "Établissements industriels", "%",
               "sequentielle"),
    Indicateur("evolution_emplois", "Évolution de l'emploi au lieu de travail", "Évolution de l'emploi", "%",
               "divergente", 0.0),
    Indicateur("taux_chomage_rp", "Taux de chômage des 15-64 ans (recensement, pas au sens du BIT)",
               "Chômage 15-64 ans (recensement)", "%", "sequentielle"),
    Indicateur("part_10_salaries_plus", "Part des établissements de 10 salariés ou plus",
               "Établissements de 10 salariés ou plus", "%", "sequentielle"),
    Indicateur("part_salaries", "Part des emplois salariés", "Emplois salariés", "%", "sequentielle"),
)
PAR_ID = {i.id: i for i in INDICATEURS}
AUCUN = "aucun"
CHOIX = (AUCUN, *PAR_ID)  # values of the URL parameter ``indicateur``


def choix_depuis_parametre(valeur) -> tuple[str, str | None]:
    """URL value -> (indicator id or "aucun", French message when the value was refused)."""
    if valeur is None or valeur == "":
        return AUCUN, None
    if isinstance(valeur, str) and valeur in CHOIX:
        return valeur, None
    # The value is not echoed: notices are Markdown, and a link must not inject text.
    return AUCUN, "L'indicateur indiqué dans le lien est inconnu : la carte est affichée sans indicateur."


# ---------------------------------------------------------------- loading

def _num(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def lire(texte: str, nom: str = FICHIER) -> dict:
    """Parse and check ``insee.json``; raises InseeInvalide with a French message."""
    try:
        doc = json.loads(texte)
    except json.JSONDecodeError as e:
        raise InseeInvalide(f"Le fichier de données {nom} est illisible ou tronqué ({e.msg}).") from None

    def err(quoi: str) -> InseeInvalide:
        return InseeInvalide(f"Le fichier de données {nom} est incomplet : {quoi}.")

    if not isinstance(doc, dict):
        raise err("document vide")
    for cle in ("source", "variables", "indicateurs", "territoires", "departements", "region", "rattachement",
                "textes"):
        if not isinstance(doc.get(cle), dict):
            raise err(f"section « {cle} » absente")
    variables = doc["variables"]
    for vid, v in variables.items():
        if not isinstance(v, dict) or not isinstance(v.get("annee"), int) or not isinstance(v.get("code"), str):
            raise err(f"variable « {vid} » sans code ou année")
    for iid in PAR_ID:
        d = doc["indicateurs"].get(iid)
        if (not isinstance(d, dict) or d.get("formule") not in ("part", "evolution")
                or d.get("numerateur") not in variables or d.get("denominateur") not in variables
                or not isinstance(d.get("annees"), list) or not d["annees"]):
            raise err(f"indicateur « {iid} » mal défini")
    lignes = [("région", doc["region"])] + [(f"territoire {k}", v) for k, v in doc["territoires"].items()] + \
             [(f"département {k}", v) for k, v in doc["departements"].items()]
    for ou, ligne in lignes:
        if not isinstance(ligne, dict):
            raise err(f"{ou} sans valeurs")
        for cle in (*variables, *PAR_ID):
            if not (_num(ligne.get(cle)) or (cle in PAR_ID and ligne.get(cle) is None)):
                raise err(f"valeur « {cle} » absente ou invalide ({ou})")
    return doc


def _texte(dossier: Path, nom: str) -> str:
    try:
        return (dossier / nom).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InseeInvalide(f"Le fichier de données {nom} est introuvable.") from None
    except UnicodeDecodeError:
        raise InseeInvalide(f"Le fichier de données {nom} est illisible (encodage).") from None


def charger(dossier: Path = DATA_DIR) -> dict:
    return lire(_texte(dossier, FICHIER))


def lire_communes(texte: str, doc: Mapping, nom: str = FICHIER_COMMUNES) -> dict[str, dict[str, float]]:
    """``insee_communes.csv`` -> {2026 code: {variable id: count}}; checked against ``doc``."""
    lecteur = csv.DictReader(io.StringIO(texte))
    attendues = ["code", *doc["variables"]]
    manquantes = [c for c in attendues if c not in (lecteur.fieldnames or ())]
    if manquantes:
        raise InseeInvalide(f"Le fichier de données {nom} est incomplet : colonne(s) {', '.join(manquantes)}.")
    out: dict[str, dict[str, float]] = {}
    for n, row in enumerate(lecteur, start=2):
        code = row["code"] or ""
        try:
            valeurs = {v: float(row[v]) for v in doc["variables"]}
        except (TypeError, ValueError):
            valeurs = None
        if (len(code) != 5 or code in out or valeurs is None
                or not all(math.isfinite(x) and x >= 0 for x in valeurs.values())):
            raise InseeInvalide(f"Le fichier de données {nom} est endommagé (ligne {n}).")
        out[code] = valeurs
    return out


def charger_communes(doc: Mapping, dossier: Path = DATA_DIR) -> dict[str, dict[str, float]]:
    return lire_communes(_texte(dossier, FICHIER_COMMUNES), doc)


# ---------------------------------------------------------------- values and labels

def valeur(doc: Mapping, indicateur_id: str, comptes: Mapping[str, float]) -> float | None:
    """The indicator from summed counts, with the formula stored in the data (None: zero denominator)."""
    d = doc["indicateurs"][indicateur_id]
    n, den = comptes[d["numerateur"]], comptes[d["denominateur"]]
    if not den:
        return None
    return 100.0 * (n / den if d["formule"] == "part" else (n - den) / den)


def annees(doc: Mapping, indicateur_id: str) -> str:
    """'2018' or '2013-2018', from the variable names of the edition."""
    return "-".join(str(a) for a in doc["indicateurs"][indicateur_id]["annees"])


def libelle_annees(doc: Mapping, indicateur_id: str, court: bool = False) -> str:
    ind = PAR_ID[indicateur_id]
    return f"{ind.libelle_court if court else ind.libelle}, {annees(doc, indicateur_id)} ({ind.unite})"


def nombre(x: float, decimales: int = 1, signe: bool = False) -> str:
    """French number: comma decimals, thin no-break space for thousands, true minus sign."""
    texte = f"{abs(x):,.{decimales}f}".replace(",", NBSP).replace(".", ",")
    if round(x, decimales) == 0:
        return texte
    if x < 0:
        return MOINS + texte
    return ("+" + texte) if signe else texte


def formater(indicateur_id: str, v: float | None) -> str:
    """'7,2 %', '+1,6 %' for a change, 'non disponible' for a missing value."""
    if v is None:
        return "non disponible"
    ind = PAR_ID[indicateur_id]
    return f"{nombre(v, ind.decimales, signe=ind.echelle == 'divergente')}{NBSP}{ind.unite}"
