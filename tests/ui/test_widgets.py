"""tableau.ui.widgets under AppTest: département filter, « Ma commune » search, select boxes."""

from tableau.logique import donnees, recherche
from tableau.ui import session
from tests.appli import app, cliquer, deps_url, faux_composant, titre  # noqa: F401 (autouse fixture)

D = donnees.charger()


def test_plusieurs_departements_aller_retour():
    at = app(dep=["79", "86"])
    assert at.multiselect(key=session.W_DEPS).value == ["79", "86"]
    assert deps_url(at) == ["79", "86"]
    assert titre(at) == "Territoires filtrés"
    # the filter is named in the panel (on a phone the sidebar showing it is closed)
    assert ("**4** Territoires d'industrie labellisés pour la phase II (2023-2027) dans les départements "
            "des Deux-Sèvres (79) et de la Vienne (86).") in [m.value for m in at.markdown]


def test_selectbox_et_effacer():
    at = app()
    at.selectbox(key=session.W_TERR).select("agenais").run()
    assert titre(at) == "Agenais"
    assert at.query_params["territoire"] == "agenais"
    at.button(key="effacer").click().run()
    assert titre(at) == "Nouvelle-Aquitaine"
    assert at.selectbox(key=session.W_TERR).value is None
    assert "territoire" not in at.query_params


def test_filtre_qui_cache_la_selection_la_retire():
    at = app(territoire="pays-basque")
    at.multiselect(key=session.W_DEPS).select("79").run()
    assert at.selectbox(key=session.W_TERR).value is None
    assert any("Pays Basque" in i.value and "retirée" in i.value for i in at.info)
    assert dict(at.query_params) == {"dep": "79"}


def barre_de_recherche(page: str = "pages/sources.py", **params):
    """A page other than the map, whose sidebar holds the search (the map page has its
    own field above the map, and no second one in the sidebar)."""
    at = app(**params)
    assert [t.label for t in at.text_input if t.key in (session.W_RECHERCHE, session.W_RECHERCHE_CARTE)] == [
        "Chercher une commune"]
    at.switch_page(page).run()
    assert at.sidebar.text_input(key=session.W_RECHERCHE).label == "Chercher une commune"
    return at


def test_recherche_de_commune_dans_la_barre_laterale():
    at = barre_de_recherche("pages/territoires.py", dep="79")
    at.text_input(key=session.W_RECHERCHE).input("st laurent de la pree").run()
    bouton = at.button(key=f"{session.W_RECHERCHE}-17353")
    assert bouton.label == "Saint-Laurent-de-la-Prée (Charente-Maritime, 17450)"
    bouton.click().run()
    assert titre(at) == "Rochefort Royan Marennes Oléron"
    assert at.query_params["commune"] == "17353"
    assert "dep" not in at.query_params  # the 79 filter would hide it: lifted, and said
    assert any("Le filtre par département a été retiré" in i.value for i in at.info)
    at.switch_page("pages/carte.py").run()  # (AppTest would rerun the page it was sent to)
    assert at.query_params["commune"] == "17353"
    # choosing a territory afterwards forgets the commune
    at.selectbox(key=session.W_TERR).select("agenais").run()
    assert "commune" not in at.query_params


def test_recherche_sans_resultat():
    at = barre_de_recherche()
    at.text_input(key=session.W_RECHERCHE).input("zzzz").run()
    assert any("Aucune commune" in c.value for c in at.sidebar.caption)


def test_recherche_hors_zone_et_faute_de_frappe():
    at = barre_de_recherche()
    at.text_input(key=session.W_RECHERCHE).input("Toulouse").run()
    assert any(c.value.startswith("Toulouse (Haute-Garonne, 31) : hors de la zone couverte")
               and "Hautes-Pyrénées (65)" in c.value for c in at.sidebar.caption)
    at.text_input(key=session.W_RECHERCHE).input("Bayone").run()
    assert any("noms proches" in c.value for c in at.sidebar.caption)
    assert at.button(key=f"{session.W_RECHERCHE}-64102").label.startswith("Bayonne (Pyrénées-Atlantiques")


def test_recherche_dit_quand_il_y_a_plus_de_resultats():
    at = barre_de_recherche()
    at.text_input(key=session.W_RECHERCHE).input("Saint-Jean").run()
    n = len(recherche.chercher(D, "Saint-Jean", limite=None))
    assert any(c.value == f"Les 8 premières des {n} communes trouvées : précisez le nom ou le code postal pour voir "
               "les autres." for c in at.sidebar.caption)
    at.text_input(key=session.W_RECHERCHE).input("Saint-Jean-de-Luz").run()  # one: nothing to add
    assert not any("premières des" in c.value for c in at.sidebar.caption)


def test_recherche_au_dessus_de_la_carte():
    at = app()
    champ = at.text_input(key=session.W_RECHERCHE_CARTE)
    assert champ.label == "Chercher une commune"
    champ.input("79300").run()  # postal code of Bressuire
    boutons = [b for b in at.button if b.key and b.key.startswith(session.W_RECHERCHE_CARTE + "-")]
    assert boutons and boutons[0].label.startswith("Bressuire (Deux-Sèvres, 79300)")
    boutons[0].click().run()
    assert titre(at) == "Bocage Bressuirais"
    assert at.query_params["commune"] == "79049"
    assert at.text_input(key=session.W_RECHERCHE_CARTE).value == ""
    assert any("l'intercommunalité CA du Bocage Bressuirais" in s.value for s in at.success)


def test_liste_des_communes_du_territoire():
    at = app()
    # no territory: the box is there (the map must not move when it fills) but disabled and empty
    vide = at.selectbox(key=session.W_COMMUNE)
    assert vide.disabled and vide.options == ["— aucune —"]
    at.selectbox(key=session.W_TERR).select("bocage-bressuirais").run()
    boite = at.selectbox(key=session.W_COMMUNE)
    assert boite.label == "Commune du territoire (33)"
    assert len(boite.options) == 1 + 33
    from geo.laureats import normaliser
    noms = [o.split(" — ")[0] for o in boite.options[1:]]
    assert noms == sorted(noms, key=normaliser) and "Bressuire" in noms  # alphabetical, accents aside
    boite.select("79049").run()
    assert at.query_params["commune"] == "79049" and at.query_params["territoire"] == "bocage-bressuirais"
    assert any(s.value.startswith("Bressuire (Deux-Sèvres) fait partie") for s in at.success)
    at.selectbox(key=session.W_COMMUNE).select(None).run()
    assert "commune" not in at.query_params and at.query_params["territoire"] == "bocage-bressuirais"
