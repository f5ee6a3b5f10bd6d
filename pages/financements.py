"""Page « Financements » : regional figures, ledger and documented laureates."""
import streamlit as st

from tableau import routage
from tableau import page_financements, session

routage.exiger_routeur()  # first, before any output

d = session.donnees()
session.entrer_page("financements")
session.etat(d)
session.filtre_departements(d)
e = st.session_state[session.K_ETAT]

st.title("Financements", anchor=False)
session.afficher_notices()
page_financements.graphiques(d)
page_financements.registre(d, e.territoire)
page_financements.laureats(d, e.territoire)
session.lien_partage(e)
session.publier_url(e)
