"""Static map geometry: written at install time, used only when it matches the data."""
import json
import shutil

from tableau import carte, composant_carte, donnees, geostatique

D = donnees.charger()


def test_installer_ecrit_des_noms_qui_portent_le_contenu(tmp_path):
    ecrits = geostatique.installer(donnees.DATA_DIR, tmp_path)
    noms = sorted(p.name.rsplit("-", 1)[0] for p in ecrits)
    assert noms == sorted(["carte"] + [f"communes-{t}" for t in D.ids])
    for p in ecrits:
        assert p.name == geostatique.nom(p.name.rsplit("-", 1)[0], p.read_bytes())
    # idempotent: the same files again, nothing else in the folder
    assert geostatique.installer(donnees.DATA_DIR, tmp_path) == ecrits
    assert sorted(tmp_path.iterdir()) == sorted(ecrits)


def test_fichiers_de_donnees_publiques_seulement(tmp_path):
    geostatique.installer(donnees.DATA_DIR, tmp_path)
    geo = json.loads(next(tmp_path.glob("carte-*.json")).read_text(encoding="utf-8"))
    assert set(geo) == {"limites", "territoires"}
    assert [f["properties"]["id"] for f in geo["territoires"]["features"]] == list(D.ids)
    assert all(set(f["properties"]) == {"id", "nom"} for f in geo["territoires"]["features"])
    lacq = json.loads(next(tmp_path.glob("communes-lacq-pau-tarbes-*.json")).read_text(encoding="utf-8"))
    assert len(lacq["features"]) == 561
    assert all(set(f["properties"]) == {"code", "etiquette"} for f in lacq["features"])


def test_url_seulement_si_le_fichier_est_celui_des_donnees(tmp_path):
    contenu = geostatique.contenu_carte(D)
    assert geostatique.url_si_installe("carte", contenu, tmp_path) is None  # not installed
    geostatique.installer(donnees.DATA_DIR, tmp_path)
    url = geostatique.url_si_installe("carte", contenu, tmp_path)
    assert url == geostatique.URL + geostatique.nom("carte", contenu)
    # other data (TI_DONNEES): another content, another name, no file -> inline geometry
    autre = json.loads(json.dumps(D.territoires_geojson))
    autre["features"][0]["properties"]["nom"] = "Autre nom"
    d2 = donnees.Donnees(**{**D.__dict__, "territoires_geojson": autre})
    assert geostatique.url_si_installe("carte", geostatique.contenu_carte(d2), tmp_path) is None
    # a file altered in place is not trusted either
    fichier = tmp_path / geostatique.nom("carte", contenu)
    fichier.write_bytes(contenu[:-1] + b" ")
    assert geostatique.url_si_installe("carte", contenu, tmp_path) is None


def test_etat_de_la_carte_avec_et_sans_fichiers(tmp_path, monkeypatch):
    cle = str(donnees.DATA_DIR)
    monkeypatch.setattr(geostatique, "DOSSIER", tmp_path / "vide")
    composant_carte._url_carte.clear()
    composant_carte._url_communes.clear()
    sans = composant_carte.etat_carte(D, cle, tuple(D.ids), "pays-basque", "64102")
    assert sans["geo"]["territoires"]["features"] and len(sans["cg"]["features"]) == 158 and "cu" not in sans
    assert "k" not in sans  # the commune's outline is in the territory's layer
    monkeypatch.setattr(geostatique, "DOSSIER", tmp_path)
    geostatique.installer(donnees.DATA_DIR, tmp_path)
    composant_carte._url_carte.clear()
    composant_carte._url_communes.clear()
    avec = composant_carte.etat_carte(D, cle, tuple(D.ids), "pays-basque", "64102")
    assert avec == {"v": list(D.ids), "s": "pays-basque", "c": "64102",
                    "cu": geostatique.URL + geostatique.nom(
                        "communes-pays-basque", (tmp_path / avec["cu"].rsplit("/", 1)[1]).read_bytes())}
    # a commune outside the territories brings its own outline; a hidden selection is dropped
    hors = composant_carte.etat_carte(D, cle, ("agenais",), "pays-basque", "16106")
    assert hors["s"] is None and hors["k"]["type"] in ("Polygon", "MultiPolygon") and "cu" not in hors
    js = composant_carte.rendre_couches([carte.couche_etat(avec)])
    assert len(js.encode()) < 2000
    composant_carte._url_carte.clear()
    composant_carte._url_communes.clear()


def test_installer_sans_contours_de_communes(tmp_path):
    copie = tmp_path / "data"
    shutil.copytree(donnees.DATA_DIR, copie)
    (copie / "communes.topojson").unlink()
    ecrits = geostatique.installer(copie, tmp_path / "geo")
    assert [p.name.rsplit("-", 1)[0] for p in ecrits] == ["carte"]


def test_sans_service_statique_la_geometrie_voyage_avec_la_carte(tmp_path, monkeypatch):
    import streamlit as st
    monkeypatch.setattr(geostatique, "DOSSIER", tmp_path)
    geostatique.installer(donnees.DATA_DIR, tmp_path)
    monkeypatch.setattr(st, "get_option", lambda nom: False if nom == "server.enableStaticServing" else None)
    composant_carte._url_carte.clear()
    composant_carte._url_communes.clear()
    e = composant_carte.etat_carte(D, str(donnees.DATA_DIR), tuple(D.ids), "agenais", None)
    assert "geo" in e and len(e["cg"]["features"]) == 44 and "cu" not in e
    composant_carte._url_carte.clear()
    composant_carte._url_communes.clear()
