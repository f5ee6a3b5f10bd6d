"""tableau.logique.donnees: loading the committed files into the typed model; damaged files."""

import pytest

from tableau.logique import donnees

D = donnees.charger()
DEPS = tuple(D.departements)


def test_contours_illisibles(tmp_path):
    p = tmp_path / "communes.topojson"
    p.write_text('{"type":"Topology","arcs":[[[0,0],[1,0]]],"transform":{"scale":[1,1],"translate":[0,0]},'
                 '"objects":{"communes":{"type":"GeometryCollection","geometries":[{"type":"Polygon",'
                 '"id":"64445","arcs":[[0]]}]}}}', encoding="utf-8")
    with pytest.raises(donnees.DataError, match="commune 64445 : contour dégénéré"):
        donnees.lire_contours_communes(p, {"64445"})


def test_donnees_endommagees(tmp_path):
    import shutil
    copie = tmp_path / "data"
    shutil.copytree(donnees.DATA_DIR, copie)
    p = copie / "financements.csv"
    p.write_text(p.read_text(encoding="utf-8").replace(",244,", ",-244,", 1), encoding="utf-8")
    with pytest.raises(donnees.DataError, match="financements.csv, ligne 2, colonne valeur"):
        donnees.charger(copie)
    p.write_text("id,niveau\n", encoding="utf-8")
    with pytest.raises(donnees.DataError, match="financements.csv : colonne\\(s\\) manquante\\(s\\)"):
        donnees.charger(copie)


def test_hors_zone_endommage(tmp_path):
    import shutil
    copie = tmp_path / "data"
    shutil.copytree(donnees.DATA_DIR, copie)
    (copie / "hors_zone.json").write_text('{"departements": {"31": "Haute-Garonne"}, "communes": {"99": "X"}}',
                                          encoding="utf-8")
    with pytest.raises(donnees.DataError, match="hors_zone.json : liste des départements"):
        donnees.charger(copie)


def test_hors_zone_charge():
    d = donnees.charger()
    assert d.hors_zone.departements["31"] == "Haute-Garonne" and d.hors_zone.departements["75"] == "Paris"
    assert "Toulouse" in d.hors_zone.communes["31"]
    assert not set(d.hors_zone.communes) & set(d.departements)  # only outside the 13
