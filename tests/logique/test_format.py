"""tableau.logique.format: French number formatting."""

import pytest

from tableau.logique import donnees, format as fmt

D = donnees.charger()
DEPS = tuple(D.departements)


def test_format_francais():
    assert fmt.entier(542931) == "542\u202f931"
    assert fmt.decimal(652.54, 1) == "652,5"
    assert fmt.km2(2157.7) == "2\u202f158\u202fkm²"
    assert fmt.km2(65.25) == "65,2\u202fkm²"


@pytest.mark.parametrize("iso, fr", [("2024-08-06", "6 août 2024"), ("2021-05-28", "28 mai 2021"),
                                     ("2021-12", "décembre 2021"), ("2021-05-01", "1er mai 2021"),
                                     ("2020-2022", "2020-2022"), ("4 avril (année non indiquée)",
                                                                  "4 avril (année non indiquée)"),
                                     ("", ""), ("2021-13", "2021-13"), ("phase II", "phase II")])
def test_dates_en_francais(iso, fr):
    assert fmt.date(iso) == fr


def test_dates_dans_un_texte():
    assert fmt.dates_dans("version du 2026-08-21") == "version du 21 août 2026"
    assert fmt.dates_dans("annonces 2020-2021") == "annonces 2020-2021"


def test_colonne_de_nombres_en_texte():
    col = fmt.colonne([652.54, 12.3, 2157.7, None], 1, vide="non publiée")
    assert col == ["\u2007\u2007652,5", "\u2007\u2007\u200712,3", "2\u202f157,7", "non publiée"]
    assert fmt.colonne([542931, 7]) == ["542\u202f931", "\u2007" * 6 + "7"]
    assert fmt.colonne([]) == []
    # signed: one figure space per greater value, before the sign (text order = numeric order)
    assert fmt.colonne([1.64, -0.42, None, 0.0, 1.64], 1, signe=True) == [
        "+1,6", "\u2007\u2007\u2212" + "0,4", "", "\u2007" + "0,0", "+1,6"]


@pytest.mark.parametrize("texte, attendu", [
    ("Fonds vert — Territoires d'industrie", "Fonds vert — Territoires d'industrie"),
    ("2020-2022 (phase II)", "2020-2022 (phase II)"),
    ("- liste", "\\- liste"), ("# titre", "\\# titre"),
    ("[lien](https://x.fr) *gras* _it_ `code` <b>",
     "\\[lien\\](https:\u2060//x.fr) \\*gras\\* \\_it\\_ \\`code\\` \\<b\\>"),
    ("coût $5 à $6", "coût \\$5 à \\$6"), ("icône :material/map:", "icône :\u2060material/map:"),
    ("PME : 144", "PME : 144"), (None, "")])
def test_texte_inerte_en_markdown(texte, attendu):
    assert fmt.md(texte) == attendu


def test_lien_markdown():
    assert fmt.md_lien("source", "https://a.fr/x (1)>") == "[source](<https://a.fr/x%20(1)%3E>)"
    assert fmt.md_lien("source", "javascript:alert(1)") == "source"


@pytest.mark.parametrize("libelle, attendu", [
    ("Entreprises bénéficiaires : PME", "Entreprises bénéficiaires (PME)"),
    ("Projets soutenus", "Projets soutenus"),
    ("Note : ", "Note : "),  # nothing after the colon: left as it is
])
def test_libelle_avant_valeur(libelle, attendu):
    assert fmt.libelle_avant_valeur(libelle) == attendu


def test_titre_insecable():
    assert fmt.insecable("Territoires d'industrie en Nouvelle-Aquitaine") == (
        "Territoires d'industrie en Nouvelle\u2011Aquitaine")
    assert fmt.insecable("Lacq – Pau – Tarbes") == "Lacq – Pau – Tarbes"  # nothing else touched
