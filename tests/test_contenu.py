"""Programme content: validators (each kind of bad entry has its message) and summaries."""
import copy
import json

import pytest

from geo import contenu
from geo.referentiel import TERRITOIRE_IDS
from tableau.logique import donnees, programme

D = donnees.charger()
DOC = json.loads((donnees.DATA_DIR / "services.json").read_text(encoding="utf-8"))
LEDGER = copy.deepcopy(D.financements)


def test_fichiers_committes_valides():
    contenu.valider_services(DOC, TERRITOIRE_IDS)
    assert len(DOC["services"]) == 6
    assert {s["id"] for s in DOC["services"]} >= {"chef-de-projet", "investissement-productif", "rebond-industriel",
                                                  "competences", "france-2030", "transition-ecologique"}
    assert len(D.financements) == 26


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
    (("services", 1, "montants", 0, "valeur"), -100, r"service 2 \(investissement-productif\), montant 1 : champ valeur"),
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
    with pytest.raises(contenu.ContenuInvalide, match="^services.json, .*" + message):
        contenu.valider_services(_casse_service(chemin, valeur), TERRITOIRE_IDS)


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
    with pytest.raises(contenu.ContenuInvalide, match="^financements.csv, " + message):
        contenu.valider_financements(rows, TERRITOIRE_IDS)


def test_registre_colonne_manquante():
    with pytest.raises(contenu.ContenuInvalide, match="en-tête : colonne\\(s\\) manquante\\(s\\) : source_url"):
        contenu.valider_financements([], TERRITOIRE_IDS, colonnes=[c for c in contenu.COLONNES_LEDGER
                                                                    if c != "source_url"])


def test_source_inconnue_dans_le_fichier_redige():
    refs = DOC["references"]
    text = "id,niveau,territoire,dispositif,indicateur,valeur,unite,periode,source,note\n" \
           "x,national,,Rebond industriel,Total,1,M€,2024,nulle-part,\n"
    with pytest.raises(contenu.ContenuInvalide, match="ligne 2, colonne source : source « nulle-part » inconnue"):
        contenu.resoudre_financements(text, refs, TERRITOIRE_IDS)


def test_registre_garde_les_deux_montants_du_fonds_vert():
    fv = {r["id"]: r for r in D.financements if r["dispositif"].startswith("Fonds vert")}
    assert (fv["fv-fr-enveloppe-prefecture"]["valeur"], fv["fv-fr-enveloppe-anct"]["valeur"]) == (70, 63)
    assert fv["fv-fr-enveloppe-prefecture"]["source_url"] != fv["fv-fr-enveloppe-anct"]["source_url"]


def test_totaux_regionaux_du_fonds_d_acceleration():
    v = {i: programme.ligne(D, i)["valeur"] for i in programme.CONTEXTE_REGIONAL}
    assert v == {"fa-na-projets": 244, "fa-na-montant": 88, "fa-na-pme": 144, "fa-na-eti": 28,
                 "fa-na-projets-ti": 133, "fa-na-part-ti": 55}


# --- summaries per territory -------------------------------------------------
def test_services_par_territoire():
    ids = lambda t: [s["id"] for s in programme.services_pour(D, t)]  # noqa: E731
    commun = ["chef-de-projet", "investissement-productif", "competences", "france-2030", "transition-ecologique"]
    assert ids("agenais") == commun
    assert "rebond-industriel" in ids("lacq-pau-tarbes") and "rebond-industriel" in ids("brive-tulle-perigord-noir")
    assert "rebond-industriel" not in ids("pays-basque")
    lpt = next(s for s in programme.services_pour(D, "lacq-pau-tarbes") if s["id"] == "rebond-industriel")
    assert [m["territoire"] for m in lpt["mentions"]] == ["lacq-pau-tarbes"]
    assert lpt["mentions"][0]["ref"]["url"].startswith("https://")
    limoges = next(s for s in programme.services_pour(D, "limoges-et-haute-vienne") if s["id"] == "transition-ecologique")
    assert "Limoges Métropole" in limoges["mentions"][0]["texte"]
    assert len(programme.services_pour(D, None)) == 6


def test_resume_financements_lacq_pau_tarbes():
    r = programme.resume_financements(D, "lacq-pau-tarbes")
    assert [x["id"] for x in r["territoire"]] == ["ri-lpt-pme"] and r["territoire"][0]["valeur"] == 2.5
    assert r["laureats"] == []
    assert r["couverture"] == {"nommes": 29, "localises": 15, "dans_territoires": 6, "avec_montant": 7,
                               "total_region": 244}


def test_resume_financements_grand_perigueux():
    r = programme.resume_financements(D, "grand-perigueux-grand-bergeracois")
    assert [(x["entreprise"], x["commune_2026"], x["aide_eur"]) for x in r["laureats"]] == [
        ("Manuco", "Bergerac", ""), ("Rubi Cuir", "Boulazac Isle Manoire", "500000")]


def test_graphiques():
    assert programme.repartition_taille(D) == [
        {"categorie": "PME", "projets": 144, "calcule": False}, {"categorie": "ETI", "projets": 28, "calcule": False},
        {"categorie": "Autres ou non précisé", "projets": 72, "calcule": True}]
    assert [x["projets"] for x in programme.repartition_ti(D)] == [133, 111]
    assert [(m["dispositif"][:10], m["montant_meur"]) for m in programme.montants_par_dispositif(D)] == [
        ("Fonds d'ac", 88), ("Fonds vert", 1.4), ("Rebond ind", 2.5)]


def test_filtrer_registre():
    assert len(programme.filtrer_registre(D, "tous", [])) == 26
    assert {r["niveau"] for r in programme.filtrer_registre(D, "national", [])} == {"national"}
    assert [r["id"] for r in programme.filtrer_registre(D, "lacq-pau-tarbes", [])] == ["ri-lpt-pme"]
    assert programme.filtrer_registre(D, "agenais", []) == []
    rebond = programme.filtrer_registre(D, "tous", ["Rebond industriel"])
    assert len(rebond) == 4 and all(r["dispositif"] == "Rebond industriel" for r in rebond)


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
