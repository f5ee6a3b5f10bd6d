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


def test_resume_region_hors_region_et_filtre():
    """Whole territories' totals: what lies outside the region (Lacq – Pau – Tarbes reaches
    into the Hautes-Pyrénées) and, with a filter, inside the chosen départements."""
    from tableau.logique import filtre
    hors = [c for c in D.communes if c.territoire and not D.departements[c.departement].dans_region]
    r = panneau.resume_region(D, list(D.ids))
    assert r["hors_region"] == {"communes": len(hors), "population": sum(c.population for c in hors),
                                "departements": ["65"]} and len(hors) == 174
    assert r["dans_filtre"] is None
    phrase = panneau.phrase_perimetre(D, r)
    assert phrase.startswith("Parmi ces communes, 174 (166\u202f223 habitants) sont hors de la Nouvelle-Aquitaine, "
                             "dans le département des Hautes-Pyrénées (65)")
    deps = ["40", "64"]
    v = filtre.territoires_visibles(D.territoires, deps)
    r = panneau.resume_region(D, v, deps)
    dans = [c for c in D.communes if c.territoire in v and c.departement in deps]
    assert r["dans_filtre"]["communes"] == len(dans) == 545
    assert r["dans_filtre"]["population"] == sum(c.population for c in dans)
    phrase = panneau.phrase_perimetre(D, r, deps)
    assert ("dans les départements des Landes (40) et des Pyrénées-Atlantiques (64), ils comptent 545 communes et "
            "706\u202f564 habitants.") in phrase
    assert phrase.endswith("Aucun de ces territoires n'a de commune dans le département des Landes (40).")
    # territories wholly inside the chosen départements: said so, not the same totals again
    deps = ["79", "86"]
    v = filtre.territoires_visibles(D.territoires, deps)
    r = panneau.resume_region(D, v, deps)
    assert r["dans_filtre"]["communes"] == r["nb_communes"] == 208
    assert panneau.phrase_perimetre(D, r, deps) == ("Toutes leurs communes sont dans les départements "
                                                    "des Deux-Sèvres (79) et de la Vienne (86).")
    # nothing to add: a filter on a département fully inside the region's territories
    v = filtre.territoires_visibles(D.territoires, ["23"])
    assert "hors de la Nouvelle-Aquitaine" not in (panneau.phrase_perimetre(D, panneau.resume_region(D, v, ["23"]),
                                                                            ["23"]) or "")
    assert panneau.phrase_perimetre(D, panneau.resume_region(D, [], ["40"]), ["40"]) is None
