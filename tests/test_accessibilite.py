"""WCAG 2.1 AA contrast of the colours the project chooses (theme and map), computed.

The axe audit (tests/e2e/test_accessibilite.py) checks the text of the rendered
pages; the map's shapes are drawn in SVG inside the component, where axe does not
judge colours, so their contrast (WCAG 1.4.11, 3:1) is computed here.
"""
import re
import tomllib
from itertools import product
from pathlib import Path

import pytest

from tableau.logique import carte

ROOT = Path(__file__).resolve().parents[1]
THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
BLANC = (255, 255, 255)
FOND_SANS_TUILES = (221, 221, 221)  # Leaflet's container grey, with TI_FOND_DE_CARTE=aucun


def rgb(hexa: str) -> tuple[float, float, float]:
    h = hexa.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def sur(couleur, fond, alpha: float):
    """Colour drawn at ``alpha`` over ``fond`` (what the eye sees)."""
    return tuple(alpha * c + (1 - alpha) * f for c, f in zip(couleur, fond))


def luminance(c) -> float:
    def lin(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contraste(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_formule_sur_des_valeurs_connues():
    assert contraste((0, 0, 0), BLANC) == pytest.approx(21)
    assert contraste(rgb("#767676"), BLANC) == pytest.approx(4.54, abs=0.01)
    # Streamlit's default caption (#2f2d2b at 60 %) is what axe reported: 3.88:1
    assert contraste(sur(rgb("#2f2d2b"), BLANC, 0.6), BLANC) == pytest.approx(3.88, abs=0.01)


# Streamlit draws captions at 60 % opacity (measured in the browser).
@pytest.mark.parametrize("nom, couleur, alpha, minimum", [
    ("texte", THEME["textColor"], 1.0, 4.5),
    ("légende grisée", THEME["textColor"], 0.6, 4.5),
    ("lien", THEME["linkColor"], 1.0, 4.5),
    ("lien dans une légende grisée", THEME["linkColor"], 0.6, 4.5),
    ("bord des champs", THEME["borderColor"], 1.0, 3.0),
])
def test_theme_aa(nom, couleur, alpha, minimum):
    assert contraste(sur(rgb(couleur), BLANC, alpha), BLANC) >= minimum, nom


FONDS = [BLANC, FOND_SANS_TUILES]


@pytest.mark.parametrize("remplissage, opacite, fond", list(product(carte.PALETTE, carte.OPACITES, FONDS)))
def test_contour_des_territoires_3_pour_1(remplissage, opacite, fond):
    """Every territory edge stands out from its own fill and from the map around it."""
    vu = sur(rgb(remplissage), fond, opacite)
    assert contraste(rgb(carte.CONTOUR_TERRITOIRE), vu) >= 3.0
    assert contraste(rgb(carte.CONTOUR_TERRITOIRE), fond) >= 3.0
    assert contraste(rgb(carte.COULEUR_SELECTION), vu) >= 3.0


def test_noms_epingles_lisibles_sur_la_ligne_choisie():
    """The comparison grid draws its pinned names in grey: AA on the selected row's yellow too."""
    from tableau.ui.pages import territoires
    fond = re.search(r"background-color: (#[0-9a-f]{6})", territoires.FOND_CHOISI).group(1)
    assert contraste(rgb(territoires.NOMS_EPINGLES), rgb(fond)) >= 4.5
    assert contraste(rgb(territoires.NOMS_EPINGLES), rgb("#fff1b8")) < 4.5  # the former yellow

