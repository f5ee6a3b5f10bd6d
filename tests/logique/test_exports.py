"""Exports: their content equals the data, and each states its sources and licence."""
import csv
import html.parser
import io
import json

from tableau.logique import donnees, exports

D = donnees.charger()


def test_geojson_territoire():
    doc = json.loads(exports.geojson_territoire(D, "pays-basque"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 1
    f = doc["features"][0]
    original = next(x for x in D.territoires_geojson["features"] if x["properties"]["id"] == "pays-basque")
    assert f == original
    assert "Licence Ouverte" in doc["metadonnees"]["licence"]
    assert any("ANCT" in s["source"] for s in doc["metadonnees"]["sources"])


def test_geojson_region():
    doc = json.loads(exports.geojson_region(D))
    assert [f["properties"]["id"] for f in doc["features"]] == list(D.ids)
    assert doc["metadonnees"]["sources"]


def test_csv_communes():
    texte = exports.csv_communes(D, "lacq-pau-tarbes")
    entete = [ligne for ligne in texte.splitlines() if ligne.startswith("#")]
    assert entete[0] == "# Communes du territoire Lacq – Pau – Tarbes"
    assert any("Licence Ouverte" in ligne for ligne in entete) and any("INSEE" in ligne for ligne in entete)
    rows = list(csv.DictReader(io.StringIO("\n".join(x for x in texte.splitlines() if not x.startswith("#")))))
    assert len(rows) == 561 == D.territoires["lacq-pau-tarbes"].nb_communes
    assert sum(int(r["population_2026"]) for r in rows) == D.territoires["lacq-pau-tarbes"].population
    assert {r["departement"] for r in rows} == {"64", "65"}
    pau = next(r for r in rows if r["nom"] == "Pau")
    assert pau["code_insee"] == "64445" and pau["epci_nom"] == "CA Pau Béarn Pyrénées"


def test_fiche_html():
    texte = exports.fiche_html(D, "grand-perigueux-grand-bergeracois")

    class Collecte(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.text, self.urls = [], [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.urls += [v for k, v in attrs if k in ("src", "href")]

        def handle_data(self, data):
            self.text.append(data)
    c = Collecte()
    c.feed(texte)
    contenu = " ".join(c.text)
    assert "Grand Périgueux – Grand Bergeracois" in contenu
    assert "171 communes" in contenu.replace("\u202f", " ")
    assert "Rubi Cuir" in contenu and "Manuco" in contenu
    assert "Un chef de projet dans chaque territoire" in contenu
    assert "Licence Ouverte" in contenu and "ANCT" in contenu
    assert c.urls == []  # self-contained: nothing fetched when opened or printed
    assert "script" not in c.tags


def test_fiche_echappe_les_noms():
    from dataclasses import replace
    t = dict(D.territoires, agenais=replace(D.territoires["agenais"], nom="<script>alert(1)</script>"))
    texte = exports.fiche_html(replace(D, territoires=t), "agenais")
    assert "<script>alert" not in texte and "&lt;script&gt;" in texte
