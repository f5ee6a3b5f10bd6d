"""tableau.logique.contenu: the contract of services.json and financements.csv (each kind
of bad entry has its message)."""
import copy
import json

import pytest

from tableau.logique import contenu, donnees
from tableau.logique.contenu import COLONNES_LEDGER
from tableau.logique.modele import DataError

D = donnees.charger()
IDS = set(D.ids)
DOC = json.loads((donnees.DATA_DIR / "services.json").read_text(encoding="utf-8"))
LEDGER = donnees._lire_csv(donnees.DATA_DIR / "financements.csv", COLONNES_LEDGER)  # rows as in the file


def test_fichiers_committes_valides():
    assert contenu.valider_services(copy.deepcopy(DOC), IDS) == DOC
    assert len(contenu.valider_financements(copy.deepcopy(LEDGER), IDS)) == 26


def _casse_service(chemin, valeur):
    doc = copy.deepcopy(DOC)
    cible = doc
    for k in chemin[:-1]:
        cible = cible[k]
    if valeur is KeyError:
        del cible[chemin[-1]]
    else:
        cible[chemin[-1]] = valeur
    return doc


@pytest.mark.parametrize("chemin, valeur, message", [
    (("services", 2, "portee", "mentions", 0, "territoire"), "atlantide",
     r"service 3 \(rebond-industriel\), mention 1 : territoire « atlantide » inconnu"),
    (("services", 1, "montants", 0, "valeur"), -100,
     r"service 2 \(investissement-productif\), montant 1 : champ valeur"),
    (("services", 1, "montants", 0, "unite"), "Md$", "champ unite : « Md\\$ » inconnue"),
    (("services", 1, "montants", 0, "source"), "inconnue", "source « inconnue » inconnue des références"),
    (("services", 0, "description"), "  ", r"service 1 \(chef-de-projet\) : champ description vide"),
    (("services", 0, "sources"), [], "au moins une source"),
    (("references", "bdt-rebond", "url"), "pas une adresse", "référence « bdt-rebond » : adresse"),
    (("programme", "chiffres", 0, "valeur"), "183", r"programme, chiffre 1 \(ti-phase2-national\)"),
    (("services", 2, "portee", "mentions"), [], "portée limitée sans aucun territoire nommé"),
    (("services", 1, "id"), "chef-de-projet", "identifiant en double"),
])
def test_services_invalides(chemin, valeur, message):
    with pytest.raises(DataError, match="^services.json, .*" + message):
        contenu.valider_services(_casse_service(chemin, valeur), IDS)


def _ligne(n, **changes):
    rows = copy.deepcopy(LEDGER)
    rows[n].update(changes)
    return rows


@pytest.mark.parametrize("rows, message", [
    (_ligne(0, valeur="-3"), "ligne 2, colonne valeur : « -3 » : montant négatif ou invalide"),
    (_ligne(0, valeur="beaucoup"), "ligne 2, colonne valeur : « beaucoup » n'est pas un nombre"),
    (_ligne(0, valeur="nan"), "ligne 2, colonne valeur"),
    (_ligne(3, niveau="monde"), "ligne 5, colonne niveau : « monde » n'est pas un niveau connu"),
    (_ligne(23, territoire="atlantide"), "ligne 25, colonne territoire : territoire « atlantide » inconnu"),
    (_ligne(0, territoire="agenais"), "ligne 2, colonne territoire : renseignée alors que le niveau"),
    (_ligne(1, dispositif="Fonds imaginaire"), "ligne 3, colonne dispositif : dispositif « Fonds imaginaire » inconnu"),
    (_ligne(1, source_url=""), "ligne 3, colonne source_url : adresse de la source absente"),
    (_ligne(1, unite="kg"), "ligne 3, colonne unite : unité « kg » inconnue"),
    (_ligne(1, id=LEDGER[0]["id"]), "ligne 3, colonne id : identifiant vide ou en double"),
])
def test_registre_invalide(rows, message):
    with pytest.raises(DataError, match="^financements.csv, " + message):
        contenu.valider_financements(rows, IDS)


def test_registre_colonne_manquante():
    with pytest.raises(DataError, match="en-tête : colonne\\(s\\) manquante\\(s\\) : source_url"):
        contenu.valider_financements([], IDS, colonnes=[c for c in contenu.COLONNES_LEDGER
                                                                    if c != "source_url"])




def test_registre_garde_les_deux_montants_du_fonds_vert():
    fv = {r.id: r for r in D.financements if r.dispositif.startswith("Fonds vert")}
    assert (fv["fv-fr-enveloppe-prefecture"].valeur, fv["fv-fr-enveloppe-anct"].valeur) == (70, 63)
    assert fv["fv-fr-enveloppe-prefecture"].source_url != fv["fv-fr-enveloppe-anct"].source_url


