"""Keep every URL on the st.navigation router.

Streamlit still has its legacy behaviour for a folder named ``pages/`` next to the
main script: until some session has run ``st.navigation`` in this process, a first
visit to ``/sources`` would run ``pages/sources.py`` alone (no app.py, no page
config, file names in the menu). ``cadre.contexte()`` calls ``exiger_routeur()`` when
app.py did not run: it switches the process to the router and reruns, so app.py
handles the URL.

This module is the only use of Streamlit internals (streamlit 1.67:
``PagesManager.uses_pages_directory``, read by ``ScriptRunner`` to call ``_mpa_v1``;
no public option turns the legacy router off. And the run context's
``is_history_navigation``, see ``navigation_historique``). ``tests/ui/test_routage.py``
and ``tests/e2e/test_historique.py`` fail the day an upgrade changes that behaviour.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx


def exiger_routeur() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False  # what st.navigation itself sets
        st.rerun()


def navigation_historique() -> bool:
    """This run was started by the browser's Back/Forward: its query string is the URL of
    that history entry. Other reruns may carry none (a page switch drops it, and the app
    writes it back), so only this one may replace the state by the URL's."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and getattr(ctx, "is_history_navigation", False))
