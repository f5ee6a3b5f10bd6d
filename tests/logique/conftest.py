"""Fixtures shared by the tests of the INSEE modules (indicateurs, choroplethe, tissu)."""
import pytest

from tableau.logique import indicateurs as ind


@pytest.fixture(scope="session")
def doc():
    """data/insee.json as read by the app."""
    return ind.charger()


@pytest.fixture(scope="session")
def communes(doc):
    """data/insee_communes.csv: 2026 code -> counts."""
    return ind.charger_communes(doc)
