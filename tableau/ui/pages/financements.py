"""« Financements » page body: charts of the regional figures, ledger, laureates."""
from __future__ import annotations

import altair as alt
import streamlit as st

from tableau.logique import exports, filtre, programme
from tableau.logique.contenu import DISPOSITIFS
from tableau.logique.format import valeur as fmt_valeur
from tableau.logique.modele import Donnees
from tableau.ui import affichage
from tableau.ui.cadre import Contexte

TITRE = "Financements"


def _barres(data: list[dict], x: str, y: str, titre_x: str, titre_y: str) -> alt.Chart:
    return (alt.Chart(alt.Data(values=data)).mark_bar()
            .encode(x=alt.X(f"{x}:Q", title=titre_x),
                    y=alt.Y(f"{y}:N", title=titre_y, sort=None, axis=alt.Axis(labelLimit=260)),
                    color=alt.Color("calcule:N", legend=None,
                                    scale=alt.Scale(domain=[False, True], range=["#0072B2", "#9ecae1"])),
                    tooltip=[f"{y}:N", f"{x}:Q"])
            .properties(height=alt.Step(32)))


def graphiques(d: Donnees) -> None:
    total = programme.ligne(d, "fa-na-projets")
    st.header(f"{programme.FA} en Nouvelle-Aquitaine", anchor=False)
    if total:
        st.markdown(f"{fmt_valeur(total.valeur, total.unite)} soutenus sur {total.periode} "
                    f"({affichage.lien({'titre': total.source_titre, 'url': total.source_url})}).")
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**Projets selon la taille de l'entreprise**")
        if data := programme.repartition_taille(d):
            st.altair_chart(_barres(data, "projets", "categorie", "projets", ""), width="stretch")
            st.caption("Bleu foncé : chiffres publiés. Bleu clair : calculé (total moins PME et ETI), la source ne "
                       "détaillant pas le reste.")
    with c2:
        st.markdown("**Projets situés dans un Territoire d'industrie**")
        if data := programme.repartition_ti(d):
            part = programme.ligne(d, "fa-na-part-ti")
            st.altair_chart(_barres(data, "projets", "localisation", "projets", ""), width="stretch")
            st.caption((f"Part publiée : {fmt_valeur(part.valeur, part.unite)} des lauréats. " if part else "")
                       + "Bleu clair : calculé (total moins projets en Territoire d'industrie).")
    st.markdown("**Aides publiées par dispositif (région ou territoire)**")
    montants = programme.montants_par_dispositif(d)
    if montants:
        chart = (alt.Chart(alt.Data(values=montants)).mark_bar(color="#D55E00")
                 .encode(x=alt.X("montant_meur:Q", title="M€"),
                         y=alt.Y("dispositif:N", title="", sort=None, axis=alt.Axis(labelLimit=420)),
                         tooltip=["dispositif:N", "portee:N", "periode:N", "montant_meur:Q", "source:N"])
                 .properties(height=alt.Step(32)))
        st.altair_chart(chart, width="stretch")
        st.caption("Périmètres et périodes différents : " + " ; ".join(
            f"{m['dispositif']} — {m['portee']}, {m['periode']}, {fmt_valeur(m['montant_meur'], 'M€')} "
            f"(source : {m['source']})" for m in montants) + ".")


def registre(d: Donnees, selection: str | None, visibles: list[str]) -> None:
    st.header("Registre des chiffres publiés", anchor=False)
    options = ["tous", "national", "region", *visibles]
    libelles = {"tous": "Tous les niveaux", "national": "National", "region": "Nouvelle-Aquitaine"}
    c1, c2 = st.columns([1, 2])
    perimetre = c1.selectbox("Périmètre", options, key="registre_perimetre",
                             format_func=lambda o: libelles.get(o) or d.territoires[o].nom)
    dispositifs = c2.multiselect("Dispositifs", list(DISPOSITIFS), key="registre_dispositifs",
                                 placeholder="Tous les dispositifs")
    # The département filter drops the other territories' rows; national and regional ones stay.
    rows = [r for r in programme.filtrer_registre(d, perimetre, dispositifs)
            if r.niveau != "territoire" or r.territoire in visibles]
    if not rows:
        st.info("Aucun chiffre publié ne correspond à ce filtre dans les sources consultées.")
    else:
        st.dataframe([{"Niveau": libelles.get(r.niveau, "Territoire"),
                       "Territoire": d.territoires[r.territoire].nom if r.territoire else "",
                       "Dispositif": r.dispositif, "Indicateur": r.indicateur,
                       "Valeur": fmt_valeur(r.valeur, r.unite), "Période": r.periode,
                       "Note": r.note, "Source": r.source_url} for r in rows],
                     hide_index=True, width="stretch",
                     column_config={"Source": st.column_config.LinkColumn("Source", display_text="source")})
    st.download_button("Télécharger ces lignes du registre (CSV)", exports.csv_registre(rows),
                       file_name="financements-territoires-industrie-na.csv", mime="text/csv",
                       icon=":material/download:", disabled=not rows)
    if selection and perimetre != selection and selection in visibles:
        st.caption(f"Astuce : choisissez « {d.territoires[selection].nom} » comme périmètre pour ne voir que "
                   "les chiffres propres au territoire sélectionné.")


def laureats(d: Donnees, selection: str | None, visibles: list[str], filtre_actif: bool) -> None:
    st.header("Lauréats documentés du Fonds d'accélération", anchor=False)
    c = programme.couverture(d)
    st.markdown(affichage.phrase_couverture(c, c["dans_territoires"]).replace(
        "dans ce territoire", "dans un des 16 territoires"))
    seulement = st.toggle("Seulement le territoire sélectionné", value=bool(selection), disabled=not selection,
                          key="laureats_selection")
    rows = programme.laureats_du_territoire(d, selection) if (selection and seulement) else d.laureats
    if filtre_actif:  # only the laureates located in the territories the filter keeps
        rows = [r for r in rows if r.territoire in visibles]
    if not rows:
        ou = (f"« {d.territoires[selection].nom} »" if selection and seulement
              else "les territoires des départements choisis")
        st.info(f"Aucun lauréat documenté dans {ou} dans les sources consultées (liste partielle).")
        return
    st.dataframe([{"Entreprise": r.entreprise, "Commune publiée": r.commune_publiee,
                   "Commune 2026": r.commune_2026,
                   "Territoire": d.territoires[r.territoire].nom if r.territoire else "",
                   "Aide (€)": r.aide_eur, "Projet": r.projet,
                   "Rapprochement": r.rapprochement, "Source": r.sources[0]} for r in rows],
                 hide_index=True, width="stretch",
                 column_config={"Source": st.column_config.LinkColumn("Source", display_text="article"),
                                "Aide (€)": st.column_config.NumberColumn(format="localized")})


def afficher(ctx: Contexte) -> None:
    visibles = filtre.territoires_visibles(ctx.d.territoires, ctx.e.deps)
    affichage.rappel_selection(ctx.d, ctx.e, visibles)
    if ctx.e.deps:
        st.caption("Les graphiques couvrent toute la région : le filtre par département ne s'y applique pas ; "
                   "il s'applique au registre et aux lauréats plus bas.")
    graphiques(ctx.d)
    registre(ctx.d, ctx.e.territoire, visibles)
    laureats(ctx.d, ctx.e.territoire, visibles, bool(ctx.e.deps))
