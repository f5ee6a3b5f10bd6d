"""Page « Sources et méthode », generated from data/manifest.json."""
import streamlit as st

from tableau import routage
from tableau import session, sources_page

routage.exiger_routeur()  # first, before any output

d = session.donnees()
session.entrer_page("sources")
e = session.etat(d)
session.filtre_departements(d)
e = st.session_state[session.K_ETAT]

st.title("Sources et méthode", anchor=False)
session.afficher_notices()
sources_page.afficher(d)
session.lien_partage(e)
session.publier_url(e)
