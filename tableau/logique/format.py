"""French number and date formatting: thin no-break space between thousands, comma decimals,
"6 août 2024"."""
from __future__ import annotations

import re

NBSP = "\u202f"
FIGURE = "\u2007"  # figure space: as wide as a digit
MOINS = "\u2212"  # true minus sign
TRAIT_INSECABLE = "\u2011"  # non-breaking hyphen (Streamlit's font, Source Sans, has it)
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")


def insecable(titre: str) -> str:
    """A heading with the region's name kept on one line: on a tablet the page's title broke
    at its hyphen, « Nouvelle- / Aquitaine »."""
    return titre.replace("Nouvelle-Aquitaine", f"Nouvelle{TRAIT_INSECABLE}Aquitaine")


def entier(n: int) -> str:
    return f"{int(n):,}".replace(",", NBSP)


def decimal(x: float, chiffres: int = 1) -> str:
    return f"{x:,.{chiffres}f}".replace(",", NBSP).replace(".", ",")


def km2(x: float) -> str:
    return f"{decimal(x, 0 if x >= 100 else 1)}{NBSP}km²"


def valeur(v: float, unite: str) -> str:
    """A ledger value with its unit: '88 M€', '1,4 M€', '55 %', '244 projets'."""
    nombre = entier(v) if float(v).is_integer() else decimal(v, 1)
    return f"{nombre}{NBSP}{unite}"


def euros(montant: str | int) -> str:
    return f"{entier(int(montant))}{NBSP}€"


def date(texte: str) -> str:
    """ISO dates of the sources in French: '2024-08-06' -> '6 août 2024', '2021-12' ->
    'décembre 2021'; anything else (a period '2020-2022', free text) is returned as is."""
    t = (texte or "").strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", t):
        annee, mois, jour = int(m[1]), int(m[2]), m[3] and int(m[3])
        if 1 <= mois <= 12 and (jour is None or 1 <= jour <= 31):
            return (f"{'1er' if jour == 1 else jour} " if jour else "") + f"{MOIS[mois - 1]} {annee}"
    return t


def dates_dans(texte: str) -> str:
    """Every ISO date inside a text in French: 'version du 2026-08-21' -> 'version du 21 août 2026'."""
    return re.sub(r"\d{4}-\d{2}-\d{2}", lambda m: date(m[0]), texte or "")


def nombre(v: float, chiffres: int = 0, signe: bool = False) -> str:
    """A French number at ``chiffres`` decimals; a minus sign (U+2212) below zero, and with
    ``signe`` a plus above it (an evolution: '+1,6'); zero unsigned."""
    texte = entier(round(abs(v))) if chiffres == 0 else decimal(abs(v), chiffres)
    if round(v, chiffres) == 0:
        return texte
    return (MOINS if v < 0 else "+" if signe else "") + texte


def colonne(valeurs: list, chiffres: int = 0, vide: str = "", signe: bool = False) -> list[str]:
    """A table column of French numbers as text whose text order is the numeric order: the
    grid sorts text columns with localeCompare, where a space comes before any digit or sign.
    Numbers >= 0 are left-padded with figure spaces to one width; a column with negative
    numbers (or ``signe``: '+1,6', '−0,4') gets instead, before each number, as many figure
    spaces as values greater than it (invisible when right-aligned). None gives ``vide``."""
    def texte(v: float) -> str:
        return nombre(v, chiffres, signe)

    presents = [round(v, chiffres) for v in valeurs if v is not None]
    if signe or any(v < 0 for v in presents):
        ordre = sorted(set(presents))
        rang = {v: len(ordre) - 1 - i for i, v in enumerate(ordre)}
        return [vide if v is None else FIGURE * rang[round(v, chiffres)] + texte(v) for v in valeurs]
    textes = [None if v is None else texte(v) for v in valeurs]
    largeur = max((len(t) for t in textes if t is not None), default=0)
    return [vide if t is None else t.rjust(largeur, FIGURE) for t in textes]


_MD_SPECIAUX = re.compile(r"([\\`*_\[\]<>$~|])")


def libelle_avant_valeur(libelle: str) -> str:
    """A label followed by « : value »: its own colon becomes brackets (« Entreprises
    bénéficiaires : PME » -> « Entreprises bénéficiaires (PME) »), not two colons in a row."""
    tete, sep, queue = libelle.partition(" : ")
    return f"{tete} ({queue})" if sep and queue else libelle


def md(texte: str | None) -> str:
    """Text made inert for a Markdown cell (st.table): what Markdown, HTML, Streamlit's LaTeX
    ('$') or its ':shortcode:' icons would read is escaped, so the text shows as written."""
    t = _MD_SPECIAUX.sub(r"\\\1", (texte or "").replace("\n", " "))
    # ':' glued to a word could open a ':shortcode:' (read after escapes): a word joiner breaks it.
    t = re.sub(r":(?=\S)", ":\u2060", t)
    return re.sub(r"^([#+\-])", r"\\\1", t)  # a heading or list mark at the start


def md_lien(texte: str, url: str) -> str:
    """A Markdown link to a web address (anything else: the text alone)."""
    if not url.startswith(("https://", "http://")):
        return md(texte)
    return f"[{md(texte)}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"
