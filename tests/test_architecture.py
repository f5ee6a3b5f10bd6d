"""The layout's rules (README « Pour les développeurs »), checked on the code itself."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
LOGIQUE = sorted(f"tableau.logique.{p.stem}" for p in (RACINE / "tableau" / "logique").glob("*.py")
                 if p.stem != "__init__")
UI = sorted("tableau.ui." + ".".join(p.relative_to(RACINE / "tableau" / "ui").with_suffix("").parts)
            for p in (RACINE / "tableau" / "ui").rglob("*.py") if p.stem != "__init__")
SOURCES = [p for p in [RACINE / "app.py", *(RACINE / "pages").glob("*.py"), *(RACINE / "tableau").rglob("*.py")]]


def _modules_charges(modules: list[str]) -> set[str]:
    """sys.modules after importing ``modules`` in a fresh interpreter (other tests'
    imports cannot hide a transitive one)."""
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "print('\\n'.join(sys.modules))")
    sortie = subprocess.run([sys.executable, "-c", code], cwd=RACINE, capture_output=True, text=True, check=True)
    return set(sortie.stdout.split())


def test_la_logique_n_importe_pas_streamlit():
    assert "tableau.logique.etat" in LOGIQUE and len(LOGIQUE) >= 12
    charges = _modules_charges(LOGIQUE)
    assert "tableau.logique.donnees" in charges
    assert sorted(m for m in charges if m.split(".")[0] in ("streamlit", "streamlit_folium")) == []


def test_l_application_n_importe_pas_le_pipeline():
    charges = _modules_charges(LOGIQUE + UI)
    assert "tableau.ui.composant_carte" in charges
    assert sorted(m for m in charges if m == "geo" or m.startswith("geo.")) == []


def _lignes_qui_utilisent(motif: str) -> dict[str, int]:
    return {str(p.relative_to(RACINE)): n for p in SOURCES
            if (n := len(re.findall(motif, p.read_text(encoding="utf-8"))))}


def test_internes_de_streamlit_folium_dans_un_seul_module():
    assert set(_lignes_qui_utilisent(r"(?:import|from) streamlit_folium|\b_component_func\b|\b_get_\w+\(")) == {
        "tableau/ui/composant_carte.py"}


def test_internes_de_streamlit_dans_un_seul_module():
    assert set(_lignes_qui_utilisent(r"streamlit\.runtime|PagesManager")) == {"tableau/ui/routage.py"}


@pytest.mark.parametrize("chemin", SOURCES, ids=lambda p: str(p.relative_to(RACINE)))
def test_pas_de_module_trop_long_sans_raison(chemin):
    """Over ~250 lines, a module says at its top why it is not split."""
    texte = chemin.read_text(encoding="utf-8")
    if len(texte.splitlines()) > 260:
        assert "Long module:" in texte[:1500], f"{chemin.name} : {len(texte.splitlines())} lignes"
