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
