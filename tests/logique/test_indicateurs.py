"""Run-time INSEE indicators: URL value, loading checks, ratios, choropleth classes and legend."""
import json
import subprocess
import sys

import pytest

from tableau.logique import indicateurs as ind

NB = "\u202f"


@pytest.fixture(scope="module")
def doc():
    return ind.charger()


@pytest.fixture(scope="module")
def communes(doc):
    return ind.charger_communes(doc)


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
        assert msg.startswith("Indicateur « ") and "sans indicateur" in msg


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


def test_sequential_quantile_classes_and_legend():
    valeurs = [float(v) for v in range(1, 11)] + [None]
    cl = ind.classes(valeurs, "part_industrie")
    assert cl.bornes == (1.0, 2.8, 4.6, 6.4, 8.2, 10.0)
    assert cl.couleurs == ind.SEQUENTIELLE
    assert [cl.indice(v) for v in (1.0, 2.79, 2.8, 10.0, 10.01, None)] == [0, 0, 1, 4, None, None]
    leg = ind.legende(cl, valeurs)
    assert [r["effectif"] for r in leg] == [2, 2, 2, 2, 2, 1]
    assert leg[0]["libelle"] == f"de 1,0 à moins de 2,8{NB}%"
    assert leg[4]["libelle"] == f"de 8,2 à 10,0{NB}%"
    assert leg[-1] == {"de": None, "a": None, "couleur": ind.SANS_VALEUR, "libelle": "non disponible", "effectif": 1}


def test_bounds_rounded_outwards_to_the_display_precision():
    cl = ind.classes([1.234, 5.678], "taux_chomage_rp")
    assert cl.bornes == (1.2, 2.1, 3.0, 3.9, 4.8, 5.7)
    assert cl.indice(1.234) == 0 and cl.indice(5.678) == 4


def test_ties_give_fewer_classes_spread_over_the_palette():
    cl = ind.classes([1, 2, 3, 3, 3, 3, 3, 3, 3, 4], "part_industrie")
    assert cl.bornes == (1.0, 2.8, 3.0, 4.0)  # quantiles 2.8, 3, 3, 3
    assert cl.couleurs == (ind.SEQUENTIELLE[0], ind.SEQUENTIELLE[2], ind.SEQUENTIELLE[4])


def test_a_minimum_shared_by_many_gets_its_own_class():
    valeurs = [0] * 8 + [1, 2]  # e.g. communes without any industrial establishment
    cl = ind.classes(valeurs, "part_industrie")
    assert cl.bornes == (0.0, 0.0, 1.2, 1.5, 1.8, 2.0)
    assert [cl.indice(v) for v in (0, 0.01, 1.2, 2)] == [0, 1, 2, 4]
    leg = ind.legende(cl, valeurs)
    assert [(r["libelle"], r["effectif"]) for r in leg[:2]] == [
        (f"0,0{NB}%", 8), (f"plus de 0,0 à moins de 1,2{NB}%", 1)]
    assert ind.classes([0] * 5 + [1] * 6, "part_industrie").bornes[:2] == (0.0, 0.0)
    assert ind.classes([0] * 2 + [1] * 9, "part_industrie").bornes[:2] == (0.0, 1.0)  # 2 of 11 < 1/5


def test_single_value_class():
    seul = ind.classes([3, 3, 3], "part_industrie")
    assert seul.bornes == (3.0, 3.0) and seul.couleurs == (ind.SEQUENTIELLE[2],)
    assert seul.indice(3) == 0 and ind.legende(seul, [3])[0]["libelle"] == f"3,0{NB}%"
    assert ind.classes([None, None], "part_industrie") is None


def test_diverging_classes_split_at_zero():
    cl = ind.classes([-10, -5, -1, 2, 4, 8, 12], "evolution_emplois")
    assert cl.bornes == (-10.0, -6.7, -3.7, 0.0, 4.0, 8.0, 12.0)
    assert cl.couleurs == ind.DIVERGENTE
    assert cl.indice(-0.01) == 2 and cl.indice(0) == 3
    leg = ind.legende(cl)
    assert leg[0]["libelle"] == f"de \u221210,0 à moins de \u22126,7{NB}%"
    assert leg[3]["libelle"] == f"de 0,0 à moins de +4,0{NB}%"
    # Growth everywhere: purples only, from the centre up.
    pos = ind.classes([1, 2, 3], "evolution_emplois")
    assert pos.bornes[0] == 0.0 and set(pos.couleurs) <= set(ind.DIVERGENTE[3:])
    neg = ind.classes([-3, -1], "evolution_emplois")
    assert neg.bornes[-1] == 0.0 and set(neg.couleurs) <= set(ind.DIVERGENTE[:3])


def test_classes_on_the_real_data_cover_every_unit(doc, communes):
    for i in ind.PAR_ID:
        ti = [t[i] for t in doc["territoires"].values()]
        leg = ind.legende(ind.classes(ti, i), ti)
        assert sum(r["effectif"] for r in leg) == 16 and all(r["couleur"] != ind.SANS_VALEUR for r in leg)
        assert all(r["de"] < r["a"] for r in leg)
        vc = [ind.valeur(doc, i, c) for c in communes.values()]
        leg = ind.legende(ind.classes(vc, i), vc)
        assert sum(r["effectif"] for r in leg) == 4762


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


def test_fiche_rows_for_a_territory_beside_the_region(doc):
    t = doc["territoires"]["agenais"]
    rows = {r["libelle"]: r for r in ind.fiche(doc, t)}
    assert list(rows) == ["Établissements actifs fin 2018", "dont industrie", "dont 10 salariés ou plus",
                          "Emplois au lieu de travail en 2018", "Évolution de l'emploi 2013-2018",
                          "dont emplois salariés", "Taux de chômage des 15-64 ans en 2018 (recensement)"]
    ind_ = rows["dont industrie"]
    assert ind_["effectif"] == ind.nombre(t["etablissements_industrie"], 0)
    assert ind_["taux"] == ind.formater("part_industrie", t["part_industrie"])
    assert ind_["effectif_reference"] == ind.nombre(doc["region"]["etablissements_industrie"], 0)
    attendu = "au-dessus" if round(t["part_industrie"], 1) > round(doc["region"]["part_industrie"], 1) else \
        "en dessous" if round(t["part_industrie"], 1) < round(doc["region"]["part_industrie"], 1) else "égal"
    assert ind_["position"] == attendu
    evo = rows["Évolution de l'emploi 2013-2018"]
    assert evo["effectif"] is None and evo["taux"].startswith(("+", "\u2212", "0"))
    assert rows["Emplois au lieu de travail en 2018"]["position"] is None


@pytest.mark.parametrize("v, ref, attendu", [
    (7.24, 7.16, "égal"), (7.26, 7.14, "au-dessus"), (1.0, 2.0, "en dessous"), (None, 2.0, None)])
def test_position_at_display_precision(v, ref, attendu):
    assert ind.position(v, ref) == attendu


def test_mention_source_gives_the_vintages(doc):
    assert ind.mention_source(doc) == ("Source : INSEE, Base comparateur de territoires (édition 2022) ; "
                                       "recensements 2013 et 2018, établissements actifs fin 2018.")
