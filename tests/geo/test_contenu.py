"""geo.contenu: the content files written by the project, checked and resolved by the pipeline.
(The rules themselves are tested on the app's copy: tests/logique/test_contenu.py.)"""
import json

import pytest

from geo import contenu
from geo.referentiel import TERRITOIRE_IDS
from tableau.logique import donnees

DOC = json.loads((donnees.DATA_DIR / "services.json").read_text(encoding="utf-8"))


def test_fichiers_committes_valides():
    contenu.valider_services(DOC, TERRITOIRE_IDS)
    assert len(DOC["services"]) == 6
    assert {s["id"] for s in DOC["services"]} >= {"chef-de-projet", "investissement-productif", "rebond-industriel",
                                                  "competences", "france-2030", "transition-ecologique"}


def test_source_inconnue_dans_le_fichier_redige():
    refs = DOC["references"]
    text = "id,niveau,territoire,dispositif,indicateur,valeur,unite,periode,source,note\n" \
           "x,national,,Rebond industriel,Total,1,M€,2024,nulle-part,\n"
    with pytest.raises(contenu.ContenuInvalide, match="ligne 2, colonne source : source « nulle-part » inconnue"):
        contenu.resoudre_financements(text, refs, TERRITOIRE_IDS)
