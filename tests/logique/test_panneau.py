"""tableau.logique.panneau: what the side panel says (territory, region, commune)."""

import pytest

from tableau.logique import donnees, panneau

D = donnees.charger()
DEPS = tuple(D.departements)


# --- panel data --------------------------------------------------------------
def test_panneau_lacq_pau_tarbes():
    p = panneau.donnees_panneau(D, "lacq-pau-tarbes")
    assert p["nom"] == "Lacq – Pau – Tarbes"
    assert [(x["code"], x["dans_region"]) for x in p["departements"]] == [("64", True), ("65", False)]
    assert p["departements"][1]["nom"] == "Hautes-Pyrénées"
    communes = [c for c in D.communes if c.territoire == "lacq-pau-tarbes"]
    assert p["nb_communes"] == len(communes) == 561
    assert p["population"] == sum(c.population for c in communes)
    assert len(p["epci"]) == 11
    assert sum(e["population"] for e in p["epci"]) == p["population"]
    assert p["densite"] == pytest.approx(p["population"] / p["superficie_km2"])


def test_panneau_creuse_industrie_epci_partiel():
    p = panneau.donnees_panneau(D, "creuse-industrie")
    hcc = [e for e in p["epci"] if e["partiel"]]
    assert [(e["nom"], e["nb_communes"], e["nb_communes_epci"]) for e in hcc] == [
        ("CC Haute-Corrèze Communauté", 11, 70)]
    assert "ANCT" in p["source"] and "INSEE" in p["source"]


def test_resume_region():
    r = panneau.resume_region(D, list(D.ids))
    assert r["nb_territoires"] == 16
    assert r["nb_communes"] == sum(1 for c in D.communes if c.territoire)
    assert r["population"] == sum(c.population for c in D.communes if c.territoire)
