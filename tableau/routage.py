"""Keep every URL on the st.navigation router.

Streamlit still has its legacy behaviour for a folder named ``pages/`` next to the
main script: until some session has run ``st.navigation`` in this process, a first
visit to ``/sources`` would run ``pages/sources.py`` alone (no app.py, no page
config, file names in the menu). ``session.debut_page`` calls ``exiger_routeur()`` first:
it switches the process to the router and reruns, so app.py handles the URL.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def exiger_routeur() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False  # what st.navigation itself sets
        st.rerun()
