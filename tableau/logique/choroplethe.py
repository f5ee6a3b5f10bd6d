"""Choropleth of an INSEE indicator (pure): quantile classes at display precision,
colour-blind-safe ColorBrewer palettes, legend rows, colour per territory and commune."""
from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tableau.logique.indicateurs import NBSP, PAR_ID, nombre
from tableau.logique.modele import Commune, Insee

# Colour-blind-safe ColorBrewer schemes (Cynthia Brewer, Penn State), light to dark.
SEQUENTIELLE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")  # YlGnBu, 5 classes
# PuOr, 6 classes: three oranges below the centre (dark = far), three purples above.
DIVERGENTE = ("#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788")
SANS_VALEUR = "#d9d9d9"
_COTE_NEGATIF = {1: (1,), 2: (1, 2), 3: (0, 1, 2)}
_COTE_POSITIF = {1: (4,), 2: (3, 4), 3: (3, 4, 5)}


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


def colorier(valeurs: Mapping[str, float | None], indicateur_id: str) -> tuple[dict[str, str], list[dict]]:
    """Choropleth of some units (territory ids or commune codes): (colour per unit, legend rows).

    Classes are computed over these units only; a unit without a value is grey and
    counted in the legend's « non disponible » row.
    """
    cl = classes(valeurs.values(), indicateur_id)
    if cl is None:
        return dict.fromkeys(valeurs, SANS_VALEUR), ([{"de": None, "a": None, "couleur": SANS_VALEUR,
                                                      "libelle": "non disponible", "effectif": len(valeurs)}]
                                                    if valeurs else [])
    return {k: cl.couleur(v) for k, v in valeurs.items()}, legende(cl, valeurs.values())


def couleurs_territoires(insee: Insee, ids: Iterable[str], indicateur_id: str) -> tuple[dict[str, str], list[dict]]:
    """The map's territories coloured by an indicator (classes over ``ids``, e.g. all 16)."""
    v = insee.valeurs_territoires[indicateur_id]
    return colorier({t: v.get(t) for t in ids}, indicateur_id)


def couleurs_communes(insee: Insee, communes: Iterable[Commune], indicateur_id: str
                      ) -> tuple[dict[str, str], list[dict]]:
    """One territory's communes coloured by an indicator (classes over these communes)."""
    v = insee.valeurs_communes[indicateur_id]
    return colorier({c.code: v.get(c.code) for c in communes}, indicateur_id)


def _luminance(hexa: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    def canal(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (canal(int(hexa[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contraste(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contour_lisible(remplissage: str, contour: str, clair: str = "#ffffff") -> str:
    """``contour`` when it stands out 3:1 from an opaque ``remplissage`` (WCAG 1.4.11), else ``clair``:
    the darkest classes get light edges between communes."""
    return contour if contraste(contour, remplissage) >= 3.0 else clair
