"""Issue 12, page logic under AppTest: panel order, plain words, the selection and the
département filter on the Services and Financements pages, the phone scroll request."""
import json
import re

import pytest

from tableau.logique import donnees
from tableau.ui import ecran, session
from tests.appli import app, cliquer, faux_composant  # noqa: F401 (autouse fixture)

D = donnees.charger()

PAGES = ("pages/carte.py", "pages/services.py", "pages/financements.py", "pages/territoires.py",
         "pages/sources.py")


def textes(at) -> str:
    """Every text the reader sees on the page (outside tables and the technical expanders)."""
    genres = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success")
    replie = {id(x) for e in at.expander for kind in genres for x in getattr(e, kind)}
    parts = [x.value for kind in genres for x in getattr(at, kind) if id(x) not in replie]
    parts += [m.label for m in at.metric] + [b.label for b in at.button] + [e.label for e in at.expander]
    parts += [w.label for kind in ("selectbox", "multiselect", "text_input", "toggle") for w in getattr(at, kind)]
    return "\n".join(parts)


def test_ordre_du_panneau():
    at = app(territoire="lacq-pau-tarbes")
    subs = [s.value for s in at.subheader]
    # identity and figures, actions, the territory's own content, the regional context last
    attendu = ["Exporter", "Intercommunalités (11)", "Services de la phase II", "Financements", "Contexte régional"]
    assert [s for s in subs if s in attendu] == attendu
    assert subs[-1] == "Contexte régional"
    texte = textes(at)
    assert "toute la Nouvelle-Aquitaine, 2020-2022" in texte
    assert "pas ceux d'un territoire en particulier" in texte
    # the regional figures are no longer under « Financements » (before « Contexte régional »)
    assert texte.index("Projets soutenus") > texte.index("Contexte régional")
    assert at.button(key="effacer").label == "Effacer la sélection"


def test_contexte_regional_deja_dans_le_panneau_de_la_region():
    """The region's panel shows the region-wide funding context too, and in exactly the same
    elements as a territory's panel: Streamlit's message cache then sends only a short
    reference for them when a territory is first chosen (bench.comparaison, bytes per click)."""
    def section(at) -> list[bytes]:
        noeuds = list(_feuilles(at.main))
        i = next(k for k, n in enumerate(noeuds) if getattr(n, "value", None) == "Contexte régional")
        return [n.proto.SerializeToString(deterministic=True) for n in noeuds[i:i + 4]]
    region, territoire = app(), app(territoire="agenais")
    assert "Contexte régional" in [s.value for s in region.subheader]
    texte = textes(region)
    assert "Projets soutenus : **244\u202fprojets**" in texte and "pas ceux d'un territoire en particulier" in texte
    assert "- Entreprises bénéficiaires (PME) : **144\u202fentreprises**" in texte  # one colon per line
    assert section(region) == section(territoire)


def _feuilles(bloc):
    for enfant in bloc.children.values():
        if hasattr(enfant, "children") and enfant.type not in ("subheader", "markdown", "caption"):
            yield from _feuilles(enfant)
        else:
            yield enfant


@pytest.mark.parametrize("page", PAGES)
def test_mots_simples_sur_chaque_page(page):
    at = app(territoire="lacq-pau-tarbes", commune="64445")
    if page != "pages/carte.py":
        at.switch_page(page).run()
    assert not at.exception
    texte = textes(at)
    for mot in ("Okabe", "(env.)", "Oublier", "survol", "SHA-256 ", ".geojson", ".csv"):
        assert mot not in texte.replace("SHA-256 de chacun", ""), (page, mot)


def test_bouton_de_la_fiche_commune():
    assert app(commune="64445").button(key="oublier-commune").label == "Revenir au territoire"
    assert app(commune="16106").button(key="oublier-commune").label == "Fermer la fiche de la commune"


def test_services_montre_la_selection_et_applique_le_filtre():
    at = app(territoire="agenais", dep="47")
    at.switch_page("pages/services.py").run()
    info = " ".join(i.value for i in at.info)
    assert "territoire « Agenais »" in info and "Lot-et-Garonne (47)" in info
    texte = textes(at)
    # « Rebond industriel » names Lacq – Pau – Tarbes (64/65): hidden by the 47 filter, and said
    assert "Lacq – Pau – Tarbes" not in texte
    assert ("1 mention de ce service concerne un territoire hors des départements choisis : elle n'est pas "
            "affichée ici.") in texte
    # without the filter the mention is back
    at = app()
    at.switch_page("pages/services.py").run()
    assert "**Lacq – Pau – Tarbes**" in textes(at) and "Aucune sélection" in textes(at)


def test_financements_applique_le_filtre():
    at = app(dep="86")
    at.switch_page("pages/financements.py").run()
    assert not at.exception
    # one département, singular, and the territories it holds counted in words
    assert ("Sélection en cours : le département de la Vienne (86), soit 2 territoires."
            in " ".join(i.value for i in at.info))
    assert "le filtre par département ne s'y applique pas" in textes(at)
    perimetre = at.selectbox(key="registre_perimetre")
    assert perimetre.options == ["Tous les niveaux", "National", "Nouvelle-Aquitaine", "Grand Châtellerault",
                                 "Loudun Thouars"]
    registre = at.table[0].value
    assert set(registre["Périmètre"]) <= {"National", "Nouvelle-Aquitaine", "Grand Châtellerault", "Loudun Thouars"}
    laureats = at.table[1].value if len(at.table) > 1 else None
    if laureats is not None:
        assert set(laureats["Territoire"]) <= {"Grand Châtellerault", "Loudun Thouars"}
    else:
        assert "départements choisis" in " ".join(i.value for i in at.info)


def test_financements_dit_combien_de_laureats_le_filtre_garde():
    at = app(dep="33")
    at.switch_page("pages/financements.py").run()
    laureats = at.table[1].value
    assert len(laureats) == 1 and set(laureats["Territoire"]) == {"Bordeaux métropole Bassin d’Arcachon nord"}
    assert ("Filtre par département : 1 lauréat affiché, situé dans les territoires des départements choisis."
            in textes(at))
    assert "Filtre par département" not in textes(app(territoire="agenais"))


def test_financements_dit_combien_de_laureats_garde_le_territoire():
    """« Seulement le territoire sélectionné »: the sentence above counts the region's list, a
    line under it says what the table keeps."""
    at = app(territoire="grand-perigueux-grand-bergeracois")
    at.switch_page("pages/financements.py").run()
    laureats = [t.value for t in at.table if "Entreprise" in t.value.columns][0]
    assert set(laureats["Territoire"]) == {"Grand Périgueux – Grand Bergeracois"}
    nommes = len(D.laureats)
    assert (f"Seulement « Grand Périgueux – Grand Bergeracois » : {len(laureats)} lauréats affichés sur les "
            f"{nommes} de la liste." in textes(at))
    at.toggle(key="laureats_selection").set_value(False).run()
    assert [len(t.value) for t in at.table if "Entreprise" in t.value.columns] == [nommes]
    assert "Seulement « " not in textes(at)


def script_ecran(at) -> str:
    return next(h.proto.body for h in at.get("html") if "documentElement.lang" in h.proto.body)


def montrer(at) -> tuple | None:
    """(panel selector, mode, token) of the map page's scroll request, or None."""
    s = next((h.proto.body for h in at.get("html") if "win.__tiMontrer(" in h.proto.body), None)
    if s is None:
        return None
    # the function it calls, installed once by the screen script, aims at that selector
    cible = json.loads(re.search(r"const cible = doc\.querySelector\((\".*?\")\);", script_ecran(at)).group(1))
    return (cible, re.search(r'win\.__tiMontrer\("(\w+)"\);', s).group(1),
            int(re.search(r"__tiJeton = (\d+);", s).group(1)))


def fermer(at) -> tuple:
    """(close an overlaid sidebar, token): the short script sent only with such a request."""
    s = next((h.proto.body for h in at.get("html")
              if "win.__tiFermer()" in h.proto.body and "documentElement.lang" not in h.proto.body), None)
    jeton = at.session_state[session.K_JETON] if session.K_JETON in at.session_state else 0
    if s is not None:
        assert int(re.search(r"__tiJeton = (\d+);", s).group(1)) == jeton
    return (s is not None, jeton)


PANNEAU = ".st-key-" + ecran.CLE_PANNEAU_COLONNE


def test_resultat_du_menu_ramene_la_reponse_sous_les_yeux():
    at = app()
    assert montrer(at) is None
    # the sidebar's search is on the other pages (the map page has its own, above the map)
    assert not any(t.key == session.W_RECHERCHE for t in at.text_input)
    at.switch_page("pages/services.py").run()
    at.text_input(key=session.W_RECHERCHE).input("Mimizan").run()
    at.button(key=f"{session.W_RECHERCHE}-40184").click().run()
    assert at.query_params["commune"] == "40184"
    # at every width (the sidebar closes on phones); the token counts the session's requests
    assert montrer(at)[:2] == (PANNEAU, "resultat")
    at.switch_page("pages/carte.py").run()  # (AppTest would rerun the page it was sent to)
    assert at.query_params["commune"] == "40184"  # once only: the next run does not scroll again
    assert montrer(at) is None
    # the search above the map asks for the map, zoomed on the commune (on a phone it was below)
    at.text_input(key=session.W_RECHERCHE_CARTE).input("Agen").run()
    at.button(key=f"{session.W_RECHERCHE_CARTE}-47001").click().run()
    assert at.query_params["commune"] == "47001" and montrer(at)[:2] == (PANNEAU, "carte")
    # so does the list of the territory's communes
    at.selectbox(key=session.W_COMMUNE).select("47015").run()
    assert at.query_params["commune"] == "47015" and montrer(at)[:2] == (PANNEAU, "carte")


def test_listes_et_libelles_en_francais_installes():
    """The select boxes' two-line values and the French labels (tableau.ui.ecran): the style
    and script are on every page; the multiselects have no English "Select all" row."""
    at = app()
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert '[role="group"][data-valeur]:not(:has(input[aria-expanded="true"]))::before' in styles
    assert '[class*="st-key-sans-barre-"] [data-testid="stElementToolbar"] { display: none' in styles
    script = script_ecran(at)
    assert '"Clear all": "Tout effacer"' in script
    assert '"No results": "Aucun nom ne contient ces lettres (accents compris)"' in script
    assert at.multiselect(key=session.W_DEPS).proto.select_all == 0  # False: never shown
    at.switch_page("pages/financements.py").run()
    assert at.multiselect(key="registre_dispositifs").proto.select_all == 0


def test_toucher_la_carte_montre_le_panneau_s_il_est_dessous():
    at = app()
    cliquer(at, {"last_object_clicked_count": 1, "last_active_drawing": {
        "type": "Feature", "properties": {"id": "pays-basque", "nom": "Pays Basque"}, "geometry": None}})
    # the panel's column, only where it lies under the map (decided in the browser)
    assert montrer(at) == (PANNEAU, "clic", 1)
    at.run()
    assert montrer(at) is None  # once only
    cliquer(at, {"last_object_clicked_count": 2, "last_active_drawing": {
        "type": "Feature", "properties": {"id": "agenais", "nom": "Agenais"}, "geometry": None}})
    assert montrer(at) == (PANNEAU, "clic", 2)  # a new token: runs again


def test_effacer_la_selection_ramene_en_haut_de_la_page():
    at = app(territoire="agenais")
    at.button(key="effacer").click().run()
    assert dict(at.query_params) == {} and montrer(at) == (PANNEAU, "haut", 1)
    at.run()
    assert montrer(at) is None  # once only


def test_page_ou_filtre_choisis_ferment_la_barre():
    at = app()
    assert fermer(at) == (False, 0)
    at.multiselect(key=session.W_DEPS).set_value(["33"]).run()
    assert at.query_params["dep"] == "33"
    assert fermer(at) == (True, 1)
    at.multiselect(key=session.W_DEPS).set_value(["33", "40"]).run()
    assert fermer(at) == (True, 2)  # twice in a row: the token makes the script run again
    at.run()
    assert fermer(at) == (False, 2)
    at.switch_page("pages/sources.py").run()
    assert fermer(at) == (True, 3)
