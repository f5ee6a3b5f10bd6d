"""tableau.ui.pages.financements: the bar charts read without hovering, at every width."""
from tableau.ui.pages import financements


def test_barres_portent_categorie_et_valeur_sans_axe_qui_mange_la_largeur():
    data = [{"libelle": "Dans un Territoire d'industrie", "valeur": 133, "etiquette": "133 projets", "calcule": False},
            {"libelle": "Hors Territoire d'industrie", "valeur": 111, "etiquette": "111 projets", "calcule": True}]
    spec = financements._barres(data).to_dict()
    couches = spec["layer"]
    textes = [c["encoding"]["text"]["field"] for c in couches if c["mark"]["type"] == "text"]
    assert sorted(textes) == ["etiquette", "libelle"]  # the value and the category, both printed
    assert all(c["encoding"]["y"]["axis"] is None for c in couches)  # no axis labels eating the width
    barres = next(c for c in couches if c["mark"]["type"] == "bar")
    assert barres["encoding"]["x"]["scale"]["domain"][1] >= 1.5 * 133  # room after the longest bar for its value


def test_barres_lues_en_francais_par_un_lecteur_d_ecran():
    """The chart's description says its title and every bar (a screen reader read « Vega
    visualization »), and no mark is read with its internal fields (« calcule: false »)."""
    data = [{"libelle": "PME", "valeur": 95, "etiquette": "95 entreprises", "calcule": False},
            {"libelle": "ETI", "valeur": 12, "etiquette": "12 entreprises", "calcule": False}]
    spec = financements._barres(data, "Entreprises bénéficiaires selon leur taille").to_dict()
    assert spec["description"] == ("Diagramme en barres : Entreprises bénéficiaires selon leur taille. "
                                   "PME : 95 entreprises ; ETI : 12 entreprises.")
    assert [c["mark"]["aria"] for c in spec["layer"]] == [False, False, False]
