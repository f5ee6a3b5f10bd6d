"""Page « Territoires » : comparison table of the territories kept by the filter."""
import functools

import streamlit as st

from tableau.logique import comparaison, exports, filtre, panneau, programme
from tableau.ui import affichage, session
from tableau.ui.cadre import Contexte

TITRE = "Comparer les territoires"


def notices(ctx: Contexte) -> None:
    d, e = ctx.d, ctx.e
    if msg := filtre.message_filtre(filtre.territoires_visibles(d.territoires, e.deps), e.deps, d.departements):
        st.warning(msg)


def afficher(ctx: Contexte) -> None:
    d, e = ctx.d, ctx.e
    visibles = filtre.territoires_visibles(d.territoires, e.deps)
    rows = comparaison.lignes(d, visibles, e.deps)
    affichage.rappel_selection(d, e, visibles)
    st.caption(f"{len(rows)} territoire{'s' if len(rows) > 1 else ''} sur {len(d.territoires)}"
               + (" (filtre par département actif)" if e.deps else "")
               + ". Cliquez sur un en-tête pour trier ; le lien de chaque ligne ouvre la carte sur ce territoire.")
    st.dataframe(rows, hide_index=True, width="stretch", key="comparaison",
                 column_order=[*comparaison.COLONNES, "lien"],
                 column_config={"lien": st.column_config.LinkColumn("Carte", display_text="Voir sur la carte"),
                                "Population 2026": st.column_config.NumberColumn(format="localized"),
                                "Superficie (km²)": st.column_config.NumberColumn(format="%.1f")})
    c = programme.couverture(d)
    st.caption(panneau.sources_identite(d) + f" Lauréats documentés : {c['nommes']} lauréats du Fonds "
               f"d'accélération nommés dans la presse, dont {c['localises']} rattachés à une commune ; liste "
               "partielle (voir « Sources et méthode »).")
    st.markdown("**Ouvrir un territoire sur la carte**")
    colonnes = st.columns(4)
    for i, ligne in enumerate(rows):
        tid = ligne["id"]
        if colonnes[i % 4].button(ligne["Territoire"], key=f"ouvrir-{tid}", icon=":material/map:", width="stretch"):
            session.choisir_territoire(tid)
            st.switch_page("pages/carte.py")
    c1, c2 = st.columns(2)
    c1.download_button("Télécharger le tableau (CSV)",
                       exports.avec_entete(d, "Comparaison des Territoires d'industrie de Nouvelle-Aquitaine",
                                           comparaison.csv_texte(rows)),
                       file_name="territoires-industrie-nouvelle-aquitaine.csv", mime="text/csv",
                       icon=":material/download:", on_click="ignore")
    c2.download_button("Les 16 territoires (GeoJSON)", functools.partial(exports.geojson_region, d),
                       file_name="territoires-industrie-nouvelle-aquitaine.geojson", mime="application/geo+json",
                       icon=":material/download:", on_click="ignore")
