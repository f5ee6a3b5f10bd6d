"""End-to-end: the map in real hands (first click, immediate report, light reruns,
gestures of a map embedded in a scrolling page, zoom limits, Recentrer, scale)."""
import re

import pytest
from playwright.sync_api import expect

from tableau.logique import carte
from tests.e2e import pilote
from tests.e2e.relais import relais

# The map's share of an interaction's websocket payload (it was 240 to 420 KB).
LIMITE_CARTE = 3 * 1024
# What an interaction costs the network in all, compressed, frames' headers included.
LIMITE_FIL = 20 * 1024


def _contexte(navigateur, largeur, hauteur, **kw):
    return navigateur.new_context(viewport={"width": largeur, "height": hauteur}, locale="fr-FR", **kw)


def _ouvrir(page, url, chemin="/"):
    page.goto(url + chemin)
    pilote.attendre_carte(page)
    page.wait_for_timeout(1000)  # the component's first report and the view settle
    return pilote.cadre_carte(page)


def _ouvrir_sur(page, url, tid):
    """The map page with ``tid`` selected, once the map has drawn it and stopped moving."""
    cadre = _ouvrir(page, url, f"/?territoire={tid}")
    cadre.wait_for_function(f"() => document.body.dataset.tiSelection === {tid!r}", timeout=20_000)
    page.wait_for_timeout(500)
    return cadre


def test_premier_clic_selectionne_sans_saut_de_page(serveur, navigateur):
    """1366x768: the map is cut by the bottom of the window; one click is enough."""
    ctx = _contexte(navigateur, 1366, 768)
    try:
        page = ctx.new_page()
        _ouvrir(page, serveur)
        expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Nouvelle-Aquitaine")
        tid, (x, y) = pilote.territoire_visible(page, 768)
        avant = pilote.defilement(page)
        page.mouse.click(x, y)
        expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text(pilote.nom_territoire(tid), timeout=20_000)
        assert pilote.defilement(page) == avant
        # the map took the focus all the same: the keyboard drives it (+ zooms in)
        cadre = pilote.cadre_carte(page)
        assert cadre.evaluate("() => document.activeElement === window.map.getContainer()")
        cadre.wait_for_function(f"() => document.body.dataset.tiSelection === {tid!r}", timeout=20_000)
        page.wait_for_timeout(600)  # end of the zoom to the selection
        z = cadre.evaluate("() => window.map.getZoom()")
        page.keyboard.press("+")
        cadre.wait_for_function(f"() => window.map.getZoom() === {z + 1}", timeout=5_000)
        assert pilote.defilement(page) == avant
    finally:
        ctx.close()


def test_premier_clic_sur_une_commune_sans_saut_de_page(serveur, navigateur):
    ctx = _contexte(navigateur, 1400, 900)
    try:
        page = ctx.new_page()
        _ouvrir(page, serveur, "/?territoire=lacq-pau-tarbes")
        expect(page.frame_locator(pilote.IFRAME).locator(pilote.COMMUNES)).to_have_count(561, timeout=20_000)
        code, (x, y) = pilote.commune_visible(page, "lacq-pau-tarbes", 900)
        avant = pilote.defilement(page)
        page.mouse.click(x, y)
        expect(page).to_have_url(re.compile(rf"[?&]commune={code}(&|$)"), timeout=20_000)
        assert pilote.defilement(page) == avant
    finally:
        ctx.close()


def test_clic_rapporte_aussitot_et_une_seule_fois(serveur, page):
    """The click goes to Streamlit at once (not after the component's 250 ms), and the
    component's own debounced report adds no second rerun."""
    cadre = _ouvrir(page, serveur)
    envois = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda p: envois.append(p)))
    page.reload()
    cadre = _ouvrir(page, serveur)
    cadre.evaluate("""() => {
        window.__envois = [];
        const orig = window.Streamlit.setComponentValue;
        window.Streamlit.setComponentValue = v => { window.__envois.push(performance.now()); return orig(v); };
        document.addEventListener('click', () => { window.__clic = performance.now(); }, true);
    }""")
    envois.clear()
    pilote.cliquer_territoire(page, *pilote.point_interieur("agenais"))
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Agenais", timeout=20_000)
    page.wait_for_timeout(1200)  # well past the component's 250 ms debounce
    delais = cadre.evaluate("() => window.__envois.map(t => t - window.__clic)")
    assert len(delais) == 1 and 0 <= delais[0] < 50, delais
    assert len(envois) == 1, f"{len(envois)} messages envoyés au serveur pour un clic"


@pytest.fixture
def fil(serveur):
    """The server behind a relay that counts the websocket's bytes on the network."""
    with relais(serveur) as r:
        yield r


def test_interactions_legeres(fil, page):
    """After the first view, an interaction brings no geometry over the websocket: the
    map's part is a few ids (the borders, territories and commune outlines came once,
    as static files); compressed, the whole interaction is at most 20 KB on the network,
    from the smallest territory to the largest."""
    recus = pilote.ecouter_websocket(page)
    geo = []
    page.on("request", lambda r: geo.append(r.url) if "/app/static/geo/" in r.url else None)
    cadre = _ouvrir(page, fil.url)
    assert fil.extensions and fil.extensions[-1].startswith("permessage-deflate"), fil.extensions
    frame = page.frame_locator(pilote.IFRAME)
    mesures, sur_le_fil = {}, {}

    def mesurer(nom, action, attente):
        recus.clear()
        avant = fil.octets_ws
        action()
        attente()
        page.wait_for_timeout(800)
        mesures[nom] = pilote.part_de_la_carte(recus)
        sur_le_fil[nom] = fil.octets_ws - avant
        assert not any(b"coordinates" in t for t in recus), nom

    region = cadre.evaluate("() => [window.map.getCenter(), window.map.getZoom()]")
    for tid in ("bocage-bressuirais", "creuse-industrie", "lacq-pau-tarbes"):
        n = pilote.nom_territoire(tid, "nb_communes")
        # back to the whole region (the map is zoomed on the last selection)
        cadre.evaluate("([c, z]) => window.map.setView(c, z, {animate: false})", region)
        mesurer(f"clic {tid}", lambda tid=tid: pilote.cliquer_territoire(page, *pilote.point_interieur(tid)),
                lambda n=n: expect(frame.locator(pilote.COMMUNES)).to_have_count(n, timeout=20_000))
    boite = page.locator('[data-testid="stSelectbox"]').filter(has_text="Territoire sélectionné")

    def choisir_agenais():
        boite.click()
        page.keyboard.type("Agenais")
        page.keyboard.press("Enter")
    mesurer("liste Agenais", choisir_agenais,
            lambda: cadre.wait_for_function("() => document.body.dataset.tiSelection === 'agenais'"))
    communes = page.locator('[data-testid="stSelectbox"]').filter(has_text="Commune du territoire")

    def choisir_commune():
        communes.click()
        page.keyboard.type("Agen")
        page.get_by_role("option", name="Agen", exact=True).click()
    mesurer("commune Agen", choisir_commune,
            lambda: cadre.wait_for_function("() => document.body.dataset.tiCommune === '47001'"))

    def filtrer():
        page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').fill("Gironde")
        page.keyboard.press("Enter")
    mesurer("filtre Gironde", filtrer, lambda: expect(page).to_have_url(re.compile(r"dep=33")))
    print(mesures, sur_le_fil)
    assert len(mesures) == 6
    assert all(0 < carte_ <= LIMITE_CARTE for carte_, _ in mesures.values()), mesures
    # compression does its work: the network carries well under the messages' size
    assert all(0 < sur_le_fil[k] <= min(LIMITE_FIL, 0.7 * mesures[k][1]) for k in mesures), (sur_le_fil, mesures)
    # each file once: the territories, then each selected territory's communes
    assert sorted(re.sub(r"-[0-9a-f]{16}\.json$", "", u.rsplit("/", 1)[1]) for u in geo) == sorted(
        ["carte", "communes-bocage-bressuirais", "communes-creuse-industrie", "communes-lacq-pau-tarbes",
         "communes-agenais"]), geo


def test_geometrie_gardee_par_le_navigateur(serveur, page):
    """Reloading the page takes the geometry from the browser's cache (no network)."""
    client = page.context.new_cdp_session(page)
    client.send("Network.enable")
    reponses = []
    client.on("Network.responseReceived", lambda ev: reponses.append(
        (ev["response"]["url"], ev["response"].get("fromDiskCache"))) if "/app/static/geo/" in ev["response"]["url"]
        else None)
    _ouvrir(page, serveur, "/?territoire=agenais")
    expect(page.frame_locator(pilote.IFRAME).locator(pilote.COMMUNES)).to_have_count(44, timeout=20_000)
    assert [c for _, c in reponses] == [False, False]  # first visit: from the server
    reponses.clear()
    page.reload()
    _ouvrir(page, serveur, "/?territoire=agenais")
    expect(page.frame_locator(pilote.IFRAME).locator(pilote.COMMUNES)).to_have_count(44, timeout=20_000)
    assert sorted(re.sub(r"-[0-9a-f]{16}\.json$", "", u.rsplit("/", 1)[1]) for u, _ in reponses) == [
        "carte", "communes-agenais"]
    assert all(c for _, c in reponses), reponses


def _point_carte(page, fx=0.5, fy=0.5):
    box = page.locator(pilote.IFRAME).bounding_box()
    return box["x"] + box["width"] * fx, box["y"] + box["height"] * fy


def test_molette_fait_defiler_la_page_ctrl_zoome(serveur, navigateur):
    ctx = _contexte(navigateur, 1400, 800)
    try:
        page = ctx.new_page()
        cadre = _ouvrir(page, serveur)
        x, y = _point_carte(page, 0.5, 0.3)
        page.mouse.move(x, y)
        z0, avant = cadre.evaluate("() => window.map.getZoom()"), pilote.defilement(page)
        page.mouse.wheel(0, 200)
        page.wait_for_function(f"() => document.querySelector('[data-testid=stMain]').scrollTop > {avant}",
                               timeout=5_000)
        expect(page.frame_locator(pilote.IFRAME).locator(".ti-indice")).to_contain_text("Ctrl")
        page.wait_for_timeout(400)
        assert cadre.evaluate("() => window.map.getZoom()") == z0
        # with Ctrl: one level per notch, and the page stays put
        x, y = _point_carte(page, 0.5, 0.3)
        page.mouse.move(x, y)
        avant = pilote.defilement(page)
        page.keyboard.down("Control")
        page.mouse.wheel(0, -100)
        cadre.wait_for_function(f"() => window.map.getZoom() === {z0 + 1}", timeout=5_000)
        page.wait_for_timeout(400)
        page.mouse.wheel(0, 100)
        cadre.wait_for_function(f"() => window.map.getZoom() === {z0}", timeout=5_000)
        page.keyboard.up("Control")
        assert pilote.defilement(page) == avant
        # zoom limits hold without any tile layer: far out and far in
        page.keyboard.down("Control")
        for _ in range(15):
            page.mouse.wheel(0, 100)
            page.wait_for_timeout(60)
        page.wait_for_timeout(500)
        # the floor: the whole area in view, filling the map (no speck under sixteen numbers)
        z, zmin, part = cadre.evaluate("""() => { const m = window.map, b = window.TI.tout, s = m.getSize();
            const a = m.latLngToContainerPoint(b.getNorthWest()), c = m.latLngToContainerPoint(b.getSouthEast());
            return [m.getZoom(), m.getMinZoom(), Math.max((c.x - a.x) / s.x, (c.y - a.y) / s.y)]; }""")
        assert z == zmin > carte.ZOOM_MIN, (z, zmin)
        assert 0.8 < part <= 1, part
        for _ in range(20):
            page.mouse.wheel(0, -100)
            page.wait_for_timeout(60)
        page.wait_for_timeout(500)
        page.keyboard.up("Control")
        assert cadre.evaluate("() => window.map.getZoom()") == carte.ZOOM_MAX
    finally:
        ctx.close()


def test_molette_apres_un_clic_sur_la_carte_zoome(serveur, page):
    cadre = _ouvrir_sur(page, serveur, "agenais")
    x, y = _point_carte(page, 0.05, 0.9)  # an empty corner: no territory selected by this click
    page.mouse.click(x, y)
    z0, avant = cadre.evaluate("() => window.map.getZoom()"), pilote.defilement(page)
    page.mouse.wheel(0, -100)
    cadre.wait_for_function(f"() => window.map.getZoom() === {z0 + 1}", timeout=5_000)
    assert pilote.defilement(page) == avant


def _glisser(page, client, doigts, dy):
    """A swipe on the touch screen: the fingers at ``doigts`` move up by ``dy`` px."""
    def toucher(typ, points):
        client.send("Input.dispatchTouchEvent", {"type": typ, "touchPoints": [
            {"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]})
    toucher("touchStart", doigts)
    for i in range(1, 11):
        toucher("touchMove", [(x, y - dy * i / 10) for x, y in doigts])
        page.wait_for_timeout(16)
    toucher("touchEnd", [])
    page.wait_for_timeout(800)


def test_telephone_un_doigt_fait_defiler_deux_doigts_deplacent(serveur, navigateur):
    ctx = _contexte(navigateur, 390, 844, has_touch=True, is_mobile=True, device_scale_factor=2)
    try:
        page = ctx.new_page()
        cadre = _ouvrir(page, serveur)
        page.locator(pilote.IFRAME).scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        client = page.context.new_cdp_session(page)
        x, y = _point_carte(page, 0.5, 0.6)
        centre = cadre.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng]")
        avant = pilote.defilement(page)
        _glisser(page, client, [(x, y)], 200)
        assert pilote.defilement(page) > avant + 50  # the page scrolled...
        # ...not the map
        assert cadre.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng]") == centre
        expect(page.frame_locator(pilote.IFRAME).locator(".ti-indice")).to_contain_text("deux doigts")
        # two fingers: the map moves, the page does not
        x, y = _point_carte(page, 0.5, 0.5)
        avant = pilote.defilement(page)
        _glisser(page, client, [(x - 40, y), (x + 40, y)], 100)
        assert cadre.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng]") != centre
        assert abs(pilote.defilement(page) - avant) < 5
        # a tap still selects
        tid, (x, y) = pilote.territoire_visible(page, 844)
        page.touchscreen.tap(x, y)
        expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text(pilote.nom_territoire(tid), timeout=20_000)
    finally:
        ctx.close()


def test_recentrer_et_echelle(serveur, page):
    cadre = _ouvrir_sur(page, serveur, "creuse-industrie")
    vue = cadre.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]")
    cadre.evaluate("() => { window.map.setView([43.3, -1.0], 6, {animate: false}); }")
    bouton = page.frame_locator(pilote.IFRAME).get_by_role("button", name="Recentrer")
    expect(bouton).to_be_visible()
    bouton.click()
    page.wait_for_timeout(800)
    apres = cadre.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]")
    assert apres[2] == vue[2]
    assert apres[0] == pytest.approx(vue[0], abs=1e-3) and apres[1] == pytest.approx(vue[1], abs=1e-3)
    assert page.locator(pilote.PANNEAU_TITRE).text_content() == "Creuse Industrie"  # no selection change
    echelle = page.frame_locator(pilote.IFRAME).locator(".leaflet-control-scale-line")
    expect(echelle).to_have_count(1)
    expect(echelle).to_have_text(re.compile(r"^\d+(,\d+)? km$"))


def test_geometrie_en_ligne_si_les_fichiers_ne_sont_pas_ceux_des_donnees(navigateur, tmp_path):
    """TI_DONNEES pointing at other data: the static files do not match, the geometry
    travels with the map (and the map shows the data the server reads)."""
    import json
    import shutil
    copie = tmp_path / "data"
    shutil.copytree(pilote.ROOT / "data", copie)
    p = copie / "territoires.geojson"
    doc = json.loads(p.read_text(encoding="utf-8"))
    f = next(f for f in doc["features"] if f["properties"]["id"] == "agenais")
    f["properties"]["nom"] = "Agenais (copie)"
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pilote.serveur(env={"TI_DONNEES": str(copie)}) as srv:
        ctx = _contexte(navigateur, 1400, 1000)
        page = ctx.new_page()
        geo = []
        page.on("request", lambda r: geo.append(r.url) if "/app/static/geo/" in r.url else None)
        _ouvrir(page, srv.url)
        frame = page.frame_locator(pilote.IFRAME)
        expect(frame.locator(pilote.TERRITOIRES)).to_have_count(16)
        x, y = pilote.point_ecran(page, *pilote.point_interieur("agenais"))
        page.mouse.move(x, y)
        expect(frame.locator(".leaflet-tooltip")).to_have_text("Agenais (copie)")
        page.mouse.click(x, y)
        expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Agenais (copie)", timeout=20_000)
        expect(frame.locator(pilote.COMMUNES)).to_have_count(44, timeout=20_000)
        assert [u for u in geo if "carte-" in u] == []
        ctx.close()


def test_carte_remontee_redemande_son_script(serveur, page):
    """Once the map exists, reruns send a stand-in for its script. An iframe mounted
    anew (here: reloaded) asks for the real script and draws the map again; coming
    back from another page draws it too."""
    _ouvrir_sur(page, serveur, "agenais")
    page.locator(pilote.IFRAME).evaluate("f => f.contentWindow.location.reload()")
    frame = page.frame_locator(pilote.IFRAME)
    expect(frame.locator(pilote.TERRITOIRES)).to_have_count(16, timeout=30_000)
    expect(frame.locator(pilote.COMMUNES)).to_have_count(44, timeout=20_000)
    pilote.cliquer_territoire(page, *pilote.point_interieur("agenais"))  # still clickable
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Sources et méthode").click()
    expect(page.locator("h1")).to_have_text("Sources et méthode", timeout=20_000)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Carte").click()
    expect(page.frame_locator(pilote.IFRAME).locator(pilote.COMMUNES)).to_have_count(44, timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
