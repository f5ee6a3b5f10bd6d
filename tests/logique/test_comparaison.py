"""Comparison table values, checked against the data files."""
import csv
import io

from tableau.logique import comparaison, donnees

D = donnees.charger()


def test_seize_lignes_et_valeurs():
    rows = comparaison.lignes(D, list(D.ids))
    assert len(rows) == 16
    by = {r["Territoire"]: r for r in rows}
    lpt = by["Lacq – Pau – Tarbes"]
    assert (lpt["Communes"], lpt["Population 2026"], lpt["EPCI"], lpt["Départements"]) == (561, 542931, 11, "64, 65")
    assert sum(r["Lauréats documentés"] for r in rows) == sum(1 for x in D.laureats if x.territoire)
    assert by["Grand Périgueux – Grand Bergeracois"]["Lauréats documentés"] == 2  # Manuco, Rubi Cuir
    assert by["Agenais"]["lien"] == "./?territoire=agenais"


def test_csv():
    rows = comparaison.lignes(D, ["agenais"])
    parsed = list(csv.DictReader(io.StringIO(comparaison.csv_texte(rows))))
    assert parsed[0]["Territoire"] == "Agenais" and parsed[0]["Population 2026"] == "102673"
    assert "lien" not in parsed[0]


def test_laureats_endommages(tmp_path):
    import shutil

    import pytest
    copie = tmp_path / "data"
    shutil.copytree(donnees.DATA_DIR, copie)
    path = copie / "laureats.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("niortais-haut-val-de-sevre", "atlantide", 1),
                    encoding="utf-8")
    with pytest.raises(donnees.DataError, match="laureats.csv, ligne 2, colonne territoire : « atlantide » inconnu"):
        donnees.charger(copie)


def test_colonnes_insee_dans_le_tableau_et_le_csv():
    import json
    doc = json.loads((donnees.DATA_DIR / "insee.json").read_text(encoding="utf-8"))
    t = doc["territoires"]["agenais"]
    cols = comparaison.colonnes_insee(D)
    assert cols == ("Établissements industriels, 2018 (%)", "Évolution de l'emploi, 2013-2018 (%)",
                    "Chômage 15-64 ans (recensement), 2018 (%)", "Établissements de 10 salariés ou plus, 2018 (%)",
                    "Emplois salariés, 2018 (%)")
    row = comparaison.lignes(D, ["agenais"])[0]
    assert row[cols[0]] == round(100 * t["etablissements_industrie"] / t["etablissements"], 1)
    assert row[cols[1]] == round(100 * (t["emplois"] - t["emplois_debut"]) / t["emplois_debut"], 1)
    assert row[cols[2]] == round(100 * t["chomeurs_15_64"] / t["actifs_15_64"], 1)
    assert all(isinstance(row[c], float) for c in cols)  # numbers: the table sorts them as such
    parsed = list(csv.DictReader(io.StringIO(comparaison.csv_texte([row], comparaison.colonnes(D)))))
    assert list(parsed[0])[-5:] == list(cols)
    assert float(parsed[0][cols[2]].replace(",", ".")) == row[cols[2]]
