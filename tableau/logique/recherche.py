"""« Ma commune »: find a commune by name or postal code, and say where it stands.

Names are compared after a normalisation that forgives accents, case, hyphens and
apostrophes, and "St"/"Ste" for "Saint"/"Sainte". The pipeline matches laureates to
communes with the same rule (``geo.laureats.normaliser``); a test checks that both
agree, so the app needs no pipeline code at run time.
"""
from __future__ import annotations

import re
import unicodedata

from tableau.logique import format as fmt
from tableau.logique.modele import Commune, Donnees

LIMITE = 8
_ABREGES = ((re.compile(r"\bste\b"), "sainte"), (re.compile(r"\bst\b"), "saint"))


def normaliser(nom: str) -> str:
    """Comparison key of a name: 'Saint-Laurent-de-la-Prée' == 'St Laurent de la Pree'."""
    sans_accents = "".join(ch for ch in unicodedata.normalize("NFKD", nom) if not unicodedata.combining(ch))
    cle = re.sub(r"[^a-z0-9]+", " ", sans_accents.lower()).strip()
    for motif, complet in _ABREGES:
        cle = motif.sub(complet, cle)
    return cle


_INDEX: tuple[tuple, list[str]] | None = None  # (communes, their normalised names)


def _noms_normalises(d: Donnees) -> list[str]:
    """Normalised names, in the order of ``d.communes``, computed once per data set.
    One slot, replaced as a whole: safe when sessions search from several threads."""
    global _INDEX
    index = _INDEX
    if index is None or index[0] is not d.communes:
        index = (d.communes, [normaliser(c.nom) for c in d.communes])
        _INDEX = index
    return index[1]


def chercher(d: Donnees, requete: str, limite: int = LIMITE) -> list[Commune]:
    """Communes matching ``requete``, best first: exact name, then start of name, then
    anywhere in the name; a 2 to 5 digit query is a postal code (or INSEE code) prefix.
    Within a tier, bigger communes come first; homonyms all appear (with their département)."""
    q = (requete or "").strip()[:80]
    if not q:
        return []
    if re.fullmatch(r"\d{2,5}|2[ABab]\d{0,3}", q):
        q = q.upper()
        trouves = [c for c in d.communes
                   if any(cp.startswith(q) for cp in c.codes_postaux) or c.code.startswith(q)]
        return sorted(trouves, key=lambda c: (-c.population, c.code))[:limite]
    n = normaliser(q)
    if not n:
        return []
    rangs = []
    for c, nom in zip(d.communes, _noms_normalises(d)):
        if nom == n:
            rang = 0
        elif nom.startswith(n):
            rang = 1
        elif f" {n}" in f" {nom}" or n in nom:
            rang = 2
        else:
            continue
        rangs.append((rang, -c.population, c.code, c))
    return [r[-1] for r in sorted(rangs, key=lambda r: r[:3])[:limite]]


def etiquette(c: Commune) -> str:
    """Name and population, as in the map's tooltip."""
    return f"{c.nom} — {fmt.entier(c.population)} hab."


def libelle(d: Donnees, c: Commune) -> str:
    cps = c.codes_postaux
    return f"{c.nom} ({d.departements[c.departement].nom}, {cps[0] if cps else c.code})"


def phrase(d: Donnees, c: Commune) -> str:
    """One French sentence: which territory and EPCI, or the nearest territory and how far."""
    dep = d.departements[c.departement].nom
    if c.territoire:
        t = d.territoires[c.territoire].nom
        return (f"{c.nom} ({dep}) fait partie du Territoire d'industrie « {t} », au sein de "
                f"l'intercommunalité {c.epci_nom}.")
    t = d.territoires[c.territoire_proche].nom
    distance = fmt.decimal(c.distance_km, 1) if c.distance_km is not None else "?"
    # The distance runs from the commune's representative point to the territory's edge.
    return (f"{c.nom} ({dep}) n'appartient à aucun des 16 Territoires d'industrie ; le plus proche est "
            f"« {t} », dont la limite passe à {distance}{fmt.NBSP}km du centre de la commune.")
