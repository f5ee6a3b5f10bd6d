"""tableau.logique.carte: the Folium map (colours, basemaps, layers, escaping)."""

from dataclasses import replace

import pytest
from shapely.geometry import shape

from tableau.logique import carte, donnees, format as fmt

D = donnees.charger()
DEPS = tuple(D.departements)


# --- map building ------------------------------------------------------------
def test_couleurs_differentes_entre_voisins():
    feats = D.territoires_geojson["features"]
    pal = carte.couleurs(feats)
    assert set(pal) == set(D.ids) and set(pal.values()) <= set(carte.PALETTE)
    geoms = {f["properties"]["id"]: shape(f["geometry"]) for f in feats}
    voisins = [(a, b) for a in geoms for b in geoms if a < b and geoms[a].intersects(geoms[b])]
    assert voisins, "some territories do touch"
    assert all(pal[a] != pal[b] for a, b in voisins)


@pytest.mark.parametrize("fond, hote", [("ign", "data.geopf.fr"), ("osm", "tile.openstreetmap.org")])
def test_fonds_de_carte(fond, hote):
    m = carte.carte_de_base(D.limites_geojson, fond, (45.0, 0.0), 6)
    script = m.get_root().render()
    assert hote in script and ("IGN" in script if fond == "ign" else "OpenStreetMap" in script)


def test_choisir_fond():
    assert carte.choisir_fond(None) == ("ign", None)
    assert carte.choisir_fond(" OSM ") == ("osm", None)
    assert carte.choisir_fond("aucun") == ("aucun", None)
    cle, alerte = carte.choisir_fond("google")
    assert cle == "ign" and "non reconnu" in alerte


def test_couche_territoires_porte_id_et_nom():
    feats = [f for f in D.territoires_geojson["features"] if f["properties"]["id"] in ("agenais", "pays-basque")]
    fg = carte.couche_territoires(feats, carte.couleurs(feats), "agenais")
    geojson = next(iter(fg._children.values()))
    ids = [f["properties"]["id"] for f in geojson.data["features"]]
    assert ids == ["agenais", "pays-basque"]
    # only id and nom travel to the browser
    assert all(set(f["properties"]) == {"id", "nom"} and f["properties"]["nom"] for f in geojson.data["features"])


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


def test_couche_des_communes_coloree_par_un_indicateur():
    feats = carte.communes_du_territoire(D.communes, CONTOURS, "agenais")
    sans = next(iter(carte.couche_communes(feats)._children.values()))
    assert sans.style_function(feats[0])["fillOpacity"] == 0.0  # as before: outlines only
    couleurs = {f["properties"]["code"]: "#253494" for f in feats} | {feats[1]["properties"]["code"]: "#ffffcc"}
    avec = next(iter(carte.couche_communes(feats, couleurs)._children.values()))
    s0, s1 = avec.style_function(feats[0]), avec.style_function(feats[1])
    assert (s0["fillColor"], s0["fillOpacity"], s0["color"]) == ("#253494", 1.0, "#ffffff")  # light edge on dark
    assert (s1["fillColor"], s1["color"]) == ("#ffffcc", carte.CONTOUR_COMMUNE)
