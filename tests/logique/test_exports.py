"""Exports: their content equals the data, and each states its sources and licence."""
import html.parser
import io
import json

import pandas as pd
import pytest

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


def lire(texte: str) -> pd.DataFrame:
    """As a French user's pandas (or spreadsheet) would read the file."""
    return pd.read_csv(io.BytesIO(texte.encode("utf-8")), sep=";", decimal=",", encoding="utf-8-sig")


def test_ecrire_csv():
    texte = exports.ecrire_csv(["a", "b", "c", "d"], [[1, 2.5, "x;y", None], [2, 88.0, "é", "z"]])
    assert texte == '\ufeffa;b;c;d\n1;2,5;"x;y";\n2;88,0;é;z\n'
    t = lire(texte)
    assert [str(x) for x in t.dtypes[:2]] == ["int64", "float64"]
    assert all(pd.api.types.is_string_dtype(t[c]) for c in "cd")
    assert t["b"].tolist() == [2.5, 88.0] and t["c"].tolist() == ["x;y", "é"]
    # an evolution rounded to zero from below (Rochefort's jobs, -0,04 %): 0,0 as on screen
    assert exports.ecrire_csv(["e"], [[round(-0.04, 1)], [-1.5]]) == '\ufeffe\n0,0\n-1,5\n'


def test_csv_communes():
    texte = exports.csv_communes(D, "lacq-pau-tarbes")
    assert texte.startswith("\ufeffcode_insee;nom;departement;codes_postaux;")
    t = lire(texte)
    assert list(t.columns) == list(exports.COLONNES_COMMUNES)
    assert len(t) == 561 == D.territoires["lacq-pau-tarbes"].nb_communes
    assert str(t["population_2026"].dtype) == "int64"
    assert t["population_2026"].sum() == D.territoires["lacq-pau-tarbes"].population
    assert set(t["departement"]) == {64, 65}
    pau = t[t["nom"] == "Pau"].iloc[0]
    assert pau["code_insee"] == 64445 and pau["epci_nom"] == "CA Pau Béarn Pyrénées"
    assert pau["codes_postaux"] == "64000" and pau["territoire"] == "Lacq – Pau – Tarbes"
    assert (t["territoire_id"] == "lacq-pau-tarbes").all()
    tarbes = t[t["nom"] == "Tarbes"].iloc[0]
    assert tarbes["codes_postaux"] == ", ".join(D.commune["65440"].codes_postaux)  # several, one cell
    assert (t["licence"] == exports.LICENCE).all() and "Licence Ouverte" in exports.LICENCE
    assert t["sources"].str.contains("INSEE").all() and t["sources"].str.contains("ANCT").all()
    assert t["sources"].str.contains("DGCL").all()  # the EPCI columns
    # only the sources of its columns: no INSEE indicators nor IGN outlines (866 kB for 561 rows)
    assert not t["sources"].str.contains("comparateur|ADMIN EXPRESS").any()
    assert len(texte.encode()) < 600_000, len(texte.encode())  # was 866 kB
    # The COG's official origin (INSEE) beside the npm package the file was taken from.
    cellule = t["sources"].iloc[0]
    assert "INSEE, Code officiel géographique (COG) : https://insee.fr/fr/information/2560452" in cellule
    assert "fichier repris de https://www.npmjs.com/package/@etalab/decoupage-administratif/" in cellule


def test_sources_avec_origine_officielle():
    """The GeoJSON metadata and the fiche give the producer's page of a repackaged source."""
    doc = json.loads(exports.geojson_region(D))
    cog = next(s for s in doc["metadonnees"]["sources"] if s["source"] == "INSEE, COG et populations légales 2026")
    assert cog["url"].startswith("https://www.npmjs.com/") and cog["origine"][0] == {
        "titre": "INSEE, Code officiel géographique (COG)", "url": "https://insee.fr/fr/information/2560452"}
    anct = next(s for s in doc["metadonnees"]["sources"] if "ANCT" in s["source"])
    assert anct["origine"] == []
    assert 'href="https://insee.fr/fr/information/2560452"' in exports.fiche_html(D, "pays-basque")


def test_csv_registre():
    texte = exports.csv_registre(D.financements)
    t = lire(texte)
    assert list(t.columns) == [*exports.COLONNES_LEDGER, "licence"] and len(t) == len(D.financements)
    assert str(t["valeur"].dtype) == "float64"  # integers and decimals in one column
    par_id = t.set_index("id")
    for r in D.financements:
        assert par_id.loc[r.id, "valeur"] == pytest.approx(r.valeur)
        assert par_id.loc[r.id, "source_url"] == r.source_url and par_id.loc[r.id, "unite"] == r.unite
    # not Etalab's licence for press articles: each row's own source
    assert (t["licence"] == exports.LICENCE_REGISTRE).all() and "Etalab" not in texte
    decimales = [r for r in D.financements if not float(r.valeur).is_integer()]
    assert decimales and all(f";{str(r.valeur).replace('.', ',')};" in texte for r in decimales)


def test_fiche_html():
    texte = exports.fiche_html(D, "grand-perigueux-grand-bergeracois")

    class Collecte(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.text, self.urls, self.attrs = [], [], [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.attrs += [k for k, _ in attrs]
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
    # the panel's INSEE figures, which its sources list (they were missing), beside the region's
    from tableau.logique import tissu
    lignes = tissu.fiche(D.insee.doc, D.insee.doc["territoires"]["grand-perigueux-grand-bergeracois"])
    assert "Tissu économique" in contenu and "Taux de chômage des 15-64 ans" in contenu
    for r in lignes:
        assert tissu.cellule(r["effectif"], r["taux"]) in contenu
        assert tissu.cellule(r["effectif_reference"], r["taux_reference"]) in contenu
    assert "Source : INSEE" in contenu
    assert "(phase II (" not in contenu and "100\u202fM€, phase II (2023-2027)" in contenu
    # self-contained: nothing fetched when opened or printed (no src), and the sources are real links
    assert not any(k == "src" for k in c.attrs) and "script" not in c.tags and "img" not in c.tags
    assert c.urls and all(u.startswith("https://") for u in c.urls)
    assert any("data.gouv.fr" in u for u in c.urls) and any("cap-metiers" in u for u in c.urls)
    assert "Date des données : périmètre : version du 21 août 2026" in " ".join(contenu.split())
    # the locator map: inline SVG drawn from the data, the territory in its own path
    assert c.tags.count("svg") == 1 and c.tags.count("path") == 3


def test_fiche_departement_hors_region():
    texte = " ".join(exports.fiche_html(D, "lacq-pau-tarbes").split())
    assert "Départements : Pyrénées-Atlantiques (64), Hautes-Pyrénées (65, hors région)." in texte


def test_fiche_echappe_les_noms():
    from dataclasses import replace
    t = dict(D.territoires, agenais=replace(D.territoires["agenais"], nom="<script>alert(1)</script>"))
    texte = exports.fiche_html(replace(D, territoires=t), "agenais")
    assert "<script>alert" not in texte and "&lt;script&gt;" in texte


def test_croquis_de_situation():
    from tableau.logique import croquis
    svg = croquis.svg(D, "lacq-pau-tarbes")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 220 ')
    largeur, hauteur = (int(x) for x in svg.split('viewBox="0 0 ')[1].split('"')[0].split())
    chemins = [p.split('"')[0] for p in svg.split(' d="')[1:]]
    assert len(chemins) == 3 and all(chemins)
    pts = [tuple(map(int, xy.split())) for ch in chemins for xy in ch.replace("M", "L").replace("Z", "").split("L")
           if xy]
    assert all(0 <= x <= largeur and 0 <= y <= hauteur for x, y in pts)  # everything inside the frame
    # the territory lies in the south (Béarn, Bigorre): its points in the lower quarter of the sketch
    territoire = [tuple(map(int, xy.split())) for xy in chemins[2].replace("M", "L").replace("Z", "").split("L")
                  if xy]
    assert min(y for _, y in territoire) > 0.7 * hauteur
    assert len(svg) < 60_000


def test_csv_laureats():
    """The laureates shown, for a French spreadsheet: amounts as numbers, empty when not
    published (never 0), each row with its articles and what may be done with them."""
    t = lire(exports.csv_laureats(D, D.laureats))
    assert list(t.columns) == list(exports.COLONNES_LAUREATS) and len(t) == len(D.laureats)
    assert str(t["aide_eur"].dtype) == "float64"  # NaN where the amount is not published
    publies = {r.entreprise: r.aide_eur for r in D.laureats}
    for _, ligne in t.iterrows():
        attendu = publies[ligne["entreprise"]]
        assert (pd.isna(ligne["aide_eur"]) and attendu is None) or ligne["aide_eur"] == attendu
    martin = t[t["entreprise"].str.startswith("Martin Emballages")].iloc[0]
    assert martin["territoire"] == "Niortais – Haut Val de Sèvre"
    assert martin["territoire_id"] == "niortais-haut-val-de-sevre"
    assert martin["sources"].startswith("https://") and (t["licence"] == exports.LICENCE_LAUREATS).all()
