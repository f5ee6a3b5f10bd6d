"""Entry point and page frame: `streamlit run app.py`.

Every run: the router (st.navigation) picks the page; around the page's own content
this file does what every page shares: data, canonical state, sidebar widgets,
title and notices, then the share link and the state written back to the URL.
The files of pages/ only call their content module (tableau/ui/pages/).
"""
import streamlit as st

from tableau.logique import format as fmt
from tableau.ui import assets, cadre, composant_carte, ecran, profil, routage, session, widgets
from tableau.ui.pages import carte, financements, services, sources, territoires

st.set_page_config(page_title=cadre.TITRE_ONGLET, page_icon="🏭", layout="wide", initial_sidebar_state="auto")
assets.signaler()  # static files are placed at install time (python -m tableau.ui.assets)
routage.installer_garde()  # widget values of the wrong kind never reach Streamlit's deserialisers

CONTENUS = {"carte": carte, "services": services, "financements": financements, "territoires": territoires,
            "sources": sources}
page = st.navigation([
    st.Page("pages/carte.py", title="Carte", icon=":material/map:", url_path="carte", default=True),
    st.Page("pages/services.py", title="Services de la phase II", icon=":material/handshake:", url_path="services"),
    st.Page("pages/financements.py", title="Financements", icon=":material/euro:", url_path="financements"),
    st.Page("pages/territoires.py", title="Territoires", icon=":material/table:", url_path="territoires"),
    st.Page("pages/sources.py", title="Sources et méthode", icon=":material/menu_book:", url_path="sources"),
])
nom = page.url_path or "carte"
contenu = CONTENUS[nom]
with profil.mesurer(nom):
    d = session.donnees()  # a damaged data file stops here, with a French message
    session.entrer_page(nom)
    session.suivre_url(d)  # first run, or Back/Forward: the URL gives the state
    e = session.etat(d)
    st.set_page_config(page_title=cadre.titre_onglet(d, e, None if nom == "carte" else contenu.TITRE))
    widgets.filtre_departements(d)
    if nom != "carte":  # the map page has the same field above the map: one per page
        widgets.recherche_commune(d)
    if session.aller_a_la_carte(nom):
        st.switch_page("pages/carte.py")
    # lang="fr", sidebar collapsed on tablets and phones, panel under the map when narrow.
    ecran.installer()
    st.title(fmt.insecable(contenu.TITRE), anchor=False)
    if legende := getattr(contenu, "LEGENDE", None):
        st.caption(legende)
    ctx = cadre.Contexte(d, e, composant_carte.COMPOSANT)
    # Notices live in a container that is always there: a notice appearing must not
    # shift the map's position in the page, or Streamlit would remount it.
    with st.container(key="notices"):
        session.afficher_notices()
        if hasattr(contenu, "notices"):
            contenu.notices(ctx)
    with cadre.ouvert(ctx):
        page.run()
    e = session.etat(d)
    widgets.lien_partage()
    session.publier_url(e)
    cadre.retenir_autour_de_la_carte(d, e)
