"""tableau.logique.modele: the records and indexes built once at load."""
from tableau.logique import donnees
from tableau.logique.recherche import normaliser

D = donnees.charger()


def test_index_des_communes():
    assert len(D.commune) == len(D.communes) == 4762
    assert D.commune["64445"].nom == "Pau" and D.commune["64445"].codes_postaux == ("64000",)
    assert all(D.commune[c.code] is c for c in D.communes)


def test_communes_par_territoire_en_ordre_alphabetique():
    assert set(D.communes_par_territoire) == set(D.ids)
    for tid, cs in D.communes_par_territoire.items():
        assert len(cs) == D.territoires[tid].nb_communes
        assert all(c.territoire == tid for c in cs)
        assert [normaliser(c.nom) for c in cs] == sorted(normaliser(c.nom) for c in cs)


def test_territoire_et_densite():
    t = D.territoires["creuse-industrie"]
    assert t.densite == t.population / t.superficie_km2
    assert sum(e.population for e in t.epci) == t.population
    assert any(e.partiel for e in t.epci)


def test_communes_hors_territoire():
    hors = [c for c in D.communes if c.territoire is None]
    assert hors and all(c.territoire_proche in D.territoires and c.distance_km is not None for c in hors)
    assert all(c.territoire_proche is None and c.distance_km is None for c in D.communes if c.territoire)


def test_une_source_par_fichier():
    s = D.source("anct-ti-2026/ti_communes_na_2026.csv")
    assert s.producteur.startswith("ANCT") and s.url.startswith("https://")
    assert D.source("inconnu.csv") is None
    assert len(D.sources) == len(D.manifest["sources"])


def test_laureats_et_registre_types():
    assert all(x.aide_eur is None or isinstance(x.aide_eur, int) for x in D.laureats)
    assert all(x.sources and x.sources[0].startswith("http") for x in D.laureats)
    assert all(isinstance(r.valeur, (int, float)) for r in D.financements)
    assert all((r.territoire is None) == (r.niveau != "territoire") for r in D.financements)
