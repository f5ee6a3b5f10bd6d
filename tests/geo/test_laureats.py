"""Matching of the acceleration fund's laureates to 2026 communes and territories."""
import csv
from pathlib import Path

import pytest

from geo import laureats
from geo.errors import BuildError

COG = [
    {"code": "17353", "type": "commune-actuelle", "departement": "17", "nom": "Saint-Laurent-de-la-Prée"},
    {"code": "24053", "type": "commune-actuelle", "departement": "24", "nom": "Boulazac Isle Manoire"},
    {"code": "24053", "type": "commune-deleguee", "departement": "24", "nom": "Boulazac", "chefLieu": "24053"},
    {"code": "24155", "type": "commune-actuelle", "departement": "24", "nom": "Douville"},
    {"code": "14227", "type": "commune-actuelle", "departement": "14", "nom": "Douville"},  # out of scope
    {"code": "79020", "type": "commune-actuelle", "departement": "79", "nom": "Augé"},
    {"code": "79100", "type": "commune-actuelle", "departement": "79", "nom": "Saint-Martin"},
    {"code": "79101", "type": "commune-deleguee", "departement": "79", "nom": "Saint Martin", "chefLieu": "79200"},
    {"code": "79200", "type": "commune-actuelle", "departement": "79", "nom": "Val-Neuf"},
    {"code": "16230", "type": "commune-actuelle", "departement": "16", "nom": "Montembœuf"},
]
COMMUNES = {e["code"]: e for e in COG if e["type"] == "commune-actuelle"}
IDX = laureats.index_noms(COG, ["16", "17", "24", "79"])
ENTETE = "entreprise,commune,dep,projet,aide_eur,taille,date_annonce,source_url\n"


def run(lignes, membres=None):
    return laureats.rapprocher(ENTETE + "".join(x + "\n" for x in lignes), IDX, COMMUNES, membres or {}, "l.csv")


@pytest.mark.parametrize("ecrit, attendu", [
    ("Saint-Laurent-de-la-Prée", "saint laurent de la pree"),
    ("St Laurent de la Pree", "saint laurent de la pree"),
    ("SAINT-LAURENT-DE-LA-PRÉE", "saint laurent de la pree"),
    ("Ste-Foy", "sainte foy"),
    ("L'Isle", "l isle"),
    ("Montembœuf", "montemboeuf"),  # ligatures spelled out, not turned into spaces
    ("ŒUILLY", "oeuilly"),
    ("Lætitia", "laetitia"),
])
def test_normaliser(ecrit, attendu):
    assert laureats.normaliser(ecrit) == attendu


@pytest.mark.parametrize("commune, dep, code, statut", [
    ("St-Laurent-de-la-Pree", "17", "17353", "rapprochée"),    # St, hyphens, no accent
    ("Auge", "79", "79020", "rapprochée"),                     # accent forgiven
    ("Montemboeuf", "16", "16230", "rapprochée"),              # "oe" typed for "œ"
    ("Boulazac", "24", "24053", "rapprochée"),                 # former commune -> commune nouvelle
    ("Douville", "24", "24155", "rapprochée"),                 # homonym in Calvados ignored
    ("Douville", "17", "", "commune introuvable dans le département"),
    ("Saint-Martin", "79", "", "homonymes dans le département : non tranché"),
    ("", "79", "", "commune non publiée"),
    ("Augé", "", "", "département non publié"),
])
def test_rapprochement(commune, dep, code, statut):
    r = run([f"Ent,{commune},{dep},,,,,https://exemple.fr/a"], {"79020": "niortais-haut-val-de-sevre"})[0]
    assert (r["code_commune"], r["rapprochement"]) == (code, statut)
    if code == "79020":
        assert r["territoire"] == "niortais-haut-val-de-sevre" and r["commune_2026"] == "Augé"


@pytest.mark.parametrize("ligne, message", [
    (",Augé,79,,,,,https://exemple.fr", "l.csv, ligne 2 : colonne entreprise vide"),
    ("Ent,Augé,79,,,,,", "l.csv, ligne 2 : colonne source_url vide ou invalide"),
    ("Ent,Augé,79,,,,,ftp://x", "colonne source_url vide ou invalide"),
    ("Ent,Augé,79,,-5,,,https://exemple.fr", "colonne aide_eur : « -5 » n'est pas un montant entier positif"),
    ("Ent,Augé,79,,12k,,,https://exemple.fr", "« 12k »"),
])
def test_lignes_invalides(ligne, message):
    with pytest.raises(BuildError, match=message):
        run([ligne])


def test_plusieurs_sources_par_ligne():
    r = run(["Ent,Augé,79,,500000,,,https://a.fr/1 | https://b.fr/2"])[0]
    assert r["sources"] == "https://a.fr/1 | https://b.fr/2" and r["aide_eur"] == "500000"


def test_fichier_committe():
    path = Path(__file__).resolve().parents[2] / "data" / "laureats.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 29
    assert sum(r["rapprochement"] == "rapprochée" for r in rows) == 15
    assert sum(bool(r["aide_eur"]) for r in rows) == 7
    par_nom = {r["entreprise"]: r for r in rows}
    assert par_nom["Rubi Cuir"]["commune_2026"] == "Boulazac Isle Manoire"
    assert par_nom["Rubi Cuir"]["territoire"] == "grand-perigueux-grand-bergeracois"
    assert par_nom["Castel Frères"]["territoire"] == "bordeaux-metropole-bassin-d-arcachon-nord"
    assert par_nom["Gascogne (branche sacs)"]["territoire"] == ""  # Landes: no territory
    assert par_nom["Bovetti"]["rapprochement"] == "commune introuvable dans le département"
