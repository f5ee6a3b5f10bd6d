"""Choropleth classes, palettes and legend rows of an INSEE indicator."""
import pytest

from tableau.logique import choroplethe as ch, indicateurs as ind

NB = "\u202f"


def test_sequential_quantile_classes_and_legend():
    valeurs = [float(v) for v in range(1, 11)] + [None]
    cl = ch.classes(valeurs, "part_industrie")
    assert cl.bornes == (1.0, 2.8, 4.6, 6.4, 8.2, 10.0)
    assert cl.couleurs == ch.SEQUENTIELLE
    assert [cl.indice(v) for v in (1.0, 2.79, 2.8, 10.0, 10.01, None)] == [0, 0, 1, 4, None, None]
    leg = ch.legende(cl, valeurs)
    assert [r["effectif"] for r in leg] == [2, 2, 2, 2, 2, 1]
    assert leg[0]["libelle"] == f"de 1,0 à moins de 2,8{NB}%"
    assert leg[4]["libelle"] == f"de 8,2 à 10,0{NB}%"
    assert leg[-1] == {"de": None, "a": None, "couleur": ch.SANS_VALEUR, "libelle": "non disponible", "effectif": 1}


def test_bounds_rounded_outwards_to_the_display_precision():
    cl = ch.classes([1.234, 5.678], "taux_chomage_rp")
    assert cl.bornes == (1.2, 2.1, 3.0, 3.9, 4.8, 5.7)
    assert cl.indice(1.234) == 0 and cl.indice(5.678) == 4


def test_ties_give_fewer_classes_spread_over_the_palette():
    cl = ch.classes([1, 2, 3, 3, 3, 3, 3, 3, 3, 4], "part_industrie")
    assert cl.bornes == (1.0, 2.8, 3.0, 4.0)  # quantiles 2.8, 3, 3, 3
    assert cl.couleurs == (ch.SEQUENTIELLE[0], ch.SEQUENTIELLE[2], ch.SEQUENTIELLE[4])


def test_a_minimum_shared_by_many_gets_its_own_class():
    valeurs = [0] * 8 + [1, 2]  # e.g. communes without any industrial establishment
    cl = ch.classes(valeurs, "part_industrie")
    assert cl.bornes == (0.0, 0.0, 1.2, 1.5, 1.8, 2.0)
    assert [cl.indice(v) for v in (0, 0.01, 1.2, 2)] == [0, 1, 2, 4]
    leg = ch.legende(cl, valeurs)
    assert [(r["libelle"], r["effectif"]) for r in leg[:2]] == [
        (f"0,0{NB}%", 8), (f"plus de 0,0 à moins de 1,2{NB}%", 1)]
    assert ch.classes([0] * 5 + [1] * 6, "part_industrie").bornes[:2] == (0.0, 0.0)
    assert ch.classes([0] * 2 + [1] * 9, "part_industrie").bornes[:2] == (0.0, 1.0)  # 2 of 11 < 1/5


def test_single_value_class():
    seul = ch.classes([3, 3, 3], "part_industrie")
    assert seul.bornes == (3.0, 3.0) and seul.couleurs == (ch.SEQUENTIELLE[2],)
    assert seul.indice(3) == 0 and ch.legende(seul, [3])[0]["libelle"] == f"3,0{NB}%"
    assert ch.classes([None, None], "part_industrie") is None


def test_diverging_classes_split_at_zero():
    cl = ch.classes([-10, -5, -1, 2, 4, 8, 12], "evolution_emplois")
    assert cl.bornes == (-10.0, -6.7, -3.7, 0.0, 4.0, 8.0, 12.0)
    assert cl.couleurs == ch.DIVERGENTE
    assert cl.indice(-0.01) == 2 and cl.indice(0) == 3
    leg = ch.legende(cl)
    assert leg[0]["libelle"] == f"de \u221210,0 à moins de \u22126,7{NB}%"
    assert leg[3]["libelle"] == f"de 0,0 à moins de +4,0{NB}%"
    # Growth everywhere: purples only, from the centre up.
    pos = ch.classes([1, 2, 3], "evolution_emplois")
    assert pos.bornes[0] == 0.0 and set(pos.couleurs) <= set(ch.DIVERGENTE[3:])
    neg = ch.classes([-3, -1], "evolution_emplois")
    assert neg.bornes[-1] == 0.0 and set(neg.couleurs) <= set(ch.DIVERGENTE[:3])


def test_classes_on_the_real_data_cover_every_unit(doc, communes):
    for i in ind.PAR_ID:
        ti = [t[i] for t in doc["territoires"].values()]
        leg = ch.legende(ch.classes(ti, i), ti)
        assert sum(r["effectif"] for r in leg) == 16 and all(r["couleur"] != ch.SANS_VALEUR for r in leg)
        assert all(r["de"] < r["a"] for r in leg)
        vc = [ind.valeur(doc, i, c) for c in communes.values()]
        leg = ch.legende(ch.classes(vc, i), vc)
        assert sum(r["effectif"] for r in leg) == 4762


def test_colorier_gives_each_unit_its_class_colour(doc):
    valeurs = {t: v["evolution_emplois"] for t, v in doc["territoires"].items()}
    couleurs, leg = ch.colorier(valeurs, "evolution_emplois")
    cl = ch.classes(valeurs.values(), "evolution_emplois")
    assert couleurs == {t: cl.couleur(v) for t, v in valeurs.items()} and len(couleurs) == 16
    assert [r["couleur"] for r in leg] == list(cl.couleurs)
    for t, v in valeurs.items():  # the colour is the one of the legend row whose bounds hold the value
        r = next(r for r in leg if r["couleur"] == couleurs[t])
        assert r["de"] <= v <= r["a"]
    couleurs, leg = ch.colorier({"a": 1.0, "b": None}, "part_industrie")
    assert couleurs["b"] == ch.SANS_VALEUR and leg[-1]["libelle"] == "non disponible"
    assert ch.colorier({"a": None}, "part_industrie") == (
        {"a": ch.SANS_VALEUR}, [{"de": None, "a": None, "couleur": ch.SANS_VALEUR, "libelle": "non disponible",
                                 "effectif": 1}])


def test_colours_of_the_territories_and_of_one_territory_s_communes():
    from tableau.logique import donnees
    d = donnees.charger()
    couleurs, leg = ch.couleurs_territoires(d.insee, d.ids, "part_industrie")
    assert set(couleurs) == set(d.ids) and sum(r["effectif"] for r in leg) == 16
    cl = ch.classes([d.insee.doc["territoires"][i]["part_industrie"] for i in d.ids], "part_industrie")
    assert all(couleurs[i] == cl.couleur(d.insee.doc["territoires"][i]["part_industrie"]) for i in d.ids)
    communes = d.communes_par_territoire["agenais"]
    couleurs, leg = ch.couleurs_communes(d.insee, communes, "taux_chomage_rp")
    assert set(couleurs) == {c.code for c in communes}
    assert sum(r["effectif"] for r in leg) == len(communes)


def test_commune_edges_stand_out_from_every_class_colour():
    for fond in (*ch.SEQUENTIELLE, *ch.DIVERGENTE, ch.SANS_VALEUR):
        assert ch.contraste(ch.contour_lisible(fond, "#333333"), fond) >= 3.0, fond
    assert ch.contour_lisible("#ffffcc", "#333333") == "#333333"
    assert ch.contour_lisible("#253494", "#333333") == "#ffffff"
    assert ch.contraste("#000000", "#ffffff") == pytest.approx(21)
