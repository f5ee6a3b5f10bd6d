"""tableau.logique.carte: the Folium map (colours, basemaps, layers, escaping)."""

import math
from dataclasses import replace

import pytest
from shapely.geometry import Point, shape

from tableau.logique import carte, donnees, format as fmt
from tableau.logique.recherche import normaliser

D = donnees.charger()
DEPS = tuple(D.departements)
PALETTE_D = carte.couleurs(D.territoires_geojson["features"])


# --- map building ------------------------------------------------------------
def test_couleurs_differentes_entre_voisins():
    feats = D.territoires_geojson["features"]
    pal = carte.couleurs(feats)
    assert set(pal) == set(D.ids) and set(pal.values()) <= set(carte.PALETTE)
    geoms = {f["properties"]["id"]: shape(f["geometry"]) for f in feats}
    voisins = [(a, b) for a in geoms for b in geoms if a < b and geoms[a].intersects(geoms[b])]
    assert voisins, "some territories do touch"
    assert all(pal[a] != pal[b] for a, b in voisins)
    # nor close hues (orange beside vermillion read as one territory): none on this map
    assert [(a, b) for a, b in voisins if frozenset((pal[a], pal[b])) in carte.PROCHES] == []


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


# --- commune drill-down ------------------------------------------------------------------
CONTOURS = donnees.lire_contours_communes(donnees.DATA_DIR / "communes.topojson", {c.code for c in D.communes})


def test_couche_detaillee_du_territoire():
    feats = carte.communes_du_territoire(D.communes, CONTOURS, "lacq-pau-tarbes")
    assert len(feats) == D.territoires["lacq-pau-tarbes"].nb_communes == 561
    pau = next(f for f in feats if f["properties"]["code"] == "64445")
    pop = next(c.population for c in D.communes if c.code == "64445")
    assert pau["properties"]["etiquette"] == f"Pau — {fmt.entier(pop)} hab."
    assert pau["geometry"] == CONTOURS["64445"]


def test_couche_detaillee_echappe_les_noms():
    faux = [replace(D.communes[0], nom="<b>x</b>", territoire="agenais")]
    f = carte.communes_du_territoire(faux, CONTOURS, "agenais")[0]
    assert f["properties"]["etiquette"].startswith("&lt;b&gt;x&lt;/b&gt; — ")


def test_couleurs_des_communes_pour_la_carte():
    """An indicator's commune colours travel as distinct fills (with a readable outline
    each) and one index per commune: small, and each commune gets its own colour back."""
    feats = carte.communes_du_territoire(D.communes, CONTOURS, "agenais")
    couleurs = {f["properties"]["code"]: "#253494" for f in feats} | {feats[1]["properties"]["code"]: "#ffffcc"}
    cc = carte.couleurs_communes(couleurs)
    # a light edge on the dark fill
    assert sorted(map(tuple, cc["p"])) == [("#253494", "#ffffff"), ("#ffffcc", carte.CONTOUR_COMMUNE)]
    assert {code: cc["p"][i][0] for code, i in cc["k"].items()} == couleurs
    assert carte.STYLES["commune"]["fillOpacity"] == 0.0  # without an indicator: outlines only


# --- a map read without hovering (issue 12) ------------------------------------------
def test_numeros_uniques_par_ordre_alphabetique():
    num = carte.numeros(D.territoires)
    assert sorted(num.values()) == list(range(1, 17)) and set(num) == set(D.ids)
    noms = [D.territoires[t].nom for t in sorted(num, key=num.get)]
    assert noms == sorted(noms, key=normaliser)


def test_numero_a_l_interieur_de_son_territoire():
    pts = carte.points_etiquettes(D.territoires_geojson["features"])
    for f in D.territoires_geojson["features"]:
        lat, lon = pts[f["properties"]["id"]]
        g = shape(f["geometry"])
        assert g.contains(Point(lon, lat))
        assert g.boundary.distance(Point(lon, lat)) > 0.02  # well inside (~2 km), not on a border


def test_ligne_vers_le_territoire_le_plus_proche():
    """Mimizan: the line goes from the commune's point to the outline of its nearest
    territory, about as long as the data's distance (which the label shows as is)."""
    c = D.commune["40184"]
    assert (c.territoire, c.distance_km) == (None, 39.5)
    geom = next(f["geometry"] for f in D.territoires_geojson["features"]
                if f["properties"]["id"] == c.territoire_proche)
    (lat0, lon0), (lat1, lon1) = carte.ligne_distance(c.lat, c.lon, geom)
    assert (lat0, lon0) == (c.lat, c.lon)
    assert shape(geom).boundary.distance(Point(lon1, lat1)) < 1e-4  # on the outline
    r = 6371.0
    km = r * math.hypot(math.radians(lon1 - lon0) * math.cos(math.radians(lat0)), math.radians(lat1 - lat0))
    assert abs(km - c.distance_km) < 3  # simplified outline, approximate projection: drawing only
