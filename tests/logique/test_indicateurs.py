"""Run-time INSEE indicators: URL value, loading checks, ratios, French numbers."""
import json
import subprocess
import sys

import pytest

from tableau.logique import indicateurs as ind

NB = "\u202f"


def test_module_imports_neither_streamlit_nor_the_pipeline():
    code = ("import sys, tableau.logique.indicateurs; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'geo', 'geopandas')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ind.DATA_DIR.parent)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("valeur, attendu, message", [
    (None, "aucun", False), ("", "aucun", False), ("aucun", "aucun", False),
    ("part_industrie", "part_industrie", False), ("taux_chomage_rp", "taux_chomage_rp", False),
    ("PART_INDUSTRIE", "aucun", True), ("<script>", "aucun", True), (["part_industrie"], "aucun", True),
    ("evolution_population", "aucun", True),  # in the data but not offered on the map
])
def test_url_parameter(valeur, attendu, message):
    choix, msg = ind.choix_depuis_parametre(valeur)
    assert choix == attendu
    assert (msg is not None) == message
    if message:
        assert msg.startswith("L'indicateur indiqué dans le lien est inconnu") and "sans indicateur" in msg
        assert not isinstance(valeur, str) or valeur not in msg


def test_ratios_from_counts_equal_the_aggregates_and_labels_carry_the_years(doc, communes):
    for t in doc["territoires"].values():
        for i in ind.PAR_ID:
            assert ind.valeur(doc, i, t) == pytest.approx(t[i], rel=1e-12)
    assert ind.valeur(doc, "part_industrie", {"etablissements_industrie": 3, "etablissements": 0}) is None
    assert ind.libelle_annees(doc, "evolution_emplois") == "Évolution de l'emploi au lieu de travail, 2013-2018 (%)"
    assert ind.libelle_annees(doc, "part_industrie", court=True) == "Établissements industriels, 2018 (%)"
    assert len(communes) == 4762 and communes["16186"]["etablissements"] == 11 + 39  # ETTOT18 of 16010 and 16186


@pytest.mark.parametrize("i, v, texte", [
    ("part_industrie", 7.193, f"7,2{NB}%"), ("evolution_emplois", -0.348, f"\u22120,3{NB}%"),
    ("evolution_emplois", 1.56, f"+1,6{NB}%"), ("evolution_emplois", 0.01, f"0,0{NB}%"),
    ("taux_chomage_rp", None, "non disponible"), ("part_salaries", 1234.5, f"1{NB}234,5{NB}%"),
])
def test_formater(i, v, texte):
    assert ind.formater(i, v) == texte


@pytest.mark.parametrize("edit, message", [
    (lambda t: t[: len(t) // 2], "illisible ou tronqué"),
    (lambda t: json.dumps({k: v for k, v in json.loads(t).items() if k != "region"}), "section « region » absente"),
    (lambda t: t.replace('"formule": "part"', '"formule": "moyenne"', 1), "mal défini"),
    (lambda t: t.replace('"communes": 44,', '"communes": 44, "etablissements": "beaucoup",', 1)
     .replace('"etablissements": 3823.0,', '', 1),
     "valeur « etablissements » absente ou invalide (territoire agenais)"),
])
def test_damaged_aggregates_file_gives_a_french_message(edit, message):
    texte = (ind.DATA_DIR / ind.FICHIER).read_text(encoding="utf-8")
    with pytest.raises(ind.InseeInvalide) as e:
        ind.lire(edit(texte))
    assert message in str(e.value) and "insee.json" in str(e.value)


def test_damaged_communes_file_gives_a_french_message(doc, tmp_path):
    texte = (ind.DATA_DIR / ind.FICHIER_COMMUNES).read_text(encoding="utf-8")
    lignes = texte.splitlines()
    with pytest.raises(ind.InseeInvalide, match="endommagé \\(ligne 3\\)"):
        ind.lire_communes("\n".join([lignes[0], lignes[1], lignes[2].replace(",", ",-", 1)]), doc)
    with pytest.raises(ind.InseeInvalide, match="endommagé \\(ligne 3\\)"):
        ind.lire_communes("\n".join([lignes[0], lignes[1], lignes[1]]), doc)
    with pytest.raises(ind.InseeInvalide, match="colonne\\(s\\) population_debut"):
        ind.lire_communes(texte.replace(",population_debut", ",autre", 1), doc)
    with pytest.raises(ind.InseeInvalide, match="insee_communes.csv est introuvable"):
        ind.charger_communes(doc, tmp_path)
