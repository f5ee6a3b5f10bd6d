"""The « Tissu économique » rows: each figure beside the region's, vintages and source."""
import pytest

from tableau.logique import indicateurs as ind, tissu as ti


def test_fiche_rows_for_a_territory_beside_the_region(doc):
    t = doc["territoires"]["agenais"]
    rows = {r["libelle"]: r for r in ti.fiche(doc, t)}
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
    assert ti.position(v, ref) == attendu


def test_mention_source_gives_the_vintages(doc):
    assert ti.mention_source(doc) == ("Source : INSEE, Base comparateur de territoires (édition 2022) ; "
                                       "recensements 2013 et 2018, établissements actifs fin 2018.")


def test_markdown_table_beside_the_region(doc):
    t = doc["territoires"]["agenais"]
    lignes = ti.tableau(doc, t, "A|B").splitlines()
    assert lignes[0] == "| Donnée | A\\|B | Nouvelle-Aquitaine | Écart à la région |"
    assert len(lignes) == 2 + len(ti.FICHE)
    industrie = lignes[3].split(" | ")
    taux = ind.formater("part_industrie", t["part_industrie"])
    assert industrie[1] == f"{ind.nombre(t['etablissements_industrie'], 0)} ({taux})"
    assert industrie[3].rstrip(" |") == ti.SYMBOLES[ti.position(t["part_industrie"], doc["region"]["part_industrie"])]
    assert all(s in ("▲ au-dessus", "▼ en dessous", "= égal", "") for s in
               (ligne.split(" | ")[3].rstrip(" |").strip() for ligne in lignes[2:]))
