"""Page « Carte » : map of the 16 territories, side panel, filter and share link."""
import streamlit as st

from tableau import affichage, composant_carte, filtre, recherche, session

d, _ = session.debut_page("carte")  # title below: notices come after the caption
session.simuler_clic(d)
e = st.session_state[session.K_ETAT]
visibles = filtre.territoires_visibles(d.territoires, e.deps)

st.title("Territoires d'industrie en Nouvelle-Aquitaine", anchor=False)
st.caption("Phase II du programme (2023-2027). Cliquez sur un territoire ou choisissez-le dans la liste ; "
           "cherchez une commune par son nom ou son code postal. Une fois un territoire choisi, ses communes "
           "apparaissent : survolez-en une pour voir sa population, cliquez pour la choisir (ou choisissez-la "
           "dans la liste).")
# Notices live in a container that is always there: a notice appearing must not shift
# the map's position in the page, or Streamlit would remount it (a new Leaflet map).
with st.container(key="notices"):
    session.afficher_notices()
    _, alerte_fond = composant_carte.fond()
    if alerte_fond:
        st.warning(alerte_fond)
    if msg := filtre.message_filtre(visibles, e.deps, d.departements):
        st.warning(msg)
    if e.territoire or e.commune:
        if alerte_contours := session.contours_communes(d)[1]:
            st.warning(alerte_contours)
    if e.commune:
        st.success(recherche.phrase(d, session.communes(d)[e.commune]), icon=":material/location_on:")

col_carte, col_panneau = st.columns([3, 2], gap="medium")
# The panel is sent before the map: the new name shows first after a click (the map's
# arguments are small now, ~1.5 KB, and follow within the same rerun).
with col_panneau:
    if e.commune:
        affichage.carte_commune(d, session.communes(d)[e.commune])
    if e.territoire:
        affichage.panneau_territoire(d, e.territoire)
    else:
        affichage.panneau_region(d, visibles, bool(e.deps))
with col_carte:
    choix, cherche = st.columns(2)
    with choix:  # nested: the commune box coming and going never moves the map
        session.choix_territoire(d, visibles)
        session.choix_commune(d)
    session.recherche_commune(d, cherche, session.W_RECHERCHE_CARTE, "Chercher une commune")
    composant_carte.afficher(d, e, visibles)
    affichage.legende(d, visibles, composant_carte.palette(d))

session.fin_page(e)
