"""INSEE indicators: the committed data against the raw archive, the build checks, the stage."""
import csv
import io
import json
import zipfile
from collections import defaultdict

import pytest

from geo import build, insee, sources
from geo.errors import BuildError

DATA = build.ROOT / "data"
SRC = build.DEFAULT_SOURCES
ARCHIVE = SRC / sources.INSEE_COMPARATEUR.fichier

_SKIP_SANS_SOURCES = pytest.mark.skipif(not ARCHIVE.exists(), reason=f"archive INSEE absente ({ARCHIVE})")


def needs_sources(test):
    """Integration test on the raw sources: skipped without them, left out of `make test-unit`."""
    return pytest.mark.sources(_SKIP_SANS_SOURCES(test))
VARIABLES_2018 = {"etablissements": "ETTOT18", "etablissements_industrie": "ETBE18",
                  "etablissements_10_salaries_plus": "ETTEFP1018", "emplois": "P18_EMPLT",
                  "emplois_debut": "P13_EMPLT", "emplois_salaries": "P18_EMPLT_SAL",
                  "actifs_15_64": "P18_ACT1564", "chomeurs_15_64": "P18_CHOM1564",
                  "population": "P18_POP", "population_debut": "P13_POP"}


@pytest.fixture(scope="module")
def doc():
    return json.loads((DATA / "insee.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def communes_insee():
    with open(DATA / "insee_communes.csv", encoding="utf-8", newline="") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


# ------------------------------------------------------------------ independent recomputation

@pytest.fixture(scope="module")
def brut():
    """Raw rows by 2021 code, read with the standard library only."""
    with zipfile.ZipFile(ARCHIVE) as z:
        texte = z.read("base_cc_comparateur.CSV").decode("utf-8")
    return {r["CODGEO"]: r for r in csv.DictReader(io.StringIO(texte, newline=""), delimiter=";")}


@pytest.fixture(scope="module")
def origines():
    """2026 code -> its 2021 codes, from the COG fields directly (no chain in this scope)."""
    entries = json.loads((SRC / "cog-2026/communes.json").read_text(encoding="utf-8"))
    vers = {}
    for e in entries:
        if e["type"] == "commune-actuelle":
            vers[e["code"]] = e["code"]
            for a in e.get("anciensCodes") or ():
                vers.setdefault(a, e["code"])
    for e in entries:
        if e["type"] in ("commune-deleguee", "commune-associee") and e.get("chefLieu"):
            vers.setdefault(e["code"], e["chefLieu"])
    out = defaultdict(list)
    for code, cible in vers.items():
        out[cible].append(code)
    return out


@needs_sources
@pytest.mark.parametrize("territoire", ["lacq-pau-tarbes", "angouleme-cognac"])
def test_territory_aggregates_recomputed_from_the_raw_archive(doc, brut, origines, territoire):
    with open(SRC / sources.MEMBERSHIP.fichier, encoding="utf-8") as f:
        noms = {"lacq-pau-tarbes": "Lacq – Pau – Tarbes", "angouleme-cognac": "Angoulême – Cognac"}
        membres = [r["insee_com"] for r in csv.DictReader(f) if r["lib_ti"] == noms[territoire]]
    codes_2021 = [c for m in membres for c in origines[m] if c in brut]
    sommes = {k: sum(float(brut[c][v]) for c in codes_2021) for k, v in VARIABLES_2018.items()}
    t = doc["territoires"][territoire]
    assert t["communes"] == len(membres)
    for k, attendu in sommes.items():
        assert t[k] == pytest.approx(attendu, rel=1e-12), k
    s = sommes
    assert t["part_industrie"] == pytest.approx(100 * s["etablissements_industrie"] / s["etablissements"])
    assert t["part_10_salaries_plus"] == pytest.approx(
        100 * s["etablissements_10_salaries_plus"] / s["etablissements"])
    assert t["evolution_emplois"] == pytest.approx(100 * (s["emplois"] / s["emplois_debut"] - 1))
    assert t["part_salaries"] == pytest.approx(100 * s["emplois_salaries"] / s["emplois"])
    assert t["taux_chomage_rp"] == pytest.approx(100 * s["chomeurs_15_64"] / s["actifs_15_64"])
    # Lacq - Pau - Tarbes spans the Hautes-Pyrénées: its communes of 65 are counted.
    if territoire == "lacq-pau-tarbes":
        assert any(m.startswith("65") for m in membres)


@needs_sources
def test_merged_commune_sums_its_2021_codes_and_ratio_is_not_an_average(communes_insee, brut):
    # Val-des-Vignes (16186) absorbed 16010 after 2021.
    row = communes_insee["16186"]
    for k, v in VARIABLES_2018.items():
        assert float(row[k]) == pytest.approx(float(brut["16186"][v]) + float(brut["16010"][v]), rel=1e-12)
    a, b = brut["16186"], brut["16010"]
    somme = 100 * (float(a["P18_CHOM1564"]) + float(b["P18_CHOM1564"])) / (
        float(a["P18_ACT1564"]) + float(b["P18_ACT1564"]))
    moyenne = (100 * float(a["P18_CHOM1564"]) / float(a["P18_ACT1564"])
               + 100 * float(b["P18_CHOM1564"]) / float(b["P18_ACT1564"])) / 2
    calcule = 100 * float(row["chomeurs_15_64"]) / float(row["actifs_15_64"])
    assert calcule == pytest.approx(somme) and abs(calcule - moyenne) > 0.01


def test_every_commune_has_values_and_census_counts_are_unrounded(communes_insee):
    with open(DATA / "communes.csv", encoding="utf-8", newline="") as f:
        codes = {r["code"] for r in csv.DictReader(f)}
    assert len(codes) == 4762 and set(communes_insee) == codes
    assert any("." in r["emplois"] for r in communes_insee.values())


def test_published_population_figures(doc):
    assert doc["region"]["population"] == 5_979_778
    assert doc["departements"]["33"]["population"] == 1_601_845
    assert doc["region"]["departements"] == ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"]
    assert doc["departements"]["65"]["dans_region"] is False


def test_years_labels_and_mapping_facts_are_in_the_data(doc):
    assert doc["variables"]["etablissements_industrie"] == {
        "code": "ETBE18", "annee": 2018, "unite": "établissements", "recensement": False,
        "libelle": "Ets actifs industrie fin 2018", "libelle_long": "Établissements actifs de l'industrie fin 2018"}
    assert doc["indicateurs"]["evolution_emplois"]["annees"] == [2013, 2018]
    assert doc["source"]["edition"] == "2022" and doc["source"]["geographie_communes"] == 2021
    r = doc["rattachement"]
    assert (r["codes_2021"], r["communes_2026"], r["codes_rattaches_a_une_autre_commune"]) == (4782, 4762, 20)
    assert sum(len(f["codes_2021"]) for f in r["detail"]) - len(r["detail"]) == 20
    assert {"sujet", "detail"} <= set(doc["textes"]["non_disponible"][0])


def test_aggregates_add_up(doc, communes_insee):
    deps = doc["departements"]
    for k in VARIABLES_2018:
        assert sum(deps[d][k] for d in doc["region"]["departements"]) == pytest.approx(doc["region"][k], rel=1e-12)
        assert sum(float(r[k]) for r in communes_insee.values()) == pytest.approx(
            sum(d[k] for d in deps.values()), rel=1e-12)


@needs_sources
def test_committed_insee_files_match_a_rebuild_of_the_stage():
    entries = json.loads((SRC / sources.COMMUNES_COG.fichier).read_text(encoding="utf-8"))
    from geo import cog, membership
    from geo.referentiel import DEPARTEMENTS, REGION_CODE
    communes = cog.communes_actuelles(entries, DEPARTEMENTS)
    membres, noms = membership.read_membership((SRC / sources.MEMBERSHIP.fichier).read_text(encoding="utf-8"),
                                               [c["code"] for c in communes])
    deps = {d["code"]: d for d in json.loads((SRC / sources.DEPARTEMENTS_COG.fichier).read_text(encoding="utf-8"))}
    regions = {r["code"]: r for r in json.loads((SRC / sources.REGIONS_COG.fichier).read_text(encoding="utf-8"))}
    files, controles = insee.etape(SRC, entries, communes, membres, noms, deps, regions[REGION_CODE],
                                   build.contenu.DOSSIER)
    for name, text in files.items():
        assert (DATA / name).read_text(encoding="utf-8") == text, name
    assert controles["population_publiee"]["verifie"] is True
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    src = [s for s in manifest["sources"] if s["fichier"] == sources.INSEE_COMPARATEUR.fichier]
    assert src == [{"fichier": sources.INSEE_COMPARATEUR.fichier, "producteur": "INSEE", "millesime": "2022",
                    "licence": "Licence Ouverte / Etalab 2.0", "url": "https://www.insee.fr/fr/statistiques/2521169",
                    "role": sources.INSEE_COMPARATEUR.role, "citation": sources.INSEE_COMPARATEUR.citation,
                    "origine": [],  # taken from INSEE itself: no separate official origin
                    "sha256": "311caa145141e60a7e61297a2e6038a2acba6d85b3a7763320b058076d2be9dc"}]


# ------------------------------------------------------------------ synthetic archives: the checks

ENTETE_2018 = "CODGEO;P18_POP;P13_POP;P18_EMPLT;P18_EMPLT_SAL;P13_EMPLT;P18_CHOM1564;P18_ACT1564;" \
              "ETTOT18;ETBE18;ETTEF118;ETTEFP1018"


def _archive(lignes, entete=ENTETE_2018, encodage="utf-8", meta_extra=()) -> bytes:
    meta = ["COD_VAR;LIB_VAR;LIB_VAR_LONG;COD_MOD;LIB_MOD;TYPE_VAR;LONG_VAR",
            "ETBE18;Ets actifs industrie fin 2018;Établissements actifs de l'industrie fin 2018;;;NUM;4",
            "CODGEO;CODGEO;Code;01002;Ancienne-Commune;CHAR;5", *meta_extra]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("base_cc_comparateur.CSV", "\r\n".join([entete, *lignes, ""]).encode(encodage))
        z.writestr("meta_base_cc_comparateur.CSV", "\r\n".join([*meta, ""]).encode(encodage))
    return buf.getvalue()


ENTRIES = [
    {"code": "01001", "type": "commune-actuelle", "departement": "01", "anciensCodes": ["01002"]},
    {"code": "01003", "type": "commune-actuelle", "departement": "01"},
    {"code": "01004", "type": "commune-deleguee", "departement": "01", "chefLieu": "01003"},
]
COMMUNES = [{"code": "01001", "departement": "01"}, {"code": "01003", "departement": "01"}]
LIGNES = ["01001;100;90;50.5;40.25;45;5.5;44;10;2;6;1",
          "01002;20;30;9.5;8.75;5;0.5;6;5;1;3;1",
          "01003;300;310;120;100;130;10;120;30;6;20;4",
          "01004;7;8;1;1;1;0;2;1;0;1;0",
          "75101;5;5;5;5;5;5;5;5;5;5;5"]  # a Paris district: outside the scope, ignored


def _construire(archive, publies=None, communes=COMMUNES, entries=ENTRIES):
    return insee.construire(archive, "synthetique.zip", entries, communes, {"01001": "t1"}, {"t1": "T1"},
                            ["t1"], {"01": {"nom": "Ain", "region": "84"}}, {"code": "84", "nom": "Région"},
                            ["01"], {"source": "test"}, {"non_disponible": []}, publies or {})


def test_synthetic_stage_sums_merged_codes_and_recomputes_ratios():
    files, controles = _construire(_archive(LIGNES))
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(files["insee_communes.csv"]))}
    assert rows["01001"]["emplois"] == "60" and rows["01001"]["emplois_salaries"] == "49"
    assert rows["01003"]["population"] == "307" and rows["01003"]["etablissements"] == "31"
    doc = json.loads(files["insee.json"])
    t = doc["territoires"]["t1"]
    assert t["taux_chomage_rp"] == pytest.approx(100 * 6 / 50)   # (5.5 + 0.5) / (44 + 6), not mean of 12.5 and 8.3
    assert t["evolution_emplois"] == pytest.approx(100 * (60 - 50) / 50)
    assert doc["region"]["etablissements_industrie"] == 9 and doc["region"]["communes"] == 2
    assert doc["rattachement"]["detail"] == [
        {"commune": "01001", "codes_2021": ["01001", "01002"], "noms_2021": ["", "Ancienne-Commune"]},
        {"commune": "01003", "codes_2021": ["01003", "01004"], "noms_2021": ["", ""]}]
    assert doc["variables"]["etablissements_industrie"]["libelle"] == "Ets actifs industrie fin 2018"
    assert controles["population_publiee"] == {
        "variable": "P18_POP", "verifie": False,
        "motif": "aucun chiffre publié de référence enregistré pour cette édition"}


def test_next_edition_drops_in_with_its_years_from_the_names():
    entete = ENTETE_2018.replace("P18", "P22").replace("P13", "P17").replace("ETTOT18", "ETTOT24") \
        .replace("ETBE18", "ETBE24").replace("ETTEF118", "ETTEF124").replace("ETTEFP1018", "ETTEFP1024")
    doc = json.loads(_construire(_archive(LIGNES, entete))[0]["insee.json"])
    assert doc["variables"]["etablissements_industrie"]["code"] == "ETBE24"
    assert doc["variables"]["emplois"]["annee"] == 2022 and doc["variables"]["emplois_debut"]["annee"] == 2017
    assert doc["indicateurs"]["evolution_emplois"]["annees"] == [2017, 2022]
    assert doc["indicateurs"]["part_industrie"]["annees"] == [2024]


def test_windows_1252_archive_is_decoded():
    files, _ = _construire(_archive(LIGNES, encodage="cp1252"))
    doc = json.loads(files["insee.json"])
    assert doc["source"]["encodages"] == {"base_cc_comparateur.CSV": "utf-8",  # ASCII only
                                          "meta_base_cc_comparateur.CSV": "cp1252"}
    libelle = doc["variables"]["etablissements_industrie"]["libelle_long"]
    assert libelle == "Établissements actifs de l'industrie fin 2018"


def test_published_figure_checked_against_the_sum():
    publies = {"P18_POP": {"region": 427, "departements": {"01": 427}}}
    assert _construire(_archive(LIGNES), publies)[1]["population_publiee"]["verifie"] is True
    with pytest.raises(BuildError, match=r"P18_POP de la région : 427,0 au lieu de 428 publié par l'INSEE"):
        _construire(_archive(LIGNES), {"P18_POP": {"region": 428, "departements": {}}})
    with pytest.raises(BuildError, match=r"P18_POP du département 01 : 427,0 au lieu de 300"):
        _construire(_archive(LIGNES), {"P18_POP": {"region": 427, "departements": {"01": 300}}})


@pytest.mark.parametrize("lignes, entete, message", [
    (LIGNES + ["01009;1;1;1;1;1;1;1;1;1;1;1"], ENTETE_2018,
     "ligne 7 : code commune 2021 « 01009 » sans correspondance dans le COG 2026"),
    (LIGNES[:2], ENTETE_2018, "commune(s) 2026 sans valeur INSEE (aucun code 2021 rattaché) : 01003"),
    ([LIGNES[0].replace(";50.5;", ";;")] + LIGNES[1:], ENTETE_2018,
     "ligne 2 : valeur absente pour P18_EMPLT (commune 01001)"),
    ([LIGNES[0].replace(";50.5;", ";s;")] + LIGNES[1:], ENTETE_2018,
     "ligne 2 : valeur invalide (« s ») pour P18_EMPLT (commune 01001)"),
    (LIGNES, ENTETE_2018.replace("ETBE18", "ETBEXX"),
     "ligne 1 : variable introuvable : aucune colonne de la forme ETBEaa"),
    (LIGNES, ENTETE_2018.replace("P13_EMPLT", "X13_EMPLT"),
     "variable introuvable : aucune colonne de la forme Paa_EMPLT pour deux années"),
    (LIGNES, ENTETE_2018.replace("P18_EMPLT_SAL", "P17_EMPLT_SAL"),
     "années incohérentes pour part_salaries : P17_EMPLT_SAL et P18_EMPLT"),
    (LIGNES, ENTETE_2018.replace(";", ","), "ligne 1 : séparateur « ; » absent"),
    (LIGNES + [LIGNES[2].replace(";300;", ";301;")], ENTETE_2018,
     "ligne 7 : code commune 2021 « 01003 » présent deux fois (lignes 4 et 7)"),
])
def test_bad_archive_stops_with_a_french_message(lignes, entete, message):
    with pytest.raises(BuildError) as e:
        _construire(_archive(lignes, entete))
    assert message in str(e.value)


def test_damaged_zip_stops_the_build():
    with pytest.raises(BuildError, match="archive zip illisible ou tronquée"):
        _construire(_archive(LIGNES)[:200])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("autre.csv", "x")
    with pytest.raises(BuildError, match="l'archive doit contenir un fichier base_cc_comparateur.csv"):
        _construire(buf.getvalue())


@needs_sources
def test_unmappable_code_in_the_real_archive_stops_the_full_build(tmp_path, capsys):
    """End to end: a forged row in a copy of INSEE's zip; data/ is left untouched."""
    mirror = tmp_path / "sources"
    for s in sources.ALL:
        (mirror / s.fichier).parent.mkdir(parents=True, exist_ok=True)
        if s is not sources.INSEE_COMPARATEUR:
            (mirror / s.fichier).symlink_to(SRC / s.fichier)
    with zipfile.ZipFile(ARCHIVE) as z, zipfile.ZipFile(mirror / sources.INSEE_COMPARATEUR.fichier, "w") as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "base_cc_comparateur.CSV":
                data += b"33999" + b";1" * 32 + b"\r\n"
            out.writestr(info, data)
    out_dir = tmp_path / "data"
    out_dir.mkdir()
    (out_dir / "temoin.txt").write_text("inchangé")
    # A previous build (geo.sortie refuses to replace any other non-empty folder)
    (out_dir / "manifest.json").write_text('{"sorties": [{"fichier": "temoin.txt"}]}')
    assert build.main(["--sources", str(mirror), "--out", str(out_dir)]) == 1
    err = capsys.readouterr().err
    assert "code commune 2021 « 33999 » sans correspondance dans le COG 2026" in err
    assert sorted(p.name for p in out_dir.iterdir()) == ["manifest.json", "temoin.txt"]
    assert (out_dir / "temoin.txt").read_text() == "inchangé"


@pytest.mark.parametrize("name, budget_kb", [("insee_communes.csv", 500), ("insee.json", 64)])
def test_size_budgets(name, budget_kb):
    assert (DATA / name).stat().st_size < budget_kb * 1024


def test_project_notes_are_checked(tmp_path):
    p = tmp_path / "insee.json"
    with pytest.raises(BuildError, match="fichier absent"):
        insee.lire_textes(p)
    p.write_text('{"non_disponible": [{"sujet": "x", "detail": ""}]}', encoding="utf-8")
    with pytest.raises(BuildError, match="liste d'objets {sujet, detail} non vides"):
        insee.lire_textes(p)
    p.write_text('{"non_disponible": [', encoding="utf-8")
    with pytest.raises(BuildError, match="JSON illisible"):
        insee.lire_textes(p)
    assert insee.lire_textes(build.contenu.DOSSIER / "insee.json")["non_disponible"][2]["sujet"] == \
        "Demandeurs d'emploi par commune"
