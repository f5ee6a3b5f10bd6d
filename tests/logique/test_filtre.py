"""tableau.logique.filtre: the département filter and the rules that reconcile a state."""

import pytest

from tableau.logique import donnees, filtre
from tableau.logique.etat import Etat

D = donnees.charger()
DEPS = tuple(D.departements)


# --- filter ------------------------------------------------------------------
@pytest.mark.parametrize("deps, attendus", [
    (("64",), ["lacq-pau-tarbes", "pays-basque"]),
    (("79",), ["bocage-bressuirais", "loudun-thouars", "niortais-haut-val-de-sevre"]),
    (("65",), ["lacq-pau-tarbes"]),
    (("40",), []),
    (("79", "86"), ["bocage-bressuirais", "grand-chatellerault", "loudun-thouars", "niortais-haut-val-de-sevre"]),
])
def test_filtre_par_departement(deps, attendus):
    assert sorted(filtre.territoires_visibles(D.territoires, deps)) == attendus


def test_filtre_vide_garde_les_16():
    assert filtre.territoires_visibles(D.territoires, ()) == list(D.ids) and len(D.ids) == 16


def test_territoires_a_cheval_sur_deux_departements():
    doubles = sorted(t for t, p in D.territoires.items() if len(p.departements) == 2)
    assert doubles == ["brive-tulle-perigord-noir", "grand-libournais", "lacq-pau-tarbes",
                       "limoges-et-haute-vienne", "loudun-thouars", "val-de-garonne-guyenne-gascogne-et-reolais"]
    for t in doubles:
        for dep in D.territoires[t].departements:
            assert t in filtre.territoires_visibles(D.territoires, [dep])


def test_message_quand_aucun_territoire():
    msg = filtre.message_filtre([], ["40"], D.departements)
    assert msg == "Aucun Territoire d'industrie n'est labellisé dans ce département : Landes (40)."
    assert filtre.message_filtre(["pays-basque"], ["64"], D.departements) is None
    assert filtre.message_filtre(list(D.ids), [], D.departements) is None


def test_concilier_retire_une_selection_cachee():
    assert filtre.concilier("pays-basque", ["79"], D.territoires)[0] is None
    assert "Pays Basque" in filtre.concilier("pays-basque", ["79"], D.territoires)[1]
    assert filtre.concilier("pays-basque", ["64"], D.territoires) == ("pays-basque", None)
    assert filtre.concilier("pays-basque", [], D.territoires) == ("pays-basque", None)


# --- a link with a commune: the commune decides -----------------------------------------
COMMUNES = {c.code: c for c in D.communes}


@pytest.mark.parametrize("lien, attendu, avec_notice", [
    (Etat(None, (), "64445"), Etat("lacq-pau-tarbes", (), "64445"), False),
    (Etat("agenais", ("64",), "64445"), Etat("lacq-pau-tarbes", ("64",), "64445"), False),
    (Etat(None, ("79",), "64445"), Etat("lacq-pau-tarbes", (), "64445"), True),   # filter lifted
    (Etat("agenais", ("79",), "16106"), Etat(None, ("79",), "16106"), False),    # outside: filter kept
    (Etat("pays-basque", ("79",), None), Etat(None, ("79",), None), True),       # hidden territory dropped
    (Etat("pays-basque", ("64",), None), Etat("pays-basque", ("64",), None), False),
])
def test_concilier_un_lien(lien, attendu, avec_notice):
    e, notice = filtre.concilier_etat(lien, D.territoires, COMMUNES)
    assert e == attendu
    assert (notice is not None) == avec_notice


@pytest.mark.parametrize("deps, attendu", [
    (["33"], "le département de la Gironde (33)"),
    (["79", "86"], "les départements des Deux-Sèvres (79) et de la Vienne (86)"),
    (["16", "17", "19"], "les départements de la Charente (16), de la Charente-Maritime (17) et de la Corrèze (19)"),
])
def test_noms_departements(deps, attendu):
    assert filtre.noms_departements(deps, D.departements) == attendu
