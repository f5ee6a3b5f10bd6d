"""tableau.logique.geostatique: the map's geometry as static files, named by content."""
import json
from dataclasses import replace

from tableau.logique import donnees, geostatique

D = donnees.charger()
CONTOURS = donnees.lire_contours_communes(donnees.DATA_DIR / "communes.topojson", set(D.commune))


def test_fichiers_nommes_par_leur_contenu():
    fichiers = geostatique.fichiers(D, CONTOURS)
    assert sorted(n.rsplit("-", 1)[0] for n in fichiers) == sorted(["carte"] + [f"communes-{t}" for t in D.ids])
    for nom, contenu in fichiers.items():
        assert nom == geostatique.nom(nom.rsplit("-", 1)[0], contenu)
    assert geostatique.fichiers(D, CONTOURS) == fichiers  # same data, same bytes, same names
    # without readable commune outlines: the territories' file only
    assert [n.rsplit("-", 1)[0] for n in geostatique.fichiers(D, {})] == ["carte"]


def test_fichiers_de_donnees_publiques_seulement():
    fichiers = geostatique.fichiers(D, CONTOURS)
    geo = json.loads(next(c for n, c in fichiers.items() if n.startswith("carte-")))
    assert set(geo) == {"limites", "territoires"}
    assert [f["properties"]["id"] for f in geo["territoires"]["features"]] == list(D.ids)
    assert all(set(f["properties"]) == {"id", "nom"} for f in geo["territoires"]["features"])
    lacq = json.loads(next(c for n, c in fichiers.items() if n.startswith("communes-lacq-pau-tarbes-")))
    assert len(lacq["features"]) == 561
    assert all(set(f["properties"]) == {"code", "etiquette"} for f in lacq["features"])


def test_url_seulement_si_le_fichier_est_celui_des_donnees(tmp_path):
    contenu = geostatique.contenu_carte(D)
    assert geostatique.url_si_installe("carte", contenu, tmp_path) is None  # not installed
    fichier = tmp_path / geostatique.nom("carte", contenu)
    fichier.write_bytes(contenu)
    assert geostatique.url_si_installe("carte", contenu, tmp_path) == geostatique.URL + fichier.name
    # other data (TI_DONNEES): another content, another name, no file -> inline geometry
    autre = json.loads(json.dumps(D.territoires_geojson))
    autre["features"][0]["properties"]["nom"] = "Autre nom"
    d2 = replace(D, territoires_geojson=autre)
    assert geostatique.url_si_installe("carte", geostatique.contenu_carte(d2), tmp_path) is None
    # a file altered in place is not trusted either
    fichier.write_bytes(contenu[:-1] + b" ")
    assert geostatique.url_si_installe("carte", contenu, tmp_path) is None
