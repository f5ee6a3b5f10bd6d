"""The one Streamlit-internals workaround (tableau.ui.routage): these tests fail the
day a Streamlit upgrade changes the legacy ``pages/`` router it relies on."""
import inspect
from pathlib import Path

from streamlit.commands import navigation
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"


def test_un_dossier_pages_declenche_encore_l_ancien_routeur():
    avant = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None
        PagesManager(str(APP), setup_watcher=False)
        assert PagesManager.uses_pages_directory is True  # pages/ next to app.py
    finally:
        PagesManager.uses_pages_directory = avant
    # ... the runner then maps the URL to a file itself (_mpa_v1) ...
    assert "if PagesManager.uses_pages_directory:" in inspect.getsource(script_runner.ScriptRunner)
    assert callable(script_runner._mpa_v1)
    # ... until st.navigation switches the whole process to its router, as routage does.
    assert "PagesManager.uses_pages_directory = False" in inspect.getsource(navigation.navigation)


def test_exiger_routeur_bascule_et_relance():
    at = AppTest.from_string('''
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from tableau.ui import routage

st.session_state.passages = st.session_state.get("passages", 0) + 1
if st.session_state.passages == 1:  # the page file ran without app.py
    PagesManager.uses_pages_directory = True  # as on a fresh server with pages/
    routage.exiger_routeur()
st.write(f"passages={st.session_state.passages} ancien={PagesManager.uses_pages_directory}")
''').run()
    assert not at.exception
    assert at.markdown[0].value == "passages=2 ancien=False"


def test_exiger_routeur_relance_meme_si_une_autre_session_a_bascule():
    """Fresh server: this run began under the legacy router, another session has flipped
    the flag since; it must still rerun (through app.py) rather than go on without a frame."""
    at = AppTest.from_string('''
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from tableau.ui import routage

st.session_state.passages = st.session_state.get("passages", 0) + 1
if st.session_state.passages == 1:
    PagesManager.uses_pages_directory = False  # already flipped by another session
    routage.exiger_routeur()
st.write(f"passages={st.session_state.passages}")
''').run()
    assert not at.exception
    assert at.markdown[0].value == "passages=2"
