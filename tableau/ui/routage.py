"""Keep every URL on the st.navigation router.

Streamlit still has its legacy behaviour for a folder named ``pages/`` next to the
main script: until some session has run ``st.navigation`` in this process, a first
visit to ``/sources`` would run ``pages/sources.py`` alone (no app.py, no page
config, file names in the menu). ``cadre.contexte()`` calls ``exiger_routeur()`` when
app.py did not run: it switches the process to the router and reruns, so app.py
handles the URL (tests/test_demarrage.py: many first runs at once on a fresh server).

This module is the only use of a Streamlit internal (streamlit 1.67:
``PagesManager.uses_pages_directory``, read by ``ScriptRunner`` to call ``_mpa_v1``);
no public option turns the legacy router off (the st.navigation reference only says the
pages/ directory is ignored "as soon as any session of your app executes st.navigation").
``tests/ui/test_routage.py`` fails the day an upgrade changes that behaviour.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def exiger_routeur() -> None:
    """Called when a page file ran without app.py. Always rerun: on a fresh server many
    first runs start at once, and those that began under the legacy router while another
    session already flipped the flag must still go through app.py."""
    PagesManager.uses_pages_directory = False  # what st.navigation itself sets
    st.rerun()
