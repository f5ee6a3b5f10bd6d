"""« Financements » page body: charts of the regional figures, ledger, laureates."""
from __future__ import annotations

import urllib.parse

import altair as alt
import streamlit as st

from tableau.logique import exports, filtre, format as fmt, programme
from tableau.logique.contenu import DISPOSITIFS
from tableau.logique.format import valeur as fmt_valeur
from tableau.logique.modele import Donnees
from tableau.ui import affichage, libelles, sections
from tableau.ui.cadre import Contexte

TITRE = "Financements"
# Whether the commune the article names was found among 2026's communes (geo.laureats), in
# words for readers (« Rapprochement : rapprochée » was read as jargon).
RAPPROCHEMENTS = {"rapprochée": "oui", "commune introuvable dans le département": "non : introuvable dans son "
                  "département", "commune non publiée": "non : l'article ne la nomme pas"}


def _barres(data: list[dict], titre: str = "") -> alt.Chart:
    """Horizontal bars, each with its category written above it and its value printed at
    its end (readable without hovering). The categories are not axis labels, so the bars
    get the chart's whole width and the values are never cut, even in a phone's column.
    A screen reader reads the chart's French description (it read « Vega visualization »),
    not each mark's internal fields (« valeur: 133; libelle: …; calcule: false »)."""
    # Room on the right for the longest value ("144 entreprises"): the x domain is stretched by 60 %.
    maxi = max(x["valeur"] for x in data)
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X("valeur:Q", title=None, axis=None, scale=alt.Scale(domain=[0, maxi * 1.6])),
        y=alt.Y("libelle:N", title=None, sort=None, axis=None),
        tooltip=[alt.Tooltip("libelle:N", title="Catégorie"), alt.Tooltip("etiquette:N", title="Valeur")])
    barres = base.mark_bar(size=16, yOffset=7, aria=False).encode(color=alt.Color(
        "calcule:N", legend=None, scale=alt.Scale(domain=[False, True], range=["#0072B2", "#9ecae1"])))
    valeurs = base.mark_text(align="left", dx=4, dy=7, fontSize=13, color="#111", aria=False).encode(
        text="etiquette:N")
    categories = base.mark_text(align="left", baseline="bottom", dy=-2, fontSize=13, color="#111",
                                aria=False).encode(x=alt.datum(0), text="libelle:N")
    description = (f"Diagramme en barres{' : ' + titre if titre else ''}. "
                   + " ; ".join(f"{x['libelle']} : {x['etiquette']}" for x in data) + ".")
    return (barres + valeurs + categories).properties(height=alt.Step(46), description=description)


def graphiques(d: Donnees) -> None:
    st.header(fmt.insecable(f"{programme.FA} en Nouvelle-Aquitaine"), anchor=False)
    total = programme.ligne(d, "fa-na-projets")
    if phrases := programme.chiffres_fonds(d):
        source = sections.lien({"titre": total.source_titre, "url": total.source_url}) if total else ""
        st.markdown(" ".join(phrases) + (f" Source : {source}." if source else ""))
    pme = programme.ligne(d, "fa-na-pme")
    graphes = (
        (programme.repartition_ti(d), f"Projets soutenus selon leur localisation ({total and total.periode})",
         "Bleu foncé : chiffre publié. Bleu clair : calculé (total moins projets situés dans un Territoire "
         "d'industrie)."),
        (programme.repartition_taille(d), f"Entreprises bénéficiaires selon leur taille ({pme and pme.periode})",
         "Chiffres publiés. Des entreprises, non des projets : la source ne détaille pas la taille des autres "
         "bénéficiaires."))
    # No Streamlit toolbar (English words): every bar carries its value, and the figures are in
    # the register below and its French CSV.
    with st.container(key=libelles.SANS_BARRE + "graphiques"):
        colonnes = st.columns(2)
    for colonne, (data, titre, legende) in zip(colonnes, graphes, strict=True):
        if data:  # None when a figure is missing: repartition_* need both, on one unit and period
            colonne.markdown(f"**{titre}**")
            colonne.altair_chart(_barres(data, titre), width="stretch")
            colonne.caption(legende)
    if montants := programme.montants_par_dispositif(d):
        # Different perimeters and periods: listed, never drawn on one axis.
        st.markdown("**Aides publiées par dispositif** (périmètres et périodes différents, non comparables "
                    "entre eux)\n\n" + "\n".join(
                        f"- {m['dispositif']} — {m['portee']}, {m['periode']} : "
                        f"**{fmt_valeur(m['montant_meur'], 'M€')}** "
                        f"({sections.lien({'titre': m['source'], 'url': m['url']})})" for m in montants))


def registre(d: Donnees, selection: str | None, visibles: list[str]) -> None:
    st.header("Registre des chiffres publiés", anchor=False)
    options = ["tous", "national", "region", *visibles]
    libelles = {"tous": "Tous les niveaux", "national": "National", "region": "Nouvelle-Aquitaine"}
    # The selection banner says it applies to this page's lists: the register opens on the
    # selected territory (each time the selection changes; « Tous les niveaux » stays one choice
    # away). A value no option offers (forged, or a territory the filter now hides): the last
    # valid one if it is still offered, else all levels.
    if st.session_state.get("registre_pour", "") != selection:
        st.session_state["registre_pour"] = selection
        st.session_state["registre_perimetre"] = selection if selection in visibles else "tous"
    elif st.session_state.get("registre_perimetre") not in options:
        garde = st.session_state.get("registre_valide")
        st.session_state["registre_perimetre"] = garde if garde in options else "tous"
    c1, c2 = st.columns([1, 2])
    perimetre = st.session_state["registre_valide"] = c1.selectbox(
        "Périmètre", options, key="registre_perimetre", format_func=lambda o: libelles.get(o) or d.territoires[o].nom)
    dispositifs = c2.multiselect("Dispositifs", list(DISPOSITIFS), key="registre_dispositifs",
                                 placeholder="Tous les dispositifs", select_all=False)  # no English row
    # The département filter drops the other territories' rows; national and regional ones stay.
    rows = [r for r in programme.filtrer_registre(d, perimetre, dispositifs)
            if r.niveau != "territoire" or r.territoire in visibles]
    if not rows:
        # Opened on a territory with no figure of its own, the register looked empty: the way to
        # the regional and national figures is said.
        if perimetre in d.territoires:  # 15 of the 16 territories have no figure of their own
            st.info(f"Aucun chiffre publié pour « {d.territoires[perimetre].nom} »"
                    + (" avec ces dispositifs" if dispositifs else "") + " dans les sources consultées : "
                    "choisissez « Tous les niveaux » ou « Nouvelle-Aquitaine » dans « Périmètre » pour voir les "
                    "chiffres régionaux et nationaux.")
        else:
            st.info("Aucun chiffre publié ne correspond à ce filtre dans les sources consultées"
                    + (" : retirez un dispositif pour en voir d'autres." if dispositifs else "."))
    else:
        # A static table whose cells wrap (a canvas grid cuts long names and cannot wrap):
        # value, unit and period right after the indicator, in view without sideways
        # scrolling; every cell as written (Markdown-escaped), the source a link.
        st.table([{"Périmètre": fmt.md(d.territoires[r.territoire].nom if r.territoire
                                       else libelles.get(r.niveau, "")),
                   "Dispositif": fmt.md(r.dispositif), "Indicateur": fmt.md(r.indicateur),
                   "Valeur": fmt.md(fmt_valeur(r.valeur, r.unite)), "Période": fmt.md(fmt.date(r.periode)),
                   "Source": fmt.md_lien(r.source_titre or "source", r.source_url), "Note": fmt.md(r.note)}
                  for r in rows],
                 hide_index=True, border="horizontal")
    st.download_button("Télécharger ces lignes du registre (CSV)", exports.csv_registre(rows),
                       file_name="financements-territoires-industrie-na.csv", mime="text/csv",
                       icon=":material/download:", disabled=not rows)
    if selection and perimetre != selection and selection in visibles:
        st.caption(f"Astuce : choisissez « {d.territoires[selection].nom} » comme périmètre pour ne voir que "
                   "les chiffres propres au territoire sélectionné.")


def _site(url: str) -> str:
    """« sudouest.fr » for a link: which newspaper, without opening it (each row said « article »)."""
    hote = urllib.parse.urlsplit(url).hostname if url.startswith(("https://", "http://")) else None
    return hote.removeprefix("www.") if hote else "source"


def laureats(d: Donnees, selection: str | None, visibles: list[str], filtre_actif: bool) -> None:
    st.header("Lauréats documentés du Fonds d'accélération", anchor=False)
    c = programme.couverture(d)
    st.markdown(sections.phrase_couverture(c, c["dans_territoires"]).replace(
        "dans ce territoire", f"dans un des {len(d.territoires)} territoires"))
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
    # The sentence above counts the whole region's list: say what the table keeps.
    s = "s" if len(rows) > 1 else ""
    if selection and seulement:
        st.caption(f"Seulement « {d.territoires[selection].nom} » : {len(rows)} lauréat{s} affiché{s} sur les "
                   f"{c['nommes']} de la liste.")
    elif filtre_actif:
        st.caption(f"Filtre par département : {len(rows)} lauréat{s} affiché{s}, situé{s} dans les territoires des "
                   "départements choisis.")
    aides = fmt.colonne([r.aide_eur for r in rows], 0, vide="non publiée")
    # Static, wrapping table (see the register); our French CSV below.
    st.table([{"Entreprise": fmt.md(r.entreprise), "Commune publiée": fmt.md(r.commune_publiee),
               "Commune 2026": fmt.md(r.commune_2026),
               "Territoire": fmt.md(d.territoires[r.territoire].nom if r.territoire else ""),
               "Aide (€)": aide, "Annonce": fmt.md(fmt.date(r.date_annonce)), "Projet": fmt.md(r.projet),
               "Commune retrouvée": fmt.md(RAPPROCHEMENTS.get(r.rapprochement, r.rapprochement)),
               "Source": fmt.md_lien(f"article ({_site(r.sources[0])})", r.sources[0])}
              for r, aide in zip(rows, aides)], hide_index=True, border="horizontal")
    st.download_button("Télécharger ces lauréats (CSV)", exports.csv_laureats(d, rows),
                       file_name="laureats-fonds-acceleration-na.csv", mime="text/csv",
                       icon=":material/download:", on_click="ignore")


def afficher(ctx: Contexte) -> None:
    visibles = filtre.territoires_visibles(ctx.d.territoires, ctx.e.deps)
    affichage.rappel_selection(ctx.d, ctx.e, visibles)
    if ctx.e.deps:
        st.caption("Les graphiques couvrent toute la région : le filtre par département ne s'y applique pas ; "
                   "il s'applique au registre et aux lauréats plus bas.")
    graphiques(ctx.d)
    registre(ctx.d, ctx.e.territoire, visibles)
    laureats(ctx.d, ctx.e.territoire, visibles, bool(ctx.e.deps))
