"""Streamlit rendering of the territory panel's sections (economic fabric, services,
funding, regional context, exports) and of source links, shared by the pages."""
from __future__ import annotations

import functools

import streamlit as st

from tableau.logique import exports, format as fmt, programme, tissu
from tableau.logique.modele import Donnees
from tableau.ui import session


def section_tissu(d: Donnees, comptes: dict | None, nom: str, cle: str) -> None:
    """« Tissu économique »: INSEE figures of a territory or a commune beside the region's."""
    st.subheader("Tissu économique", anchor=False)
    if d.insee is None or comptes is None:
        st.caption("Indicateurs de l'INSEE non disponibles ici" + (" (voir l'avertissement en haut de page)."
                                                                  if d.insee is None else "."))
        return
    doc = d.insee.doc
    with st.container(key=cle):  # four columns in a narrow panel: smaller type, tighter cells
        st.markdown(tissu.tableau(doc, comptes, nom))
        # The position stays on one line (« au-dessus » broke at its hyphen); the labels wrap instead.
        st.html(f"<style>.st-key-{cle}{{container-type:inline-size}}"
                f".st-key-{cle} table{{font-size:.85rem;width:100%}}"
                f".st-key-{cle} th,.st-key-{cle} td{{padding:.2rem .35rem}}"
                f".st-key-{cle} td:nth-child(4){{white-space:nowrap}}"
                # a commune card is ~310 px inside (phone, or beside the map): smaller still, so
                # that the table stays inside it
                f"@container (max-width:420px){{.st-key-{cle} table{{font-size:.76rem}}"
                f".st-key-{cle} th,.st-key-{cle} td{{padding:.15rem .2rem}}}}</style>")
    st.caption(f"{tissu.mention_source(doc)} La région compte ici ses "
               f"{len(doc['region']['departements'])} départements. {doc['textes']['chomage']} "
               "Les effectifs du recensement sont des estimations, arrondies ici à l'unité.")


def lien(ref: dict) -> str:
    """Markdown link to a reference (brackets in titles would break the syntax)."""
    titre = ref["titre"].replace("[", "(").replace("]", ")")
    return f"[{titre}]({ref['url']})" + (f", {fmt.date(ref['date'])}" if ref.get("date") else "")


def montants_markdown(montants: list[dict]) -> str:
    if not montants:
        return "Montant : aucun montant publié dans les sources consultées."
    return "\n".join(f"- {m['libelle']} : **{fmt.valeur(m['valeur'], m['unite'])}**, {fmt.date(m['periode'])} — "
                     f"{lien(m['ref'])}" for m in montants)


def phrase_services(services: list[dict]) -> str:
    """How many services, how many of the common offer, how many for this territory only
    (a service outside the common offer was counted in it: « Rebond industriel »)."""
    communs = sum(1 for s in services if s["tous"])
    seuls = len(services) - communs
    cites = sum(1 for s in services if s["tous"] and s["mentions"])
    return (f"{len(services)} service{'s' if len(services) > 1 else ''} accessible{'s' if len(services) > 1 else ''}"
            f" ici : {'les ' if communs > 1 else ''}{communs} de l'offre commune à tous les territoires"
            + (f", dont {cites} où les sources citent ce territoire" if cites else "")
            + (f", et {seuls} réservé{'s' if seuls > 1 else ''} à des territoires nommés, dont celui-ci" if seuls
               else "") + ".")


def section_services(d: Donnees, tid: str) -> None:
    """The services open to the territory, named, with what the sources say about this
    territory; their descriptions and national amounts are on the Services page (the same
    for every territory: re-sent with each click, they made the panel long and heavy)."""
    services = programme.services_pour(d, tid)
    st.subheader("Services de la phase II", anchor=False)
    st.caption(phrase_services(services))
    lignes = []
    for s in services:
        lignes.append(f"- **{s['titre']}**")
        lignes += [f"  - *Dans ce territoire :* {m['texte']} ({lien(m['ref'])})" for m in s["mentions"]]
    st.markdown("\n".join(lignes))
    st.page_link("pages/services.py", label="Détail de chaque service : description, mise en œuvre, montants",
                 icon=":material/arrow_forward:")


def phrase_couverture(c: dict, n_ici: int) -> str:
    total = f" sur {fmt.entier(c['total_region'])} projets soutenus en région" if c["total_region"] else ""
    ici = (f"{n_ici} lauréat{'s' if n_ici > 1 else ''} documenté{'s' if n_ici > 1 else ''}" if n_ici
           else "Aucun lauréat documenté")
    return (f"{ici} dans ce territoire. "
            f"La liste source nomme {c['nommes']} lauréats{total}, dont {c['localises']} localisés à la commune "
            f"et {c['avec_montant']} avec un montant publié : elle est partielle, et l'absence d'une entreprise "
            "ne signifie pas qu'elle n'a pas été aidée.")


def section_financements(d: Donnees, tid: str) -> None:
    r = programme.resume_financements(d, tid)
    st.subheader("Financements", anchor=False)
    if r["territoire"]:
        st.markdown("**Montants publiés pour ce territoire**")
        st.markdown("\n".join(f"- {x.dispositif} — {fmt.libelle_avant_valeur(x.indicateur)} : "
                               f"**{fmt.valeur(x.valeur, x.unite)}** "
                               f"({fmt.date(x.periode)}) — [{x.source_titre}]({x.source_url})"
                               for x in r["territoire"]))
    st.markdown("**Lauréats documentés du Fonds d'accélération**")
    if r["laureats"]:
        # A list, not a table: a narrow panel would cut the columns ("Pr…").
        st.markdown("\n".join(
            f"- **{x.entreprise}** ({x.commune_2026}) — aide : "
            f"{fmt.euros(x.aide_eur) if x.aide_eur else 'non publiée'} — projet : {x.projet or 'non précisé'} — "
            f"[article]({x.sources[0]})" for x in r["laureats"]))
    st.caption(phrase_couverture(r["couverture"], len(r["laureats"])))


def section_contexte_regional(d: Donnees) -> None:
    """Region-wide figures, in the region's panel and last in a territory's, labelled as
    such (read above a territory's own figures, they were taken for its phase II money).
    The same elements in both panels, word for word: the browser already has them when
    a territory is first chosen (Streamlit's message cache sends a short reference)."""
    contexte = programme.contexte_regional(d)
    if not contexte:
        return
    st.subheader("Contexte régional", anchor=False)
    st.markdown(f"**{programme.FA} (France Relance), toute la Nouvelle-Aquitaine, {contexte[0].periode}** — "
                "chiffres de la région entière, pas ceux d'un territoire en particulier.")
    st.markdown("\n".join(f"- {fmt.libelle_avant_valeur(x.indicateur)} : **{fmt.valeur(x.valeur, x.unite)}**"
                           for x in contexte))
    refs = {x.source_url: x for x in contexte}
    st.caption("Source : " + " ; ".join(f"[{x.source_titre}]({u})" for u, x in refs.items()))


def section_exports(d: Donnees, tid: str) -> None:
    """Files generated only when clicked (callables), without rerunning the page; the
    selection's « Effacer » beside them. A horizontal container wraps its buttons onto
    a new line when they do not fit, so their labels are never cut."""
    st.subheader("Exporter", anchor=False)
    ligne = st.container(horizontal=True, gap="small")
    ligne.download_button("Contour (GeoJSON)", functools.partial(exports.geojson_territoire, d, tid),
                          file_name=f"{tid}.geojson", mime="application/geo+json", on_click="ignore",
                          icon=":material/download:", key=f"export-geojson-{tid}")
    ligne.download_button("Communes (CSV)", functools.partial(exports.csv_communes, d, tid),
                          file_name=f"{tid}-communes.csv", mime="text/csv", on_click="ignore",
                          icon=":material/download:", key=f"export-csv-{tid}")
    ligne.download_button("Fiche (HTML)", functools.partial(exports.fiche_html, d, tid),
                          file_name=f"{tid}-fiche.html", mime="text/html", on_click="ignore",
                          icon=":material/download:", key=f"export-fiche-{tid}")
    st.caption("Chaque fichier indique ses sources et sa licence. La fiche s'imprime sur une page.")
    st.button("Effacer la sélection", key="effacer", on_click=session.choisir_territoire,
              args=(None, session.MONTRER_HAUT), icon=":material/close:")
