"""tableau.logique.selection: reading a click out of the map component's return value."""

import pytest

from tableau.logique import donnees, selection

D = donnees.charger()
DEPS = tuple(D.departements)


# --- map click ---------------------------------------------------------------
# A return value recorded from streamlit-folium 0.27 after a click in the Pays Basque.
RETOUR_PAYS_BASQUE = {
    "last_object_clicked_count": 1,
    "last_active_drawing": {"type": "Feature", "properties": {"id": "pays-basque", "nom": "Pays Basque",
                                                              "nb_communes": 158},
                            "geometry": {"type": "Polygon", "coordinates": [[[-1.4, 43.3], [-1.3, 43.3],
                                                                             [-1.3, 43.4], [-1.4, 43.3]]]}},
}


def test_clic_nouveau_selectionne():
    assert selection.lire_clic(RETOUR_PAYS_BASQUE, 0, D.ids) == ("pays-basque", None, 1)


def test_meme_retour_sans_nouveau_clic_ne_change_rien():
    assert selection.lire_clic(RETOUR_PAYS_BASQUE, 1, D.ids) == (None, None, 1)


@pytest.mark.parametrize("retour", [None, {}, {"last_object_clicked_count": 2},
                                    {"last_object_clicked_count": 2,
                                     "last_active_drawing": {"properties": {"id": "x"}}},
                                    {"last_object_clicked_count": "2", "last_active_drawing": None}])
def test_retours_sans_territoire(retour):
    clic = selection.lire_clic(retour, 0, D.ids, {"64445"})
    assert clic.territoire is None and clic.commune is None


def test_clic_sur_territoire_filtre_ignore():
    assert selection.lire_clic(RETOUR_PAYS_BASQUE, 0, ["agenais"]).territoire is None


def _retour_commune(code, compte=3):
    return {"last_object_clicked_count": compte,
            "last_active_drawing": {"type": "Feature", "properties": {"code": code, "etiquette": "Pau"},
                                    "geometry": {"type": "Point", "coordinates": [-0.37, 43.3]}}}


def test_clic_sur_une_commune_de_la_couche_detaillee():
    assert selection.lire_clic(_retour_commune("64445"), 2, D.ids, {"64445"}) == (None, "64445", 3)


@pytest.mark.parametrize("code", ["99999", 64445, None, "<b>"])
def test_clic_sur_une_commune_inconnue_ne_selectionne_rien(code):
    assert selection.lire_clic(_retour_commune(code), 2, D.ids, {"64445"}) == (None, None, 3)


# --- forged values: whatever the client sends, only known ids pass --------------------
@pytest.mark.parametrize("retour", [[1, 2], "x" * 1000, 42, {"last_object_clicked_count": True,
                                                             "last_active_drawing": {"properties": {"id": "agenais"}}},
                                    {"last_object_clicked_count": 5, "last_active_drawing": [1]},
                                    {"last_object_clicked_count": 5,
                                     "last_active_drawing": {"properties": {"id": "agenais" + "x" * 10**6}}}])
def test_retours_forges_ne_selectionnent_rien(retour):
    assert selection.lire_clic(retour, 0, D.ids, {"64445"})[:2] == (None, None)


@pytest.mark.parametrize("valeur, attendu", [
    (None, (True, None)), ("agenais", (True, "agenais")),
    ("atlantide", (False, None)), ("<script>", (False, None)), ("agenais" * 200_000, (False, None)),
    (5, (False, None)), (float("nan"), (False, None)), (float("inf"), (False, None)), (True, (False, None)),
    (["agenais"], (False, None)), ({"id": "agenais"}, (False, None)),
])
def test_choix_d_une_liste(valeur, attendu):
    assert selection.choix(valeur, D.ids) == attendu


def test_choix_cache_par_le_filtre():
    assert selection.choix("agenais", ["pays-basque", "lacq-pau-tarbes"]) == (False, None)


@pytest.mark.parametrize("valeur, attendu", [
    (["64", "47"], (["64", "47"], False)),
    (["64", "64", "99", "<b>"], (["64"], True)),
    (["99"], ([], True)),
    ([64, None, ["64"]], ([], True)),
    ("64", (None, True)), (None, (None, True)), (["64"] * 1000, (None, True)),
])
def test_choix_multiples(valeur, attendu):
    assert selection.choix_multiples(valeur, DEPS) == attendu
