"""tableau.ui.cadre: the context the page frame hands to the page it runs."""
import pytest

from tableau.logique import donnees
from tableau.logique.etat import Etat
from tableau.ui import cadre


def test_contexte_pendant_la_page_seulement():
    ctx = cadre.Contexte(donnees.charger(), Etat("agenais"), composant=print)
    with cadre.ouvert(ctx):
        assert cadre.contexte() is ctx
    with pytest.raises(RuntimeError, match="hors du cadre"):
        cadre.contexte()  # no frame, and not the legacy router: a bug, said loudly


def test_titre_de_l_onglet_nomme_la_page_puis_la_selection():
    d = donnees.charger()
    assert cadre.titre_onglet(d, Etat()) == "Territoires d'industrie — Nouvelle-Aquitaine"
    assert cadre.titre_onglet(d, Etat("agenais")) == "Agenais — Territoires d'industrie — Nouvelle-Aquitaine"
    # another page than the map: its name first (every page's tab read the same)
    assert cadre.titre_onglet(d, Etat("agenais", commune="47001"), "Financements") == (
        "Financements — Agen — Agenais — Territoires d'industrie — Nouvelle-Aquitaine")
    assert cadre.titre_onglet(d, Etat(), "Sources et méthode").startswith("Sources et méthode — ")
