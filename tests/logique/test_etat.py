"""tableau.logique.etat: the URL state (parsing hostile links, round trip)."""

import pytest

from tableau.logique import donnees, etat
from tableau.logique.etat import Etat

D = donnees.charger()
DEPS = tuple(D.departements)


# --- URL state ---------------------------------------------------------------
@pytest.mark.parametrize("params, attendu, nb_notices", [
    ({}, Etat(), 0),
    ({"territoire": ["pays-basque"]}, Etat("pays-basque"), 0),
    ({"territoire": ["loudun-thouars"], "dep": ["86"]}, Etat("loudun-thouars", ("86",)), 0),
    ({"dep": ["86", "79"]}, Etat(None, ("79", "86")), 0),            # reference order
    ({"dep": ["79,86"]}, Etat(None, ("79", "86")), 0),               # comma form accepted
    ({"dep": ["64", "64"]}, Etat(None, ("64",)), 0),                 # duplicates folded
    ({"territoire": [""], "dep": [""]}, Etat(), 0),                  # empty values are no values
    ({"territoire": ["nimporte"]}, Etat(), 1),
    ({"dep": ["99"]}, Etat(), 1),
    ({"dep": ["<script>alert(1)</script>"]}, Etat(), 1),
    ({"territoire": ["x" * 10_000]}, Etat(), 1),
    ({"territoire": ["pays-basque", "agenais"]}, Etat("pays-basque"), 1),
    ({"territoire": ["../../etc/passwd"], "dep": ["64", "2A"]}, Etat(None, ("64",)), 2),
    ({"autre": ["1"]}, Etat(), 1),
    ({"indicateur": ["part_industrie"]}, Etat(indicateur="part_industrie"), 0),
    ({"indicateur": ["aucun"]}, Etat(), 0),                         # "aucun" is the map without colours
    ({"indicateur": ["taux_chomage_rp", "part_salaries"]}, Etat(indicateur="taux_chomage_rp"), 0),
    ({"indicateur": ["evolution_population"]}, Etat(), 1),          # in the data, not offered on the map
    ({"indicateur": ["<b>x</b>"], "territoire": ["agenais"]}, Etat("agenais"), 1),
])
def test_lire_parametres(params, attendu, nb_notices):
    e, notices = etat.lire(params, D.ids, DEPS)
    assert e == attendu
    assert len(notices) == nb_notices
    for n in notices:  # notices never echo what came from the URL
        assert "<" not in n and "nimporte" not in n and "xxxx" not in n and "passwd" not in n


def test_url_round_trip():
    for e in (Etat(), Etat("pays-basque"), Etat(None, ("79", "86")), Etat("loudun-thouars", ("79", "86")),
              Etat("agenais", ("47",), None, "evolution_emplois")):
        params = {k: v if isinstance(v, list) else [v] for k, v in etat.vers_params(e).items()}
        assert etat.lire(params, D.ids, DEPS) == (e, [])
    assert etat.query_string(Etat("loudun-thouars", ("79", "86"))) == "territoire=loudun-thouars&dep=79&dep=86"
    assert etat.query_string(Etat(indicateur="part_industrie")) == "indicateur=part_industrie"


def test_commune_dans_l_url():
    codes = {c.code for c in D.communes}
    e, notices = etat.lire({"commune": ["64445"]}, D.ids, DEPS, codes)
    assert e.commune == "64445" and notices == []
    e, notices = etat.lire({"commune": ["99999"]}, D.ids, DEPS, codes)
    assert e.commune is None and notices == [etat.AVIS_COMMUNE] and "n'est pas une commune de la zone" in notices[0]
    e, notices = etat.lire({"commune": ["75056"]}, D.ids, DEPS, codes)  # Paris: outside, not « inconnue »
    assert e.commune is None and notices == [etat.AVIS_COMMUNE]
    assert etat.query_string(Etat("lacq-pau-tarbes", (), "64445")) == "territoire=lacq-pau-tarbes&commune=64445"


# --- links that repeat: the valid prefix (etat.borner_requete), then bounded values ---------
def test_borner_garde_un_lien_ordinaire():
    assert etat.borner_requete("territoire=pays-basque&dep=64&dep=65") == "territoire=pays-basque&dep=64&dep=65"
    assert etat.borner_requete("") == ""


def test_borner_garde_le_prefixe_valide_et_le_dit():
    borne = etat.borner_requete("territoire=pays-basque&" + "&".join(["dep=64"] * 1000))
    assert borne.startswith("territoire=pays-basque&dep=64&") and borne.endswith(f"&{etat.CLE_TRONQUE}=1")
    assert borne.count("&") + 1 == etat.MAX_CHAMPS  # within Streamlit's own bound
    borne = etat.borner_requete("territoire=" + "x" * 10**6 + "&dep=64")
    assert len(borne) <= etat.MAX_CARACTERES + 30 and borne == f"&{etat.CLE_TRONQUE}=1"


def _lire_lien(requete: str):
    from urllib.parse import parse_qs
    return etat.lire(parse_qs(etat.borner_requete(requete), keep_blank_values=True), D.ids, DEPS)


@pytest.mark.parametrize("requete, attendu", [
    ("&".join(["dep=64"] * 5000), Etat(None, ("64",))),
    ("territoire=pays-basque&" + "&".join(["dep=64"] * 1000), Etat("pays-basque", ("64",))),
    ("&".join(["dep=99"] * 5000), Etat()),
    ("&".join(f"k{i}=1" for i in range(15_000)), Etat()),
])
def test_lien_qui_se_repete(requete, attendu):
    e, notices = _lire_lien(requete)
    assert e == attendu and etat.AVIS_TRONQUE in notices


def test_trop_de_valeurs_distinctes_pour_une_cle():
    e, notices = etat.lire({"dep": [f"x{i}" for i in range(200)] + ["64"]}, D.ids, DEPS)
    assert e.deps == () and etat.AVIS_TRONQUE in notices  # only the first 50 are read: 64 is not among them
    e, notices = etat.lire({"dep": ["64"] * 300}, D.ids, DEPS)
    assert e.deps == ("64",) and notices == []  # repeats collapse, nothing dropped


def test_classement_dans_l_url():
    """Page Territoires: the number ranked on, by its id; an unknown one is refused, not echoed."""
    from tableau.logique import comparaison
    ids = comparaison.classements(D)
    e, notices = etat.lire({"classement": ["communes"]}, D.ids, DEPS, classements=ids)
    assert e == Etat(classement="communes") and notices == []
    for hostile in ("<b>x</b>", "x" * 10_000, "Communes"):  # labels are not ids
        e, notices = etat.lire({"classement": [hostile], "territoire": ["agenais"]}, D.ids, DEPS, classements=ids)
        assert e == Etat("agenais") and len(notices) == 1 and "<" not in notices[0] and "xxx" not in notices[0]
    e = Etat("agenais", ("47",), None, "part_industrie", "taux_chomage_rp")
    params = {k: v if isinstance(v, list) else [v] for k, v in etat.vers_params(e).items()}
    assert etat.lire(params, D.ids, DEPS, classements=ids) == (e, [])
    assert etat.query_string(Etat(classement="densite")) == "classement=densite"
