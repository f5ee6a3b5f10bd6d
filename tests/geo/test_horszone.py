"""The communes outside the 13 départements (data/hors_zone.json), from the COG."""
import pytest

from geo import horszone
from geo.errors import BuildError

DEPS = {"16": {"nom": "Charente", "typeLiaison": 3}, "31": {"nom": "Haute-Garonne", "typeLiaison": 3},
        "75": {"nom": "Paris", "typeLiaison": 0}, "2A": {"nom": "Corse-du-Sud", "typeLiaison": 3}}
COG = [
    {"code": "16015", "type": "commune-actuelle", "departement": "16", "nom": "Angoulême"},
    {"code": "31555", "type": "commune-actuelle", "departement": "31", "nom": "Toulouse"},
    {"code": "31001", "type": "commune-actuelle", "departement": "31", "nom": "Agassac"},
    {"code": "31999", "type": "commune-deleguee", "departement": "31", "nom": "Ancienne", "chefLieu": "31001"},
    {"code": "75056", "type": "commune-actuelle", "departement": "75", "nom": "Paris"},
    {"code": "75101", "type": "arrondissement-municipal", "departement": "75", "nom": "Paris 1er Arrondissement"},
]


def test_communes_hors_des_departements_couverts():
    doc = horszone.hors_zone(COG, DEPS, ["16"])
    assert doc == {"departements": {"16": "Charente", "2A": "Corse-du-Sud", "31": "Haute-Garonne", "75": "Paris"},
                   "liaisons": {"16": 3, "2A": 3, "31": 3, "75": 0},
                   "communes": {"31": "Agassac|Toulouse", "75": "Paris"}}  # current communes only, sorted


def test_departement_inconnu_ou_nom_invalide():
    with pytest.raises(BuildError, match="département 99 inconnu"):
        horszone.hors_zone([{"code": "99001", "type": "commune-actuelle", "departement": "99", "nom": "X"}], DEPS, [])
    with pytest.raises(BuildError, match="« | » dans le nom"):
        horszone.hors_zone([{"code": "31002", "type": "commune-actuelle", "departement": "31", "nom": "A|B"}], DEPS, [])
    with pytest.raises(BuildError, match="typeLiaison"):
        horszone.hors_zone(COG, {**DEPS, "75": {"nom": "Paris"}}, ["16"])
