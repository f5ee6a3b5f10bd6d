"""Data that is valid JSON but wrong: refused at load with one French message naming file and problem."""
import csv
import json
import shutil
from pathlib import Path

import pytest

from tableau.logique import donnees, regles
from tableau.logique.modele import DataError


@pytest.fixture
def copie(tmp_path) -> Path:
    c = tmp_path / "data"
    shutil.copytree(donnees.DATA_DIR, c)
    return c


def _territoires(copie: Path, changer):
    p = copie / "territoires.geojson"
    doc = json.loads(p.read_text(encoding="utf-8"))
    changer(doc["features"])
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _communes(copie: Path, changer):
    p = copie / "communes.csv"
    with open(p, encoding="utf-8", newline="") as f:
        lignes = list(csv.DictReader(f))
    changer(lignes)
    with open(p, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(lignes[0]))
        w.writeheader()
        w.writerows(lignes)


def _props(i, **kv):
    return lambda feats: feats[i]["properties"].update(kv)


def _dans_un_territoire(lignes) -> dict:
    return next(r for r in lignes if r["territoire"])


CAS_TERRITOIRES = [
    (_props(0, population=-314159), "territoires.geojson, territoire agenais : population ou nombre de communes"),
    (_props(0, superficie_km2=0), "territoire agenais : superficie nulle"),
    (_props(0, superficie_km2=-3.5), "territoire agenais : superficie nulle"),
    (_props(0, superficie_km2=float("nan")), "territoire agenais : superficie nulle, négative ou non numérique"),
    (_props(0, superficie_km2=float("inf")), "territoire agenais : superficie nulle, négative ou non numérique"),
    (_props(0, nb_communes=-1), "population ou nombre de communes négatif"),
    (_props(0, population=102674), "la somme des intercommunalités ne fait pas le total"),
    (lambda fs: fs[0]["geometry"].update(coordinates=[[[0, 0], [1, float("nan")], [0, 0], [0, 0]]]),
     "territoires.geojson, entité 1 : coordonnée non numérique ou infinie"),
    (lambda fs: fs[0]["geometry"].update(type="Polygon", coordinates=[[[0.0, 0.0]] * 200_001]),
     "territoires.geojson, entité 1 : géométrie anormalement détaillée"),
    (lambda fs: fs[0]["geometry"].update(type="Polygon", coordinates=[[[[0.0, 0.0]]]]),
     "territoires.geojson, entité 1 : coordonnée non numérique"),
]


@pytest.mark.parametrize("changer, attendu", CAS_TERRITOIRES)
def test_territoires_faux(copie, changer, attendu):
    _territoires(copie, changer)
    with pytest.raises(DataError, match=attendu.replace("(", r"\(")) as e:
        donnees.charger(copie)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("changer, attendu", [
    (lambda ls: ls[0].update(population="-5000"), "communes.csv, ligne 2 : population négative"),
    (lambda ls: ls.append(ls[0]), "communes.csv : code de commune en double"),
    (lambda ls: _dans_un_territoire(ls).update(population="1"), "les communes du territoire"),
    (lambda ls: ls[0].update(lon="nan"), "communes.csv, ligne 2 : coordonnées hors du globe"),
    (lambda ls: ls[0].update(lat="91"), "communes.csv, ligne 2 : coordonnées hors du globe"),
    (lambda ls: ls[0].update(nom="x" * 200_000), "communes.csv est mal formé"),
])
def test_communes_fausses(copie, changer, attendu):
    _communes(copie, changer)
    with pytest.raises(DataError, match=attendu):
        donnees.charger(copie)


def test_departement_en_double(copie):
    p = copie / "departements.geojson"
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["features"].append(doc["features"][0])
    p.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError, match="departements.geojson : code de département en double"):
        donnees.charger(copie)


def test_fichier_enorme_refuse_sans_etre_lu(copie, monkeypatch):
    p = copie / "territoires.geojson"
    with open(p, "r+b") as f:  # sparse: MAX_OCTETS + 1 bytes without writing them
        f.truncate(regles.MAX_OCTETS + 1)
    lu = []
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: lu.append(self) or "")
    with pytest.raises(DataError, match="Le fichier territoires.geojson est anormalement volumineux"):
        donnees.charger(copie)
    assert lu == []


def test_imbrication_excessive(copie):
    (copie / "region.geojson").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(DataError, match="region.geojson est imbriqué à l'excès"):
        donnees.charger(copie)


def test_compter_sommets_sans_recursion():
    g = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    assert regles.compter_sommets(g, "x") == 4
    profond = []
    for _ in range(50_000):
        profond = [profond]
    with pytest.raises(DataError, match="x : coordonnées mal formées|x : coordonnée non numérique"):
        regles.compter_sommets({"type": "Polygon", "coordinates": profond}, "x")


def test_donnees_publiees_respectent_les_regles():
    d = donnees.charger()
    assert len(d.territoires) == 16 and len(d.commune) == len(d.communes)
