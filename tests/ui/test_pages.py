"""AppTest tests of the pages and of the frame around them (app.py): state from the URL,
notices, map clicks, page switches, damaged data."""
import html
import json
import re

import pytest

from tableau.ui import session
from tableau.ui.pages import territoires
from tests.appli import app, cliquer, deps_url, faux_composant, titre  # noqa: F401 (autouse fixture)


def test_accueil_sans_parametre():
    at = app()
    assert not at.exception
    # one line for the region's name (non-breaking hyphen), read the same
    assert at.title[0].value == "Territoires d'industrie en Nouvelle\u2011Aquitaine"
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
    assert not [i for i in at.info if i.value.startswith("Filtre :")]  # the warning says it


def test_la_liste_des_departements_dit_ou_il_n_y_a_aucun_territoire():
    """Landes (40) was offered like the others, and chosen for an empty map."""
    options = app().multiselect(key=session.W_DEPS).options
    assert "Landes (40) — aucun territoire" in options
    assert "Gironde (33)" in options and "Hautes-Pyrénées (65) — hors région" in options
    assert [o for o in options if "aucun territoire" in o] == ["Landes (40) — aucun territoire"]


def test_filtre_dit_au_dessus_de_la_carte():
    """The filter lives in the sidebar, closed on phones and tablets: the map page says it is on."""
    at = app(dep=["33", "64"])
    filtres = [i.value for i in at.info if i.value.startswith("Filtre :")]
    assert filtres == ["Filtre : Gironde (33), Pyrénées-Atlantiques (64) — 5 territoires sur 16."]
    assert [b.label for b in at.button if b.key in ("changer-filtre", "retirer-filtre")] == [
        "Changer le filtre", "Retirer le filtre"]
    assert not [i for i in app().info if i.value.startswith("Filtre :")]


def test_changer_le_filtre_ouvre_le_menu():
    """« Changer le filtre » asks the page's script to open the sidebar at the filter, once;
    the state, the URL and the notices stay."""
    def ouvertures(at) -> int:
        return sum("win.__tiOuvrir()" in h.proto.body and "documentElement.lang" not in h.proto.body
                   for h in at.get("html"))
    at = app(territoire="pays-basque", dep=["64"])
    assert ouvertures(at) == 0
    at.button(key="changer-filtre").click().run()
    assert not at.exception and ouvertures(at) == 1
    assert deps_url(at) == ["64"] and at.query_params["territoire"] == "pays-basque"
    assert titre(at) == "Pays Basque"
    at.run()
    assert ouvertures(at) == 0  # once: a later run does not open it again


def test_retirer_le_filtre_d_un_toucher():
    at = app(territoire="pays-basque", dep=["33", "64"])
    at.button(key="retirer-filtre").click().run()
    assert not at.exception
    assert at.multiselect(key=session.W_DEPS).value == []
    assert deps_url(at) == [] and at.query_params["territoire"] == "pays-basque"
    assert titre(at) == "Pays Basque"  # the selection stays
    assert not [i for i in at.info if i.value.startswith("Filtre :")]
    assert not [b for b in at.button if b.key == "retirer-filtre"]


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
    sources = at.table[0].value  # plain words: no file names in the main table (issue 12)
    assert "Fichier" not in sources.columns and "Licence" in sources.columns
    # The communes come from Etalab's npm package: its link stays, INSEE's COG page beside it.
    cog = sources[sources["Usage"] == "communes 2026, anciens codes, populations, codes postaux"].iloc[0]
    assert cog["Lien"].startswith("[ouvrir](<https://www.npmjs.com/") and cog["Origine officielle"] == (
        "[producteur](<https://insee.fr/fr/information/2560452>)")
    assert "None" not in sources.to_string()  # the laureates' sources: one article per row, no single link
    assert any("[INSEE, Code officiel géographique (COG)](https://insee.fr/fr/information/2560452)" in m.value
               for m in at.markdown)
    technique = next(e for e in at.expander if e.label.startswith("Détail technique : fichiers sources"))
    assert "anct-ti-2026/ti\\_communes\\_na\\_2026.csv" in list(technique.table[0].value["Fichier"])
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
    # French text, padded with figure spaces so that the grid's text sort stays numeric
    from tableau.logique import donnees
    p = donnees.charger().territoires["niortais-haut-val-de-sevre"]
    assert niort["Population 2026"].strip("\u2007") == f"{p.population:,}".replace(",", "\u202f")
    assert niort["Superficie (km²)"].strip("\u2007") == f"{p.superficie_km2:,.1f}".replace(",", "\u202f").replace(
        ".", ",")
    # one width per column: with spaces before digits in the browser's collation, text order = numeric order
    # (checked with localeCompare in Chromium by tests/e2e/test_formats.py)
    assert len({len(v) for v in df["Population 2026"]}) == 1 and len({len(v) for v in df["Superficie (km²)"]}) == 1
    assert niort["lien"] == "./?territoire=niortais-haut-val-de-sevre&dep=79"
    # not shown: the grid opened it in a new tab, at the third tap on a phone (the buttons below open the map)
    assert "lien" not in at.dataframe[0].proto.column_order and "Territoire" in at.dataframe[0].proto.column_order
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
    # each service says what it is for the selected territory
    pour = [m.value for m in at.markdown if m.value.startswith("**Pour Brive – Tulle – Périgord Noir :**")]
    assert len(pour) == len(at.header) == 6
    assert any(p.endswith("accessible, comme dans chacun des 16 territoires.") for p in pour)
    assert any("nommé par les sources" in p for p in pour)
    assert not any("**Pour " in m.value for m in app().markdown)  # nothing without a selection


def test_page_services_mentions_des_autres_territoires_dites_comme_telles():
    """Lacq – Pau – Tarbes selected: Brive's mention under « Un chef de projet » read as Lacq's."""
    at = app(territoire="lacq-pau-tarbes")
    at.switch_page("pages/services.py").run()
    valeurs = [m.value for m in at.markdown]
    brive = next(i for i, v in enumerate(valeurs) if v.startswith("- **Brive – Tulle – Périgord Noir** : "))
    assert valeurs[brive - 1] == "*Mentions d'autres territoires que Lacq – Pau – Tarbes :*"
    assert all(v.startswith("- **Lacq – Pau – Tarbes** (territoire sélectionné)") for v in valeurs
               if "(territoire sélectionné)" in v)
    # without a selection, no such line
    at = app()
    at.switch_page("pages/services.py").run()
    assert not any(m.value.startswith("*Mentions d'autres territoires") for m in at.markdown)


def test_registre_vide_pour_un_territoire_dit_ou_voir_les_autres_chiffres():
    """Opened on a territory with no figure of its own (15 of 16), the register said only that
    nothing matched: it names the territory and the way to the regional and national figures."""
    at = app(territoire="grand-libournais")
    at.switch_page("pages/financements.py").run()
    assert not at.exception and at.selectbox(key="registre_perimetre").value == "grand-libournais"
    assert any(i.value.startswith("Aucun chiffre publié pour « Grand Libournais » dans les sources consultées : "
                                  "choisissez « Tous les niveaux »") for i in at.info)
    at.selectbox(key="registre_perimetre").select("region").run()
    assert len(at.table[0].value) > 0 and not any(i.value.startswith("Aucun chiffre publié") for i in at.info)


def test_page_financements_filtre_le_registre():
    at = app(territoire="lacq-pau-tarbes")
    at.switch_page("pages/financements.py").run()
    assert not at.exception
    # the register opens on the selected territory, as the selection banner says
    assert at.selectbox(key="registre_perimetre").value == "lacq-pau-tarbes"
    reg = at.table[0].value
    assert list(reg["Indicateur"]) == ["Aide obtenue pour les PME du territoire"]
    assert list(reg.columns[:5]) == ["Périmètre", "Dispositif", "Indicateur", "Valeur", "Période"]
    assert reg.iloc[0]["Périmètre"] == "Lacq – Pau – Tarbes" and reg.iloc[0]["Valeur"] == "2,5\u202fM€"
    at.selectbox(key="registre_perimetre").select("tous").run()
    assert len(at.table[0].value) == 26
    assert any("Astuce : choisissez « Lacq – Pau – Tarbes » comme périmètre" in c.value for c in at.caption)
    at.run()  # the choice stays while the selection does
    assert at.selectbox(key="registre_perimetre").value == "tous"
    at.multiselect(key="registre_dispositifs").select("Rebond industriel").run()
    assert len(at.table[0].value) == 4
    texte = " ".join(m.value for m in at.markdown)
    assert "244\u202fprojets soutenus en Nouvelle-Aquitaine sur 2020-2022, pour 88\u202fM€ d'aides." in texte
    assert "133\u202fprojets situés dans un Territoire d'industrie, 111\u202fprojets hors de ces territoires" in texte
    assert "- Fonds vert — " in texte  # amounts of different perimeters: listed, not charted together
    graphiques = at.get("vega_lite_chart")
    assert len(graphiques) == 2
    for g in graphiques:  # bars, their values and categories printed as text marks (no hovering needed)
        spec = json.loads(g.proto.spec)
        assert [c["mark"]["type"] for c in spec["layer"]] == ["bar", "text", "text"]
        assert spec["layer"][1]["encoding"]["text"]["field"] == "etiquette"  # "133 projets" (programme)
        assert spec["layer"][2]["encoding"]["text"]["field"] == "libelle"
    # no laureate documented in Lacq – Pau – Tarbes: said, not an empty table
    assert any("Aucun lauréat documenté dans « Lacq – Pau – Tarbes »" in i.value for i in at.info)
    assert at.query_params["territoire"] == "lacq-pau-tarbes"
    # a filter that hides the chosen perimeter: back to all levels
    at.selectbox(key="registre_perimetre").select("lacq-pau-tarbes").run()
    at.multiselect(key=session.W_DEPS).select("79").run()
    assert at.selectbox(key="registre_perimetre").value == "tous" and not at.exception


def test_laureats_et_dates_en_francais():
    at = app()
    at.switch_page("pages/financements.py").run()
    lau = at.table[1].value
    martin = lau[lau["Entreprise"].str.startswith("Martin Emballages")].iloc[0]
    assert martin["Aide (€)"].strip("\u2007") == "800\u202f000" and martin["Annonce"] == "décembre 2020"
    assert "non publiée" in set(lau["Aide (€)"]) and not lau.isin(["None"]).any().any()
    # whether the article's commune was found, in words (« Rapprochement : rapprochée » was jargon)
    assert "Rapprochement" not in lau.columns and martin["Commune retrouvée"] == "oui"
    assert set(lau["Commune retrouvée"]) <= {"oui", "non : introuvable dans son département",
                                             "non : l'article ne la nomme pas"}
    reg = at.table[0].value
    assert "28 mai 2021" in set(reg["Période"]) and not reg["Période"].str.match(r"\d{4}-\d{2}-\d{2}$").any()


def test_page_territoires_montre_le_territoire_choisi():
    """The territory of the link is marked in the table (▶, readable without colour),
    highlighted (the Styler's background, which st.dataframe honours) and named above."""
    at = app(territoire="agenais")
    at.switch_page("pages/territoires.py").run()
    assert not at.exception
    df = at.dataframe[0].value
    assert [t for t in df["Territoire"] if t.startswith("▶")] == ["▶ Agenais"]
    assert any(m.value == "Territoire sélectionné : **Agenais**, marqué ▶ et surligné dans le tableau."
               for m in at.markdown)
    styles = at.dataframe[0].proto.arrow_data.styler.styles
    ligne = list(df["id"]).index("agenais")
    assert f"row{ligne}_col0" in styles and territoires.FOND_CHOISI.split(";")[0] in styles
    assert "row1_col0" not in styles  # only that row
    # Without a selection: no mark, no highlight, no sentence.
    at = app()
    at.switch_page("pages/territoires.py").run()
    assert not any(t.startswith("▶") for t in at.dataframe[0].value["Territoire"])
    assert "background-color" not in at.dataframe[0].proto.arrow_data.styler.styles
    assert not any(m.value.startswith("Territoire sélectionné") for m in at.markdown)


def test_financements_tableaux_sans_coupure_et_csv_francais():
    """Register and laureates: static tables whose cells wrap, the text as written (nothing
    read as Markdown), the sources as links; each with our own French CSV download."""
    at = app()
    at.switch_page("pages/financements.py").run()
    reg, lau = at.table[0].value, at.table[1].value
    assert reg["Source"].str.match(r"^\[[^\]]+\]\(<https?://[^>]+>\)$").all()
    assert lau["Source"].str.match(r"^\[article \([a-z0-9.-]+\.[a-z]+\)\]\(<https?://[^>]+>\)$").all()
    # which source, without opening it: its title, the newspaper's site (each said « source », « article »)
    from tableau.logique import donnees, format as fmt
    d = donnees.charger()
    assert set(reg["Source"]) >= {f"[{fmt.md(r.source_titre)}](<{r.source_url}>)" for r in d.financements[:3]}
    assert "[article (francebleu.fr)]" in " ".join(lau["Source"])
    assert "Fonds d'accélération des investissements industriels dans les territoires" in set(reg["Dispositif"])
    boutons = [b.label for b in at.get("download_button")]
    assert "Télécharger ces lignes du registre (CSV)" in boutons and "Télécharger ces lauréats (CSV)" in boutons


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
    assert any("Pau (Pyrénées-Atlantiques) fait partie du Territoire d'industrie «\u202fLacq – Pau – Tarbes"
               "\u202f»" in s.value
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


# --- INSEE indicators (issue 13) ----------------------------------------------
def _legende_indicateur(at) -> str:
    return next(h.value for h in at.get("html") if "legende-indicateur" in h.value)


def test_indicateur_du_lien_colore_la_carte_et_donne_la_legende(faux_composant):  # noqa: F811
    from tableau.logique import choroplethe, donnees
    d = donnees.charger()
    at = app(indicateur="taux_chomage_rp")
    assert not at.exception and not at.warning
    assert at.selectbox(key=session.W_INDICATEUR).value == "taux_chomage_rp"
    assert at.query_params["indicateur"] == "taux_chomage_rp"
    html = _legende_indicateur(at)
    assert "Territoires — Taux de chômage des 15-64 ans (recensement, pas au sens du BIT), 2018 (%)" in html
    valeurs = [d.insee.valeurs_territoires["taux_chomage_rp"][t] for t in d.ids]
    cl = choroplethe.classes(valeurs, "taux_chomage_rp")
    lignes = choroplethe.legende(cl, valeurs)
    assert len(lignes) >= 3 and sum(r["effectif"] for r in lignes) == 16
    for r in lignes:  # bounds and unit of each class, its colour and how many territories
        assert f'<li data-couleur="{r["couleur"]}">' in html and f'<span class="classe">{r["libelle"]}</span>' in html
        assert r["libelle"].endswith("\u202f%")
    # Each territory is drawn with the colour of its class.
    couleurs = faux_composant.etat()["ct"]
    for t in d.ids:
        assert couleurs[t] == cl.couleur(d.insee.valeurs_territoires["taux_chomage_rp"][t])


def test_choisir_un_indicateur_puis_aucun_rend_la_carte_d_avant(faux_composant):  # noqa: F811
    at = app(territoire="agenais")
    avant = faux_composant.appels[-1]["feature_group"]
    assert at.selectbox(key=session.W_INDICATEUR).value == "aucun" and "indicateur" not in at.query_params
    at.selectbox(key=session.W_INDICATEUR).select("evolution_emplois").run()
    assert at.query_params["indicateur"] == "evolution_emplois" and at.query_params["territoire"] == "agenais"
    html = _legende_indicateur(at)
    import re
    from html import escape
    assert escape("Communes de « Agenais » — Évolution de l'emploi au lieu de travail, 2013-2018 (%)") in html
    communes = html.split("Communes de")[1]  # the second block: the 44 communes of Agenais in classes
    assert sum(int(n) for n in re.findall(r"\((\d+) communes?\)", communes)) == 44
    assert faux_composant.appels[-1]["feature_group"] != avant
    # The state survives a page switch and comes back on the map.
    at.switch_page("pages/sources.py").run()
    assert at.query_params["indicateur"] == "evolution_emplois"
    at.switch_page("pages/carte.py").run()
    assert at.selectbox(key=session.W_INDICATEUR).value == "evolution_emplois"
    at.selectbox(key=session.W_INDICATEUR).select("aucun").run()
    assert "indicateur" not in at.query_params
    assert faux_composant.appels[-1]["feature_group"] == avant  # « Aucun »: the map as without indicators
    assert not any("legende-indicateur" in h.value for h in at.get("html"))


def test_indicateur_inconnu_dans_le_lien():
    at = app(indicateur="<b>nope</b>", territoire="agenais")
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "L'indicateur indiqué dans le lien est inconnu : la carte est affichée sans indicateur."]
    assert at.selectbox(key=session.W_INDICATEUR).value == "aucun"
    assert dict(at.query_params) == {"territoire": "agenais"}


def test_page_territoires_colonnes_insee():
    import json

    from tableau.logique.donnees import DATA_DIR
    doc = json.loads((DATA_DIR / "insee.json").read_text(encoding="utf-8"))
    at = app()
    at.switch_page("pages/territoires.py").run()
    df = at.dataframe[0].value
    agenais = df[df["Territoire"] == "Agenais"].iloc[0]
    t = doc["territoires"]["agenais"]
    def nombre(texte: str) -> float:  # French text shown in the table, padded for sorting
        return float(texte.strip("\u2007").replace("\u2212", "-").replace(",", "."))
    assert nombre(agenais["Établissements industriels, 2018 (%)"]) == round(
        100 * t["etablissements_industrie"] / t["etablissements"], 1)
    assert nombre(agenais["Chômage 15-64 ans (recensement), 2018 (%)"]) == round(
        100 * t["chomeurs_15_64"] / t["actifs_15_64"], 1)
    evolution = df["Évolution de l'emploi, 2013-2018 (%)"]  # signed: '+1,6', '−0,4'
    assert all("," in v and "." not in v for v in evolution)
    assert any(v.lstrip("\u2007")[0] in "+\u2212" for v in evolution)


def test_page_sources_indicateurs_insee():
    at = app()
    at.switch_page("pages/sources.py").run()
    assert "Indicateurs économiques (INSEE)" in [h.value for h in at.header]
    variables = next(t.value for t in at.table if "Code INSEE" in t.value.columns)
    # Markdown-escaped cells (st.table): "P13\\_EMPLT" shows as P13_EMPLT.
    annees = dict(zip(variables["Code INSEE"].str.replace("\\", ""), variables["Année"], strict=True))
    assert annees["P13_EMPLT"] == 2013 and annees["ETBE18"] == 2018 and annees["P18_CHOM1564"] == 2018
    texte = " ".join(m.value for m in at.markdown)
    assert "édition 2022" in texte and "4\u202f782 codes communaux de 2021 donnent 4\u202f762 communes de 2026" in texte
    for sujet in ("Emploi industriel par secteur", "Évolution de l'emploi industriel",
                  "Demandeurs d'emploi par commune"):
        assert f"**{sujet}**" in texte
    assert "Détail technique : archive lue et communes réunies" in [e.label for e in at.expander]


def test_fichier_insee_abime_la_carte_reste_utilisable(tmp_path, monkeypatch):
    import shutil

    from tableau.logique.donnees import DATA_DIR
    copie = tmp_path / "data"
    shutil.copytree(DATA_DIR, copie)
    (copie / "insee.json").write_text('{"source": ', encoding="utf-8")
    monkeypatch.setenv("TI_DONNEES", str(copie))
    at = app(territoire="agenais", indicateur="part_industrie")
    assert not at.exception and titre(at) == "Agenais"
    assert any("Les indicateurs économiques de l'INSEE ne peuvent pas s'afficher" in w.value
               and "insee.json est illisible" in w.value for w in at.warning)
    assert session.W_INDICATEUR not in [s.key for s in at.selectbox]
    assert any("Indicateurs de l'INSEE non disponibles" in c.value for c in at.caption)
    at.switch_page("pages/territoires.py").run()
    assert not at.exception and "Établissements industriels, 2018 (%)" not in at.dataframe[0].value.columns


def _cles(at) -> list[tuple[str, str, str]]:
    """(id, label, aria-pressed) of the legend's keys, from the HTML the page sends."""
    corps = next(h.proto.body for h in at.get("html") if '<div class="ti-cles"' in h.proto.body)
    return [(t, html.unescape(label), presse) for t, presse, label in re.findall(
        r'<button data-ti-cle="([a-z0-9-]+)" aria-pressed="(true|false)"><i></i>([^<]+)</button>', corps)]


def test_cles_de_la_legende_uniques_et_qui_choisissent():
    """Issue 12: 16 territories share 7 colours, so each key carries the territory's
    number on the map and its name; a key is a button that selects the territory (in the
    browser: tests/e2e/test_carte_lisible.py), the chosen one marked as pressed."""
    from tableau.logique import carte, donnees
    d = donnees.charger()
    num = carte.numeros(d.territoires)
    cles = _cles(app())
    assert [t for t, _, _ in cles] == sorted(num, key=num.__getitem__)  # in the map's numbering
    assert {t: label for t, label, _ in cles} == {t: f"{n} · {d.territoires[t].nom}" for t, n in num.items()}
    assert len({label for _, label, _ in cles}) == 16 and {p for _, _, p in cles} == {"false"}
    couleurs = next(h.proto.body for h in app().get("html") if "] i{background:" in h.proto.body)
    assert couleurs.startswith("<style>") and couleurs.endswith("</style>")  # style only: out of the flow
    assert len(re.findall(r'\[data-ti-cle="[a-z0-9-]+"\] i\{background:#[0-9a-f]{6}\}', couleurs, re.I)) == 16
    assert [t for t, _, p in _cles(app(territoire="pays-basque")) if p == "true"] == ["pays-basque"]
    # with a département filter, only the visible territories have a key
    assert sorted(t for t, _, _ in _cles(app(dep="64"))) == ["lacq-pau-tarbes", "pays-basque"]


def _classement(at) -> list[str]:
    return next(m.value for m in at.markdown if m.value.startswith("| Rang |")).splitlines()


def test_classement_des_territoires_sur_une_donnee():
    """Territoires: the ranking on one number (population first), the selected territory
    marked; the choice is part of the shared state (in the link, kept across pages), and the
    ranking follows the filter."""
    from tableau.logique import donnees
    from tableau.ui import widgets
    d = donnees.charger()
    at = app(territoire="agenais")
    at.switch_page("pages/territoires.py").run()
    assert at.selectbox(key=widgets.W_CLASSEMENT).value == "population"
    assert "classement" not in at.query_params  # the default is not written
    lignes = _classement(at)
    assert lignes[0] == "| Rang | Territoire | Population 2026 |" and len(lignes) == 2 + 16
    premier = max(d.territoires.values(), key=lambda t: t.population)
    assert lignes[2] == f"| 1 | {premier.nom} | {premier.population:,} |".replace(",", "\u202f")
    assert sum("**▶ Agenais**" in x for x in lignes) == 1
    assert not any("liste partielle, tirée de la presse" in c.value for c in at.caption)
    at.selectbox(key=widgets.W_CLASSEMENT).set_value("laureats").run()
    assert any(c.value.endswith("Lauréats : liste partielle, tirée de la presse.") for c in at.caption)
    at.selectbox(key=widgets.W_CLASSEMENT).set_value("communes").run()
    assert _classement(at)[2] == "| 1 | Lacq – Pau – Tarbes | 561 |"
    assert at.query_params["classement"] == "communes" and at.query_params["territoire"] == "agenais"
    at.switch_page("pages/sources.py").run()
    assert at.query_params["classement"] == "communes"  # carried by the link on every page
    at.switch_page("pages/territoires.py").run()
    assert at.selectbox(key=widgets.W_CLASSEMENT).value == "communes"
    at.multiselect(key=session.W_DEPS).select("79").run()
    du_79 = [t for t in d.territoires.values() if "79" in t.departements]
    assert len(du_79) == 3
    assert [x.split(" | ")[1] for x in _classement(at)[2:]] == [
        t.nom for t in sorted(du_79, key=lambda t: (-t.nb_communes, t.nom))]
    # a shared link reopens the same ranking; an unknown one says so and ranks by population
    at = app(classement="taux_chomage_rp")
    at.switch_page("pages/territoires.py").run()
    assert _classement(at)[0].startswith("| Rang | Territoire | Chômage 15-64 ans")
    at = app(classement="<b>x</b>")
    at.switch_page("pages/territoires.py").run()
    assert _classement(at)[0] == "| Rang | Territoire | Population 2026 |"
    avis = [w.value for w in at.warning] + [i.value for i in at.info]
    assert any("donnée de classement indiquée dans le lien est inconnue" in a for a in avis), avis


def test_listes_gardent_les_noms_qui_contiennent_la_saisie():
    """The lists keep the names containing the typed letters (accents count: an empty list says so)."""
    at = app(territoire="lacq-pau-tarbes")
    assert at.selectbox(key=session.W_TERR).proto.filter_mode == 1  # contains
    assert at.selectbox(key=session.W_COMMUNE).proto.filter_mode == 1
    assert not at.selectbox(key=session.W_COMMUNE).help  # its icon moved the map on a phone


def test_territoires_dit_que_le_tableau_defile_de_cote():
    """13 columns: at 1366 px five show, with no visible scrollbar; the caption says how to see
    the others, at every width."""
    from tableau.logique import comparaison, donnees
    at = app()
    at.switch_page("pages/territoires.py").run()
    n = len(comparaison.colonnes(donnees.charger()))
    assert n >= 10
    assert any(f"Ses {n} colonnes dépassent souvent l'écran" in c.value and "Maj + molette" in c.value
               for c in at.caption)
