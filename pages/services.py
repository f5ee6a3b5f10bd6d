"""Page « Services de la phase II »."""
import streamlit as st

from tableau import routage
from tableau import page_services, session

routage.exiger_routeur()  # first, before any output

d = session.donnees()
session.entrer_page("services")
session.etat(d)
session.filtre_departements(d)
e = st.session_state[session.K_ETAT]

st.title("Services de la phase II", anchor=False)
session.afficher_notices()
page_services.afficher(d, e.territoire)
session.lien_partage(e)
session.publier_url(e)
