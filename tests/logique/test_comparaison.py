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
