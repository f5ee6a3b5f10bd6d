"""The « Tissu économique » section of the panel and of the commune card (pure):
each INSEE figure beside the region's, with the vintages and the source."""
from __future__ import annotations

from collections.abc import Mapping

from tableau.logique.indicateurs import formater, nombre, valeur

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


# Above/below said with a symbol and a word, never with colour alone.
SYMBOLES = {"au-dessus": "▲ au-dessus", "en dessous": "▼ en dessous", "égal": "= égal"}


def cellule(effectif: str | None, taux: str | None) -> str:
    """'312 (8,2 %)', or whichever of the two exists."""
    if effectif and taux:
        return f"{effectif} ({taux})"
    return effectif or taux or ""


def cellules(doc: Mapping, comptes: Mapping[str, float]) -> list[tuple[str, str, str, str]]:
    """The section's rows as text cells: figure, value, the region's, position (panel and fiche)."""
    return [(r["libelle"], cellule(r["effectif"], r["taux"]),
             cellule(r["effectif_reference"], r["taux_reference"]), SYMBOLES.get(r["position"], ""))
            for r in fiche(doc, comptes)]


def tableau(doc: Mapping, comptes: Mapping[str, float], nom: str) -> str:
    """The section as a Markdown table: figure, ``nom`` (territory or commune), region, position."""
    region = doc["region"].get("nom", "Région")
    nom = nom.replace("|", "\\|")  # a name must not split the table
    lignes = [f"| Donnée | {nom} | {region} | Écart à la région |", "|:--|--:|--:|:--|"]
    lignes += [f"| {' | '.join(c)} |" for c in cellules(doc, comptes)]
    return "\n".join(lignes)
