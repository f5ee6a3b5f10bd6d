"""Streamlit rendering of the side panel and the legend (layout only)."""
from __future__ import annotations

import html

import streamlit as st

from tableau import format as fmt, panneau, session
from tableau.donnees import Donnees

CLE_PANNEAU = "panneau-territoire"


def panneau_territoire(d: Donnees, tid: str) -> None:
    p = panneau.donnees_panneau(d, tid)
    with st.container(key=CLE_PANNEAU, border=True):
        st.header(p["nom"], anchor=False)
        deps = ", ".join(f"{x['nom']} ({x['code']})" + ("" if x["dans_region"] else ", hors région")
                         for x in p["departements"])
        st.markdown(f"**Département{'s' if len(p['departements']) > 1 else ''} :** {deps}")
        c1, c2 = st.columns(2)
        c1.metric("Communes", fmt.entier(p["nb_communes"]))
        c2.metric("Population (2026)", fmt.entier(p["population"]))
        c1.metric("Superficie", fmt.km2(p["superficie_km2"]))
        c2.metric("Densité (hab./km²)", fmt.decimal(p["densite"], 0))

        st.subheader(f"Intercommunalités ({len(p['epci'])})", anchor=False)
        lignes = []
        for e in p["epci"]:
            part = (f" — {e['nb_communes']} de ses {e['nb_communes_epci']} communes dans le territoire"
                    if e["partiel"] else "")
            lignes.append(f"- {e['nom']} : {fmt.entier(e['population'])} hab., "
                          f"{e['nb_communes']} commune{'s' if e['nb_communes'] > 1 else ''}{part}")
        st.markdown("\n".join(lignes))
        st.caption(p["source"] + " Populations municipales en vigueur en 2026 ; pour une intercommunalité "
                   "à cheval sur deux territoires, seule la partie incluse est comptée.")

        st.subheader("Services de la phase II", anchor=False)
        st.info("À venir : l'offre de services de la phase II (2023-2027) pour ce territoire sera affichée "
                "ici, avec ses sources.", icon=":material/construction:")
        st.subheader("Financements", anchor=False)
        st.info("À venir : le résumé des financements documentés pour ce territoire sera affiché ici, "
                "avec ses sources et sa couverture.", icon=":material/euro:")
        st.button("Effacer la sélection", key="effacer", on_click=session.choisir_territoire, args=(None,),
                  icon=":material/close:")


def panneau_region(d: Donnees, visibles: list[str], filtre_actif: bool) -> None:
    r = panneau.resume_region(d, visibles)
    with st.container(key=CLE_PANNEAU, border=True):
        titre = "Territoires filtrés" if filtre_actif else "Nouvelle-Aquitaine"
        st.header(titre, anchor=False)
        st.markdown(f"**{r['nb_territoires']}** Territoire{'s' if r['nb_territoires'] > 1 else ''} d'industrie "
                    "labellisé" + ("s" if r["nb_territoires"] > 1 else "") + " pour la phase II (2023-2027)"
                    + (" dans les départements choisis." if filtre_actif else "."))
        if r["nb_territoires"]:
            c1, c2 = st.columns(2)
            c1.metric("Communes couvertes", fmt.entier(r["nb_communes"]))
            c2.metric("Population (2026)", fmt.entier(r["population"]))
            st.caption(panneau.sources_identite(d))
        st.markdown("Cliquez sur un territoire de la carte, ou choisissez-le dans la liste, pour afficher "
                    "sa composition.")


def legende(d: Donnees, visibles: list[str], palette: dict[str, str]) -> None:
    """Legend under the map: one swatch per visible territory, then the line symbols."""
    items = []
    for tid in visibles:
        nom = html.escape(d.territoires[tid]["nom"])
        items.append(f'<li><span class="pastille" style="background:{palette[tid]}"></span>{nom}</li>')
    st.markdown(
        '<div class="legende"><ul>' + "".join(items) + "</ul>"
        '<p><span class="trait selection"></span>territoire sélectionné (contour noir épais) '
        '<span class="trait dep"></span>limite de département '
        '<span class="trait region"></span>limite de région</p></div>'
        "<style>.legende ul{list-style:none;padding:0;margin:0;columns:2;font-size:.85rem}"
        ".legende li{margin:2px 0}.pastille{display:inline-block;width:.9em;height:.9em;margin-right:.4em;"
        "border:1px solid #555;vertical-align:-.1em;opacity:.8}.legende p{font-size:.8rem;margin-top:.4rem}"
        ".trait{display:inline-block;width:1.6em;margin:0 .3em .25em .6em;vertical-align:middle}"
        ".trait.selection{border-top:4px solid #000}.trait.dep{border-top:2px dashed #4d4d4d}"
        ".trait.region{border-top:3px solid #222}</style>",
        unsafe_allow_html=True)
    st.caption("Couleurs de la palette Okabe-Ito, lisible par les personnes daltoniennes ; deux territoires "
               "voisins n'ont jamais la même couleur.")
