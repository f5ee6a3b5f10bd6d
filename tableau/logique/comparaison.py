"""« Territoires » page data: one comparable row per territory (pure)."""
from __future__ import annotations

from tableau.logique import etat as et, format as fmt, indicateurs
from tableau.logique.exports import colonnes_sources, ecrire_csv
from tableau.logique.modele import Donnees
from tableau.logique.programme import laureats_par_territoire

COLONNES = ("Territoire", "Départements", "Communes", "Population 2026", "Superficie (km²)",
            "Densité (hab./km²)", "EPCI", "Lauréats documentés")


def colonnes_insee(d: Donnees) -> tuple[str, ...]:
    """One column per INSEE indicator, its years and unit in the header; none without the files."""
    return tuple(indicateurs.libelle_annees(d.insee.doc, i, court=True) for i in indicateurs.PAR_ID) if d.insee else ()


def colonnes(d: Donnees) -> tuple[str, ...]:
    return COLONNES + colonnes_insee(d)


def lignes(d: Donnees, visibles: list[str], deps: tuple[str, ...] = ()) -> list[dict]:
    """Rows for the visible territories; ``lien`` reopens the map with the territory selected."""
    laureats = laureats_par_territoire(d)
    out = []
    for tid in visibles:
        p = d.territoires[tid]
        out.append({
            "id": tid,
            "Territoire": p.nom,
            "Départements": ", ".join(p.departements),
            "Communes": p.nb_communes,
            "Population 2026": p.population,
            "Superficie (km²)": p.superficie_km2,
            "Densité (hab./km²)": round(p.densite, 1),
            "EPCI": len(p.epci),
            "Lauréats documentés": laureats.get(tid, 0),
            "lien": "./?" + et.query_string(et.Etat(tid, deps)),
        })
        if d.insee:  # numbers (sortable), at display precision
            for i, col in zip(indicateurs.PAR_ID, colonnes_insee(d), strict=True):
                v = d.insee.valeurs_territoires[i].get(tid)
                out[-1][col] = None if v is None else round(v, indicateurs.PAR_ID[i].decimales)
    return out


# Displayed as French text (thousands, decimal comma), so that sorting stays numeric (format.colonne).
DECIMALES = {"Population 2026": 0, "Superficie (km²)": 1, "Densité (hab./km²)": 1}


def a_afficher(d: Donnees, rows: list[dict]) -> list[dict]:
    """The rows with the large, decimal or signed numbers as French text (the CSV keeps the numbers)."""
    formats, signes = _formats(d)
    colonnes = {c: fmt.colonne([r[c] for r in rows], n, signe=c in signes) for c, n in formats.items()}
    return [{**r, **{c: colonnes[c][i] for c in formats}} for i, r in enumerate(rows)]


def _formats(d: Donnees) -> tuple[dict[str, int], set[str]]:
    """Decimals of each number column shown as text, and the signed ones (evolutions)."""
    formats, signes = dict(DECIMALES), set()
    if d.insee:
        for i, col in zip(indicateurs.PAR_ID, colonnes_insee(d), strict=True):
            formats[col] = indicateurs.PAR_ID[i].decimales
            if indicateurs.PAR_ID[i].echelle == "divergente":
                signes.add(col)
    return formats, signes


# The number columns by which the territories can be ranked, by their id in a link
# (?classement=communes); the INSEE ones by their indicator's id (their headers carry years).
CLASSEMENTS_BASE = {"communes": "Communes", "population": "Population 2026", "superficie": "Superficie (km²)",
                    "densite": "Densité (hab./km²)", "epci": "EPCI", "laureats": "Lauréats documentés"}
CLASSEMENT_DEFAUT = "population"


def classements(d: Donnees) -> dict[str, str]:
    """Ranking id -> column, in the table's order."""
    insee = dict(zip(indicateurs.PAR_ID, colonnes_insee(d), strict=True)) if d.insee else {}
    return {**CLASSEMENTS_BASE, **insee}


NON_DISPONIBLE = "non disponible"


def classement(d: Donnees, rows: list[dict], colonne: str) -> list[dict]:
    """``rows`` ranked on ``colonne``, largest first: rank (ties share it, the next one
    skips: 1, 2, 2, 4), name, id and the value as French text. Territories without a value
    come last, unranked, « non disponible »; equal values keep the names' order."""
    formats, signes = _formats(d)
    avec = sorted((r for r in rows if r[colonne] is not None), key=lambda r: (-r[colonne], r["Territoire"]))
    sans = sorted((r for r in rows if r[colonne] is None), key=lambda r: r["Territoire"])
    out, precedent, rang = [], None, 0
    for i, r in enumerate(avec, start=1):
        if r[colonne] != precedent:
            rang, precedent = i, r[colonne]
        out.append({"rang": rang, "id": r["id"], "Territoire": r["Territoire"],
                    "valeur": fmt.nombre(r[colonne], formats.get(colonne, 0), colonne in signes)})
    return out + [{"rang": None, "id": r["id"], "Territoire": r["Territoire"], "valeur": NON_DISPONIBLE}
                  for r in sans]


def classement_markdown(classes: list[dict], colonne: str, choisi: str | None) -> str:
    """The ranking as a three-column Markdown table (it wraps on a phone, where the wide grid
    has to scroll); the selected territory marked like in the grid, and in bold."""
    lignes = [f"| Rang | Territoire | {fmt.md(colonne)} |", "|--:|:--|--:|"]
    for c in classes:
        nom = fmt.md(c["Territoire"])
        if c["id"] == choisi:
            nom = f"**{MARQUE}{nom}**"
        lignes.append(f"| {c['rang'] if c['rang'] is not None else '—'} | {nom} | {c['valeur']} |")
    return "\n".join(lignes)


def a_droite(d: Donnees) -> tuple[str, ...]:
    """Columns shown as right-aligned number text."""
    return (*DECIMALES, *colonnes_insee(d))


MARQUE = "▶ "  # before the selected territory's name: shown without relying on the row's colour


def marquer(affiches: list[dict], choisi: str | None) -> list[dict]:
    """The displayed rows with the selected territory's name marked (sorting by name then puts
    it first: the grid sorts text with localeCompare, where the mark comes before letters)."""
    return [{**r, "Territoire": MARQUE + r["Territoire"]} if r["id"] == choisi else r for r in affiches]


# Canvas-drawn grid, 14 px Source Sans: 7 px a character is an upper bound (measured in
# Chromium: 6.3 on average). A header also needs room for the sort arrow and the column menu
# button, a cell for its padding.
PX_CARACTERE, PX_MARGE_ENTETE, PX_MARGE_CELLULE = 7, 60, 24


def largeur(entete: str, cellules) -> int:
    """Width in px of a column holding ``entete`` and ``cellules`` uncut."""
    return max(PX_MARGE_ENTETE + PX_CARACTERE * len(entete),
               *(PX_MARGE_CELLULE + PX_CARACTERE * len(str(c)) for c in cellules if c is not None))


def largeurs(d: Donnees) -> dict[str, int]:
    """Width of each column for any territory (the selected one's marked name included)."""
    affiches = marquer(a_afficher(d, lignes(d, list(d.ids))), None)
    return {c: largeur(c, [*(r[c] for r in affiches), *((MARQUE + r[c]) for r in affiches if c == "Territoire")])
            for c in colonnes(d)}


def csv_texte(d: Donnees, rows: list[dict]) -> str:
    """The table as shown (INSEE columns included), plus the territory id, and the sources and
    licence of every row."""
    meta = colonnes_sources(d)
    cols = colonnes(d)
    return ecrire_csv(["id", *cols, "sources", "licence"], ([r["id"], *(r[c] for c in cols), *meta] for r in rows))

