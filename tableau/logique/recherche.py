"""« Ma commune »: find a commune by name or postal code, and say where it stands.

Names are compared after a normalisation that forgives accents, case, hyphens and
apostrophes, and "St"/"Ste" for "Saint"/"Sainte". The pipeline matches laureates to
communes with the same rule (``geo.laureats.normaliser``); a test checks that both
agree, so the app needs no pipeline code at run time.
"""
from __future__ import annotations

import re
import unicodedata

from tableau.logique import filtre, format as fmt
from tableau.logique.modele import Commune, Donnees

LIMITE = 8
_ABREGES = ((re.compile(r"\bste\b"), "sainte"), (re.compile(r"\bst\b"), "saint"))
# NFKD leaves the ligatures whole (and they are not combining marks): spell them out.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def normaliser(nom: str) -> str:
    """Comparison key of a name: 'Saint-Laurent-de-la-Prée' == 'St Laurent de la Pree'."""
    decompose = unicodedata.normalize("NFKD", nom.translate(_LIGATURES))
    sans_accents = "".join(ch for ch in decompose if not unicodedata.combining(ch))
    cle = re.sub(r"[^a-z0-9]+", " ", sans_accents.lower()).strip()
    for motif, complet in _ABREGES:
        cle = motif.sub(complet, cle)
    return cle


_INDEX: tuple[tuple, list[str]] | None = None  # (communes, their normalised names)
_FAUTES: tuple[tuple, dict[str, list[int]]] | None = None  # (communes, one-deletion index)
FAUTES_MIN = 4  # shorter queries get no typo tolerance: too many near names


def _noms_normalises(d: Donnees) -> list[str]:
    """Normalised names, in the order of ``d.communes``, computed once per data set.
    One slot, replaced as a whole: safe when sessions search from several threads."""
    global _INDEX
    index = _INDEX
    if index is None or index[0] is not d.communes:
        index = (d.communes, [normaliser(c.nom) for c in d.communes])
        _INDEX = index
    return index[1]


def _variantes(mot: str) -> set[str]:
    """The word and every word made by deleting one of its letters."""
    return {mot, *(mot[:i] + mot[i + 1:] for i in range(len(mot)))}


def _index_fautes(d: Donnees) -> dict[str, list[int]]:
    """One-deletion variant -> positions in ``d.communes``; built at the first query that
    finds nothing (~0.5 s, ~100 000 keys), then kept like the names."""
    global _FAUTES
    index = _FAUTES
    if index is None or index[0] is not d.communes:
        fautes: dict[str, list[int]] = {}
        for i, nom in enumerate(_noms_normalises(d)):
            for v in _variantes(nom):
                fautes.setdefault(v, []).append(i)
        index = (d.communes, fautes)
        _FAUTES = index
    return index[1]


def distance(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment)."""
    prec, ligne = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cour = [i]
        for j, cb in enumerate(b, 1):
            v = min(ligne[j] + 1, cour[j - 1] + 1, ligne[j - 1] + (ca != cb))
            if prec is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prec[j - 2] + 1)
            cour.append(v)
        prec, ligne = ligne, cour
    return ligne[-1]


def _approches(d: Donnees, n: str) -> list[tuple[int, int]]:
    """(distance, position) of the names one typo away from ``n`` (a letter missing,
    added, changed, or two letters swapped): the variants sharing a one-deletion form."""
    noms, fautes = _noms_normalises(d), _index_fautes(d)
    positions = {i for v in _variantes(n) for i in fautes.get(v, ())}
    return [(k, i) for i in positions if (k := distance(n, noms[i])) <= 1 or (k == 2 and len(n) >= 8)]


def sans_espaces_si_code(requete: str) -> str:
    """« 33 000 », as postal codes are often written: 33000. Other queries unchanged."""
    q = (requete or "").strip()[:80]
    return re.sub(r"\s+", "", q) if re.fullmatch(r"[\d\s]+", q) else q


def est_un_code(requete: str) -> bool:
    """A postal or INSEE code, or its start: 2 to 5 digits (2A/2B for Corsica)."""
    return bool(re.fullmatch(r"\d{2,5}|2[ABab]\d{0,3}", requete.strip()))


def chercher(d: Donnees, requete: str, limite: int | None = LIMITE) -> list[Commune]:
    """Communes matching ``requete``, best first: exact name, then start of name, then
    anywhere in the name; a 2 to 5 digit query is a postal code (or INSEE code) prefix.
    Within a tier, bigger communes come first; homonyms all appear (with their département).
    Only when nothing matches, names one typo away ("Bayone", "Perigeux") are offered."""
    q = sans_espaces_si_code(requete)
    if not q:
        return []
    if est_un_code(q):
        # Postal codes before INSEE codes, whole before begun: « 79300 » listed Sainte-Verge,
        # whose INSEE code is 79300 (postal 79100), before the communes of postal code 79300.
        q = q.upper()
        rangs = []
        for c in d.communes:
            if q in c.codes_postaux:
                rang = 0
            elif any(cp.startswith(q) for cp in c.codes_postaux):
                rang = 1
            elif c.code.startswith(q):
                rang = 2 if c.code == q else 3
            else:
                continue
            rangs.append((rang, -c.population, c.code, c))
        return [r[-1] for r in sorted(rangs, key=lambda r: r[:3])[:limite]]
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
    if not rangs and len(n) >= FAUTES_MIN:
        rangs = [(k, -d.communes[i].population, d.communes[i].code, d.communes[i]) for k, i in _approches(d, n)]
    return [r[-1] for r in sorted(rangs, key=lambda r: r[:3])[:limite]]


_DEHORS: tuple[object, dict[str, list[tuple[str, str]]]] | None = None  # (hors_zone, normalised name -> communes)


def _noms_dehors(d: Donnees) -> dict[str, list[tuple[str, str]]]:
    """Normalised name -> [(name, département)] outside the 13 départements; built at the
    first query that finds nothing (~30 000 names), then kept."""
    global _DEHORS
    index = _DEHORS
    if index is None or index[0] is not d.hors_zone:
        noms: dict[str, list[tuple[str, str]]] = {}
        for dep, liste in d.hors_zone.communes.items():
            for nom in liste:
                noms.setdefault(normaliser(nom), []).append((nom, dep))
        index = (d.hors_zone, noms)
        _DEHORS = index
    return index[1]


def approchee(requete: str, resultats: list[Commune]) -> bool:
    """True when ``resultats`` came from the typo tolerance (the query is in no name)."""
    n = normaliser(requete or "")
    return bool(resultats) and bool(n) and not n.replace(" ", "").isdigit() and n not in normaliser(resultats[0].nom)


def zone_couverte(d: Donnees) -> str:
    return ", ".join(f"{p.nom} ({code})" for code, p in sorted(d.departements.items()))


def aucune_commune(d: Donnees) -> str:
    """Nothing found: said with the area searched (the region's départements, and those
    outside it where a territory reaches: « 13 départements » alone read as a mistake
    beside the region's 12)."""
    region = sum(1 for p in d.departements.values() if p.dans_region)
    autres = [f"{p.nom} ({code})" for code, p in sorted(d.departements.items()) if not p.dans_region]
    ailleurs = (f", ni dans {'celui' if len(autres) == 1 else 'ceux'} où un territoire déborde : "
                + ", ".join(autres)) if autres else ""
    return f"Aucune commune ne correspond dans les {region} départements de la région{ailleurs}."


def hors_zone(d: Donnees, requete: str) -> str | None:
    """For a query that found nothing: a sentence when it names a commune (or a postal
    code) outside the départements covered, naming them; None otherwise."""
    q = sans_espaces_si_code(requete)
    couverts = f"le tableau de bord couvre les {len(d.departements)} départements suivants : {zone_couverte(d)}."
    if re.fullmatch(r"\d{2,5}", q):
        # French postal codes start with the département (3 digits overseas, 20 for Corsica).
        dep = "2A" if q.startswith("20") else q[:3] if q.startswith("97") else q[:2]
        nom = d.hors_zone.departements.get(dep)
        if dep in d.departements or not nom:
            return None
        lieu = ("la Corse" if dep == "2A"
                else f"le département {filtre.du(nom, d.hors_zone.liaisons.get(dep, 0))} ({dep})")
        return f"Le code « {q} » désigne {lieu}, hors de la zone couverte : {couverts}"
    trouves = _noms_dehors(d).get(normaliser(q)) if q else None
    if not trouves:
        return None
    deps = d.hors_zone.departements
    noms = " ; ".join(f"{nom} ({dep})" if nom == deps[dep] else f"{nom} ({deps[dep]}, {dep})"
                      for nom, dep in trouves[:4])
    return f"{noms} : hors de la zone couverte ; {couverts}"


def etiquette(c: Commune) -> str:
    """Name and population, as in the map's tooltip."""
    return f"{c.nom} — {fmt.entier(c.population)} hab."


def noms_dans_la_liste(communes) -> dict[str, str]:
    """Labels of a territory's communes in its select box: the name alone (the whole list
    travels to the browser with each new territory: 561 names for the largest), with the
    postal code, or else the INSEE code, when two communes of the list share a name."""
    communes = list(communes)
    vus: dict[str, int] = {}
    for c in communes:
        vus[c.nom] = vus.get(c.nom, 0) + 1
    return {c.code: c.nom if vus[c.nom] == 1 else f"{c.nom} ({c.codes_postaux[0] if c.codes_postaux else c.code})"
            for c in communes}


def libelle(d: Donnees, c: Commune, requete: str = "") -> str:
    """Name, département and a code: the postal code the query matched (Argentonnay showed
    79150 for « 79300 », its other one), or the INSEE code when that is what matched."""
    cps, q = c.codes_postaux, requete.strip().upper()
    if q and est_un_code(q):
        if vus := [cp for cp in cps if cp.startswith(q)]:
            return f"{c.nom} ({d.departements[c.departement].nom}, {q if q in vus else vus[0]})"
        if c.code.startswith(q):
            return f"{c.nom} ({d.departements[c.departement].nom}, code INSEE {c.code})"
    return f"{c.nom} ({d.departements[c.departement].nom}, {cps[0] if cps else c.code})"


def phrase(d: Donnees, c: Commune) -> str:
    """One French sentence: which territory and EPCI, or the nearest territory and how far."""
    dep = d.departements[c.departement].nom
    if c.territoire:
        t = d.territoires[c.territoire].nom
        # Non-breaking spaces inside the guillemets: a closing » never starts a line alone.
        return (f"{c.nom} ({dep}) fait partie du Territoire d'industrie «{fmt.NBSP}{t}{fmt.NBSP}», au sein de "
                f"l'intercommunalité {c.epci_nom}.")
    t = d.territoires[c.territoire_proche].nom
    distance = fmt.decimal(c.distance_km, 1) if c.distance_km is not None else "?"
    # The distance runs from the commune's representative point to the territory's edge.
    return (f"{c.nom} ({dep}) n'appartient à aucun des {len(d.territoires)} Territoires d'industrie ; le plus "
            f"proche est «{fmt.NBSP}{t}{fmt.NBSP}», dont la limite passe à {distance}{fmt.NBSP}km du centre de la "
            "commune.")
