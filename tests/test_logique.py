"""Unit tests of the dashboard logic (no browser, no Streamlit runtime)."""
import json
import math
import re

import pytest
import shapely
from shapely.geometry import shape

from tableau import carte, donnees, etat, filtre, format as fmt, panneau, selection, vue
from tableau.etat import Etat

D = donnees.charger()
DEPS = tuple(D.departements)


# --- URL state ---------------------------------------------------------------
@pytest.mark.parametrize("params, attendu, nb_notices", [
    ({}, Etat(), 0),
    ({"territoire": ["pays-basque"]}, Etat("pays-basque"), 0),
    ({"territoire": ["loudun-thouars"], "dep": ["86"]}, Etat("loudun-thouars", ("86",)), 0),
    ({"dep": ["86", "79"]}, Etat(None, ("79", "86")), 0),            # reference order
    ({"dep": ["79,86"]}, Etat(None, ("79", "86")), 0),               # comma form accepted
    ({"dep": ["64", "64"]}, Etat(None, ("64",)), 0),                 # duplicates folded
    ({"territoire": [""], "dep": [""]}, Etat(), 0),                  # empty values are no values
    ({"territoire": ["nimporte"]}, Etat(), 1),
    ({"dep": ["99"]}, Etat(), 1),
    ({"dep": ["<script>alert(1)</script>"]}, Etat(), 1),
    ({"territoire": ["x" * 10_000]}, Etat(), 1),
    ({"territoire": ["pays-basque", "agenais"]}, Etat("pays-basque"), 1),
    ({"territoire": ["../../etc/passwd"], "dep": ["64", "2A"]}, Etat(None, ("64",)), 2),
    ({"autre": ["1"]}, Etat(), 1),
])
def test_lire_parametres(params, attendu, nb_notices):
    e, notices = etat.lire(params, D.ids, DEPS)
    assert e == attendu
    assert len(notices) == nb_notices
    for n in notices:  # notices never echo what came from the URL
        assert "<" not in n and "nimporte" not in n and "xxxx" not in n and "passwd" not in n


def test_url_round_trip():
    for e in (Etat(), Etat("pays-basque"), Etat(None, ("79", "86")), Etat("loudun-thouars", ("79", "86"))):
        params = {k: v if isinstance(v, list) else [v] for k, v in etat.vers_params(e).items()}
        assert etat.lire(params, D.ids, DEPS) == (e, [])
    assert etat.query_string(Etat("loudun-thouars", ("79", "86"))) == "territoire=loudun-thouars&dep=79&dep=86"


# --- filter ------------------------------------------------------------------
@pytest.mark.parametrize("deps, attendus", [
    (("64",), ["lacq-pau-tarbes", "pays-basque"]),
    (("79",), ["bocage-bressuirais", "loudun-thouars", "niortais-haut-val-de-sevre"]),
    (("65",), ["lacq-pau-tarbes"]),
    (("40",), []),
    (("79", "86"), ["bocage-bressuirais", "grand-chatellerault", "loudun-thouars", "niortais-haut-val-de-sevre"]),
])
def test_filtre_par_departement(deps, attendus):
    assert sorted(filtre.territoires_visibles(D.territoires, deps)) == attendus


def test_filtre_vide_garde_les_16():
    assert filtre.territoires_visibles(D.territoires, ()) == list(D.ids) and len(D.ids) == 16


def test_territoires_a_cheval_sur_deux_departements():
    doubles = sorted(t for t, p in D.territoires.items() if len(p["departements"]) == 2)
    assert doubles == ["brive-tulle-perigord-noir", "grand-libournais", "lacq-pau-tarbes",
                       "limoges-et-haute-vienne", "loudun-thouars", "val-de-garonne-guyenne-gascogne-et-reolais"]
    for t in doubles:
        for dep in D.territoires[t]["departements"]:
            assert t in filtre.territoires_visibles(D.territoires, [dep])


def test_message_quand_aucun_territoire():
    msg = filtre.message_filtre([], ["40"], D.departements)
    assert msg == "Aucun Territoire d'industrie n'est labellisé dans ce département : Landes (40)."
    assert filtre.message_filtre(["pays-basque"], ["64"], D.departements) is None
    assert filtre.message_filtre(list(D.ids), [], D.departements) is None


def test_concilier_retire_une_selection_cachee():
    assert filtre.concilier("pays-basque", ["79"], D.territoires)[0] is None
    assert "Pays Basque" in filtre.concilier("pays-basque", ["79"], D.territoires)[1]
    assert filtre.concilier("pays-basque", ["64"], D.territoires) == ("pays-basque", None)
    assert filtre.concilier("pays-basque", [], D.territoires) == ("pays-basque", None)


# --- map click ---------------------------------------------------------------
# A return value recorded from streamlit-folium 0.27 after a click in the Pays Basque.
RETOUR_PAYS_BASQUE = {
    "last_object_clicked_count": 1,
    "last_active_drawing": {"type": "Feature", "properties": {"id": "pays-basque", "nom": "Pays Basque",
                                                              "nb_communes": 158},
                            "geometry": {"type": "Polygon", "coordinates": [[[-1.4, 43.3], [-1.3, 43.3],
                                                                             [-1.3, 43.4], [-1.4, 43.3]]]}},
}


def test_clic_nouveau_selectionne():
    assert selection.lire_clic(RETOUR_PAYS_BASQUE, 0, D.ids) == ("pays-basque", None, 1)


def test_meme_retour_sans_nouveau_clic_ne_change_rien():
    assert selection.lire_clic(RETOUR_PAYS_BASQUE, 1, D.ids) == (None, None, 1)


@pytest.mark.parametrize("retour", [None, {}, {"last_object_clicked_count": 2},
                                    {"last_object_clicked_count": 2, "last_active_drawing": {"properties": {"id": "x"}}},
                                    {"last_object_clicked_count": "2", "last_active_drawing": None}])
def test_retours_sans_territoire(retour):
    clic = selection.lire_clic(retour, 0, D.ids, {"64445"})
    assert clic.territoire is None and clic.commune is None


def test_clic_sur_territoire_filtre_ignore():
    assert selection.lire_clic(RETOUR_PAYS_BASQUE, 0, ["agenais"]).territoire is None


def _retour_commune(code, compte=3):
    return {"last_object_clicked_count": compte,
            "last_active_drawing": {"type": "Feature", "properties": {"code": code, "etiquette": "Pau"},
                                    "geometry": {"type": "Point", "coordinates": [-0.37, 43.3]}}}


def test_clic_sur_une_commune_de_la_couche_detaillee():
    assert selection.lire_clic(_retour_commune("64445"), 2, D.ids, {"64445"}) == (None, "64445", 3)


@pytest.mark.parametrize("code", ["99999", 64445, None, "<b>"])
def test_clic_sur_une_commune_inconnue_ne_selectionne_rien(code):
    assert selection.lire_clic(_retour_commune(code), 2, D.ids, {"64445"}) == (None, None, 3)


# --- view --------------------------------------------------------------------
def test_vue_contient_la_boite():
    box = vue.bbox(f["geometry"] for f in D.region_geojson["features"])
    (lat, lon), zoom = vue.centre_zoom(box)
    assert box[1] < lat < box[3] and box[0] < lon < box[2]
    assert zoom == 6
    agenais = next(f for f in D.territoires_geojson["features"] if f["properties"]["id"] == "agenais")
    assert vue.centre_zoom(vue.bbox([agenais["geometry"]]))[1] > zoom


# --- map building ------------------------------------------------------------
def test_couleurs_differentes_entre_voisins():
    feats = D.territoires_geojson["features"]
    pal = carte.couleurs(feats)
    assert set(pal) == set(D.ids) and set(pal.values()) <= set(carte.PALETTE)
    geoms = {f["properties"]["id"]: shape(f["geometry"]) for f in feats}
    voisins = [(a, b) for a in geoms for b in geoms if a < b and geoms[a].intersects(geoms[b])]
    assert voisins, "some territories do touch"
    assert all(pal[a] != pal[b] for a, b in voisins)


PALETTE_D = carte.couleurs(D.territoires_geojson["features"])


def test_carte_de_base_constante_et_sans_cdn():
    from streamlit_folium import generate_js_hash

    from tableau.composant_carte import rendre_base
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
    assert len((b1.script + b1.header + b1.html).encode()) < 12_000


def test_chaines_en_cache_identiques_a_st_folium(monkeypatch):
    """Our cached rendering sends exactly what st_folium would (guards a version bump)."""
    import streamlit_folium

    from tableau.composant_carte import rendre_base, rendre_couches
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


@pytest.mark.parametrize("fond, hote", [("ign", "data.geopf.fr"), ("osm", "tile.openstreetmap.org")])
def test_fonds_de_carte(fond, hote):
    m = carte.carte_de_base(fond, (45.0, 0.0), 6, None, PALETTE_D)
    script = m.get_root().render()
    assert hote in script and ("IGN" in script if fond == "ign" else "OpenStreetMap" in script)


def test_choisir_fond():
    assert carte.choisir_fond(None) == ("ign", None)
    assert carte.choisir_fond(" OSM ") == ("osm", None)
    assert carte.choisir_fond("aucun") == ("aucun", None)
    cle, alerte = carte.choisir_fond("google")
    assert cle == "ign" and "non reconnu" in alerte


def test_geometrie_des_territoires_porte_id_et_nom():
    feats = [f for f in D.territoires_geojson["features"] if f["properties"]["id"] in ("agenais", "pays-basque")]
    geo = carte.geometrie_carte(D.limites_geojson, feats)
    ids = [f["properties"]["id"] for f in geo["territoires"]["features"]]
    assert ids == ["agenais", "pays-basque"]
    # only id and nom travel to the browser
    assert all(set(f["properties"]) == {"id", "nom"} and f["properties"]["nom"] for f in geo["territoires"]["features"])
    assert geo["limites"] is D.limites_geojson


# --- panel data --------------------------------------------------------------
def test_panneau_lacq_pau_tarbes():
    p = panneau.donnees_panneau(D, "lacq-pau-tarbes")
    assert p["nom"] == "Lacq – Pau – Tarbes"
    assert [(x["code"], x["dans_region"]) for x in p["departements"]] == [("64", True), ("65", False)]
    assert p["departements"][1]["nom"] == "Hautes-Pyrénées"
    communes = [c for c in D.communes if c["territoire"] == "lacq-pau-tarbes"]
    assert p["nb_communes"] == len(communes) == 561
    assert p["population"] == sum(c["population"] for c in communes)
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
    assert r["nb_communes"] == sum(1 for c in D.communes if c["territoire"])
    assert r["population"] == sum(c["population"] for c in D.communes if c["territoire"])


def test_format_francais():
    assert fmt.entier(542931) == "542\u202f931"
    assert fmt.decimal(652.54, 1) == "652,5"
    assert fmt.km2(2157.7) == "2\u202f158\u202fkm²"
    assert fmt.km2(65.25) == "65,2\u202fkm²"


def test_commune_dans_l_url():
    codes = {c["code"] for c in D.communes}
    e, notices = etat.lire({"commune": ["64445"]}, D.ids, DEPS, codes)
    assert e.commune == "64445" and notices == []
    e, notices = etat.lire({"commune": ["99999"]}, D.ids, DEPS, codes)
    assert e.commune is None and notices == ["La commune indiquée dans le lien est inconnue : elle n'est pas affichée."]
    assert etat.query_string(Etat("lacq-pau-tarbes", (), "64445")) == "territoire=lacq-pau-tarbes&commune=64445"


# --- commune drill-down ------------------------------------------------------------------
CONTOURS = donnees.lire_contours_communes(donnees.DATA_DIR / "communes.topojson", {c["code"] for c in D.communes})


def test_couche_detaillee_du_territoire():
    feats = carte.communes_du_territoire(D.communes, CONTOURS, "lacq-pau-tarbes")
    assert len(feats) == D.territoires["lacq-pau-tarbes"]["nb_communes"] == 561
    pau = next(f for f in feats if f["properties"]["code"] == "64445")
    pop = next(c["population"] for c in D.communes if c["code"] == "64445")
    assert pau["properties"]["etiquette"] == f"Pau — {fmt.entier(pop)} hab."
    assert pau["geometry"] == CONTOURS["64445"]


def test_couche_detaillee_echappe_les_noms():
    faux = [dict(D.communes[0], nom="<b>x</b>", territoire="agenais")]
    f = carte.communes_du_territoire(faux, CONTOURS, "agenais")[0]
    assert f["properties"]["etiquette"].startswith("&lt;b&gt;x&lt;/b&gt; — ")


def test_couche_etat_sans_geometrie_deja_envoyee():
    """Once the static files are there, a selection sends ids and a file name, not outlines."""
    from tableau.composant_carte import rendre_couches
    etat_ = {"v": list(D.ids), "s": "pays-basque", "c": "64102",
             "cu": "../../app/static/geo/communes-pays-basque-0123456789abcdef.json"}
    js = rendre_couches([carte.couche_etat(etat_)])
    assert '"s":"pays-basque","c":"64102"' in js and "communes-pays-basque-" in js
    assert "coordinates" not in js and len(js.encode()) < 1500


def test_contours_illisibles(tmp_path):
    p = tmp_path / "communes.topojson"
    p.write_text('{"type":"Topology","arcs":[[[0,0],[1,0]]],"transform":{"scale":[1,1],"translate":[0,0]},'
                 '"objects":{"communes":{"type":"GeometryCollection","geometries":[{"type":"Polygon",'
                 '"id":"64445","arcs":[[0]]}]}}}', encoding="utf-8")
    with pytest.raises(donnees.DataError, match="commune 64445 : contour dégénéré"):
        donnees.lire_contours_communes(p, {"64445"})


# --- a link with a commune: the commune decides -----------------------------------------
COMMUNES = {c["code"]: c for c in D.communes}


@pytest.mark.parametrize("lien, attendu, avec_notice", [
    (Etat(None, (), "64445"), Etat("lacq-pau-tarbes", (), "64445"), False),
    (Etat("agenais", ("64",), "64445"), Etat("lacq-pau-tarbes", ("64",), "64445"), False),
    (Etat(None, ("79",), "64445"), Etat("lacq-pau-tarbes", (), "64445"), True),   # filter lifted
    (Etat("agenais", ("79",), "16106"), Etat(None, ("79",), "16106"), False),    # outside: filter kept
    (Etat("pays-basque", ("79",), None), Etat(None, ("79",), None), True),       # hidden territory dropped
    (Etat("pays-basque", ("64",), None), Etat("pays-basque", ("64",), None), False),
])
def test_concilier_un_lien(lien, attendu, avec_notice):
    e, notice = filtre.concilier_etat(lien, D.territoires, COMMUNES)
    assert e == attendu
    assert (notice is not None) == avec_notice


# --- view on a commune -------------------------------------------------------------------
def _dans(petite, grande):
    return grande[0] <= petite[0] and grande[1] <= petite[1] and petite[2] <= grande[2] and petite[3] <= grande[3]


def etendue(centre: tuple[float, float], zoom: int, largeur_px: int = 520, hauteur_px: int = 560
            ) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) seen at ``centre`` and ``zoom`` (Web Mercator)."""
    lat, lon = centre
    echelle = 256 * 2 ** zoom
    dx = largeur_px / echelle * 360 / 2
    dy = hauteur_px / echelle * 2 * math.pi / 2
    y = vue._merc_y(lat)

    def lat_de(v):
        return math.degrees(math.atan(math.sinh(v)))
    return lon - dx, lat_de(y - dy), lon + dx, lat_de(y + dy)


def test_etendue_inverse_de_centre_zoom():
    box = vue.bbox([D.territoires_geojson["features"][0]["geometry"]])
    centre, zoom = vue.centre_zoom(box)
    assert _dans(box, etendue(centre, zoom))
    assert not _dans(box, etendue(centre, zoom + 2))  # two steps closer, it no longer fits


@pytest.mark.parametrize("code", ["64445", "33529", "64102", "40065"])
def test_vue_commune_montre_tout_son_contour(code):
    b = vue.bbox([CONTOURS[code]])
    centre, zoom = vue.vue_commune(b)
    assert _dans(b, etendue(centre, zoom))
    assert zoom == vue.ZOOM_MAX_COMMUNE or not _dans(b, etendue(centre, zoom + 2))  # not a dot


@pytest.mark.parametrize("code", ["16106", "40192"])
def test_vue_commune_hors_territoire_montre_le_plus_proche(code):
    c = COMMUNES[code]
    assert not c["territoire"]
    proche = vue.bbox([f["geometry"] for f in D.territoires_geojson["features"]
                       if f["properties"]["id"] == c["territoire_proche"]])
    b = vue.bbox([CONTOURS[code]])
    vu = etendue(*vue.vue_commune(b, proche))
    assert _dans(b, vu) and _dans(proche, vu)
