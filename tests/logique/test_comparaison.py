"""Comparison table values, checked against the data files."""
import io

import pandas as pd

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


def test_csv_pour_un_tableur_francais():
    rows = comparaison.lignes(D, list(D.ids))
    texte = comparaison.csv_texte(D, rows)
    assert texte.startswith("\ufeffid;Territoire;Départements;")  # BOM, header first, ';'
    t = pd.read_csv(io.BytesIO(texte.encode("utf-8")), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(t.columns) == ["id", *comparaison.colonnes(D), "sources", "licence"] and len(t) == 16
    assert str(t["Population 2026"].dtype) == "int64" and str(t["Superficie (km²)"].dtype) == "float64"
    assert str(t["Densité (hab./km²)"].dtype) == "float64" and pd.api.types.is_string_dtype(t["Territoire"])
    agenais = t.set_index("id").loc["agenais"]
    p = D.territoires["agenais"]
    assert agenais["Territoire"] == "Agenais" and agenais["Population 2026"] == p.population == 102673
    assert agenais["Superficie (km²)"] == p.superficie_km2 and agenais["Départements"] == "47"
    assert agenais["Densité (hab./km²)"] == round(p.densite, 1)
    assert "," in texte.split("\n")[1]  # the decimal comma, written as such
    assert (t["licence"] == "Licence Ouverte / Etalab 2.0 pour les données publiques sources").all()
    assert t["sources"].str.contains("ANCT").all() and t["sources"].str.contains("https://").all()
    assert "lien" not in t.columns


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
    assert all(isinstance(row[c], float) for c in cols)  # numbers, shown as French text (a_afficher)
    t = pd.read_csv(io.BytesIO(comparaison.csv_texte(D, [row]).encode("utf-8")), sep=";", decimal=",",
                    encoding="utf-8-sig")
    assert list(t.columns)[-7:-2] == list(cols)
    assert all(str(t[c].dtype) == "float64" for c in cols) and t[cols[2]].iloc[0] == row[cols[2]]
    affiche = comparaison.a_afficher(D, [row])[0]
    assert affiche[cols[2]] == f"{row[cols[2]]:.1f}".replace(".", ",")


def test_territoire_choisi_marque():
    affiches = comparaison.a_afficher(D, comparaison.lignes(D, list(D.ids)))
    marques = comparaison.marquer(affiches, "agenais")
    assert [r["Territoire"] for r in marques if r["Territoire"].startswith(comparaison.MARQUE)] == ["▶ Agenais"]
    assert [r for r in marques if r["id"] != "agenais"] == [r for r in affiches if r["id"] != "agenais"]
    assert comparaison.marquer(affiches, None) == affiches


def test_largeurs_tiennent_entete_et_cellules():
    """Each column is at least as wide as its header plus the sort arrow and menu, and as its
    longest cell (the marked longest name included), at 7 px a character."""
    w = comparaison.largeurs(D)
    assert set(w) == set(comparaison.colonnes(D))
    plus_long = max((p.nom for p in D.territoires.values()), key=len)
    assert w["Territoire"] == comparaison.PX_MARGE_CELLULE + 7 * len(comparaison.MARQUE + plus_long)
    assert w["Densité (hab./km²)"] == comparaison.PX_MARGE_ENTETE + 7 * len("Densité (hab./km²)")
    assert comparaison.largeur("EPCI", ["12", None]) == comparaison.PX_MARGE_ENTETE + 28


def test_classement_du_plus_grand_au_plus_petit():
    rows = comparaison.lignes(D, list(D.ids))
    cl = comparaison.classement(D, rows, "Population 2026")
    attendu = sorted(D.ids, key=lambda t: -D.territoires[t].population)
    assert [c["id"] for c in cl] == attendu and [c["rang"] for c in cl] == list(range(1, 17))
    lpt = next(c for c in cl if c["id"] == "lacq-pau-tarbes")
    assert lpt["valeur"] == "542\u202f931"
    # the columns a ranking is offered on: numbers only
    colonnes = set(comparaison.classements(D).values())
    assert "Territoire" not in colonnes and "Départements" not in colonnes
    assert {"Communes", "Population 2026", "Lauréats documentés"} <= colonnes
    assert colonnes == set(comparaison.colonnes(D)) - {"Territoire", "Départements"}  # every number column


def test_classement_ex_aequo_et_valeurs_manquantes():
    rows = [{"id": i, "Territoire": n, "x": v} for i, n, v in
            [("a", "Bêta", 2), ("b", "Alpha", 5), ("c", "Gamma", 2), ("d", "Delta", None), ("e", "Epsilon", 1),
             ("f", "Ch", -0.4)]]
    cl = comparaison.classement(D, rows, "x")
    assert [(c["rang"], c["Territoire"], c["valeur"]) for c in cl] == [
        (1, "Alpha", "5"), (2, "Bêta", "2"), (2, "Gamma", "2"), (4, "Epsilon", "1"), (5, "Ch", "0"),
        (None, "Delta", "non disponible")]
    md = comparaison.classement_markdown(cl, "x | y", "c").splitlines()
    assert md[0] == "| Rang | Territoire | x \\| y |"  # a header cannot split the table
    assert md[4] == "| 2 | **▶ Gamma** | 2 |" and md[-1] == "| — | Delta | non disponible |"


def test_classement_d_une_evolution_signee():
    """An INSEE evolution keeps its sign and decimals, as in the grid."""
    col = next(c for c in comparaison.colonnes_insee(D) if "volution" in c)
    cl = comparaison.classement(D, comparaison.lignes(D, list(D.ids)), col)
    valeurs = [c["valeur"] for c in cl if c["rang"] is not None]
    assert valeurs and all(v[0] in "+−0" for v in valeurs) and all("," in v for v in valeurs if v != "0")
    assert valeurs[0].startswith("+") and valeurs[-1].startswith("−")
