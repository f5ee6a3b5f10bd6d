"""End-to-end (issue 13): choosing an INSEE indicator colours the map, gives its legend and goes in the URL."""
import re

from playwright.sync_api import expect

from tableau.logique import choroplethe, donnees, indicateurs
from tests.e2e import pilote


def test_choisir_un_indicateur_colore_la_carte(serveur, page, artefacts):
    d = donnees.charger()
    i = "part_industrie"
    valeurs = {t: d.insee.valeurs_territoires[i][t] for t in d.ids}
    cl = choroplethe.classes(valeurs.values(), i)
    attendues = choroplethe.legende(cl, valeurs.values())

    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    page.get_by_role("combobox", name="Colorer la carte selon").click()
    page.get_by_role("option", name=indicateurs.libelle_annees(d.insee.doc, i, court=True)).click()
    expect(page).to_have_url(re.compile(rf"[?&]indicateur={i}(&|$)"), timeout=30_000)

    # The legend: one row per class, its bounds and unit, its colour, as computed from the data.
    lignes = page.locator(".legende-indicateur li")
    expect(lignes).to_have_count(len(attendues), timeout=30_000)
    expect(page.locator(".legende-indicateur .titre-classes").first).to_have_text(
        "Territoires — Part des établissements industriels, 2018 (%)")
    for n, r in enumerate(attendues):
        expect(lignes.nth(n).locator(".classe")).to_have_text(r["libelle"])
        assert r["libelle"].endswith("\u202f%") and ("à" in r["libelle"] or r["de"] == r["a"])
        assert lignes.nth(n).get_attribute("data-couleur") == r["couleur"]

    # Each territory's key shows its class colour as the legend and the map do: same colour,
    # same opacity (the keys were opaque beside faded legend swatches: tryout).
    vus = page.evaluate("""() => {
        const v = el => { const s = getComputedStyle(el); return [s.backgroundColor, s.opacity]; };
        return {cles: [...document.querySelectorAll('.ti-cles i')].map(v),
                legende: [...document.querySelectorAll('.legende-indicateur .pastille')].map(v)}; }""")
    assert len(vus["cles"]) == 16 and set(map(tuple, vus["cles"])) <= set(map(tuple, vus["legende"])), vus

    # A territory's path is filled with its class colour.
    frame = page.frame_locator(pilote.IFRAME)
    cadre = pilote.cadre_carte(page)
    for tid in ("pays-basque", "bocage-bressuirais"):
        lat, lon = pilote.point_interieur(tid)
        pilote.point_ecran(page, lat, lon)  # waits until the view is still
        attendu = cl.couleur(valeurs[tid])
        expect(frame.locator(f'{pilote.TERRITOIRES}[fill="{attendu}"]').first).to_be_attached(timeout=30_000)
        fill = cadre.evaluate("""([lat, lon]) => {
            const p = window.map.latLngToContainerPoint([lat, lon]);
            const r = window.map.getContainer().getBoundingClientRect();
            const el = document.elementFromPoint(p.x + r.left, p.y + r.top);
            return el && el.classList.contains("ti-territoire") ? el.getAttribute("fill") : null;
        }""", [lat, lon])
        assert fill == attendu, (tid, fill, attendu)
    # Hovering a territory gives its value, not only its class's colour.
    lat, lon = pilote.point_interieur("pays-basque")
    page.mouse.move(*pilote.point_ecran(page, lat, lon))
    bulle = frame.locator(".leaflet-tooltip")
    expect(bulle).to_have_text(f"Pays Basque{indicateurs.libelle_annees(d.insee.doc, i, court=True)} : "
                               f"{indicateurs.formater(i, valeurs['pays-basque'])}", timeout=10_000)
    page.screenshot(path=str(artefacts / "indicateur-part-industrie.png"), full_page=True)


def test_communes_colorees_et_page_accessible(serveur, page):
    """A link with a territory and an indicator: its communes take their class colours; axe finds
    nothing serious on the page (legend, panel section, select box)."""
    import json

    d = donnees.charger()
    i, tid = "evolution_emplois", "bocage-bressuirais"
    communes = d.communes_par_territoire[tid]
    couleurs, lignes = choroplethe.couleurs_communes(d.insee, communes, i)
    page.goto(f"{serveur}/?territoire={tid}&indicateur={i}")
    frame = pilote.attendre_carte(page)
    expect(frame.locator(pilote.COMMUNES)).to_have_count(len(communes), timeout=30_000)
    fills = frame.locator(pilote.COMMUNES).evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
    assert sorted(fills) == sorted(couleurs.values())
    bloc = page.locator(".legende-indicateur ul.classes").nth(1)  # the communes' classes
    expect(bloc.locator(".classe")).to_have_text([r["libelle"] for r in lignes])
    expect(page.locator(".st-key-panneau-territoire")).to_contain_text("Tissu économique")
    expect(page.locator('[data-testid="stSidebar"] code')).to_contain_text("127.0.0.1", timeout=30_000)
    page.wait_for_timeout(1500)
    violations = pilote.auditer_axe(page)
    graves = [v for v in violations if v["impact"] in pilote.IMPACTS_BLOQUANTS]
    assert not graves, json.dumps(graves, ensure_ascii=False, indent=1)
    propres = [v for v in violations if not v["cadre"].endswith("/component/streamlit_folium.st_folium/index.html")]
    assert not propres, json.dumps(propres, ensure_ascii=False, indent=1)


def test_telephone_legende_des_classes_sous_la_carte(serveur, navigateur):
    """Stacked on a phone, the indicator's classes come right under the map, before the panel;
    the territories' keys stay after it (the classes were two screens below the map)."""
    ctx = navigateur.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR", is_mobile=True,
                                 has_touch=True)
    page = ctx.new_page()
    try:
        page.goto(f"{serveur}/?territoire=bocage-bressuirais&indicateur=evolution_emplois")
        pilote.attendre_carte(page)
        expect(page.locator(".legende-indicateur li").first).to_be_visible(timeout=30_000)
        haut = "sel => document.querySelector(sel).getBoundingClientRect().top"
        bas_carte = page.evaluate("sel => document.querySelector(sel).getBoundingClientRect().bottom", pilote.IFRAME)
        classes, panneau, cles = (page.evaluate(haut, s) for s in (".legende-indicateur", ".st-key-panneau-territoire",
                                                                   ".st-key-cles-territoires"))
        assert bas_carte <= classes < bas_carte + 120 and classes < panneau < cles, (bas_carte, classes, panneau, cles)
    finally:
        ctx.close()
