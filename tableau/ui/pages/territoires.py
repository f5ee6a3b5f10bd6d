"""Page « Territoires » : comparison table of the territories kept by the filter."""
import functools

import streamlit as st

from tableau.logique import comparaison, exports, filtre, panneau, programme, tissu
from tableau.ui import affichage, session
from tableau.ui.cadre import Contexte

TITRE = "Comparer les territoires"


def notices(ctx: Contexte) -> None:
    session.avertir_filtre_et_insee(ctx.d, ctx.e)


def afficher(ctx: Contexte) -> None:
    d, e = ctx.d, ctx.e
    visibles = filtre.territoires_visibles(d.territoires, e.deps)
    rows = comparaison.lignes(d, visibles, e.deps)
    affichage.rappel_selection(d, e, visibles)
    st.caption(f"{len(rows)} territoire{'s' if len(rows) > 1 else ''} sur {len(d.territoires)}"
               + (" (filtre par département actif)" if e.deps else "")
               + ". Cliquez sur un en-tête pour trier ; le lien de chaque ligne ouvre la carte sur ce territoire.")
    # Every row shown (no inner scrolling: 35 px a row plus the header); the map link next to the
    # pinned name, so it stays in view however narrow the screen.
    st.dataframe(comparaison.a_afficher(d, rows), hide_index=True, width="stretch", key="comparaison",
                 height=35 * (len(rows) + 1) + 3,
                 column_order=["Territoire", "lien", *comparaison.colonnes(d)[1:]],
                 column_config={"Territoire": st.column_config.TextColumn(pinned=True),
                                "lien": st.column_config.LinkColumn("Carte", display_text="Voir sur la carte"),
                                **{c: st.column_config.TextColumn(alignment="right")
                                   for c in comparaison.a_droite(d)}})
    c = programme.couverture(d)
    st.caption(panneau.sources_identite(d) + f" Lauréats documentés : {c['nommes']} lauréats du Fonds "
               f"d'accélération nommés dans la presse, dont {c['localises']} rattachés à une commune ; liste "
               "partielle (voir « Sources et méthode »)."
               + (f" Indicateurs économiques : {tissu.mention_source(d.insee.doc)[len('Source : '):]}"
                  if d.insee else ""))
    st.markdown("**Ouvrir un territoire sur la carte**")
    colonnes = st.columns(4)
    for i, ligne in enumerate(rows):
        tid = ligne["id"]
        if colonnes[i % 4].button(ligne["Territoire"], key=f"ouvrir-{tid}", icon=":material/map:", width="stretch"):
            session.choisir_territoire(tid)
            st.switch_page("pages/carte.py")
    c1, c2 = st.columns(2)
    c1.download_button("Télécharger le tableau (CSV)", comparaison.csv_texte(d, rows),
                       file_name="territoires-industrie-nouvelle-aquitaine.csv", mime="text/csv",
                       icon=":material/download:", on_click="ignore")
    c2.download_button("Les 16 territoires (GeoJSON)", functools.partial(exports.geojson_region, d),
                       file_name="territoires-industrie-nouvelle-aquitaine.geojson", mime="application/geo+json",
                       icon=":material/download:", on_click="ignore")
