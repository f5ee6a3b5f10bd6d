"""Streamlit rendering of the side panel and the legend (layout only)."""
from __future__ import annotations

import html

import streamlit as st

from tableau.logique import carte, filtre, format as fmt, indicateurs, panneau, tissu
from tableau.logique.modele import Commune, Donnees
from tableau.ui import cles_carte, ecran, sections, session

CLE_PANNEAU = ecran.CLE_PANNEAU_TERRITOIRE


def panneau_territoire(d: Donnees, tid: str) -> None:
    p = panneau.donnees_panneau(d, tid)
    with st.container(key=CLE_PANNEAU, border=True):
        st.header(p["nom"], anchor=False)
        deps = ", ".join(f"{x['nom']} ({x['code']}" + ("" if x["dans_region"] else ", hors région") + ")"
                         for x in p["departements"])
        st.markdown(f"**Département{'s' if len(p['departements']) > 1 else ''} :** {deps}")
        c1, c2 = st.columns(2)
        c1.metric("Communes", fmt.entier(p["nb_communes"]))
        c2.metric("Population (2026)", fmt.entier(p["population"]))
        c1.metric("Superficie", fmt.km2(p["superficie_km2"]))
        c2.metric("Densité (hab./km²)", fmt.decimal(p["densite"], 0))
        # Actions near the top: the panel is long, they must not wait at its very bottom.
        sections.section_exports(d, tid)

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

        sections.section_tissu(d, d.insee.doc["territoires"].get(tid) if d.insee else None, p["nom"],
                               "tissu-territoire")
        sections.section_services(d, tid)
        sections.section_financements(d, tid)
        sections.section_contexte_regional(d)


def carte_commune(d: Donnees, c: Commune) -> None:
    """The commune chosen by « Ma commune » or on the map, above the territory panel."""
    p = panneau.donnees_commune(d, c)
    with st.container(key="panneau-commune", border=True):
        st.header(f"Commune : {p['nom']}", anchor=False)
        # At the top of the card: at its foot, it was below the fold on every screen (tryout).
        st.button("Revenir au territoire" if p["territoire"] else "Fermer la fiche de la commune",
                  key="oublier-commune", on_click=_revenir, icon=":material/close:")
        m1, m2 = st.columns(2)
        m1.metric("Population (2026)", fmt.entier(p["population"]))
        if p["part_population"] is not None:
            m2.metric("Part du territoire", f"{fmt.decimal(p['part_population'], 1)}{fmt.NBSP}%",
                      help=f"Part de la population du territoire « {p['territoire']} ».")
        else:
            m2.metric("Distance", f"{fmt.decimal(p['distance_km'], 1)}{fmt.NBSP}km",
                      help="Entre le centre de la commune et la limite du territoire le plus proche, "
                           "mesurée en Lambert-93.")
        cps = ", ".join(p["codes_postaux"]) or "non renseigné"
        pluriel = len(p["codes_postaux"]) > 1
        territoire = (f"**Territoire :** {p['territoire']}" if p["territoire"]
                      else f"**Territoire le plus proche :** {p['proche']}")
        st.markdown("  \n".join([territoire, f"**Département :** {p['departement']}",
                                 f"**Intercommunalité :** {p['epci']}",
                                 f"**Code{'s' if pluriel else ''} posta{'ux' if pluriel else 'l'} :** {cps}",
                                 f"**Code INSEE :** {p['code']}"]))
        st.caption(p["source"])
        sections.section_tissu(d, d.insee.communes.get(c.code) if d.insee else None, c.nom, "tissu-commune")


def _revenir() -> None:
    """The card goes: where the panel's heading has left the view, the page brings it back (else
    the reader landed in the middle of the territory's panel, and the keyboard's focus off-screen)."""
    session.oublier_commune()
    st.session_state[session.K_MONTRER] = session.MONTRER_PANNEAU


def panneau_region(d: Donnees, visibles: list[str], deps: list[str]) -> None:
    r = panneau.resume_region(d, visibles, deps)
    with st.container(key=CLE_PANNEAU, border=True):
        titre = "Territoires filtrés" if deps else "Nouvelle-Aquitaine"
        st.header(titre, anchor=False)
        # The filter named here too: on a phone the sidebar that shows it is closed.
        st.markdown(f"**{r['nb_territoires']}** Territoire{'s' if r['nb_territoires'] > 1 else ''} d'industrie "
                    "labellisé" + ("s" if r["nb_territoires"] > 1 else "") + " pour la phase II (2023-2027)"
                    + (f" dans {filtre.noms_departements(deps, d.departements)}." if deps else "."))
        if r["nb_territoires"]:
            c1, c2 = st.columns(2)
            c1.metric("Communes couvertes", fmt.entier(r["nb_communes"]))
            c2.metric("Population (2026)", fmt.entier(r["population"]))
            if perimetre := panneau.phrase_perimetre(d, r, deps):
                st.markdown(perimetre)
            st.caption(panneau.sources_identite(d))
            st.markdown("Choisissez un territoire sur la carte ou dans la liste pour afficher "
                        "sa composition.")
        sections.section_contexte_regional(d)


def rappel_selection(d: Donnees, e, visibles: list[str]) -> None:
    """On the pages other than the map: what is selected and filtered, applied below."""
    parts = []
    if e.territoire:
        parts.append(f"territoire « {d.territoires[e.territoire].nom} »")
    if e.commune:
        parts.append(f"commune {d.commune[e.commune].nom}")
    if e.deps:
        parts.append(f"{filtre.noms_departements(e.deps, d.departements)}, soit {len(visibles)} territoire"
                     + ("s" if len(visibles) > 1 else ""))
    if parts:
        st.info("Sélection en cours : " + " ; ".join(parts) + ". Elle s'applique aux listes de cette page ; "
                "changez-la sur la page Carte ou dans le menu latéral.", icon=":material/filter_alt:")
    else:
        st.caption("Aucune sélection : toute la région est affichée. Choisissez un territoire sur la page "
                   "Carte, ou filtrez par département dans le menu latéral.")


def legende(d: Donnees, visibles: list[str], palette: dict[str, str], numeros: dict[str, int],
            choisi: str | None) -> None:
    """Legend under the map: the territories' keys, then the line symbols."""
    cles_carte.cles_territoires(d, visibles, palette, numeros, choisi)
    _legende_html("")
    st.caption("Chaque territoire porte son numéro sur la carte ; son nom ci-dessus le choisit aussi. "
               "Deux territoires voisins n'ont jamais la même couleur, lisible par les personnes daltoniennes.")


def _classes_html(titre: str, lignes: list[dict], unites: str, opacite: float) -> str:
    """Swatches at the map's own opacity: territories are drawn half transparent, communes opaque."""
    items = "".join(
        f'<li data-couleur="{r["couleur"]}"><span class="pastille" style="background:{r["couleur"]};'
        f'opacity:{opacite}"></span>'
        f'<span class="classe">{html.escape(r["libelle"])}</span> '
        f'<span class="effectif">({r["effectif"]} {unites if r["effectif"] > 1 else unites[:-1]})</span></li>'
        for r in lignes)
    return f'<p class="titre-classes">{html.escape(titre)}</p><ul class="classes">{items}</ul>'


def legende_indicateur(d: Donnees, indicateur: str, territoire: str | None) -> None:
    """Legend of the INSEE choropleth: class bounds with the unit, how many units in each,
    « non disponible »; the selected territory's communes have classes of their own."""
    doc = d.insee.doc
    titre = indicateurs.libelle_annees(doc, indicateur)
    parties = [_classes_html(f"Territoires — {titre}", session.coloriage(d, indicateur)[1], "territoires",
                             carte.OPACITES[0])]
    if territoire and d.communes_par_territoire.get(territoire):
        parties.append(_classes_html(f"Communes de « {d.territoires[territoire].nom} » — {titre}",
                                     session.coloriage(d, indicateur, territoire)[1], "communes", 1.0))
    _legende_html('<div class="legende-indicateur">' + "".join(parties) + "</div>")
    echelle = indicateurs.PAR_ID[indicateur].echelle
    # « of equal size » was read against classes of 4, 3, 4, 2, 1 and 2 territories: quantiles
    # split apart at zero, rounded bounds and repeated values make them unequal.
    st.caption(("Classes par quantiles, " + ("" if echelle == "sequentielle" else
                                             "calculés à part pour les baisses et pour les hausses, ")
                + "aux effectifs proches mais pas toujours égaux (bornes arrondies à l'affichage, valeurs "
                "répétées) ; couleurs ColorBrewer "
                + ("YlGnBu" if echelle == "sequentielle" else "PuOr (orange : baisse, violet : hausse)")
                + ", lisibles par les personnes daltoniennes. ") + tissu.mention_source(doc))


def _legende_html(contenu: str) -> None:
    st.html(
        '<div class="legende">' + contenu +
        # Each symbol kept on the line of its words.
        '<p><span class="item"><span class="trait selection"></span>territoire sélectionné (contour noir épais)'
        '</span> <span class="item"><span class="trait commune"></span>commune choisie (tirets courts)</span> '
        # drawn around the nearest territory of a commune outside them all (carte.STYLES["proche"])
        '<span class="item"><span class="trait proche"></span>territoire le plus proche d\'une commune hors '
        'territoire (tirets longs)</span> '
        '<span class="item"><span class="trait communes"></span>communes du territoire sélectionné</span> '
        '<span class="item"><span class="trait dep"></span>limite de département</span> '
        '<span class="item"><span class="trait region"></span>limite de région</span></p></div>'
        "<style>.legende ul{list-style:none;padding:0;margin:0;columns:2;font-size:.85rem}"
        ".legende li{margin:2px 0}.pastille{display:inline-block;width:.9em;height:.9em;margin-right:.4em;"
        "border:1px solid #555;vertical-align:-.1em;opacity:.8}.legende p{font-size:.8rem;margin-top:.4rem}"
        ".legende .item{display:inline-block}"
        ".trait{display:inline-block;width:1.6em;margin:0 .3em .25em .6em;vertical-align:middle}"
        ".trait.selection{border-top:4px solid #000}.trait.dep{border-top:2px dashed #4d4d4d}"
        ".trait.region{border-top:3px solid #222}"
        # dashes as long as on the map (6 and 3 px, 10 and 5 px): CSS « dashed » cannot tell them apart
        ".trait.commune,.trait.proche{height:3px;background:repeating-linear-gradient(90deg,#000 0 6px,"
        "transparent 6px 9px)}.trait.proche{background:repeating-linear-gradient(90deg,#000 0 10px,"
        "transparent 10px 15px)}"
        ".trait.communes{border-top:1px solid #333}.legende ul.classes{columns:1}"
        ".titre-classes{font-weight:600;font-size:.85rem;margin:.3rem 0 .1rem}</style>")

