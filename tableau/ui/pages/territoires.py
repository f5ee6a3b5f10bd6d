"""Page « Territoires » : comparison table of the territories kept by the filter."""
import functools

import pandas as pd
import streamlit as st

from tableau.logique import comparaison, exports, filtre, panneau, programme, tissu
from tableau.ui import affichage, libelles, session, widgets
from tableau.ui.cadre import Contexte

TITRE = "Comparer les territoires"
# The selected territory's row. Light enough for the grid's pinned names, which it draws in grey
# (#707070: 4.6:1 on it; 4.4:1 on the former #fff1b8).
FOND_CHOISI = "background-color: #fff7d1; color: #1a1a1a"
NOMS_EPINGLES = "#707070"


def colonnes_affichees(d) -> dict:
    """Each column as wide as its header (which the grid cannot wrap, and whose sort arrow and
    menu take room) and its longest cell: nothing is cut; the table scrolls sideways instead,
    with the pinned name column always in view."""
    largeurs = comparaison.largeurs(d)
    # Column, not TextColumn: the counts stay numbers (right-aligned, sorted as numbers).
    config = {c: st.column_config.Column(width=largeurs[c], alignment="right" if c in comparaison.a_droite(d)
                                         else None) for c in comparaison.colonnes(d)[1:]}
    return {**config, "Territoire": st.column_config.TextColumn(pinned=True, width=largeurs["Territoire"])}


def notices(ctx: Contexte) -> None:
    session.avertir_filtre_et_insee(ctx.d, ctx.e)


def afficher(ctx: Contexte) -> None:
    d, e = ctx.d, ctx.e
    visibles = filtre.territoires_visibles(d.territoires, e.deps)
    rows = comparaison.lignes(d, visibles, e.deps)
    affichage.rappel_selection(d, e, visibles)
    st.caption(f"{len(rows)} territoire{'s' if len(rows) > 1 else ''} sur {len(d.territoires)}"
               + (" (filtre par département actif)" if e.deps else "")
               + ". Un en-tête trie le tableau ; « Ouvrir un territoire sur la carte », plus bas, ouvre la carte "
               f"sur l'un d'eux. Ses {len(comparaison.colonnes(d))} colonnes dépassent souvent l'écran, même "
               "large : faites-le défiler de côté (Maj + molette, ou en le faisant glisser), ou lisez le "
               "classement.")
    # Every row shown (no inner scrolling: 35 px a row plus the header). No link in the rows: the
    # grid opened it in a new tab, and on a phone only at the third tap; the buttons below do it
    # in one. The selected territory's row is marked (▶ before its name) and highlighted.
    choisi = e.territoire if e.territoire in visibles else None
    if choisi:
        st.markdown(f"Territoire sélectionné : **{d.territoires[choisi].nom}**, marqué {comparaison.MARQUE.strip()} "
                    "et surligné dans le tableau.")
    table = pd.DataFrame(comparaison.marquer(comparaison.a_afficher(d, rows), choisi))
    styles = table.style.apply(lambda r: [FOND_CHOISI if r["id"] == choisi else "" for _ in r], axis=1)
    with st.container(key=libelles.SANS_BARRE + "comparaison"):  # our French CSV below replaces the toolbar
        st.dataframe(styles, hide_index=True, width="stretch", key="comparaison",
                     height=35 * (len(rows) + 1) + 3,
                     column_order=list(comparaison.colonnes(d)),
                     column_config=colonnes_affichees(d))
    c = programme.couverture(d)
    st.caption(panneau.sources_identite(d) + f" Lauréats documentés : {c['nommes']} lauréats du Fonds "
               f"d'accélération nommés dans la presse, dont {c['localises']} rattachés à une commune ; liste "
               "partielle (voir « Sources et méthode »)."
               + (f" Indicateurs économiques : {tissu.mention_source(d.insee.doc)[len('Source : '):]}"
                  if d.insee else ""))
    # One number at a time, in three columns that wrap: readable on a phone without scrolling.
    st.header("Classer les territoires", anchor=False)  # h2 under the page title
    with st.columns([2, 3])[0]:  # a box as wide as its longest label, not the whole page
        colonne = widgets.donnee_de_classement(d)
    st.markdown(comparaison.classement_markdown(comparaison.classement(d, rows, colonne), colonne, choisi))
    st.caption("Les valeurs et les sources du tableau ci-dessus ; deux territoires à égalité partagent un rang."
               + (" Lauréats : liste partielle, tirée de la presse." if colonne == "Lauréats documentés" else ""))
    st.markdown("**Ouvrir un territoire sur la carte**")
    colonnes = st.columns(4)
    # Filled column by column: read down each column, and in the same order once the
    # columns are stacked on a phone (row by row, a phone showed 1, 5, 9, 13, 2...).
    par_colonne = max(1, -(-len(rows) // 4))
    for i, ligne in enumerate(rows):
        tid = ligne["id"]
        if colonnes[i // par_colonne].button(ligne["Territoire"], key=f"ouvrir-{tid}", icon=":material/map:",
                                             width="stretch"):
            # The map page opened where this page was scrolled (a tablet landed 1,200 px down, in
            # the panel): back to its top, the map and the title in view.
            session.choisir_territoire(tid, session.MONTRER_HAUT)
            st.switch_page("pages/carte.py")
    c1, c2 = st.columns(2)
    c1.download_button("Télécharger le tableau (CSV)", comparaison.csv_texte(d, rows),
                       file_name="territoires-industrie-nouvelle-aquitaine.csv", mime="text/csv",
                       icon=":material/download:", on_click="ignore")
    c2.download_button(f"Les {len(d.territoires)} territoires (GeoJSON)", functools.partial(exports.geojson_region, d),
                       file_name="territoires-industrie-nouvelle-aquitaine.geojson", mime="application/geo+json",
                       icon=":material/download:", on_click="ignore")
