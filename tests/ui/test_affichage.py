"""The panel as rendered (tableau.ui.affichage and its sections, tableau.ui.sections), under AppTest."""

from tests.appli import app, cliquer, deps_url, faux_composant, titre  # noqa: F401 (autouse fixture)


def test_panneau_services_et_financements():
    at = app(territoire="lacq-pau-tarbes")
    # « hors région » inside the brackets of the one département it concerns (it read as both)
    assert ("**Départements :** Pyrénées-Atlantiques (64), Hautes-Pyrénées (65, hors région)"
            in [m.value for m in at.markdown])
    subs = [s.value for s in at.subheader]
    assert "Services de la phase II" in subs and "Financements" in subs
    # The six services by name, this territory's own mention under its service; the
    # descriptions and national amounts are left to the Services page, linked.
    services = next(m.value for m in at.markdown if m.value.startswith("- **Un chef de projet"))
    assert services.count("\n- **") == 5
    assert ("- **Rebond industriel**\n  - *Dans ce territoire :* Lacq – Pau – Tarbes a obtenu 2,5 M€ au titre de "
            "Rebond industriel pour ses PME.") in services
    assert "100" not in services and not at.expander
    lien = at.get("page_link")[0]
    assert lien.proto.page.endswith("services") or "services" in lien.proto.page
    assert lien.proto.label.startswith("Détail de chaque service")
    texte = " ".join(m.value for m in at.markdown)
    assert "Lacq – Pau – Tarbes a obtenu 2,5 M€" in texte
    assert "Projets soutenus : **244\u202fprojets**" in texte
    assert "Aide obtenue pour les PME du territoire : **2,5\u202fM€**" in texte
    captions = " ".join(c.value for c in at.caption)
    assert "Aucun lauréat documenté dans ce territoire" in captions and "nomme 29 lauréats sur 244" in captions
    assert not any("À venir" in i.value for i in at.info)
    # « Rebond industriel » is not part of the common offer: the count says so (tryout)
    assert ("6 services accessibles ici : les 5 de l'offre commune à tous les territoires, et 1 réservé à des "
            "territoires nommés, dont celui-ci.") in captions
    assert ("5 services accessibles ici : les 5 de l'offre commune à tous les territoires."
            in " ".join(c.value for c in app(territoire="agenais").caption))


def test_montants_sans_double_parenthese():
    from tableau.logique import donnees, programme
    from tableau.ui import sections
    d = donnees.charger()
    texte = "\n".join(sections.montants_markdown(s["montants"]) for s in programme.services_pour(d, None))
    assert "**100\u202fM€**, phase II (2023-2027) — [" in texte  # was « (phase II (2023-2027)) »
    assert "((" not in texte and "))" not in texte


def test_panneau_laureats_du_territoire():
    at = app(territoire="grand-perigueux-grand-bergeracois")
    assert not at.dataframe  # a list: no column cut to "Pr…" in a narrow panel
    liste = next(m.value for m in at.markdown if m.value.startswith("- **Manuco**"))
    manuco, rubi = liste.split("\n")
    assert "aide : non publiée" in manuco and "None" not in liste
    assert rubi.startswith("- **Rubi Cuir** (Boulazac Isle Manoire) — aide : 500\u202f000\u202f€ — projet : ")
    assert "2 lauréats documentés dans ce territoire" in " ".join(c.value for c in at.caption)


def test_exports_dans_le_panneau_et_la_page_territoires():
    at = app(territoire="pays-basque")
    boutons = [b for b in at.get("download_button")]
    assert len(boutons) == 3
    at.switch_page("pages/territoires.py").run()
    assert not at.exception and len(at.get("download_button")) == 2


def test_fiche_commune_dans_le_panneau():
    from tableau.logique import donnees
    d = donnees.charger()
    pau = next(c for c in d.communes if c.code == "64445")
    at = app(commune="64445")
    assert [h.value for h in at.header][:2] == ["Commune : Pau", "Lacq – Pau – Tarbes"]
    metrics = {m.label: m.value for m in at.metric[:2]}  # the card's, before the territory's
    assert metrics["Population (2026)"] == f"{pau.population:,}".replace(",", "\u202f")
    part = 100 * pau.population / d.territoires["lacq-pau-tarbes"].population
    assert metrics["Part du territoire"] == f"{part:.1f}".replace(".", ",") + "\u202f%"
    texte = " ".join(m.value for m in at.markdown)
    assert "**Intercommunalité :** CA Pau Béarn Pyrénées" in texte and "**Code INSEE :** 64445" in texte
    assert "**Territoire :** Lacq – Pau – Tarbes" in texte and "**Code postal :** 64000" in texte
    assert "64000" in texte
    at.button(key="oublier-commune").click().run()
    assert "commune" not in at.query_params and at.query_params["territoire"] == "lacq-pau-tarbes"
    assert not any(h.value.startswith("Commune :") for h in at.header)
    assert titre(at) == "Lacq – Pau – Tarbes"


def test_fiche_commune_hors_territoire():
    from tableau.logique import donnees
    d = donnees.charger()
    c = next(c for c in d.communes if c.code == "16106")
    at = app(commune="16106")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Distance"] == f"{c.distance_km:.1f}".replace(".", ",") + "\u202fkm"
    assert "**Territoire le plus proche :** Limoges et Haute-Vienne" in " ".join(m.value for m in at.markdown)
    assert titre(at) == "Nouvelle-Aquitaine"
    at.button(key="oublier-commune").click().run()
    assert dict(at.query_params) == {}


# --- « Tissu économique » (issue 13): values of data/insee.json, read here independently ---
NB = "\u202f"


def _insee() -> dict:
    import json

    from tableau.logique.donnees import DATA_DIR
    return json.loads((DATA_DIR / "insee.json").read_text(encoding="utf-8"))


def _effectif(x: float) -> str:
    return f"{x:,.0f}".replace(",", NB)


def _pct(x: float, signe: bool = False) -> str:
    t = f"{abs(x):.1f}".replace(".", ",") + NB + "%"
    return ("\u2212" if x < 0 else "+" if signe else "") + t


def _section(at, nom: str) -> dict[str, list[str]]:
    """The section's Markdown table: label -> [unit, region, position]."""
    md = next(m.value for m in at.markdown if m.value.startswith(f"| Donnée | {nom} |"))
    return {c[0]: c[1:] for c in ([x.strip() for x in ligne.strip("|").split("|")]
                                  for ligne in md.splitlines()[2:])}


def _attendu(comptes: dict, region: dict) -> dict[str, list[str]]:
    def part(c, n, d):
        return 100 * c[n] / c[d]

    def evo(c):
        return 100 * (c["emplois"] - c["emplois_debut"]) / c["emplois_debut"]

    def pos(a, b):
        a, b = round(a, 1), round(b, 1)
        return "▲ au-dessus" if a > b else "▼ en dessous" if a < b else "= égal"

    out = {"Établissements actifs fin 2018": [_effectif(comptes["etablissements"]),
                                              _effectif(region["etablissements"]), ""],
           "Emplois au lieu de travail en 2018": [_effectif(comptes["emplois"]), _effectif(region["emplois"]), ""],
           "Évolution de l'emploi 2013-2018": [_pct(evo(comptes), True), _pct(evo(region), True),
                                               pos(evo(comptes), evo(region))]}
    for libelle, n, d in (("dont industrie", "etablissements_industrie", "etablissements"),
                          ("dont 10 salariés ou plus", "etablissements_10_salaries_plus", "etablissements"),
                          ("dont emplois salariés", "emplois_salaries", "emplois"),
                          ("Taux de chômage des 15-64 ans en 2018 (recensement)", "chomeurs_15_64", "actifs_15_64")):
        deux = [(f"{_effectif(c[n])} ({_pct(part(c, n, d))})" if n.startswith(("etab", "emplois")) else
                 _pct(part(c, n, d))) for c in (comptes, region)]
        out[libelle] = [*deux, pos(part(comptes, n, d), part(region, n, d))]
    return out


def test_tissu_economique_du_territoire_a_cote_de_la_region():
    doc = _insee()
    at = app(territoire="pays-basque")
    assert "Tissu économique" in [s.value for s in at.subheader]
    assert _section(at, "Pays Basque") == _attendu(doc["territoires"]["pays-basque"], doc["region"])
    legendes = " ".join(c.value for c in at.caption)
    assert "Source : INSEE, Base comparateur de territoires (édition 2022) ; recensements 2013 et 2018" in legendes
    assert "pas le taux de chômage localisé au sens du BIT" in legendes and "12 départements" in legendes


def test_tissu_economique_de_la_commune():
    import csv

    from tableau.logique.donnees import DATA_DIR
    doc = _insee()
    with open(DATA_DIR / "insee_communes.csv", encoding="utf-8") as f:
        ligne = next(r for r in csv.DictReader(f) if r["code"] == "16186")  # Ambleville + Lignières-Sonneville
    comptes = {k: float(v) for k, v in ligne.items() if k != "code"}
    at = app(commune="16186")
    assert _section(at, "Lignières-Ambleville") == _attendu(comptes, doc["region"])
    # ... above the territory's own section
    assert _section(at, "Angoulême – Cognac")["Établissements actifs fin 2018"][0] == _effectif(
        doc["territoires"]["angouleme-cognac"]["etablissements"])


def test_legende_nomme_les_deux_tirets():
    """The nearest territory's outline (long dashes) was drawn but not in the legend, and looked
    like the chosen commune's (short dashes): both named, with the map's own dash lengths."""
    from tableau.logique import carte
    at = app(commune="40184")  # Mimizan: outside every territory
    legende = next(h.proto.body for h in at.get("html") if 'class="legende"' in h.proto.body)
    assert "commune choisie (tirets courts)" in legende
    assert "territoire le plus proche d'une commune hors territoire (tirets longs)" in legende
    motifs = {}
    for cle in ("commune_choisie", "proche"):
        plein, vide = (int(x) for x in carte.STYLES[cle]["dashArray"].split())
        motifs[cle] = f"repeating-linear-gradient(90deg,#000 0 {plein}px,transparent {plein}px {plein + vide}px)"
    assert motifs["commune_choisie"] != motifs["proche"]
    assert f".trait.commune,.trait.proche{{height:3px;background:{motifs['commune_choisie']}}}" in legende
    assert f".trait.proche{{background:{motifs['proche']}}}" in legende


def test_legende_des_classes_sans_promesse_d_effectifs_egaux():
    """Quantile classes are not of equal size here (a tryout counted 4, 3, 4, 2, 1 and 2
    territories under « de même effectif »); a diverging scale splits them at zero."""
    def legende(i):
        return " ".join(c.value for c in app(indicateur=i).caption if "quantiles" in c.value)
    divergente, sequentielle = legende("evolution_emplois"), legende("part_industrie")
    assert "même effectif" not in divergente + sequentielle
    assert "calculés à part pour les baisses et pour les hausses" in divergente
    assert sequentielle.startswith("Classes par quantiles, aux effectifs proches mais pas toujours égaux")
