"""tableau.logique.donnees: loading the committed files into the typed model; damaged files."""

import pytest

from tableau.logique import donnees

D = donnees.charger()
DEPS = tuple(D.departements)


def test_contours_illisibles(tmp_path):
    p = tmp_path / "communes.topojson"
    p.write_text('{"type":"Topology","arcs":[[[0,0],[1,0]]],"transform":{"scale":[1,1],"translate":[0,0]},'
                 '"objects":{"communes":{"type":"GeometryCollection","geometries":[{"type":"Polygon",'
                 '"id":"64445","arcs":[[0]]}]}}}', encoding="utf-8")
    with pytest.raises(donnees.DataError, match="commune 64445 : contour dégénéré"):
        donnees.lire_contours_communes(p, {"64445"})


def test_donnees_endommagees(tmp_path):
    import shutil
    copie = tmp_path / "data"
    shutil.copytree(donnees.DATA_DIR, copie)
    p = copie / "financements.csv"
    p.write_text(p.read_text(encoding="utf-8").replace(",244,", ",-244,", 1), encoding="utf-8")
    with pytest.raises(donnees.DataError, match="financements.csv, ligne 2, colonne valeur"):
        donnees.charger(copie)
    p.write_text("id,niveau\n", encoding="utf-8")
    with pytest.raises(donnees.DataError, match="financements.csv : colonne\\(s\\) manquante\\(s\\)"):
        donnees.charger(copie)


def test_hors_zone_endommage(tmp_path):
    import shutil
    copie = tmp_path / "data"
    shutil.copytree(donnees.DATA_DIR, copie)
    (copie / "hors_zone.json").write_text('{"departements": {"31": "Haute-Garonne"}, "communes": {"99": "X"}}',
                                          encoding="utf-8")
    with pytest.raises(donnees.DataError, match="hors_zone.json : liste des départements"):
        donnees.charger(copie)
    (copie / "hors_zone.json").write_text('{"departements": {"31": "Haute-Garonne"}, "communes": {}, '
                                          '"liaisons": {"31": "de la"}}', encoding="utf-8")
    with pytest.raises(donnees.DataError, match="hors_zone.json : types de noms"):
        donnees.charger(copie)


def test_hors_zone_charge():
    d = donnees.charger()
    assert d.hors_zone.departements["31"] == "Haute-Garonne" and d.hors_zone.departements["75"] == "Paris"
    assert "Toulouse" in d.hors_zone.communes["31"]
    assert d.hors_zone.liaisons["31"] == 3 and d.hors_zone.liaisons["01"] == 5  # de la Haute-Garonne, de l'Ain
    assert not set(d.hors_zone.communes) & set(d.departements)  # only outside the 13


def test_indicateurs_insee_dans_le_modele():
    i = D.insee
    assert D.alerte_insee is None and set(D.ids) <= set(i.doc["territoires"])
    assert set(i.communes) == set(D.commune)  # every 2026 commune of the 13 départements has its counts
    t = i.doc["territoires"]["agenais"]
    assert i.valeurs_territoires["part_industrie"]["agenais"] == pytest.approx(
        100 * t["etablissements_industrie"] / t["etablissements"])
    c = i.communes["64445"]
    assert i.valeurs_communes["taux_chomage_rp"]["64445"] == pytest.approx(
        100 * c["chomeurs_15_64"] / c["actifs_15_64"])


@pytest.mark.parametrize("fichier, abimer, motif", [
    ("insee.json", lambda t: t[:100], "insee.json est illisible ou tronqué"),
    ("insee.json", None, "insee.json est introuvable"),
    ("insee_communes.csv", lambda t: t.replace("\n16002,", "\n16002,-", 1), "insee_communes.csv est endommagé"),
    ("insee.json", lambda t: t.replace('"agenais":', '"autre":', 1), "ne décrit pas le(s) territoire(s) agenais"),
])
def test_insee_abime_avertit_sans_bloquer(tmp_path, fichier, abimer, motif):
    import shutil
    copie = tmp_path / "data"
    shutil.copytree(donnees.DATA_DIR, copie)
    p = copie / fichier
    if abimer:
        p.write_text(abimer(p.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        p.unlink()
    d = donnees.charger(copie)  # the rest of the data still loads
    assert d.insee is None and len(d.territoires) == 16 and len(d.communes) == len(D.communes)
    assert motif in d.alerte_insee and d.alerte_insee.startswith("Les indicateurs économiques de l'INSEE")


@pytest.mark.parametrize("origine", [
    [{"titre": "INSEE", "url": "javascript:alert(1)"}], [{"titre": "", "url": "https://insee.fr/"}],
    [{"url": "https://insee.fr/"}], "https://insee.fr/", [["INSEE", "https://insee.fr/"]]])
def test_origine_officielle_mal_decrite(origine):
    """A source's official references are web links with a title; anything else stops the load."""
    import json
    manifest = json.loads((donnees.DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    manifest["sources"][0]["origine"] = origine
    with pytest.raises(donnees.DataError, match="une source est mal décrite"):
        donnees.lire_sources(manifest)


def test_origine_officielle_lue():
    cog = D.source("cog-2026/communes.json")
    assert ("INSEE, Code officiel géographique (COG)", "https://insee.fr/fr/information/2560452") in cog.origine
    assert D.source("anct-ti-2026/ti_communes_na_2026.csv").origine == ()
