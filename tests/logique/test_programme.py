"""tableau.logique.programme: services and funding summaries per territory, charts, ledger filter."""
from tableau.logique import donnees, programme

D = donnees.charger()


def test_totaux_regionaux_du_fonds_d_acceleration():
    v = {i: programme.ligne(D, i).valeur for i in programme.CONTEXTE_REGIONAL}
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
    limoges = next(s for s in programme.services_pour(D, "limoges-et-haute-vienne")
                   if s["id"] == "transition-ecologique")
    assert "Limoges Métropole" in limoges["mentions"][0]["texte"]
    assert len(programme.services_pour(D, None)) == 6


def test_resume_financements_lacq_pau_tarbes():
    r = programme.resume_financements(D, "lacq-pau-tarbes")
    assert [x.id for x in r["territoire"]] == ["ri-lpt-pme"] and r["territoire"][0].valeur == 2.5
    assert r["laureats"] == []
    assert r["couverture"] == {"nommes": 29, "localises": 15, "dans_territoires": 6, "avec_montant": 7,
                               "total_region": 244}


def test_resume_financements_grand_perigueux():
    r = programme.resume_financements(D, "grand-perigueux-grand-bergeracois")
    assert [(x.entreprise, x.commune_2026, x.aide_eur) for x in r["laureats"]] == [
        ("Manuco", "Bergerac", None), ("Rubi Cuir", "Boulazac Isle Manoire", 500000)]


def test_chiffres_du_fonds_en_texte():
    assert programme.chiffres_fonds(D) == [
        "244\u202fprojets soutenus en Nouvelle-Aquitaine sur 2020-2022, pour 88\u202fM€ d'aides.",
        "133\u202fprojets situés dans un Territoire d'industrie, 111\u202fprojets hors de ces territoires (calcul : "
        "total moins projets situés dans un territoire) ; part publiée : 55\u202f% des lauréats.",
        "Entreprises bénéficiaires : 144\u202fPME et 28\u202fETI ; la source ne détaille pas les autres."]


def test_graphiques():
    assert programme.repartition_taille(D) == [  # companies: the 244 projects are another measure
        {"libelle": "PME", "valeur": 144, "etiquette": "144\u202fentreprises", "calcule": False},
        {"libelle": "ETI", "valeur": 28, "etiquette": "28\u202fentreprises", "calcule": False}]
    assert [(x["valeur"], x["etiquette"], x["calcule"]) for x in programme.repartition_ti(D)] == [
        (133, "133\u202fprojets", False), (111, "111\u202fprojets", True)]
    assert [(m["dispositif"][:10], m["montant_meur"]) for m in programme.montants_par_dispositif(D)] == [
        ("Fonds d'ac", 88), ("Fonds vert", 1.4), ("Rebond ind", 2.5)]


def test_filtrer_registre():
    assert len(programme.filtrer_registre(D, "tous", [])) == 26
    assert {r.niveau for r in programme.filtrer_registre(D, "national", [])} == {"national"}
    assert [r.id for r in programme.filtrer_registre(D, "lacq-pau-tarbes", [])] == ["ri-lpt-pme"]
    assert programme.filtrer_registre(D, "agenais", []) == []
    rebond = programme.filtrer_registre(D, "tous", ["Rebond industriel"])
    assert len(rebond) == 4 and all(r.dispositif == "Rebond industriel" for r in rebond)


