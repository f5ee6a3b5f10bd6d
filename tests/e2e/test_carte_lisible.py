"""End-to-end: a map read without hovering (issue 12) — numbered territories and
unique legend keys that select, a first view fitted to the map's real size, and a
commune outside the territories shown with its nearest one and the distance."""
import time

import pytest
from playwright.sync_api import expect
from shapely.geometry import Point, shape

from tableau.logique import carte, donnees, vue
from tests.e2e import pilote

D = donnees.charger()
NUMEROS = carte.numeros(D.territoires)
ECRANS = [(1366, 768), (390, 844)]


@pytest.fixture(params=ECRANS, ids=lambda t: f"{t[0]}x{t[1]}")
def ouvrir(request, navigateur, serveur):
    """Opens the app at one of the screen sizes (touch on the phone); returns (page, map frame)."""
    largeur, hauteur = request.param
    mobile = largeur < 500
    ctx = navigateur.new_context(viewport={"width": largeur, "height": hauteur}, locale="fr-FR",
                                 is_mobile=mobile, has_touch=mobile)

    def _ouvrir(chemin="/"):
        page = ctx.new_page()
        page.goto(serveur + chemin)
        pilote.attendre_carte(page)
        cadre = pilote.cadre_carte(page)
        cadre.wait_for_function("() => document.querySelectorAll('.ti-numero').length > 0", timeout=20_000)
        page.wait_for_timeout(800)  # the fitted view settles
        return page, cadre
    yield _ouvrir
    ctx.close()


def _boite_des(cadre, selecteur: str) -> dict:
    """Union of the bounding boxes of the map's elements matching ``selecteur``, and the
    map's own size (frame coordinates)."""
    return cadre.evaluate("""(sel) => {
        const bs = [...document.querySelectorAll(sel)].map(e => e.getBoundingClientRect());
        const c = window.map.getContainer().getBoundingClientRect();
        return {x0: Math.min(...bs.map(b => b.left)), y0: Math.min(...bs.map(b => b.top)),
                x1: Math.max(...bs.map(b => b.right)), y1: Math.max(...bs.map(b => b.bottom)),
                w: c.width, h: c.height};
    }""", selecteur)


def _capture(page, artefacts, nom: str) -> None:
    """The map itself (below the fold on a phone), named after the screen size."""
    v = page.viewport_size
    page.locator(pilote.IFRAME).screenshot(path=str(artefacts / f"{nom}-{v['width']}x{v['height']}.png"))


def test_territoires_numerotes_lisibles_sans_survol(ouvrir, artefacts):
    page, cadre = ouvrir()
    _capture(page, artefacts, "carte-numeros")
    numeros = cadre.evaluate("""() => [...document.querySelectorAll('.ti-numero span')].map(s => {
        const r = s.getBoundingClientRect(), st = getComputedStyle(s);
        return {n: s.textContent, x: r.left, y: r.top, w: r.width, h: r.height,
                px: parseFloat(st.fontSize), bold: st.fontWeight};
    })""")
    assert sorted(int(n["n"]) for n in numeros) == list(range(1, 17))
    assert all(n["px"] >= 13 and int(n["bold"]) >= 700 and n["w"] >= 24 for n in numeros)
    # no two numbers overlap (nudged apart where the territories are small)
    for i, a in enumerate(numeros):
        for b in numeros[i + 1:]:
            assert (abs(a["x"] - b["x"]) >= a["w"] - 1 or abs(a["y"] - b["y"]) >= a["h"] - 1), (a, b)
    # each number not nudged aside sits inside its own territory
    places = cadre.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.ti-numero span')]
        .filter(s => !s.style.transform).map(s => {
            const r = s.getBoundingClientRect(), c = window.map.getContainer().getBoundingClientRect();
            const ll = window.map.containerPointToLatLng(
                [r.left + r.width / 2 - c.left, r.top + r.height / 2 - c.top]);
            return [s.textContent, [ll.lat, ll.lng]]; }))""")
    assert len(places) >= 12
    # a number moved aside stays next to its place: one step, never far off (9 went 104 px down)
    decalages = cadre.evaluate("""() => [...document.querySelectorAll('.ti-numero span')].map(s => {
        const a = s.getBoundingClientRect(), b = s.parentElement.getBoundingClientRect();
        return Math.hypot(a.left + a.width / 2 - b.left - b.width / 2, a.top + a.height / 2 - b.top - b.height / 2);
    })""")
    assert max(decalages) <= 52, decalages
    formes = {f["properties"]["id"]: shape(f["geometry"]) for f in D.territoires_geojson["features"]}
    for tid, n in NUMEROS.items():
        if str(n) in places:
            lat, lon = places[str(n)]
            assert formes[tid].contains(Point(lon, lat)), tid


def test_premiere_vue_ajustee_a_la_taille_reelle(ouvrir):
    page, cadre = ouvrir()
    b = _boite_des(cadre, pilote.TERRITOIRES)
    # the 16 territories are all in the map...
    assert b["x0"] >= -1 and b["y0"] >= -1 and b["x1"] <= b["w"] + 1 and b["y1"] <= b["h"] + 1, b
    # ...and the region fills it in width or height (it filled 37 % of the width at 1400 px)
    ouest, sud, est, nord = vue.bbox(f["geometry"] for f in D.region_geojson["features"])
    r = cadre.evaluate("""([so, ne]) => { const a = window.map.latLngToContainerPoint(so),
        b = window.map.latLngToContainerPoint(ne), c = window.map.getSize();
        return [a.x, b.y, b.x, a.y, c.x, c.y]; }""", [[sud, ouest], [nord, est]])
    assert r[0] >= -1 and r[1] >= -1 and r[2] <= r[4] + 1 and r[3] <= r[5] + 1, r
    # above the credit and the scale at its foot (they hid the Pyrénées' edge at 1366 px)...
    pied = cadre.evaluate("""() => { const c = window.map.getContainer().getBoundingClientRect();
        return Math.min(...[...document.querySelectorAll('.leaflet-bottom .leaflet-control')]
            .map(el => el.getBoundingClientRect().top - c.top)); }""")
    assert r[3] <= pied + 1, (r, pied)
    # ...and filling the rest (the strips kept clear of the controls are ~40 px of the height)
    assert max((r[2] - r[0]) / r[4], (r[3] - r[1]) / (pied - 16)) >= 0.85, (r, pied)
    # Recentrer comes back to the same fitted view
    avant = cadre.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]")
    cadre.evaluate("() => window.map.setView([43.3, -1.0], 9, {animate: false})")
    page.frame_locator(pilote.IFRAME).get_by_role("button", name="Recentrer").click()
    cadre.wait_for_function(f"() => Math.abs(window.map.getZoom() - {avant[2]}) < 1e-9", timeout=5_000)
    page.wait_for_timeout(500)
    apres = cadre.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng]")
    assert apres == pytest.approx(avant[:2], abs=0.01)  # within a pixel or two


def test_cle_de_legende_unique_choisit_le_territoire(ouvrir):
    page, cadre = ouvrir()
    cles = page.locator(".st-key-cles-territoires button")
    expect(cles).to_have_count(16)
    textes = [t.strip() for t in cles.all_inner_texts()]
    assert len(set(textes)) == 16
    assert sorted(textes) == sorted(f"{n} · {D.territoires[t].nom}" for t, n in NUMEROS.items())
    cle = page.locator('[data-ti-cle="creuse-industrie"]')
    cle.scroll_into_view_if_needed()
    cle.click()
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Creuse Industrie", timeout=20_000)
    cadre.wait_for_function("() => document.body.dataset.tiSelection === 'creuse-industrie'", timeout=20_000)
    expect(cle).to_have_attribute("aria-pressed", "true")
    # by keyboard: focus a key, Enter
    autre = page.locator('[data-ti-cle="agenais"]')
    autre.focus()
    page.keyboard.press("Enter")
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Agenais", timeout=20_000)
    # the selected territory's number is marked on the map, and the view fits it
    n = NUMEROS["agenais"]
    cadre.wait_for_function(f"""() => [...document.querySelectorAll('.ti-numero.ti-choisi span')]
        .map(s => s.textContent).join() === '{n}'""", timeout=20_000)
    # the keys were drawn anew: the focus is back on the chosen one, and Tab goes on from there
    expect(page.locator('[data-ti-cle="agenais"]')).to_be_focused(timeout=5_000)
    page.keyboard.press("Tab")
    suivante = page.evaluate("() => document.activeElement.dataset.tiCle")
    assert suivante and suivante != "agenais"


def test_commune_hors_territoire_distance_sur_la_carte(ouvrir, artefacts):
    mimizan = D.commune["40184"]
    proche = mimizan.territoire_proche
    page, cadre = ouvrir("/?commune=40184")
    cadre.wait_for_function(f"() => document.body.dataset.tiProche === {proche!r}", timeout=20_000)
    etiquette = page.frame_locator(pilote.IFRAME).locator(".ti-distance span")
    expect(etiquette).to_have_text("39,5\u202fkm")
    assert mimizan.distance_km == 39.5
    # the dashed line and the nearest territory's number marked
    assert cadre.evaluate("() => document.querySelectorAll('.leaflet-ti-selection-pane path[stroke-dasharray]')"
                          ".length") >= 2
    expect(page.frame_locator(pilote.IFRAME).locator(".ti-numero.ti-choisi span")).to_have_text(
        str(NUMEROS[proche]))
    # label, line and nearest territory are all in the map's view
    b = _boite_des(cadre, ".ti-distance span")
    _capture(page, artefacts, "carte-mimizan")
    assert 0 <= b["x0"] and b["x1"] <= b["w"] and 0 <= b["y0"] and b["y1"] <= b["h"], b


def test_distance_courte_ne_cache_pas_la_commune(ouvrir):
    """Langon is 3,6 km from its nearest territory: the label, at the middle of so short a
    line, covered the commune. It sits beside it now, still next to it, inside the map."""
    langon = D.commune["33227"]
    assert langon.distance_km == 3.6
    page, cadre = ouvrir("/?commune=33227")
    cadre.wait_for_function(f"() => document.body.dataset.tiProche === {langon.territoire_proche!r}"
                            " && document.body.dataset.tiCommune === '33227'", timeout=20_000)
    expect(page.frame_locator(pilote.IFRAME).locator(".ti-distance span")).to_have_text("3,6\u202fkm")

    def boites():
        return cadre.evaluate("""() => { const r = (e) => { const b = e.getBoundingClientRect();
            return [b.left, b.top, b.right, b.bottom]; };
            const c = [...document.querySelectorAll('.leaflet-ti-selection-pane path[stroke-dasharray="6 3"]')];
            return [c.map(r), r(document.querySelector('.ti-distance span')),
                    [document.documentElement.clientWidth, document.documentElement.clientHeight]]; }""")

    def verifier():
        # once drawn and settled (the label moves in the frame after the map's last change)
        cadre.wait_for_function("""() => { const s = document.querySelector('.ti-distance span');
            const c = document.querySelector('.leaflet-ti-selection-pane path[stroke-dasharray="6 3"]');
            if (!s || !c) return false;
            const a = s.getBoundingClientRect(), b = c.getBoundingClientRect();
            return a.bottom <= b.top || a.top >= b.bottom || a.right <= b.left || a.left >= b.right; }""",
                                timeout=5_000)
        communes, et, (w, h) = boites()
        assert len(communes) == 1, communes
        c = communes[0]
        assert et[2] <= c[0] or et[0] >= c[2] or et[3] <= c[1] or et[1] >= c[3], (et, c)  # apart
        assert max(c[0] - et[2], et[0] - c[2], c[1] - et[3], et[1] - c[3]) < 12, (et, c)  # but close
        assert 0 <= et[0] and et[2] <= w and 0 <= et[1] and et[3] <= h, (et, w, h)

    verifier()
    cadre.evaluate("""() => { const m = window.map, c = window.TI.gSelC.getLayers()[0].getBounds().getCenter();
        m.setView(c, m.getZoom() + 1, {animate: false}); }""")  # and after a zoom on the commune
    page.wait_for_timeout(400)
    verifier()


def _numeros_sous_les_commandes(cadre) -> list:
    """Numbers shown on the map that a control (zoom, Recentrer, scale, credit) covers, even in part."""
    return cadre.evaluate("""() => {
        const ctl = [...document.querySelectorAll('.leaflet-control')].map(e => e.getBoundingClientRect())
            .filter(r => r.width > 0);
        return [...document.querySelectorAll('.ti-numero span')].map(s => [s.textContent, s.getBoundingClientRect()])
            .filter(([n, r]) => ctl.some(c => r.left < c.right && r.right > c.left
                                              && r.top < c.bottom && r.bottom > c.top))
            .map(([n]) => n); }""")


def _numeros_degages(page, cadre, delai_s: float = 5.0) -> list:
    """The numbers under a control once the view has settled (the map may still be fitting or
    drawing right after the page opens, or after a move): polled for ``delai_s`` at most."""
    fin = time.monotonic() + delai_s
    while (sous := _numeros_sous_les_commandes(cadre)) and time.monotonic() < fin:
        page.wait_for_timeout(200)
    return sous


@pytest.mark.parametrize("chemin", ["/", "/?commune=64445", "/?commune=33063"])
def test_aucun_numero_sous_une_commande(ouvrir, chemin):
    """After choosing Pau, the scale covered half of number 10: the numbers keep clear of
    the map's controls, at the first view and after a move."""
    page, cadre = ouvrir(chemin)
    cadre.wait_for_function("() => document.body.dataset.tiSelection !== undefined", timeout=20_000)
    assert _numeros_degages(page, cadre) == []
    # a move that brings a number right under the scale: it steps aside as well
    cadre.evaluate("""() => { const s = document.querySelector('.leaflet-control-scale').getBoundingClientRect(),
        n = [...document.querySelectorAll('.ti-numero')].find(e => e.getBoundingClientRect().width > 0),
        r = n.getBoundingClientRect();
        window.map.panBy([r.left + r.width / 2 - s.left - s.width / 2, r.top + r.height / 2 - s.top - s.height / 2],
                         {animate: false}); }""")
    assert _numeros_degages(page, cadre) == []


def test_commune_hors_territoire_degagee_des_commandes(ouvrir):
    """Dax, north-west of its nearest territory, lands in the view's top-left corner: on a phone
    it was under the zoom buttons and « Recentrer ». Its view keeps clear of them."""
    dax = D.commune["40088"]
    page, cadre = ouvrir("/?commune=40088")
    cadre.wait_for_function(f"() => document.body.dataset.tiProche === {dax.territoire_proche!r}"
                            " && document.body.dataset.tiCommune === '40088'", timeout=20_000)
    page.wait_for_timeout(500)
    commune, commandes, taille = cadre.evaluate("""() => {
        const r = (e) => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
        const c = document.querySelector('.leaflet-ti-selection-pane path[stroke-dasharray="6 3"]');
        return [r(c), [...document.querySelectorAll('.leaflet-control-zoom, .ti-recentrer')].map(r),
                [window.map.getContainer().clientWidth, window.map.getContainer().clientHeight]]; }""")
    assert len(commandes) == 2
    for k in commandes:  # apart from each control
        assert commune[2] <= k[0] or commune[0] >= k[2] or commune[3] <= k[1] or commune[1] >= k[3], (commune, k)
    assert 0 <= commune[0] and commune[2] <= taille[0] and 0 <= commune[1] and commune[3] <= taille[1]
    # not at the very edge either
    assert commune[1] >= 16, commune


@pytest.mark.parametrize("ecran", ["telephone", "portable"])
def test_numeros_places_quand_le_style_de_leaflet_arrive_tard(navigateur, serveur, ecran):
    """Leaflet's stylesheet may load after the map's last move (the map's page is put in its frame
    by script: nothing waits for it). The numbers had stepped aside from controls laid out without
    it, for good: once in ten views of Pau, number 10 stayed under « Recentrer ». They are placed
    again once the style applies."""
    telephone = ecran == "telephone"
    taille = {"width": 390, "height": 844} if telephone else {"width": 1366, "height": 768}
    ctx = navigateur.new_context(viewport=taille, locale="fr-FR", is_mobile=telephone, has_touch=telephone)
    try:
        page = ctx.new_page()

        def lent(route):
            reponse = route.fetch()
            time.sleep(4)  # after the map's first fit and moves
            route.fulfill(response=reponse)
        page.route("**/leaflet.css", lent)
        page.goto(serveur + "/?commune=64445")
        pilote.attendre_carte(page)
        cadre = pilote.cadre_carte(page)
        cadre.wait_for_function("() => document.body.dataset.tiCommune === '64445'", timeout=20_000)
        cadre.wait_for_function("() => document.querySelector('.leaflet-control-zoom').offsetWidth < 60",
                                timeout=20_000)
        assert _numeros_degages(page, cadre, 2.0) == []
        # and the view is fitted again above the credit at the map's foot, laid out without the style
        # at first
        page.wait_for_timeout(300)
        assert cadre.evaluate("() => window.map.getBounds().contains(window.TI.bornes)")
        credit = cadre.evaluate("""() => { const c = window.map.getContainer().getBoundingClientRect(),
            r = document.querySelector('.leaflet-control-attribution').getBoundingClientRect();
            return [r.top - c.top, window.map.latLngToContainerPoint(
                [window.TI.bornes[0][0], window.TI.bornes[0][1]]).y]; }""")
        assert credit[1] <= credit[0] + 1, credit
    finally:
        ctx.close()


def test_le_credit_du_fond_ne_recouvre_ni_l_echelle_ni_la_region(navigateur):
    """With the IGN basemap's credit (two lines on a phone), the credit wraps beside the scale
    (on one line, it ran over it) and the first view keeps the region above both (the Pyrénées'
    edge was under it at 1366 px). The tiles themselves are not fetched here (no network)."""
    with pilote.serveur(env={"TI_FOND_DE_CARTE": "ign"}) as app:
        for w, h, mobile in ((390, 844, True), (1366, 768, False)):
            ctx = navigateur.new_context(viewport={"width": w, "height": h}, locale="fr-FR", is_mobile=mobile,
                                         has_touch=mobile)
            try:
                ctx.route("https://**/*", lambda route: route.abort())
                page = ctx.new_page()
                page.goto(app.url + "/")
                pilote.attendre_carte(page)
                cadre = pilote.cadre_carte(page)
                expect(cadre.locator(".leaflet-control-attribution")).to_contain_text("IGN")
                page.wait_for_timeout(800)
                credit, echelle, sud = cadre.evaluate(pilote.PIED_DE_CARTE)
                assert credit["left"] >= echelle["right"], (w, credit, echelle)
                assert sud <= min(credit["top"], echelle["top"]) + 1, (w, sud, credit, echelle)
            finally:
                ctx.close()
