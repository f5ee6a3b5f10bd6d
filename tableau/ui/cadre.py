"""What the page frame (app.py) hands to the page it runs.

app.py builds a ``Contexte`` (data, canonical state, map component) around
``page.run()``; the page file reads it with ``contexte()``. Passing the map
component here is the test seam: production passes streamlit-folium's component,
AppTest tests swap ``composant_carte.COMPOSANT`` for a fake that returns a
recorded value (AppTest cannot render components).
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

import streamlit as st

from tableau.logique import donnees as dn, etat as et
from tableau.ui import routage, session

K_AUTOUR = "ti_autour"  # what the frame showed around the map's fragment (autour_de_la_carte)


TITRE_ONGLET = "Territoires d'industrie — Nouvelle-Aquitaine"


def titre_onglet(d: dn.Donnees, e: et.Etat, page: str | None = None) -> str:
    """The browser tab names the page other than the map (every page read the same in the tabs
    and in the history's list), then what is selected (a commune first, then its territory)."""
    return " — ".join([*([page] if page else []), *([d.commune[e.commune].nom] if e.commune else []),
                       *([d.territoires[e.territoire].nom] if e.territoire else []), TITRE_ONGLET])


@dataclass(frozen=True)
class Contexte:
    d: dn.Donnees
    e: et.Etat
    composant: Callable  # the map component, called as streamlit-folium's own


# Set by the frame for the duration of page.run() (each session runs its script in its own thread).
_COURANT: ContextVar[Contexte | None] = ContextVar("contexte_page", default=None)


@contextlib.contextmanager
def ouvert(ctx: Contexte) -> Iterator[None]:
    jeton = _COURANT.set(ctx)
    try:
        yield
    finally:
        _COURANT.reset(jeton)


def contexte() -> Contexte:
    """The frame's context. Without one, the page file was run alone by Streamlit's
    legacy ``pages/`` router: switch to st.navigation and rerun (see ``routage``)."""
    ctx = _COURANT.get()
    if ctx is None:
        routage.exiger_routeur()
        raise RuntimeError("Page lancée hors du cadre de app.py.")
    return ctx


def autour_de_la_carte(d: dn.Donnees, e: et.Etat) -> tuple:
    """What the page frame shows around the map page's fragment and an action inside it
    may change: the notices, the filter (a commune elsewhere lifts it), the outline warning.
    The frame records it; a fragment run that finds it changed reruns the whole page."""
    return (tuple(st.session_state.get(session.K_NOTICES, [])), st.session_state.get(session.K_MESSAGE), e.deps,
            bool((e.territoire or e.commune) and session.contours_communes(d)[1]))


def retenir_autour_de_la_carte(d: dn.Donnees, e: et.Etat) -> None:
    st.session_state[K_AUTOUR] = autour_de_la_carte(d, e)


def autour_perime(d: dn.Donnees, e: et.Etat) -> bool:
    return st.session_state.get(K_AUTOUR) != autour_de_la_carte(d, e)
