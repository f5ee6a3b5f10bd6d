"""INSEE economic indicators at run time: definitions, loading, choropleth classes.

Pure (no Streamlit, no ``geo`` import): the pages read ``data/insee.json`` and
``data/insee_communes.csv`` through these functions. Years, labels of the INSEE
variables and the formula of each ratio come from the data file, so a new
edition changes no code here.

Long module: the whole contract of one data set (definitions, loading checks,
formatting, choropleth classes) is kept together while its pages are being built;
the classes and legend (``Classes`` and below) are the natural part to split off.
"""
from __future__ import annotations

import bisect
import csv
import io
import json
import math
from collections.abc import Iterable, Mapping
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

# Colour-blind-safe ColorBrewer schemes (Cynthia Brewer, Penn State), light to dark.
SEQUENTIELLE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")  # YlGnBu, 5 classes
# PuOr, 6 classes: three oranges below the centre (dark = far), three purples above.
DIVERGENTE = ("#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788")
SANS_VALEUR = "#d9d9d9"
_COTE_NEGATIF = {1: (1,), 2: (1, 2), 3: (0, 1, 2)}
_COTE_POSITIF = {1: (4,), 2: (3, 4), 3: (3, 4, 5)}


def choix_depuis_parametre(valeur) -> tuple[str, str | None]:
    """URL value -> (indicator id or "aucun", French message when the value was refused)."""
    if valeur is None or valeur == "":
        return AUCUN, None
    if isinstance(valeur, str) and valeur in CHOIX:
        return valeur, None
    montre = str(valeur)[:40]
    return AUCUN, f"Indicateur « {montre} » inconnu : la carte est affichée sans indicateur."


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


# Rows of the "Tissu économique" section: (count variable or None, indicator or None, label).
# "{a}" is the year of the count (or of the indicator), "{a0}"-"{a1}" the years of a change.
FICHE = (
    ("etablissements", None, "Établissements actifs fin {a}"),
    ("etablissements_industrie", "part_industrie", "dont industrie"),
    ("etablissements_10_salaries_plus", "part_10_salaries_plus", "dont 10 salariés ou plus"),
    ("emplois", None, "Emplois au lieu de travail en {a}"),
    (None, "evolution_emplois", "Évolution de l'emploi {a0}-{a1}"),
    ("emplois_salaries", "part_salaries", "dont emplois salariés"),
    (None, "taux_chomage_rp", "Taux de chômage des 15-64 ans en {a} (recensement)"),
)


def mention_source(doc: Mapping) -> str:
    """Source and vintages of the section, from the data: 'INSEE, … ; recensements 2013 et 2018, …'."""
    rp = sorted({v["annee"] for v in doc["variables"].values() if v.get("recensement")})
    et = sorted({v["annee"] for v in doc["variables"].values() if not v.get("recensement")})
    return (f"Source : {doc['source']['citation']} ; recensement{'s' if len(rp) > 1 else ''} "
            f"{' et '.join(map(str, rp))}, établissements actifs fin {' et '.join(map(str, et))}.")


def position(v: float | None, ref: float | None, decimales: int = 1) -> str | None:
    """'au-dessus', 'en dessous' or 'égal' to the reference, at display precision."""
    if v is None or ref is None:
        return None
    a, b = round(v, decimales), round(ref, decimales)
    return "égal" if a == b else "au-dessus" if a > b else "en dessous"


def fiche(doc: Mapping, comptes: Mapping[str, float], reference: Mapping[str, float] | None = None) -> list[dict]:
    """The section's rows for a territory or commune, beside a reference (default: the region).

    Each row: {libelle, effectif, taux, effectif_reference, taux_reference, position,
    indicateur}; counts are rounded to the unit here (census counts are weighted
    decimals), rates keep one decimal; ``position`` compares the rates.
    """
    reference = doc["region"] if reference is None else reference
    rows = []
    for var, ind_id, modele in FICHE:
        ans = doc["indicateurs"][ind_id]["annees"] if ind_id else [doc["variables"][var]["annee"]]
        a0, a1 = ans[0], ans[-1]
        v = valeur(doc, ind_id, comptes) if ind_id else None
        r = valeur(doc, ind_id, reference) if ind_id else None
        rows.append({
            "libelle": modele.format(a=a1, a0=a0, a1=a1),
            "indicateur": ind_id,
            "effectif": nombre(comptes[var], 0) if var else None,
            "taux": formater(ind_id, v) if ind_id else None,
            "effectif_reference": nombre(reference[var], 0) if var else None,
            "taux_reference": formater(ind_id, r) if ind_id else None,
            "position": position(v, r) if ind_id else None,
        })
    return rows


# ---------------------------------------------------------------- choropleth classes

@dataclass(frozen=True)
class Classes:
    """Class bounds (k+1, increasing, at display precision) and their k colours.

    Class i holds bornes[i] <= v < bornes[i+1]; the last class also holds its upper bound.
    A first class with bornes[0] == bornes[1] holds that value only (the next one then
    starts just above it).
    """
    bornes: tuple[float, ...]
    couleurs: tuple[str, ...]
    indicateur: str

    def indice(self, v: float | None) -> int | None:
        if v is None or not math.isfinite(v) or v < self.bornes[0] or v > self.bornes[-1]:
            return None
        if v == self.bornes[0]:  # also the single-value class [b0, b0] (e.g. "0 %")
            return 0
        return min(bisect.bisect_right(self.bornes, v) - 1, len(self.couleurs) - 1)

    def couleur(self, v: float | None) -> str:
        i = self.indice(v)
        return SANS_VALEUR if i is None else self.couleurs[i]


def _arrondi(x: float, decimales: int, sens) -> float:
    f = 10 ** decimales
    return round(sens(round(x * f, 6)) / f, decimales)


def _quantiles(tries: list[float], k: int) -> list[float]:
    """Inner cut points (k-1) by linear interpolation between order statistics."""
    n = len(tries)
    out = []
    for i in range(1, k):
        pos = (n - 1) * i / k
        lo = math.floor(pos)
        hi = min(lo + 1, n - 1)
        out.append(tries[lo] + (tries[hi] - tries[lo]) * (pos - lo))
    return out


def _bornes(tries: list[float], k: int, decimales: int, lo: float | None = None,
            hi: float | None = None) -> list[float]:
    """Quantile bounds rounded to the display precision, outer ones rounded outwards."""
    bas = _arrondi(tries[0], decimales, math.floor) if lo is None else lo
    haut = _arrondi(tries[-1], decimales, math.ceil) if hi is None else hi
    milieu = sorted({round(q, decimales) for q in _quantiles(tries, k)} - {bas, haut})
    return [bas, *(q for q in milieu if bas < q < haut), haut]


def classes(valeurs: Iterable[float | None], indicateur_id: str, k: int = 5) -> Classes | None:
    """Quantile classes for a choropleth; None when there is no value at all.

    A diverging indicator gets its centre as a bound: up to three classes on each
    side, orange below, purple above, darker when farther from the centre.
    """
    ind = PAR_ID[indicateur_id]
    tries = sorted(float(v) for v in valeurs if v is not None and math.isfinite(v))
    if not tries:
        return None
    d = ind.decimales
    if ind.echelle != "divergente":
        k = min(k, len(SEQUENTIELLE))
        n_min = tries.count(tries[0])
        if n_min * k >= len(tries) and n_min < len(tries) and round(tries[0], d) == tries[0]:
            # The minimum (often 0: no industrial establishment) would fill a quantile
            # class by itself: it gets its own class, the other values the others.
            bornes = [tries[0], *_bornes(tries[n_min:], k - 1, d, lo=tries[0])]
        else:
            bornes = _bornes(tries, k, d)
        if len(bornes) == 1 or bornes[0] == bornes[-1]:
            bornes = [bornes[0], bornes[0]]
        m = len(bornes) - 1
        pas = (len(SEQUENTIELLE) - 1) / (m - 1) if m > 1 else 0
        couleurs = [SEQUENTIELLE[round(i * pas) if m > 1 else 2] for i in range(m)]
        return Classes(tuple(bornes), tuple(couleurs), indicateur_id)
    c = ind.centre or 0.0
    neg = [v for v in tries if v < c]
    pos = [v for v in tries if v >= c]
    bornes: list[float] = []
    couleurs: list[str] = []
    if neg:
        b = _bornes(neg, 3, d, hi=c)
        b = b if len(b) > 1 and b[0] < b[-1] else [b[0], c]
        bornes += b[:-1]
        couleurs += [DIVERGENTE[i] for i in _COTE_NEGATIF[len(b) - 1]]
    bornes.append(c)
    if pos:
        b = _bornes(pos, 3, d, lo=c)
        if b[-1] <= c:  # every value equals the centre
            b = [c, c]
        bornes += b[1:]
        couleurs += [DIVERGENTE[i] for i in _COTE_POSITIF[len(b) - 1]]
    return Classes(tuple(bornes), tuple(couleurs), indicateur_id)


def legende(cl: Classes, valeurs: Iterable[float | None] = ()) -> list[dict]:
    """Legend rows: {de, a, couleur, libelle, effectif}; a last 'non disponible' row if needed."""
    ind = PAR_ID[cl.indicateur]
    valeurs = list(valeurs)
    effectifs = [0] * len(cl.couleurs)
    absents = 0
    for v in valeurs:
        i = cl.indice(v)
        if i is None:
            absents += 1
        else:
            effectifs[i] += 1
    signe = ind.echelle == "divergente"
    rows = []
    for i, coul in enumerate(cl.couleurs):
        de, a = cl.bornes[i], cl.bornes[i + 1]
        dernier = i == len(cl.couleurs) - 1
        t_de, t_a = nombre(de, ind.decimales, signe), nombre(a, ind.decimales, signe)
        apres_valeur_seule = i > 0 and cl.bornes[i - 1] == de
        debut = f"plus de {t_de}" if apres_valeur_seule else f"de {t_de}"
        libelle = (f"{t_de} {ind.unite}" if de == a else
                   f"{debut} à {t_a} {ind.unite}" if dernier else
                   f"{debut} à moins de {t_a} {ind.unite}").replace(" %", NBSP + "%")
        rows.append({"de": de, "a": a, "couleur": coul, "libelle": libelle, "effectif": effectifs[i]})
    if absents:
        rows.append({"de": None, "a": None, "couleur": SANS_VALEUR, "libelle": "non disponible",
                     "effectif": absents})
    return rows
