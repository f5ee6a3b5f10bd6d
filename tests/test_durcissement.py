"""Hardening: hostile URLs, damaged or read-only data, escaping, configuration."""
import hashlib
import json
import os
import shutil
import stat
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tableau.logique import carte, donnees, etat
from tableau.ui import composant_carte, session
from tableau.ui.composant_carte import rendre_couches
from tests.appli import faux_composant, titre  # noqa: F401 (autouse fixture)

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
D = donnees.charger()
DEPS = tuple(D.departements)
PAGES = ["pages/carte.py", "pages/services.py", "pages/financements.py", "pages/territoires.py", "pages/sources.py"]

HOSTILES = [
    {"territoire": ["nimporte"]},
    {"territoire": ["pays-basque", "agenais", "lacq-pau-tarbes"]},
    {"territoire": [""], "dep": [""]},
    {"territoire": ["x" * 10_000], "dep": ["6" * 10_000]},
    {"territoire": ["<script>alert(1)</script>"], "dep": ['"><img src=x onerror=alert(1)>']},
    {"territoire": ["pays-basque\x00"], "dep": ["64\r\n", "\x1b[31m"]},
    {"territoire": ["../../data/manifest.json"], "dep": ["..%2F..%2Fetc%2Fpasswd"]},
    {"territoire": ["PAYS-BASQUE"], "dep": ["064", "6 4", "2A"]},
    {"territoire": ["pays-basque"], "dep": ["64", "64", "65"], "inconnu": ["1"]},
]


@pytest.mark.parametrize("params", HOSTILES)
def test_parseur_ne_laisse_passer_que_des_ids_connus(params):
    e, notices = etat.lire(params, D.ids, DEPS)
    assert e.territoire in (None, *D.ids)
    assert all(d in DEPS for d in e.deps)
    for n in notices:  # never a reflected value
        for valeurs in params.values():
            for v in valeurs:
                if v and v not in D.ids and v not in DEPS:
                    assert v[:20] not in n
    assert "<" not in " ".join(notices)


@pytest.mark.parametrize("params", HOSTILES)
def test_pages_avec_parametres_hostiles(params):
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v if len(v) > 1 else v[0]
    at.run()
    assert not at.exception
    texte = " ".join(w.value for w in at.warning)
    assert "<script" not in texte and "onerror" not in texte and "passwd" not in texte
    # what is left in the URL is only valid state
    restant = dict(at.query_params)
    assert set(restant) <= {"territoire", "dep"}
    assert restant.get("territoire", "pays-basque") in D.ids


# --- damaged data: French error page, nothing else rendered ------------------------------
def _copie(tmp_path) -> Path:
    copie = tmp_path / "data"
    shutil.copytree(donnees.DATA_DIR, copie)
    return copie


def _tronquer(p: Path):
    p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])


def _sans_colonne(p: Path):
    lignes = p.read_text(encoding="utf-8").splitlines()
    p.write_text("\n".join(",".join(ligne.split(",")[:-1]) for ligne in lignes) + "\n", encoding="utf-8")


def _mauvais_type(p: Path):
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["features"][3]["properties"]["population"] = "beaucoup"
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _superficie_nulle(p: Path):
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["superficie_km2"] = 0  # was a ZeroDivisionError on two pages
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _territoire_inconnu(p: Path):
    p.write_text(p.read_text(encoding="utf-8").replace(",lacq-pau-tarbes,", ",atlantide,"), encoding="utf-8")


@pytest.mark.parametrize("fichier, abimer, attendu", [
    ("territoires.geojson", _tronquer, "territoires.geojson est illisible ou tronqué"),
    ("communes.csv", _sans_colonne, "communes.csv : colonne(s) manquante(s) : distance_km"),
    ("territoires.geojson", _mauvais_type,
     "territoires.geojson, entité 4 : la propriété « population » n'a pas le type"),
    ("financements.csv", _territoire_inconnu,
     "financements.csv, ligne 25, colonne territoire : territoire « atlantide »"),
    ("services.json", lambda p: p.unlink(), "services.json est introuvable"),
    ("limites.geojson", _tronquer, "limites.geojson est illisible ou tronqué"),
    ("territoires.geojson", _superficie_nulle, "territoires.geojson, territoire agenais : superficie nulle"),
])
def test_donnees_abimees_page_d_erreur(tmp_path, monkeypatch, fichier, abimer, attendu):
    copie = _copie(tmp_path)
    abimer(copie / fichier)
    monkeypatch.setenv("TI_DONNEES", str(copie))
    for page in PAGES:
        at = AppTest.from_file(APP, default_timeout=30)
        at.run()
        if page != "pages/carte.py":
            at.switch_page(page).run()
        assert not at.exception
        assert len(at.error) == 1 and attendu in at.error[0].value, at.error
        assert "reconstruits" in at.error[0].value
        # no half-state: nothing of the page below the error
        assert not at.title and not at.header and not at.selectbox and not at.dataframe


def test_donnees_en_lecture_seule_jamais_ecrites(tmp_path, monkeypatch):
    copie = _copie(tmp_path)
    avant = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in copie.iterdir()}
    for p in copie.iterdir():
        p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    copie.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    monkeypatch.setenv("TI_DONNEES", str(copie))
    try:
        at = AppTest.from_file(APP, default_timeout=30)
        at.query_params["territoire"] = "lacq-pau-tarbes"
        at.run()
        for page in PAGES[1:] + PAGES[:1]:
            at.switch_page(page).run()
            assert not at.exception and not at.error
        assert titre(at) == "Lacq – Pau – Tarbes"
    finally:
        copie.chmod(0o755)
    apres = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in copie.iterdir()}
    assert apres == avant
    assert sorted(os.listdir(copie)) == sorted(avant)


# --- the commune layer is optional: damaged, the map works without it -------------------
def _code_inconnu(p: Path):
    p.write_text(p.read_text(encoding="utf-8").replace('"id":"64445"', '"id":"99999"'), encoding="utf-8")


@pytest.mark.parametrize("abimer, attendu", [
    (_tronquer, "communes.topojson est illisible ou tronqué"),
    (lambda p: p.write_text('{"type": "Topology"}', encoding="utf-8"), "n'est pas une topologie de communes"),
    (_code_inconnu, "commune(s) inconnue(s) de communes.csv : 99999"),
    (lambda p: p.unlink(), "communes.topojson est introuvable"),
])
def test_contours_des_communes_abimes_avertissement(tmp_path, monkeypatch, abimer, attendu):
    copie = _copie(tmp_path)
    abimer(copie / "communes.topojson")
    monkeypatch.setenv("TI_DONNEES", str(copie))
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["commune"] = "64445"
    at.run()
    assert not at.exception and not at.error
    assert titre(at) == "Lacq – Pau – Tarbes"  # the panel is there
    assert any(attendu in w.value and "reste utilisable" in w.value for w in at.warning), at.warning
    # the commune is still marked on the map, by a point
    js = composant_carte._couches(session._charger(str(copie)), str(copie), tuple(D.ids), "lacq-pau-tarbes",
                                  "64445")
    assert '"kp":[' in js and '"k":' not in js and "coordinates" not in js


# --- escaping and configuration ---------------------------------------------------------
def test_infobulle_echappe_les_noms():
    from tableau.logique import geostatique
    f = json.loads(json.dumps(D.territoires_geojson["features"][0]))
    f["properties"]["nom"] = '<img src=x onerror="alert(1)">'
    geo = carte.geometrie_carte(D.limites_geojson, [f])
    # inline (with the state) and in the static file: escaped once by us, shown as text
    js = rendre_couches([carte.couche_etat({"v": [], "s": None, "c": None, "geo": geo})])
    fichier = geostatique.octets(geo).decode()
    for texte in (js, fichier):
        assert "<img" not in texte
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in texte


def test_configuration_streamlit():
    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert conf["server"]["enableXsrfProtection"] is True
    assert conf["browser"]["gatherUsageStats"] is False
    assert conf["client"]["showErrorDetails"] == "none"  # no traceback in the page
    # the network carries each interaction compressed (measured in tests/e2e/test_carte_gestes.py)
    assert conf["server"]["enableWebsocketCompression"] is True
    assert conf["theme"]["primaryColor"] == conf["theme"]["linkColor"] == "#0000a0"  # no red focus frame


def test_aucun_html_brut_dans_le_code():
    sources = [p for d in ("tableau", "pages") for p in (ROOT / d).rglob("*.py")] + [ROOT / "app.py"]
    fautifs = [str(p) for p in sources if "unsafe_allow_html" in p.read_text(encoding="utf-8")]
    assert fautifs == []


# --- links that repeat: the valid prefix, the same on every page, with a notice ----------
LIENS_LONGS = [
    ({"dep": ["64"] * 5000}, {"dep": "64"}),
    ({"territoire": ["pays-basque"], "dep": ["64"] * 1000}, {"territoire": "pays-basque", "dep": "64"}),
    ({"dep": ["99"] * 5000}, {}),
    ({"dep": ["99"] * 1500}, {}),
    ({f"k{i}": ["1"] for i in range(15_000)}, {}),
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("params, restant", LIENS_LONGS, ids=["dep64x5000", "pb+dep64x1000", "dep99x5000",
                                                               "dep99x1500", "15000cles"])
def test_liens_qui_se_repetent(page, params, restant):
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v if len(v) > 1 else v[0]
    at.run()
    if page != "pages/carte.py":
        at.switch_page(page).run()
    assert not at.exception
    avis = [w.value for w in at.warning]
    assert etat.AVIS_TRONQUE in avis or any("inconnu" in a or "non reconnus" in a for a in avis), avis
    if page == "pages/carte.py":  # the notices of a link are shown once, where it was opened
        assert etat.AVIS_TRONQUE in avis
    assert dict(at.query_params) == restant  # the filter (and selection) of the valid prefix
    assert at.sidebar.multiselect[0].value == ([restant["dep"]] if "dep" in restant else [])
