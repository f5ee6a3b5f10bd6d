"""tableau.ui.composant_carte: the cached strings equal what st_folium itself sends
(pins the use of streamlit-folium's private helpers), and the state sent to the map
carries ids, colours and file names, geometry only where the browser cannot fetch it."""
import re

import pytest

from tableau.logique import carte, donnees, geostatique
from tableau.ui import composant_carte

D = donnees.charger()
DEPS = tuple(D.departements)
CONTOURS = donnees.lire_contours_communes(donnees.DATA_DIR / "communes.topojson", set(D.commune))
PALETTE_D = carte.couleurs(D.territoires_geojson["features"])
CLE = str(donnees.DATA_DIR)


def test_carte_de_base_constante_et_sans_cdn():
    from streamlit_folium import generate_js_hash

    from tableau.ui.composant_carte import rendre_base
    args = ("aucun", (45.0, 0.0), 6, "../../app/static/geo/carte-0123456789abcdef.json", PALETTE_D)
    b1, b2 = rendre_base(carte.carte_de_base(*args)), rendre_base(carte.carte_de_base(*args))
    # same script, same component key -> streamlit-folium keeps the Leaflet map mounted
    assert generate_js_hash(b1.script, "carte") == generate_js_hash(b2.script, "carte")
    assert b1.js_links == ["../../app/static/leaflet/leaflet.js"]
    assert b1.css_links == ["../../app/static/leaflet/leaflet.css"]
    assert "tileLayer" not in b1.script  # no basemap at all with "aucun"
    assert not re.search(r"https?://", b1.script + b1.header + b1.html)
    # the geometry is not in the script sent with every rerun: only the file's name
    assert "carte-0123456789abcdef.json" in b1.script and "coordinates" not in b1.script
    assert len((b1.script + b1.header + b1.html).encode()) < 20_000  # sent once per page load (of ~220 KB)


def test_chaines_en_cache_identiques_a_st_folium(monkeypatch):
    """Our cached rendering sends exactly what st_folium would (guards a version bump)."""
    import streamlit_folium

    from tableau.ui.composant_carte import rendre_base, rendre_couches
    envoye = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: envoye.update(kw))

    def couches():
        return [carte.couche_etat({"v": list(D.ids), "s": "agenais", "c": None,
                                   "cu": "../../app/static/geo/communes-agenais-0123456789abcdef.json"})]
    args = ("ign", (45.0, 0.0), 6, None, PALETTE_D)
    streamlit_folium.st_folium(carte.carte_de_base(*args), key="carte", feature_group_to_add=couches(),
                               returned_objects=["last_active_drawing"])
    base = rendre_base(carte.carte_de_base(*args))
    assert (base.script, base.header, base.html) == (envoye["script"], envoye["header"], envoye["html"])
    assert (base.css_links, base.js_links) == (envoye["css_links"], envoye["js_links"])
    assert rendre_couches(couches()) == envoye["feature_group"]
    assert 'TI.appliquer({"v":["' in envoye["feature_group"]


def test_couche_etat_sans_geometrie_deja_envoyee():
    """Once the static files are there, a selection sends ids and a file name, not outlines."""
    from tableau.ui.composant_carte import rendre_couches
    etat_ = {"v": list(D.ids), "s": "pays-basque", "c": "64102",
             "cu": "../../app/static/geo/communes-pays-basque-0123456789abcdef.json"}
    js = rendre_couches([carte.couche_etat(etat_)])
    assert '"s":"pays-basque","c":"64102"' in js and "communes-pays-basque-" in js
    assert "coordinates" not in js and len(js.encode()) < 1500


@pytest.fixture
def fichiers_geo(tmp_path, monkeypatch):
    """The map's files placed (as the install step does) in a folder of the test's own."""
    def placer(avec: bool):
        dossier = tmp_path / ("geo" if avec else "vide")
        if avec:
            dossier.mkdir(exist_ok=True)
            for nom, contenu in geostatique.fichiers(D, CONTOURS).items():
                (dossier / nom).write_bytes(contenu)
        monkeypatch.setattr(composant_carte, "DOSSIER_GEO", dossier)
        composant_carte._url_carte.clear()
        composant_carte._url_communes.clear()
        return dossier
    yield placer
    composant_carte._url_carte.clear()
    composant_carte._url_communes.clear()


def test_etat_de_la_carte_avec_et_sans_fichiers(fichiers_geo):
    fichiers_geo(False)
    sans = composant_carte.etat_carte(D, CLE, tuple(D.ids), "pays-basque", "64102")
    assert sans["geo"]["territoires"]["features"] and len(sans["cg"]["features"]) == 158 and "cu" not in sans
    assert "k" not in sans  # the commune's outline is in the territory's layer
    dossier = fichiers_geo(True)
    avec = composant_carte.etat_carte(D, CLE, tuple(D.ids), "pays-basque", "64102")
    nom = avec["cu"].rsplit("/", 1)[1]
    assert avec == {"v": list(D.ids), "s": "pays-basque", "c": "64102", "cu": geostatique.URL + nom,
                    "b": avec["b"]}
    assert nom == geostatique.nom("communes-pays-basque", (dossier / nom).read_bytes())
    # a commune outside the territories brings its own outline; a hidden selection is dropped
    hors = composant_carte.etat_carte(D, CLE, ("agenais",), "pays-basque", "16106")
    assert hors["s"] is None and hors["k"]["type"] in ("Polygon", "MultiPolygon") and "cu" not in hors
    js = composant_carte.rendre_couches([carte.couche_etat(avec)])
    assert len(js.encode()) < 2000


def test_etat_de_la_carte_avec_un_indicateur(fichiers_geo):
    """The choropleth travels as colours only: 16 territory colours, and for the selected
    territory's communes one index each into the few class colours."""
    from tableau.logique import choroplethe
    fichiers_geo(True)
    e = composant_carte.etat_carte(D, CLE, tuple(D.ids), "lacq-pau-tarbes", None, "taux_chomage_rp")
    attendu_t = choroplethe.couleurs_territoires(D.insee, D.ids, "taux_chomage_rp")[0]
    assert e["ct"] == attendu_t and set(e["ct"]) == set(D.ids)
    attendu_c = choroplethe.couleurs_communes(D.insee, D.communes_par_territoire["lacq-pau-tarbes"],
                                              "taux_chomage_rp")[0]
    assert {code: e["cc"]["p"][i][0] for code, i in e["cc"]["k"].items()} == attendu_c
    assert len(e["cc"]["k"]) == 561
    # each territory's value, for its tooltip, as the panel writes it
    from tableau.logique import indicateurs
    assert e["vn"] == indicateurs.libelle_annees(D.insee.doc, "taux_chomage_rp", court=True)
    assert e["vt"] == {t: indicateurs.formater("taux_chomage_rp", D.insee.valeurs_territoires["taux_chomage_rp"][t])
                       for t in D.ids}
    assert e["vt"]["lacq-pau-tarbes"].endswith("\u202f%")
    js = composant_carte.rendre_couches([carte.couche_etat(e)])
    assert "coordinates" not in js and len(js.encode()) < 20 * 1024  # issue 11: ≤ 20 KB per interaction
    # without a selection, no commune colours
    assert "cc" not in composant_carte.etat_carte(D, CLE, tuple(D.ids), None, None, "taux_chomage_rp")


def test_sans_service_statique_la_geometrie_voyage_avec_la_carte(fichiers_geo, monkeypatch):
    import streamlit as st
    fichiers_geo(True)
    monkeypatch.setattr(st, "get_option", lambda nom: False if nom == "server.enableStaticServing" else None)
    e = composant_carte.etat_carte(D, CLE, tuple(D.ids), "agenais", None)
    assert "geo" in e and len(e["cg"]["features"]) == 44 and "cu" not in e


def test_bornes_de_la_vue(fichiers_geo):
    """The view is fitted in the browser to bounds sent with the state: the region, the
    filtered territories, the selection, the commune (with its nearest territory)."""
    from tableau.logique import vue
    fichiers_geo(True)
    region = composant_carte.etat_carte(D, CLE, tuple(D.ids), None, None)["b"]
    (s, w), (n, e) = region
    assert (w, s, e, n) == pytest.approx(vue.bbox(f["geometry"] for f in D.region_geojson["features"]), abs=1e-4)
    agenais = composant_carte.etat_carte(D, CLE, tuple(D.ids), "agenais", None)["b"]
    assert s < agenais[0][0] < agenais[1][0] < n and w < agenais[0][1] < agenais[1][1] < e
    filtre = composant_carte.etat_carte(D, CLE, ("agenais", "pays-basque"), None, None)["b"]
    assert filtre[0][0] < agenais[0][0] and filtre != region
    assert "center" not in composant_carte.etat_carte(D, CLE, tuple(D.ids), None, None)


def test_commune_hors_territoire_proche_et_distance(fichiers_geo):
    """Mimizan: the nearest territory, the line to it, and the data's distance as label."""
    fichiers_geo(True)
    c = D.commune["40184"]
    e = composant_carte.etat_carte(D, CLE, tuple(D.ids), None, "40184")
    assert e["p"] == c.territoire_proche == "bordeaux-metropole-bassin-d-arcachon-nord"
    assert e["dt"] == "39,5\u202fkm" and e["dl"][0] == [c.lat, c.lon]
    (s, w), (n, est) = e["b"]
    for lat, lon in e["dl"]:  # the whole line is in the view
        assert s <= lat <= n and w <= lon <= est
    assert len(composant_carte.rendre_couches([carte.couche_etat(e)]).encode()) < 20 * 1024
    # a commune inside a territory: no nearest one, no line
    assert not {"p", "dl", "dt"} & set(composant_carte.etat_carte(D, CLE, tuple(D.ids), "pays-basque", "64102"))


def _config_de_base(base) -> dict:
    """The config object the base script passes to the map's function (carte_js)."""
    import json
    debut = base.script.index('{"carte":')
    return json.JSONDecoder().raw_decode(base.script[debut:])[0]


def test_filtre_montre_sur_place_comme_le_serveur(fichiers_geo):
    """What the map gets to show a département filter before the rerun (T.filtrer): for every
    département, and every pair, the visible territories and the union of their boxes are
    exactly the ids and bounds the rerun then sends (else the view would move a second time)."""
    import itertools

    from tableau.logique import filtre
    fichiers_geo(True)
    config = _config_de_base(composant_carte._base(D, CLE, "aucun"))["filtre"]
    assert list(config["d"]) == list(D.ids)  # the server's order: the state's list compares equal

    def sur_place(codes):
        vis = [t for t in config["d"] if set(config["d"][t]) & set(codes)]
        if not vis or len(vis) == len(config["d"]):
            return vis, config["r"]
        b = [config["b"][t] for t in vis]
        return vis, [[min(x[0][0] for x in b), min(x[0][1] for x in b)], [max(x[1][0] for x in b),
                                                                        max(x[1][1] for x in b)]]
    for codes in [*([c] for c in DEPS), *itertools.combinations(DEPS, 2)]:
        visibles = filtre.territoires_visibles(D.territoires, codes)
        serveur = composant_carte.etat_carte(D, CLE, tuple(visibles), None, None)
        assert sur_place(codes) == (serveur["v"], serveur["b"]), codes
    assert config["r"] == composant_carte.etat_carte(D, CLE, tuple(D.ids), None, None)["b"]


def test_script_de_base_reel_sous_son_plafond(fichiers_geo):
    """The real base (numbers, filter boxes, texts), sent once per page load: its budget."""
    fichiers_geo(True)
    b = composant_carte._base(D, CLE, "aucun")
    assert len((b.script + b.header + b.html).encode()) < 22_000  # 21.2 KB with the filter boxes (+1.7 KB)
