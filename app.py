"""Entry point: `streamlit run app.py`. Routes the pages; each page file only lays out."""
import streamlit as st

from tableau import assets, profil

st.set_page_config(page_title="Territoires d'industrie — Nouvelle-Aquitaine", page_icon="🏭", layout="wide")
assets.installer_une_fois()

pages = [
    st.Page("pages/carte.py", title="Carte", icon=":material/map:", url_path="carte", default=True),
    st.Page("pages/services.py", title="Services de la phase II", icon=":material/handshake:", url_path="services"),
    st.Page("pages/financements.py", title="Financements", icon=":material/euro:", url_path="financements"),
    st.Page("pages/territoires.py", title="Territoires", icon=":material/table:", url_path="territoires"),
    st.Page("pages/sources.py", title="Sources et méthode", icon=":material/menu_book:", url_path="sources"),
]
page = st.navigation(pages)
with profil.mesurer(page.url_path or "carte"):
    page.run()
