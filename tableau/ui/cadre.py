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

from tableau.logique import donnees as dn, etat as et
from tableau.ui import routage


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
