"""tableau.logique is pure: importing all of it loads no Streamlit module (checked in a
fresh interpreter, so that other tests' imports do not hide a transitive one)."""
import subprocess
import sys
from pathlib import Path

import tableau.logique

RACINE = Path(__file__).resolve().parents[2]


def test_la_logique_n_importe_pas_streamlit():
    modules = sorted(f"tableau.logique.{p.stem}" for p in Path(tableau.logique.__file__).parent.glob("*.py")
                     if p.stem != "__init__")
    assert "tableau.logique.etat" in modules and len(modules) >= 12
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "print(sorted(m for m in sys.modules if m == 'streamlit' or m.startswith(('streamlit.', 'streamlit_'))))")
    sortie = subprocess.run([sys.executable, "-c", code], cwd=RACINE, capture_output=True, text=True, check=True)
    assert sortie.stdout.strip() == "[]"
