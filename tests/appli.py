"""AppTest helpers: the app under test, and a stand-in for the map component.

AppTest cannot render custom components. The page frame passes
``composant_carte.COMPOSANT`` to the map page; tests swap it for ``FauxComposant``,
which stands in a text field that AppTest can drive: ``cliquer(at, retour)`` types
the JSON of the value the browser would send, and Streamlit runs the field's callback
before the script, as it does for the real component: the value is stored under the
component's key, then the component's ``on_change`` runs. Production code carries no
test hook.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tableau.ui import composant_carte

TIMEOUT = 30
APP = str(Path(__file__).resolve().parents[1] / "app.py")
CLE_FAUX = "faux-retour-carte"


class FauxComposant:
    def __init__(self) -> None:
        self.appels: list[dict] = []  # arguments of each call (what the page would send)

    def __call__(self, *, key: str, on_change, default, **kwargs):
        self.appels.append({"key": key, **kwargs})

        def recu() -> None:
            st.session_state[key] = json.loads(st.session_state[CLE_FAUX])
            on_change()

        st.text_input("Retour de la carte (test)", key=CLE_FAUX, on_change=recu, label_visibility="collapsed")
        return st.session_state.get(key, default)

    def etat(self, i: int = -1) -> dict:
        """The state the page sent to the map in call ``i`` (the ``TI.appliquer`` argument)."""
        return json.loads(re.search(r"TI\.appliquer\((\{.*\})\);", self.appels[i]["feature_group"]).group(1))


@pytest.fixture(autouse=True)
def faux_composant(monkeypatch) -> FauxComposant:
    faux = FauxComposant()
    monkeypatch.setattr(composant_carte, "COMPOSANT", faux)
    return faux


def app(**params) -> AppTest:
    """The app at its first page, run once with ``params`` in the URL."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def titre(at: AppTest) -> str:
    """Heading of the territory (or region) panel; the commune card, if any, comes first."""
    return next(h.value for h in at.header if not h.value.startswith("Commune :"))


def deps_url(at: AppTest) -> list[str]:
    v = at.query_params.get("dep", [])
    return [v] if isinstance(v, str) else list(v)


def cliquer(at: AppTest, retour: dict) -> AppTest:
    """The map sends ``retour`` (as streamlit-folium would after a click), then the app reruns."""
    return at.text_input(key=CLE_FAUX).input(json.dumps(retour)).run()
