"""The fixed frame of the project: which territories and départements exist.

The 16 names are those of the labelled phase II territories (seed text, ANCT
list); ids are stable slugs used in URLs, so they must never change.
"""
from __future__ import annotations

import re
import unicodedata

REGION_CODE = "75"  # Nouvelle-Aquitaine

# 12 départements of the region, plus the Hautes-Pyrénées (65, Occitanie),
# part of Lacq – Pau – Tarbes.
DEPARTEMENTS = ("16", "17", "19", "23", "24", "33", "40", "47", "64", "65", "79", "86", "87")

TERRITOIRE_IDS = (
    "agenais",
    "angouleme-cognac",
    "bocage-bressuirais",
    "bordeaux-metropole-bassin-d-arcachon-nord",
    "brive-tulle-perigord-noir",
    "creuse-industrie",
    "grand-chatellerault",
    "grand-libournais",
    "grand-perigueux-grand-bergeracois",
    "lacq-pau-tarbes",
    "limoges-et-haute-vienne",
    "loudun-thouars",
    "niortais-haut-val-de-sevre",
    "pays-basque",
    "rochefort-royan-marennes-oleron",
    "val-de-garonne-guyenne-gascogne-et-reolais",
)


def slugify(text: str) -> str:
    """ASCII, lower-case, words joined by '-': 'Angoulême – Cognac' -> 'angouleme-cognac'."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Any other character (apostrophes, dashes, spaces) separates words.
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")
