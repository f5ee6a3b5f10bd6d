"""End-to-end: a real `streamlit run`, headless Chromium, real mouse clicks on the map."""
import re
from urllib.parse import urlparse

from playwright.sync_api import expect

from tests.e2e import pilote


def test_clic_dans_le_pays_basque_ouvre_son_panneau(serveur, page, artefacts):
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Nouvelle-Aquitaine")
    pilote.cliquer_territoire(page, *pilote.point_interieur("pays-basque"))
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Pays Basque", timeout=20_000)
    expect(page).to_have_url(re.compile(r"[?&]territoire=pays-basque(&|$)"))
    # The selection outline is drawn (a non-interactive black path) and the panel shows the data.
    frame = page.frame_locator(pilote.IFRAME)
    expect(frame.locator('path[stroke="#000000"]')).to_have_count(1)
    expect(page.locator(".st-key-panneau-territoire")).to_contain_text("CA du Pays Basque")
    page.wait_for_timeout(1500)  # end of the zoom animation
    page.screenshot(path=str(artefacts / "selection-pays-basque.png"), full_page=True)


def test_lien_partage_restaure_selection_et_filtre(serveur, page):
    page.goto(serveur + "/?territoire=loudun-thouars&dep=86")
    pilote.attendre_carte(page)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Loudun Thouars")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.locator('[data-testid="stMultiSelect"]')).to_contain_text("Vienne (86)")
    # Only the territories with communes in the Vienne are drawn, plus the selection's 69 communes.
    frame = page.frame_locator(pilote.IFRAME)
    expect(frame.locator(pilote.TERRITOIRES)).to_have_count(2)
    expect(frame.locator(pilote.COMMUNES)).to_have_count(69)
    # The map is zoomed on the selection: Loudun Thouars's centre is inside the view.
    cadre = pilote.cadre_carte(page)
    lat, lon = pilote.point_interieur("loudun-thouars")
    assert cadre.evaluate("([a, b]) => window.map.getBounds().contains([a, b])", [lat, lon])
    assert cadre.evaluate("() => window.map.getZoom()") >= 8
    expect(sidebar.locator("code")).to_contain_text("territoire=loudun-thouars&dep=86")


def test_filtre_departement_retire_les_autres_territoires(serveur, page):
    page.goto(serveur + "/")
    frame = pilote.attendre_carte(page)
    expect(frame.locator(pilote.TERRITOIRES)).to_have_count(16)
    multiselect = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')
    multiselect.locator("input").fill("Pyrénées-Atlantiques")
    page.keyboard.press("Enter")
    expect(frame.locator(pilote.TERRITOIRES)).to_have_count(2, timeout=20_000)
    expect(page).to_have_url(re.compile(r"[?&]dep=64(&|$)"))
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Territoires filtrés")


def test_selection_ne_recree_pas_la_carte(serveur, page):
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    cadre = pilote.cadre_carte(page)
    cadre.evaluate("() => { window.__carteAvant = window.map; "
                   "document.querySelector('.leaflet-container').dataset.marque = 'avant'; }")
    pilote.cliquer_territoire(page, *pilote.point_interieur("agenais"))
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Agenais", timeout=20_000)
    # and once more through the select box (keyboard path)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Territoire sélectionné").click()
    page.keyboard.type("Creuse")
    page.keyboard.press("Enter")
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Creuse Industrie", timeout=20_000)
    cadre = pilote.cadre_carte(page)
    assert cadre.evaluate("() => window.__carteAvant === window.map")
    assert cadre.evaluate("() => document.querySelector('.leaflet-container').dataset.marque") == "avant"


def test_aucune_requete_hors_de_127_0_0_1(serveur, page):
    page.goto(serveur + "/?territoire=grand-libournais")
    pilote.attendre_carte(page)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Grand Libournais")
    page.wait_for_timeout(1500)
    hotes = {urlparse(u).hostname for u in page.requetes if not u.startswith(("data:", "blob:", "about:"))}
    assert hotes == {"127.0.0.1"}, hotes
    assert any("/app/static/leaflet/leaflet.js" in u for u in page.requetes)


def test_parametres_hostiles_sans_trace(serveur, page):
    page.goto(serveur + "/?territoire=%3Cscript%3Ealert(1)%3C%2Fscript%3E&dep=99&dep=%00%1B%0D%0A"
              "&dep=..%2F..%2Fetc%2Fpasswd&dep=" + "x" * 10_000)
    pilote.attendre_carte(page)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Nouvelle-Aquitaine")
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("Le territoire indiqué dans le lien est inconnu")
    expect(main).to_contain_text("départements du lien sont inconnus")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.content()
    assert "<script>alert(1)" not in page.content() and "passwd" not in page.content()
    expect(page).not_to_have_url(re.compile("script|dep=99"))


def test_changer_de_page_garde_filtre_et_selection(serveur, page):
    page.goto(serveur + "/?territoire=agenais&dep=47")
    pilote.attendre_carte(page)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Agenais")
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Sources et méthode").click()
    expect(page.locator("h1")).to_have_text("Sources et méthode", timeout=20_000)
    expect(page).to_have_url(re.compile(r"/sources\?(?=.*territoire=agenais)(?=.*dep=47)"))
    filtre = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')
    expect(filtre).to_contain_text("Lot-et-Garonne (47)")
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Carte").click()
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Agenais", timeout=20_000)
    expect(page).to_have_url(re.compile(r"territoire=agenais"))


def test_premiere_visite_directe_sur_une_page(navigateur):
    """On a fresh server, a shared link to /sources goes through app.py's router."""
    with pilote.serveur() as srv:
        ctx = navigateur.new_context(viewport={"width": 1400, "height": 1000})
        page = ctx.new_page()
        page.goto(srv.url + "/sources?territoire=agenais&dep=47")
        expect(page.locator("h1")).to_have_text("Sources et méthode", timeout=30_000)
        nav = page.locator('[data-testid="stSidebarNav"]')
        expect(nav).to_contain_text("Sources et méthode")
        expect(nav).not_to_contain_text("app")
        expect(page).to_have_url(re.compile(r"/sources\?(?=.*territoire=agenais)(?=.*dep=47)"))
        ctx.close()


def test_page_territoires_vers_la_carte(serveur, page):
    page.goto(serveur + "/territoires?dep=64")
    expect(page.locator("h1")).to_have_text("Comparer les territoires", timeout=30_000)
    page.get_by_role("button", name="Pays Basque").click()
    pilote.attendre_carte(page)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Pays Basque", timeout=20_000)
    expect(page).to_have_url(re.compile(r"[?&]territoire=pays-basque(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]dep=64(&|$)"))
    expect(page.locator(".st-key-panneau-territoire")).to_contain_text("Services de la phase II")


def test_pages_programme_sans_requete_externe(serveur, page):
    for chemin, titre in (("/services?territoire=lacq-pau-tarbes", "Services de la phase II"),
                          ("/financements?territoire=lacq-pau-tarbes", "Financements")):
        page.goto(serveur + chemin)
        expect(page.locator("h1")).to_have_text(titre, timeout=30_000)
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(timeout=20_000)
    page.wait_for_timeout(1000)
    hotes = {urlparse(u).hostname for u in page.requetes if not u.startswith(("data:", "blob:", "about:"))}
    assert hotes == {"127.0.0.1"}, [u for u in page.requetes if "127.0.0.1" not in u]
    assert page.locator('[data-testid="stException"]').count() == 0


def test_deux_sessions_isolees(serveur, navigateur):
    a_ctx = navigateur.new_context(viewport={"width": 1400, "height": 1000})
    b_ctx = navigateur.new_context(viewport={"width": 1400, "height": 1000})
    try:
        a, b = a_ctx.new_page(), b_ctx.new_page()
        a.goto(serveur + "/?territoire=agenais&dep=47")
        b.goto(serveur + "/?dep=64")
        pilote.attendre_carte(a)
        pilote.attendre_carte(b)
        pilote.cliquer_territoire(b, *pilote.point_interieur("pays-basque"))
        expect(b.locator(pilote.PANNEAU_TITRE)).to_have_text("Pays Basque", timeout=20_000)
        # A's own action after B's, then both are checked
        a.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').fill("Gironde")
        a.keyboard.press("Enter")
        expect(a).to_have_url(re.compile(r"dep=33"))
        expect(a.locator(pilote.PANNEAU_TITRE)).to_have_text("Agenais")
        expect(a).to_have_url(re.compile(r"territoire=agenais"))
        expect(b.locator(pilote.PANNEAU_TITRE)).to_have_text("Pays Basque")
        assert "dep=33" not in b.url and "agenais" not in b.url
        expect(b.frame_locator(pilote.IFRAME).locator(pilote.TERRITOIRES)).to_have_count(2)
    finally:
        a_ctx.close()
        b_ctx.close()


def test_donnees_abimees_page_d_erreur_dans_le_navigateur(navigateur, tmp_path):
    import shutil
    copie = tmp_path / "data"
    shutil.copytree(pilote.ROOT / "data", copie)
    p = copie / "territoires.geojson"
    p.write_bytes(p.read_bytes()[:5000])
    with pilote.serveur(env={"TI_DONNEES": str(copie)}) as srv:
        ctx = navigateur.new_context()
        page = ctx.new_page()
        page.goto(srv.url + "/?territoire=pays-basque")
        alerte = page.locator('[data-testid="stAlertContentError"]')
        expect(alerte).to_contain_text("territoires.geojson est illisible ou tronqué", timeout=30_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "Traceback" not in page.content()
        assert page.locator(pilote.IFRAME).count() == 0
        ctx.close()


def test_filtre_avec_avis_ne_recree_pas_la_carte(serveur, page):
    """A notice appearing above the map (selection hidden by the filter) keeps the same map."""
    page.goto(serveur + "/?territoire=pays-basque")
    pilote.attendre_carte(page)
    cadre = pilote.cadre_carte(page)
    cadre.evaluate("() => { window.__carteAvant = window.map; }")
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').fill("Deux-Sèvres")
    page.keyboard.press("Enter")
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("la sélection a été retirée", timeout=20_000)
    expect(page.frame_locator(pilote.IFRAME).locator(pilote.TERRITOIRES)).to_have_count(3)
    cadre = pilote.cadre_carte(page)
    assert cadre.evaluate("() => window.__carteAvant === window.map")


def test_telecharger_les_communes_du_territoire(serveur, page):
    page.goto(serveur + "/?territoire=agenais")
    pilote.attendre_carte(page)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Agenais")
    with page.expect_download() as info:
        page.get_by_role("button", name="Communes (CSV)").click()
    import pandas as pd
    t = pd.read_csv(info.value.path(), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(t) == 44 and (t["territoire"] == "Agenais").all()
    assert str(t["population_2026"].dtype) == "int64" and t["licence"].str.contains("Licence Ouverte").all()


def test_ma_commune_depuis_la_barre_laterale(serveur, page):
    page.goto(serveur + "/sources")
    expect(page.locator("h1")).to_have_text("Sources et méthode", timeout=30_000)
    champ = page.locator('[data-testid="stSidebar"] [data-testid="stTextInput"] input')
    champ.fill("pau")
    champ.press("Enter")
    page.get_by_role("button", name="Pau (Pyrénées-Atlantiques, 64000)").click()
    pilote.attendre_carte(page)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Lacq – Pau – Tarbes", timeout=20_000)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("Pau (Pyrénées-Atlantiques) fait partie")
    expect(page).to_have_url(re.compile(r"commune=64445"))
    _vue_sur_la_commune(page, "64445")
    # the commune's ringed point is drawn (white fill, black ring)
    expect(page.frame_locator(pilote.IFRAME).locator('path[fill="#ffffff"][stroke="#000000"]')).to_have_count(1)


def _vue_sur_la_commune(page, code: str) -> None:
    """The map shows the whole commune outline with its neighbours around it: the outline
    takes at most two thirds of the map's width and height (fitted to the outline alone,
    a small commune filled the map), and is not a dot (a tenth at least)."""
    from tableau.logique import donnees, vue
    d = donnees.charger()
    contours = donnees.lire_contours_communes(donnees.DATA_DIR / "communes.topojson", {c.code for c in d.communes})
    minx, miny, maxx, maxy = vue.bbox([contours[code]])
    cadre = pilote.cadre_carte(page)
    cadre.wait_for_function("""([a, b, c, e]) => {
        const m = window.map, p = m.latLngToContainerPoint([c, b]), q = m.latLngToContainerPoint([a, e]),
              t = m.getSize(), fx = (q.x - p.x) / t.x, fy = (q.y - p.y) / t.y;
        return !m._animatingZoom && m.getBounds().contains([[a, b], [c, e]])
            && fx <= 0.67 && fy <= 0.67 && Math.max(fx, fy) >= 0.1;
    }""", arg=[miny, minx, maxy, maxx], timeout=10_000)


def _commune(code: str) -> dict:
    import csv
    with open(pilote.ROOT / "data" / "communes.csv", encoding="utf-8", newline="") as f:
        return next(r for r in csv.DictReader(f) if r["code"] == code)


def test_communes_du_territoire_survol_et_clic(serveur, page, artefacts):
    page.goto(serveur + "/?territoire=lacq-pau-tarbes")
    frame = pilote.attendre_carte(page)
    expect(frame.locator(pilote.COMMUNES)).to_have_count(561, timeout=20_000)
    cadre = pilote.cadre_carte(page)
    cadre.evaluate("() => { window.__carteAvant = window.map; }")
    pau = _commune("64445")
    x, y = pilote.point_ecran(page, float(pau["lat"]), float(pau["lon"]))
    page.mouse.move(x, y)
    pop = f"{int(pau['population']):,}".replace(",", "\u202f")
    expect(frame.locator(".leaflet-tooltip")).to_have_text(f"Pau — {pop} hab.")
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(r"[?&]commune=64445(&|$)"), timeout=20_000)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(
        "Pau (Pyrénées-Atlantiques) fait partie du Territoire d'industrie «\u202fLacq – Pau – Tarbes\u202f»")
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Lacq – Pau – Tarbes")
    # the commune is outlined (dashed black, lightened) and the map zoomed on it
    expect(frame.locator('path[stroke="#000000"][stroke-dasharray="6 3"]')).to_have_count(1)
    _vue_sur_la_commune(page, "64445")
    assert cadre.evaluate("() => window.__carteAvant === window.map")  # same Leaflet map, layers swapped
    # the commune's economic table: each position (« ▲ au-dessus »…) on a single line
    lignes = page.evaluate("""() => [...document.querySelectorAll('.st-key-tissu-commune td:nth-child(4)')]
        .filter(td => td.textContent.trim()).map(td => { const r = document.createRange();
        r.selectNodeContents(td); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })""")
    assert lignes and set(lignes) == {1}, lignes
    page.screenshot(path=str(artefacts / "commune-pau.png"), full_page=True)


def test_recherche_sur_la_page_carte(serveur, page):
    page.goto(serveur + "/?dep=64")
    pilote.attendre_carte(page)
    champ = page.get_by_role("searchbox", name="Chercher une commune")
    # Suggestions come while typing (no Enter), accents not needed.
    champ.press_sequentially("bressu", delay=60)
    page.get_by_role("button", name="Bressuire (Deux-Sèvres, 79300)").click()
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Bocage Bressuirais", timeout=20_000)
    expect(page).to_have_url(re.compile(r"[?&]commune=79049(&|$)"))
    assert "dep=" not in page.url  # the 64 filter would hide it: lifted
    frame = page.frame_locator(pilote.IFRAME)
    expect(frame.locator(pilote.COMMUNES)).to_have_count(33)
    expect(frame.locator('path[stroke="#000000"][stroke-dasharray="6 3"]')).to_have_count(1)
    expect(champ).to_have_value("")


def test_entree_ouvre_la_premiere_commune_trouvee(serveur, page):
    """Enter in the search field, pressed at once after typing (the matches of an earlier
    value may still be on screen), opens the first match of what was typed."""
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    champ = page.get_by_role("searchbox", name="Chercher une commune")
    # the session's first search, typed fast, Enter at once (no match on screen yet)
    champ.press_sequentially("pau", delay=30)
    champ.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]commune=64445(&|$)"), timeout=20_000)
    expect(champ).to_have_value("")
    champ.press_sequentially("bressu", delay=40)
    expect(page.get_by_role("button", name="Bressuire (Deux-Sèvres, 79300)")).to_be_visible(timeout=20_000)
    # more letters, then Enter before their matches come: « Bressuire » stays first
    champ.press_sequentially("ire", delay=20)
    champ.press("Enter")
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Bocage Bressuirais", timeout=20_000)
    expect(page).to_have_url(re.compile(r"[?&]commune=79049(&|$)"))
    expect(champ).to_have_value("")
    # several matches: the first of the list, as ranked there
    champ.fill("Saint-Jean")
    resultats = page.locator(".st-key-resultats-w_recherche_carte button")
    expect(resultats).to_have_count(8, timeout=20_000)
    nom = resultats.first.inner_text().split(" (")[0]
    assert nom.startswith("Saint-Jean"), nom
    champ.press("Enter")
    expect(page.locator(".st-key-panneau-commune h2")).to_have_text(f"Commune : {nom}", timeout=20_000)
    page.wait_for_function("() => /[?&]commune=/.test(location.search) && !location.search.includes('79049')")
    url = page.url
    # nothing found: Enter does nothing, the view stays
    champ.fill("zzzzqqq")
    champ.press("Enter")
    expect(page.get_by_text("Aucune commune")).to_be_visible(timeout=20_000)
    page.wait_for_timeout(800)
    assert page.url == url


def test_entree_dans_la_recherche_du_menu_lateral(serveur, page):
    """The sidebar's search field of another page: Enter opens the map on the first match."""
    page.goto(serveur + "/services")
    champ = page.locator('[data-testid="stSidebar"]').get_by_role("searchbox", name="Chercher une commune")
    champ.fill("Mimizan")
    expect(page.get_by_role("button", name=re.compile("^Mimizan"))).to_be_visible(timeout=30_000)
    champ.press("Enter")
    expect(page.locator(".st-key-panneau-commune h2")).to_have_text("Commune : Mimizan", timeout=30_000)
    expect(page).to_have_url(re.compile(r"/\?(.*&)?commune=40184(&|$)"))


def test_commune_hors_territoire_au_clavier(serveur, page):
    """Keyboard only: Tab to the search field, type, Tab to the match, Enter."""
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    champ = page.get_by_role("searchbox", name="Chercher une commune")
    champ.focus()
    page.keyboard.type("confolens")
    bouton = page.get_by_role("button", name=re.compile(r"^Confolens \(Charente"))
    expect(bouton).to_be_visible(timeout=20_000)
    pilote.tabuler_jusqua(page, bouton, 10)
    page.keyboard.press("Enter")
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(
        "n'appartient à aucun des 16 Territoires d'industrie", timeout=20_000)
    expect(page).to_have_url(re.compile(r"[?&]commune=16106(&|$)"))
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Nouvelle-Aquitaine")
    # the nearest territory is in view with the commune
    cadre = pilote.cadre_carte(page)
    lat, lon = pilote.point_interieur("limoges-et-haute-vienne")
    cadre.wait_for_function("([a, b]) => window.map.getBounds().contains([a, b])", arg=[lat, lon], timeout=10_000)


def test_copier_le_lien_copie_la_vue_affichee(serveur, navigateur):
    """The copy button copies the address bar, which each run rewrites with the
    canonical link: after a choice on the map, the copied link reopens that view."""
    ctx = navigateur.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR",
                                 permissions=["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    try:
        page.goto(serveur + "/?dep=64")
        pilote.attendre_carte(page)
        page.get_by_role("combobox", name="Territoire sélectionné").click()
        page.get_by_role("option", name="Pays Basque").click()
        expect(page).to_have_url(re.compile(r"\?territoire=pays-basque&dep=64$"), timeout=20_000)
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar.locator("code")).to_contain_text("territoire=pays-basque&dep=64")
        sidebar.get_by_role("button", name="Copier le lien").click()
        expect(sidebar.get_by_role("status")).to_have_text("Lien copié.")
        copie = page.evaluate("() => navigator.clipboard.readText()")
        assert copie == page.url and copie.endswith("/?territoire=pays-basque&dep=64")
        # The link reopens the same view in a new visit.
        autre = ctx.new_page()
        autre.goto(copie)
        pilote.attendre_carte(autre)
        expect(autre.locator(pilote.PANNEAU_TITRE)).to_have_text("Pays Basque")
        expect(autre.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')).to_contain_text(
            "Pyrénées-Atlantiques (64)")
    finally:
        ctx.close()


def test_liens_des_pages_gardent_la_selection(serveur, navigateur, page):
    """A page link opened in a new tab keeps the view: each link carries the address's query."""
    page.goto(serveur + "/?territoire=agenais&dep=47")
    pilote.attendre_carte(page)
    lien = page.locator('[data-testid="stSidebarNav"] a', has_text="Territoires")
    expect(lien).to_have_attribute("href", re.compile(r"/territoires\?territoire=agenais&dep=47$"), timeout=10_000)
    # the state changes: the links follow
    page.get_by_role("button", name="Effacer la sélection").click()
    expect(page).to_have_url(re.compile(r"/\?dep=47$"), timeout=20_000)
    expect(lien).to_have_attribute("href", re.compile(r"/territoires\?dep=47$"), timeout=10_000)
    # opened in a new tab: the same filter there
    autre = page.context.new_page()
    autre.goto(serveur + lien.get_attribute("href"))
    expect(autre.get_by_text(re.compile(r"territoires? sur 16 \(filtre par département actif\)"))).to_be_visible(
        timeout=30_000)
    autre.close()
    # a click in the same tab is Streamlit's own navigation, state kept
    lien.click()
    expect(page).to_have_url(re.compile(r"/territoires\?dep=47$"), timeout=20_000)


def test_fleches_entre_le_champ_et_ses_communes(serveur, page):
    """ArrowDown goes from « Chercher une commune » to its matches and between them, ArrowUp back
    up to the field (only Tab reached the second match: ArrowDown then Enter opened the first)."""
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    champ = page.locator(".st-key-w_recherche_carte input")
    champ.fill("st jean")
    resultats = page.locator(".st-key-resultats-w_recherche_carte button")
    expect(resultats.nth(2)).to_be_visible(timeout=20_000)
    page.wait_for_timeout(600)  # the field's last value has been searched
    noms = [resultats.nth(i).inner_text() for i in range(2)]
    focus = "() => document.activeElement.textContent || document.activeElement.getAttribute('aria-label')"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focus) == noms[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focus) == noms[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focus) == "Chercher une commune"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # the second match, not the first
    nom = noms[1].split(" (")[0]
    expect(page.locator('.st-key-panneau-commune h2')).to_have_text(f"Commune : {nom}", timeout=20_000)
