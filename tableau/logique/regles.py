"""What the data must mean, beyond its structure: one set of rules for the app and the pipeline.

``tableau.logique.donnees`` applies them at load (a violation stops the app with one French
message naming the file and the problem); ``geo.build`` runs that same loader on the files
it is about to publish, before the swap, so a build can never produce what the app refuses.
Pure: no I/O except ``verifier_taille`` (a stat, before a file is read).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from tableau.logique.modele import Commune, DataError, Territoire

# Size bounds, checked before parsing. Today's largest file is ~1 MB (communes.topojson);
# the bounds leave room for growth but refuse a file that would take minutes and gigabytes.
MAX_OCTETS = 32 * 1024 * 1024
MAX_SOMMETS_GEOMETRIE = 200_000   # vertices of one geometry (largest today: ~3,000)
MAX_SOMMETS_FICHIER = 2_000_000   # vertices of one GeoJSON file (largest today: ~45,000)
# Depth of the coordinates array by geometry type (a position is depth 1).
PROFONDEUR = {"Point": 1, "MultiPoint": 2, "LineString": 2, "MultiLineString": 3, "Polygon": 3,
              "MultiPolygon": 4}


def verifier_taille(path: Path) -> None:
    """A file over MAX_OCTETS is refused before it is read."""
    try:
        taille = path.stat().st_size
    except FileNotFoundError:
        raise DataError(f"Le fichier de données {path.name} est introuvable.") from None
    if taille > MAX_OCTETS:
        raise DataError(f"Le fichier {path.name} est anormalement volumineux ({taille / 1e6:.0f} Mo ; "
                        f"au plus {MAX_OCTETS // (1024 * 1024)} Mo attendus).")


def _milliers(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _fini(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def compter_sommets(geom: Mapping, ou: str) -> int:
    """Vertices of a GeoJSON geometry, checking its shape on the way (iterative: no
    recursion on hostile nesting): arrays nested as its type says, finite coordinates."""
    profondeur = PROFONDEUR.get(geom.get("type"))
    if profondeur is None:
        raise DataError(f"{ou} : type de géométrie inconnu.")
    n, pile = 0, [(geom.get("coordinates"), profondeur)]
    while pile:
        valeur, p = pile.pop()
        if not isinstance(valeur, list):
            raise DataError(f"{ou} : coordonnées mal formées.")
        if p == 1:
            if len(valeur) not in (2, 3) or not all(_fini(x) for x in valeur):
                raise DataError(f"{ou} : coordonnée non numérique ou infinie.")
            n += 1
            if n > MAX_SOMMETS_GEOMETRIE:
                raise DataError(f"{ou} : géométrie anormalement détaillée (plus de "
                                f"{_milliers(MAX_SOMMETS_GEOMETRIE)} sommets).")
        else:
            pile.extend((v, p - 1) for v in valeur)
    return n


def verifier_geometries(nom: str, feats: Sequence[Mapping]) -> None:
    total = 0
    for i, f in enumerate(feats, start=1):
        total += compter_sommets(f["geometry"], f"{nom}, entité {i}")
        if total > MAX_SOMMETS_FICHIER:
            raise DataError(f"{nom} : géométries anormalement détaillées (plus de "
                            f"{_milliers(MAX_SOMMETS_FICHIER)} sommets).")


def _entier_positif(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


def verifier_territoire(t: Territoire, nom: str = "territoires.geojson") -> None:
    ou = f"{nom}, territoire {t.id}"
    if not _entier_positif(t.population) or not _entier_positif(t.nb_communes):
        raise DataError(f"{ou} : population ou nombre de communes négatif.")
    if not _fini(t.superficie_km2) or t.superficie_km2 <= 0:
        raise DataError(f"{ou} : superficie nulle, négative ou non numérique.")
    if not t.departements:
        raise DataError(f"{ou} : aucun département.")
    for e in t.epci:
        if not all(_entier_positif(x) for x in (e.population, e.nb_communes, e.nb_communes_epci)):
            raise DataError(f"{ou} : intercommunalité {e.siren} avec un effectif négatif.")
    if sum(e.population for e in t.epci) != t.population or sum(e.nb_communes for e in t.epci) != t.nb_communes:
        raise DataError(f"{ou} : la somme des intercommunalités ne fait pas le total du territoire.")


def verifier_codes_uniques(codes: Iterable[str], ou: str, quoi: str) -> None:
    doubles = sorted(c for c, n in Counter(codes).items() if n > 1)
    if doubles:
        raise DataError(f"{ou} : {quoi} en double ({', '.join(doubles[:5])}).")


def verifier_commune(c: Commune, ou: str) -> None:
    if c.population < 0:
        raise DataError(f"{ou} : population négative.")
    if not (_fini(c.lon) and _fini(c.lat) and -180 <= c.lon <= 180 and -90 <= c.lat <= 90):
        raise DataError(f"{ou} : coordonnées hors du globe ou non numériques.")
    if c.distance_km is not None and not (_fini(c.distance_km) and c.distance_km >= 0):
        raise DataError(f"{ou} : distance négative ou non numérique.")


def verifier_totaux(territoires: Mapping[str, Territoire], communes: Iterable[Commune],
                    nom: str = "communes.csv") -> None:
    """A territory's population and commune count are those of its communes (as the pipeline sums them)."""
    pop: Counter[str] = Counter()
    nb: Counter[str] = Counter()
    for c in communes:
        if c.territoire:
            pop[c.territoire] += c.population
            nb[c.territoire] += 1
    for tid, t in territoires.items():
        if pop[tid] != t.population or nb[tid] != t.nb_communes:
            raise DataError(f"{nom} : les communes du territoire {tid} ne font pas sa population ou son nombre "
                            "de communes (territoires.geojson).")
