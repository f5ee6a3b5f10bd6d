"""Keep every URL on the st.navigation router.

Streamlit still has its legacy behaviour for a folder named ``pages/`` next to the
main script: until some session has run ``st.navigation`` in this process, a first
visit to ``/sources`` would run ``pages/sources.py`` alone (no app.py, no page
config, file names in the menu). ``cadre.contexte()`` calls ``exiger_routeur()`` when
app.py did not run: it switches the process to the router and reruns, so app.py
handles the URL (tests/test_demarrage.py: many first runs at once on a fresh server).

This module is the only use of Streamlit internals (streamlit 1.67:
``PagesManager.uses_pages_directory``, read by ``ScriptRunner`` to call ``_mpa_v1``;
no public option turns the legacy router off. And the run context's
``is_history_navigation``, see ``navigation_historique``; its ``fragment_ids_this_run``,
see ``execution_de_fragment``). ``tests/ui/test_routage.py``
and ``tests/e2e/test_historique.py`` fail the day an upgrade changes that behaviour.
And ``installer_garde``: a widget value of the wrong kind (see there), which would
otherwise fail inside Streamlit before the app's own validation runs
(``tests/test_valeurs_forgees.py``), and the bound on query strings
(``sanitize_query_string``, see ``etat.borner_requete``).
"""
from __future__ import annotations

import json
import logging

import streamlit as st
from streamlit.runtime import app_session
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.state import query_params
from streamlit.runtime.state.session_state import WStates

from tableau.logique import etat


def exiger_routeur() -> None:
    """Called when a page file ran without app.py. Always rerun: on a fresh server many
    first runs start at once, and those that began under the legacy router while another
    session already flipped the flag must still go through app.py."""
    PagesManager.uses_pages_directory = False  # what st.navigation itself sets
    st.rerun()


def navigation_historique() -> bool:
    """This run was started by the browser's Back/Forward: its query string is the URL of
    that history entry. Other reruns may carry none (a page switch drops it, and the app
    writes it back), so only this one may replace the state by the URL's."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and getattr(ctx, "is_history_navigation", False))


def execution_de_fragment() -> bool:
    """This run reruns fragments only (a widget inside one changed): the page frame
    around them did not run, and must not be relied on."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and getattr(ctx, "fragment_ids_this_run", None))


_LOG = logging.getLogger("tableau.valeurs")
_SIGNALES: set[tuple[str, str]] = set()
# A component may report JSON, a table or bytes; every other widget one kind of value.
_GENRES_COMPOSANT = {"json_value", "arrow_value", "bytes_value"}


def _json_lisible(texte: str) -> bool:
    try:
        json.loads(texte)
    except (ValueError, RecursionError):
        return False
    return True


def _refus(widget_state, attendu: str | None) -> str | None:
    """Why a widget value must not reach Streamlit's deserialisers, or None."""
    genre = widget_state.WhichOneof("value")
    if genre is None or attendu is None:
        return None
    if genre != attendu and not (attendu in _GENRES_COMPOSANT and genre in _GENRES_COMPOSANT):
        return f"{genre} au lieu de {attendu}"
    if genre == "json_value" and not _json_lisible(widget_state.json_value):
        return "JSON illisible ou imbriqué à l'excès"
    return None


def installer_garde() -> None:
    """Drop a widget value whose kind is not the widget's (a number or a list for a
    select box, ...) or a component's JSON that does not parse (invalid, nested 100,000
    deep): a browser never sends one, and Streamlit 1.67 would fail on it while
    deserialising (unhashable list, JSONDecodeError, RecursionError) or re-serialising it
    (a select box then holds an int) before the app's callbacks can check it, and on every
    later rerun of the session. The widget keeps its previous value; the log gets one
    bounded line per widget and kind of refusal, never the value."""
    if getattr(WStates.set_widget_from_proto, "_garde_ti", False):
        return
    origine = WStates.set_widget_from_proto

    def set_widget_from_proto(self, widget_state) -> None:
        meta = self.widget_metadata.get(widget_state.id)
        refus = _refus(widget_state, meta.value_type if meta is not None else None)
        if refus:
            if len(_SIGNALES) < 1000 and (widget_state.id, refus) not in _SIGNALES:
                _SIGNALES.add((widget_state.id, refus))
                _LOG.warning("valeur de widget ignorée : %s (%d octets), widget %.80s",
                             refus, widget_state.ByteSize(), widget_state.id)
            return
        origine(self, widget_state)

    set_widget_from_proto._garde_ti = True
    WStates.set_widget_from_proto = set_widget_from_proto
    # Past 1,000 fields Streamlit drops the whole query string (sanitize_query_string,
    # called by AppSession for every rerun and by st.query_params when parsing): keep its
    # valid prefix instead, with a marker that makes the app say it was cut.
    app_session.sanitize_query_string = etat.borner_requete
    query_params.sanitize_query_string = etat.borner_requete

