"""AppTest tests of the pages and of the frame around them (app.py): state from the URL,
notices, map clicks, page switches, damaged data."""
import pytest

from tableau.ui import session
from tests.appli import app, cliquer, deps_url, faux_composant, titre  # noqa: F401 (autouse fixture)


def test_accueil_sans_parametre():
    at = app()
    assert not at.exception
    assert at.title[0].value == "Territoires d'industrie en Nouvelle-Aquitaine"
    assert titre(at) == "Nouvelle-Aquitaine"
    assert at.selectbox(key=session.W_TERR).value is None
    assert at.multiselect(key=session.W_DEPS).value == []
    assert dict(at.query_params) == {}


def test_lien_avec_territoire_et_filtre():
    at = app(territoire="loudun-thouars", dep="86")
    assert not at.exception
    assert titre(at) == "Loudun Thouars"
    assert at.multiselect(key=session.W_DEPS).value == ["86"]
    assert at.selectbox(key=session.W_TERR).value == "loudun-thouars"
    # the select box only lists what the filter keeps
    assert at.selectbox(key=session.W_TERR).options == ["— aucun —", "Grand Châtellerault", "Loudun Thouars"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Communes"] == "69"
    assert deps_url(at) == ["86"] and at.query_params["territoire"] == "loudun-thouars"


@pytest.mark.parametrize("params", [
    {"territoire": "nimporte"}, {"dep": "99"}, {"dep": "<script>alert(1)</script>"},
    {"territoire": "x" * 10_000},
])
def test_parametres_hostiles(params):
    at = app(**params)
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "inconnu" in warnings
    assert "<script>" not in warnings and "nimporte" not in warnings
    assert titre(at) == "Nouvelle-Aquitaine"
    assert dict(at.query_params) == {}  # the bad value is dropped from the URL


def test_clic_sur_la_carte_selectionne():
    at = app()
    cliquer(at, {
        "last_object_clicked_count": 1,
        "last_active_drawing": {"type": "Feature", "properties": {"id": "pays-basque", "nom": "Pays Basque"},
                                "geometry": None}})
    assert titre(at) == "Pays Basque"
    assert at.selectbox(key=session.W_TERR).value == "pays-basque"
    assert at.query_params["territoire"] == "pays-basque"


def test_filtre_sans_territoire():
    at = app(dep="40")
    assert any("Aucun Territoire d'industrie n'est labellisé dans ce département : Landes (40)" in w.value
               for w in at.warning)


def test_lien_incoherent_au_chargement():
    at = app(territoire="pays-basque", dep="79")
    assert at.selectbox(key=session.W_TERR).value is None
    assert any("Pays Basque" in w.value for w in at.warning)


def test_page_sources_garde_l_etat():
    at = app(territoire="agenais", dep="47")
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    assert at.title[0].value == "Sources et méthode"
    assert at.query_params["territoire"] == "agenais" and deps_url(at) == ["47"]
    assert at.multiselect(key=session.W_DEPS).value == ["47"]
    sources = at.dataframe[0].value  # plain words: no file names in the main table (issue 12)
    assert "Fichier" not in sources.columns and "Licence" in sources.columns
    assert "anct-ti-2026/ti_communes_na_2026.csv" in list(at.expander[0].dataframe[0].value["Fichier"])
    at.switch_page("pages/carte.py").run()
    assert titre(at) == "Agenais"


def test_donnees_endommagees_message_francais(tmp_path, monkeypatch):
    import shutil

    from tableau.logique.donnees import DATA_DIR
    copie = tmp_path / "data"
    shutil.copytree(DATA_DIR, copie)
    (copie / "territoires.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    monkeypatch.setenv("TI_DONNEES", str(copie))
    at = app()
    assert not at.exception
    assert "territoires.geojson" in at.error[0].value and "illisible" in at.error[0].value


def test_page_territoires_suit_le_filtre():
    at = app(dep="79")
    at.switch_page("pages/territoires.py").run()
    assert not at.exception
    df = at.dataframe[0].value
    assert list(df["Territoire"]) == ["Bocage Bressuirais", "Loudun Thouars", "Niortais – Haut Val de Sèvre"]
    niort = df[df["Territoire"] == "Niortais – Haut Val de Sèvre"].iloc[0]
    assert niort["Lauréats documentés"] == 1  # Martin Emballages, Augé
    assert niort["lien"] == "./?territoire=niortais-haut-val-de-sevre&dep=79"
    assert "3 territoires sur 16" in at.caption[0].value


def test_page_services():
    at = app(territoire="brive-tulle-perigord-noir")
    at.switch_page("pages/services.py").run()
    assert not at.exception
    assert [s.value for s in at.header][:3] == [
        "Un chef de projet dans chaque territoire", "Aide aux investissements industriels productifs",
        "Rebond industriel"]
    assert {m.label: m.value for m in at.metric}["Territoires en France"] == "183"
    texte = " ".join(m.value for m in at.markdown)
    assert "**Brive – Tulle – Périgord Noir** (territoire sélectionné)" in texte
    assert "Enveloppe nationale selon la préfecture de région : **70\u202fM€**" in texte
    assert "Enveloppe nationale selon l'ANCT : **63\u202fM€**" in texte


def test_page_financements_filtre_le_registre():
    at = app(territoire="lacq-pau-tarbes")
    at.switch_page("pages/financements.py").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 26
    at.selectbox(key="registre_perimetre").select("lacq-pau-tarbes").run()
    reg = at.dataframe[0].value
    assert list(reg["Indicateur"]) == ["Aide obtenue pour les PME du territoire"]
    at.selectbox(key="registre_perimetre").select("tous").run()
    at.multiselect(key="registre_dispositifs").select("Rebond industriel").run()
    assert len(at.dataframe[0].value) == 4
    # no laureate documented in Lacq – Pau – Tarbes: said, not an empty table
    assert any("Aucun lauréat documenté dans « Lacq – Pau – Tarbes »" in i.value for i in at.info)
    assert at.query_params["territoire"] == "lacq-pau-tarbes"


def test_boutons_de_la_page_territoires():
    at = app(dep="64")
    at.switch_page("pages/territoires.py").run()
    assert not at.exception
    # one "open on the map" button per territory kept by the filter (the click itself: browser test)
    assert at.button(key="ouvrir-pays-basque").label == "Pays Basque"
    assert at.button(key="ouvrir-lacq-pau-tarbes").label == "Lacq – Pau – Tarbes"
    assert len([b for b in at.button if b.key and b.key.startswith("ouvrir-")]) == 2


def test_lien_avec_commune():
    at = app(commune="64445")
    assert titre(at) == "Lacq – Pau – Tarbes"
    assert any("Pau (Pyrénées-Atlantiques) fait partie du Territoire d'industrie « Lacq – Pau – Tarbes »" in s.value
               for s in at.success)
    assert at.query_params["commune"] == "64445" and at.query_params["territoire"] == "lacq-pau-tarbes"


def test_lien_avec_commune_hors_territoire():
    at = app(commune="16106")
    assert titre(at) == "Nouvelle-Aquitaine"
    assert any("Confolens (Charente) n'appartient à aucun des 16 Territoires d'industrie" in s.value
               and "Limoges et Haute-Vienne" in s.value for s in at.success)


def _clic_commune(at, code, compte):
    return cliquer(at, {
        "last_object_clicked_count": compte,
        "last_active_drawing": {"type": "Feature", "properties": {"code": code, "etiquette": "x"}, "geometry": None}})


def test_clic_sur_une_commune_du_territoire_la_choisit():
    at = app(territoire="lacq-pau-tarbes")
    _clic_commune(at, "64445", 1)  # Pau, in the drill-down layer
    assert titre(at) == "Lacq – Pau – Tarbes"
    assert at.query_params["commune"] == "64445" and at.query_params["territoire"] == "lacq-pau-tarbes"
    assert any(s.value.startswith("Pau (Pyrénées-Atlantiques) fait partie") for s in at.success)
    # a code from another territory cannot come from the layer: ignored
    _clic_commune(at, "33063", 2)
    assert at.query_params["commune"] == "64445"


def test_clic_sur_une_commune_sans_territoire_choisi_ne_fait_rien():
    at = app()
    _clic_commune(at, "64445", 1)
    assert "commune" not in at.query_params and titre(at) == "Nouvelle-Aquitaine"


def test_lien_commune_et_filtre_incoherents():
    at = app(commune="64445", dep="79")
    assert titre(at) == "Lacq – Pau – Tarbes"
    assert any("Le filtre par département a été retiré" in w.value for w in at.warning)
    assert at.multiselect(key=session.W_DEPS).value == []
    assert dict(at.query_params) == {"territoire": "lacq-pau-tarbes", "commune": "64445"}


def test_contours_des_communes_lus_a_la_demande(tmp_path, monkeypatch):
    """communes.topojson (1 MB) is read at the first selection, not at start-up."""
    import shutil

    from tableau.logique import donnees
    copie = tmp_path / "data"
    shutil.copytree(donnees.DATA_DIR, copie)
    monkeypatch.setenv("TI_DONNEES", str(copie))  # a fresh cache key
    lectures = []
    vraie = donnees.lire_contours_communes
    monkeypatch.setattr(donnees, "lire_contours_communes", lambda *a: lectures.append(a) or vraie(*a))
    at = app()
    for page in ("pages/services.py", "pages/territoires.py", "pages/carte.py"):
        at.switch_page(page).run()
    assert lectures == []
    at.selectbox(key=session.W_TERR).select("agenais").run()
    at.selectbox(key=session.W_TERR).select("pays-basque").run()
    assert len(lectures) == 1  # then kept for the process
