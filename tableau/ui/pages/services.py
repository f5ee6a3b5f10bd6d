"""« Services de la phase II » page body (layout only; content from tableau.programme)."""
from __future__ import annotations

import streamlit as st

from tableau.logique import filtre, format as fmt, programme
from tableau.ui import affichage, sections
from tableau.ui.cadre import Contexte

TITRE = "Services de la phase II"


def afficher(ctx: Contexte) -> None:
    d, selection = ctx.d, ctx.e.territoire
    visibles = filtre.territoires_visibles(d.territoires, ctx.e.deps)
    affichage.rappel_selection(d, ctx.e, visibles)
    prog = d.services["programme"]
    chiffres = {c["id"]: c for c in prog["chiffres"]}
    st.markdown("La phase II du programme Territoires d'industrie couvre 2023-2027. Voici son offre, service par "
                "service, avec les territoires où elle s'applique, ceux qui la mettent en œuvre et les montants "
                "publiés.")
    courts = {"ti-phase2-national": "Territoires en France", "ti-phase2-na": "En Nouvelle-Aquitaine",
              "ti-phase2-epci": "Intercommunalités (environ)", "ti-phase1-national": "Territoires en phase I"}
    cols = st.columns(len(courts))
    for col, (cle, court) in zip(cols, courts.items()):
        if c := chiffres.get(cle):
            col.metric(court, fmt.entier(c["valeur"]),
                       help=f"{c['libelle']} ({c['periode']}). Source : {programme.reference(d, c['source'])['titre']}")
    axes = [chiffres[k] for k in ("axe-competences", "axe-transition", "axe-innovation", "axe-foncier")
            if k in chiffres]
    if axes:
        st.markdown("**Répartition des projets de la phase II par axe** : " + " ; ".join(
            f"{c['libelle'].split('consacrés ')[-1]} {fmt.valeur(c['valeur'], c['unite'])}" for c in axes)
            + f" ({sections.lien(programme.reference(d, axes[0]['source']))}).")
    st.caption(prog["suivi"]["texte"] + " Opérateurs associés au programme : "
               + ", ".join(prog["operateurs"]["liste"])
               + f" ({sections.lien(programme.reference(d, prog['operateurs']['source']))}).")

    noms = {t: p.nom for t, p in d.territoires.items()}
    for s in programme.services_pour(d, None):
        st.header(s["titre"], anchor=False)
        st.markdown(s["description"])
        if s["tous"]:
            ou = f"dans les {len(d.territoires)} territoires"
        else:
            ou = "dans les territoires nommés ci-dessous"
        st.markdown(f"**Où :** {ou}. **Mise en œuvre :** {', '.join(s['operateurs']) or 'non précisée'}.")
        if selection:  # what this service is for the selected territory
            nom = noms[selection]
            if selection in s["territoires_nommes"]:
                pour = ("nommé par les sources, voir la mention marquée ci-dessous"
                        + (" ; offert aussi à tous les territoires" if s["tous"] else ""))
            elif s["tous"]:
                pour = f"accessible, comme dans chacun des {len(d.territoires)} territoires"
            else:
                pour = "aucune mention de ce territoire dans les sources consultées"
            st.markdown(f"**Pour {nom} :** {pour}.")
        # The département filter applies to the territories named here.
        mentions = [m for m in s["mentions"] if m["territoire"] in visibles]
        if masquees := len(s["mentions"]) - len(mentions):
            if masquees == 1:
                st.caption("1 mention de ce service concerne un territoire hors des départements choisis : "
                           "elle n'est pas affichée ici.")
            else:
                st.caption(f"{masquees} mentions de ce service concernent des territoires hors des départements "
                           "choisis : elles ne sont pas affichées ici.")
        # The selected territory's own mention first; the others said to be elsewhere (under the
        # banner « the selection applies to this page's lists », Brive's mention read as Lacq's).
        propres = [m for m in mentions if m["territoire"] == selection]
        autres = [m for m in mentions if m["territoire"] != selection]
        for m in propres:
            st.markdown(f"- **{noms[m['territoire']]}** (territoire sélectionné) : {m['texte']} "
                        f"({sections.lien(m['ref'])})")
        if selection and autres:
            st.markdown(f"*Mentions d'autres territoires que {noms[selection]} :*")
        for m in autres:
            st.markdown(f"- **{noms[m['territoire']]}** : {m['texte']} ({sections.lien(m['ref'])})")
        st.markdown(sections.montants_markdown(s["montants"]))
        st.caption("Sources : " + " ; ".join(sections.lien(r) for r in s["sources"]))
