"""« Sources et méthode »: the manifest turned into tables and prose."""
from __future__ import annotations

import re

import streamlit as st

from tableau.logique import format as fmt, programme
from tableau.logique.modele import Donnees
from tableau.ui.cadre import Contexte

TITRE = "Sources et méthode"


def lignes_sources(d: Donnees) -> list[dict]:
    """One row per source; the 13 per-département geometry files are grouped into one."""
    rows, communes = [], []
    for s in d.sources:
        if re.match(r"admin-express-cog-2018/communes-\d\d", s.fichier):
            communes.append(s)
            continue
        rows.append({"Fichier": s.fichier, "Producteur": s.producteur, "Millésime": fmt.dates_dans(s.millesime),
                     "Licence": s.licence, "Usage": s.role,
                     # some sources cite one article per row: no single link then
                     "Lien": s.url if s.url.startswith("http") else None,
                     # a file repackaged by a third party: the producer's own page too
                     "Origine officielle": s.origine[0][1] if s.origine else None})
    if communes:
        s = communes[0]
        deps = ", ".join(c.fichier.split("-")[4] for c in communes)
        rows.insert(0, {"Fichier": f"admin-express-cog-2018/communes-*.geojson ({len(communes)} fichiers)",
                        "Producteur": s.producteur, "Millésime": s.millesime, "Licence": s.licence,
                        "Lien": s.url, "Usage": f"contours des communes (départements {deps})",
                        "Origine officielle": None})
    return rows


def origines(d: Donnees) -> list[tuple[str, str]]:
    """The producers' pages of the sources repackaged by a third party, each once."""
    vus: dict[str, str] = {}
    for s in d.sources:
        for titre, url in s.origine:
            vus.setdefault(url, titre)
    return [(t, u) for u, t in vus.items()]


def tableau(lignes: list[dict], liens: dict[str, str] | None = None) -> None:
    """A static table whose cells wrap (nothing cut, no English toolbar): text shown as written
    (Markdown-escaped), the columns of ``liens`` (column -> link text) as links."""
    liens = liens or {}
    st.table([{k: fmt.md_lien(liens[k], v) if k in liens and v else fmt.md(v) if v is None or isinstance(v, str)
               else v for k, v in r.items()} for r in lignes], hide_index=True, border="horizontal")


def lignes_variables(doc: dict) -> list[dict]:
    """The INSEE variables the dashboard uses, with their year (from the edition's names)."""
    return [{"Donnée": v["libelle_long"], "Année": v["annee"], "Code INSEE": v["code"],
             "Origine": "recensement de la population" if v.get("recensement") else "répertoire des établissements"}
            for v in sorted(doc["variables"].values(), key=lambda v: (not v.get("recensement"), v["annee"], v["code"]))]


def section_insee(d: Donnees) -> None:
    """Source, edition, years of each variable, 2021 -> 2026 mapping, what is not available."""
    st.header("Indicateurs économiques (INSEE)", anchor=False)
    if d.insee is None:
        st.warning(d.alerte_insee)
        return
    doc = d.insee.doc
    s, r = doc["source"], doc["rattachement"]
    st.markdown(
        f"Les chiffres du « Tissu économique », les colonnes économiques du tableau des territoires et les "
        f"couleurs de la carte viennent de la [{s['titre']}]({s['url']}) de l'{s['producteur']}, "
        f"édition {s['edition']} ({s['licence']}). Chaque donnée a son année :")
    tableau(lignes_variables(doc))
    st.markdown(
        f"**Communes de {s['geographie_communes']} et communes de 2026.** {doc['textes']['methode']} "
        f"Ici, {fmt.entier(r['codes_2021'])} codes communaux de {s['geographie_communes']} donnent "
        f"{fmt.entier(r['communes_2026'])} communes de 2026 : "
        f"{fmt.entier(r['communes_2026_issues_de_plusieurs_codes'])} communes de 2026 réunissent plusieurs "
        f"communes de {s['geographie_communes']} "
        f"({fmt.entier(r['codes_rattaches_a_une_autre_commune'])} codes rattachés à une autre commune).")
    st.markdown(f"**Chômage.** {doc['textes']['chomage']} {doc['textes']['recensement']}")
    st.markdown("**Ce que cette source ne donne pas** (et que le tableau de bord n'affiche donc pas) :\n"
                + "\n".join(f"- **{x['sujet']}** : {x['detail']}" for x in doc["textes"]["non_disponible"]))
    with st.expander("Détail technique : archive lue et communes réunies"):
        st.markdown(f"Archive `{s['archive']}` (fichier `{s['fichier_donnees']}`), lue telle que distribuée ; "
                    f"empreinte SHA-256 `{s['sha256']}`.")
        tableau([{"Commune 2026": x["commune"], "Nom 2026": d.commune[x["commune"]].nom
                  if x["commune"] in d.commune else "", "Codes " + str(s["geographie_communes"]):
                  ", ".join(x["codes_2021"]), "Noms " + str(s["geographie_communes"]): ", ".join(x["noms_2021"])}
                 for x in r["detail"]])


def afficher(ctx: Contexte) -> None:
    d = ctx.d
    m = d.manifest
    # Said for readers, not developers (« dossier geo/ » was read as jargon in a tryout).
    st.markdown("Chaque chiffre du tableau de bord provient d'un fichier de données que le projet construit "
                "lui-même à partir des sources publiques ci-dessous, par un programme publié avec son code.")
    st.header("Sources", anchor=False)
    lignes = lignes_sources(d)
    # File names are for the technical reader: in the expander at the bottom of the page.
    # What each source is used for comes first: several rows share a producer. No "None" for
    # the sources cited one article per row.
    colonnes = ["Usage", "Producteur", "Millésime", "Licence", "Lien", "Origine officielle"]
    tableau([{c: r[c] for c in colonnes} for r in lignes], {"Lien": "ouvrir", "Origine officielle": "producteur"})
    st.caption("« Lien » : l'adresse d'où le fichier a été pris ; « Origine officielle » : la page du producteur, "
               "quand le fichier est repris d'un tiers.")
    if refs := origines(d):
        st.markdown("Les communes, EPCI, départements et la région viennent des fichiers du paquet Etalab "
                    "« @etalab/decoupage-administratif », qui reprend les données officielles : "
                    + " ; ".join(f"[{t}]({u})" for t, u in refs) + ".")

    st.header("Services et financements de la phase II", anchor=False)
    st.markdown("Les descriptions des services sont rédigées par le projet ; chaque montant et chaque chiffre "
                "renvoie à la référence publique dont il est tiré. Quand deux sources publient des montants "
                "différents, les deux sont affichés.")
    tableau([{"Référence": r["titre"], "Date": fmt.date(r.get("date") or "") or "non précisée", "Lien": r["url"]}
             for r in d.services["references"].values()], {"Lien": "ouvrir"})

    section_insee(d)

    p = m.get("parametres", {})
    st.header("Construction des territoires", anchor=False)
    st.markdown(
        f"""
- Les contours communaux de l'IGN (édition 2018) sont rattachés aux communes de 2026 grâce au Code
  officiel géographique : une commune nouvelle reçoit les contours de ses anciennes communes.
- Chaque territoire réunit les communes que la liste de l'ANCT lui attribue. Sa population est la somme
  des populations municipales 2026 de ses communes ; sa superficie est calculée en Lambert-93
  ({p.get('crs_calcul', 'EPSG:2154')}), avant simplification.
- Pour l'affichage, les contours sont simplifiés comme une couverture (tolérance de
  {fmt.entier(p.get('tolerance_simplification_m', 0))} m) : deux territoires voisins gardent exactement
  la même frontière, sans vide ni chevauchement. Les contours des communes (commune cherchée et
  communes du territoire choisi) sont ceux de cette même couverture : leur réunion redonne chaque
  territoire. Ils sont rangés au format TopoJSON, où une limite partagée n'est écrite qu'une fois.
- « Chercher une commune » : le point qui marque la commune est un point intérieur, calculé sur son
  contour non simplifié ; pour une commune hors des territoires, la distance au territoire le plus proche va de
  ce point à la limite du territoire, mesurée en Lambert-93.
""")
    partiels = m.get("controles", {}).get("epci_partiels", [])
    if partiels:
        st.markdown("**Intercommunalités partagées.** " + " ".join(
            f"{e['nom']} : {e['communes_dans_territoire']} de ses {e['communes_epci']} communes appartiennent "
            f"au territoire « {d.territoires[e['territoire']].nom} »." for e in partiels))
    st.header("Limites connues", anchor=False)
    st.markdown("""
- Les contours datent de 2018 ; ils sont rattachés aux communes de 2026, mais des rectifications de
  limites intervenues depuis ne sont pas reprises.
- Les contours sont simplifiés : ils conviennent à une carte régionale, pas à un usage cadastral.
- Les Hautes-Pyrénées (Occitanie) figurent parce qu'une partie de Lacq – Pau – Tarbes s'y trouve.
""")
    c = programme.couverture(d)
    if c["total_region"]:
        st.markdown(
            f"- La liste des lauréats du Fonds d'accélération est partielle : {c['nommes']} entreprises nommées "
            f"dans la presse sur {fmt.entier(c['total_region'])} projets soutenus en région, {c['localises']} "
            f"rattachées à une commune et {c['avec_montant']} avec un montant publié. Les noms de commune "
            "introuvables ou absents ne sont pas devinés.")
    with st.expander("Détail technique : fichiers sources, fichiers produits et empreintes"):
        st.markdown("**Fichiers sources**")
        tableau([{"Fichier": r["Fichier"], "Producteur": r["Producteur"]} for r in lignes])
        st.markdown("**Fichiers produits** (empreinte SHA-256 de chacun)")
        sorties = m.get("sorties", [])
        octets = fmt.colonne([o["octets"] for o in sorties])
        tableau([{"Fichier": o["fichier"], "Contenu": o["description"], "Octets": n, "SHA-256": o["sha256"]}
                 for o, n in zip(sorties, octets, strict=True)])
        st.caption("Bibliothèques : " + ", ".join(f"{k} {v}" for k, v in sorted(m.get("bibliotheques", {}).items())))
