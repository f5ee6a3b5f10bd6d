"""Issue 12, the Carte page in the window: the map and the legend's first row in a
laptop's first view, a big map on tall screens, half the window on a phone; the map
refitted when the window changes; a tap on a phone brings the panel into view; an
overlaid sidebar closes after a page or a filter is chosen."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e import pilote
from tests.e2e.test_ecrans import ECRANS, barre_ouverte, ouvrir

CLE_1 = ".st-key-cles-territoires button"  # the legend's first key (reading order)
BARRE_FERMEE = """() => { const r = document.querySelector('[data-testid="stSidebar"]').getBoundingClientRect();
                          return !(r.width > 0 && r.right > 0); }"""
BARRE_OUVERTE = """() => { const r = document.querySelector('[data-testid="stSidebar"]').getBoundingClientRect();
                           return r.width > 0 && r.left >= 0; }"""


def _premiere_vue(navigateur, serveur, largeur, hauteur, artefacts, nom):
    ctx = navigateur.new_context(viewport={"width": largeur, "height": hauteur}, locale="fr-FR",
                                 is_mobile=largeur < 500, has_touch=largeur < 500)
    page = ctx.new_page()
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    expect(page.locator(CLE_1).first).to_be_visible(timeout=30_000)
    page.evaluate("() => { document.querySelector('[data-testid=stMain]').scrollTop = 0; }")
    page.wait_for_timeout(500)
    page.screenshot(path=str(artefacts / f"fenetre-{nom}.png"))
    return ctx, page


@pytest.mark.parametrize("largeur,hauteur", [(1366, 768), (1400, 900), (1920, 1080)])
def test_carte_entiere_et_premiere_ligne_de_la_legende(serveur, navigateur, artefacts, largeur, hauteur):
    ctx, page = _premiere_vue(navigateur, serveur, largeur, hauteur, artefacts, f"{largeur}x{hauteur}")
    try:
        carte = page.locator(pilote.IFRAME).bounding_box()
        cle = page.locator(CLE_1).first.bounding_box()
        # the whole map, then the first row of keys (a long name wraps: its whole box), without scrolling
        assert carte["y"] >= 0 and carte["y"] + carte["height"] <= hauteur
        rangee = page.evaluate(f"""() => {{ const b = [...document.querySelectorAll('{CLE_1}')].map(e =>
            e.getBoundingClientRect());
            return Math.max(...b.filter(r => r.top < b[0].top + 5).map(r => r.bottom)); }}""")
        assert cle["y"] >= carte["y"] + carte["height"] and rangee <= hauteur, (carte, cle, rangee)
        # the map beside the panel, as tall as the window allows
        assert carte["height"] >= {768: 360, 900: 500, 1080: 560}[hauteur], carte
        # Leaflet fills the iframe, and the region fits in it
        cadre = pilote.cadre_carte(page)
        assert cadre.evaluate("() => window.map.getSize().y") == round(carte["height"])
        assert cadre.evaluate("() => window.map.getBounds().contains(window.TI.bornes)")
    finally:
        ctx.close()


@pytest.mark.parametrize("ecran", ["telephone", "tablette"])
def test_carte_empilee_moitie_de_la_fenetre(serveur, navigateur, artefacts, ecran):
    w, h = ECRANS[ecran]
    ctx, page = _premiere_vue(navigateur, serveur, w, h, artefacts, ecran)
    try:
        carte = page.locator(pilote.IFRAME).bounding_box()
        assert 0.25 * h <= carte["height"] <= 0.6 * h, carte
        assert pilote.cadre_carte(page).evaluate("() => window.map.getSize().y") == round(carte["height"])
        # The four boxes above the map in three rows on a phone (territory, commune and search side
        # by side, indicator), two on a tablet: most of the map is in the first view (a phone's
        # map started at 645 px of 844 with one box per row).
        boites = page.locator(".st-key-controles-carte [data-testid=stColumn]")
        rangees = {round(boites.nth(i).bounding_box()["y"]) for i in range(4)}
        assert len(rangees) == (3 if ecran == "telephone" else 2), rangees
        assert carte["y"] + 0.6 * carte["height"] <= h, carte
    finally:
        ctx.close()


def test_nouvelle_taille_recadre_sauf_carte_deplacee(serveur, navigateur, artefacts):
    ctx, page = _premiere_vue(navigateur, serveur, 1366, 768, artefacts, "recadrage-avant")
    try:
        cadre = pilote.cadre_carte(page)
        z0 = cadre.evaluate("() => window.map.getZoom()")
        page.set_viewport_size({"width": 1920, "height": 1080})
        # a taller map: the region fitted again to it, at a closer zoom
        cadre.wait_for_function(
            f"() => window.map.getZoom() > {z0} && window.map.getBounds().contains(window.TI.bornes)", timeout=10_000)
        assert cadre.evaluate("() => window.map.getSize().y") >= 560
        # a view the reader moved is kept
        cadre.locator(".leaflet-control-zoom-in").click()
        page.wait_for_timeout(600)
        z1 = cadre.evaluate("() => window.map.getZoom()")
        page.set_viewport_size({"width": 1366, "height": 768})
        cadre.wait_for_function("() => window.map.getSize().y < 500", timeout=10_000)
        page.wait_for_timeout(600)
        assert cadre.evaluate("() => window.map.getZoom()") == z1
    finally:
        ctx.close()


def test_telephone_un_toucher_sur_la_carte_montre_le_panneau(serveur, navigateur, artefacts):
    ctx, page = ouvrir(navigateur, "telephone")
    try:
        page.goto(serveur + "/")
        pilote.attendre_carte(page)
        page.wait_for_timeout(1000)
        page.locator(pilote.IFRAME).scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        titre = page.locator(pilote.PANNEAU_TITRE)
        expect(titre).not_to_be_in_viewport()  # under the map, out of view
        tid, (x, y) = pilote.territoire_visible(page, 844)
        page.touchscreen.tap(x, y)
        expect(titre).to_have_text(pilote.nom_territoire(tid), timeout=20_000)
        expect(titre).to_be_in_viewport(ratio=1, timeout=10_000)
        # the name that the tap opened over the map is closed (nothing else would close it on a touch screen)
        expect(pilote.cadre_carte(page).locator(".leaflet-tooltip")).to_have_count(0)
        page.wait_for_timeout(800)  # end of the smooth scroll
        boite = titre.bounding_box()
        entete = page.locator('[data-testid="stHeader"]').bounding_box()
        assert boite["y"] >= entete["y"] + entete["height"] - 1  # not behind Streamlit's header
        # the heading at the window's foot, the map still in view above it (brought to the top, the
        # panel left 24 px of the map: the next tap, on a commune, meant scrolling back up)
        assert boite["y"] + boite["height"] >= 844 - 120, boite
        carte = page.locator(pilote.IFRAME).bounding_box()
        vue = min(carte["y"] + carte["height"], 844) - max(carte["y"], entete["y"] + entete["height"])
        assert vue >= 0.8 * carte["height"], (carte, vue)
        page.screenshot(path=str(artefacts / "fenetre-telephone-apres-toucher.png"))
    finally:
        ctx.close()


@pytest.mark.parametrize("taille", ["telephone", "portable"])
def test_effacer_la_selection_ramene_a_la_carte(serveur, navigateur, artefacts, taille):
    ctx, page = ouvrir(navigateur, taille)
    try:
        page.goto(serveur + "/?territoire=lacq-pau-tarbes")
        pilote.attendre_carte(page)
        bouton = page.get_by_role("button", name="Effacer la sélection")
        bouton.evaluate("b => b.scrollIntoView({block: 'start'})")  # the reader scrolled down to it
        page.wait_for_timeout(300)
        assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop") > 100
        bouton.click()
        expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Nouvelle-Aquitaine", timeout=20_000)
        # back to the first view (title, boxes, map), not left at the bottom of the region's panel
        page.wait_for_function("() => document.querySelector('[data-testid=stMain]').scrollTop === 0",
                               timeout=10_000)
        expect(page.locator(pilote.IFRAME)).to_be_in_viewport(ratio=0.5)
        page.screenshot(path=str(artefacts / f"effacer-{taille}.png"))
    finally:
        ctx.close()


@pytest.mark.parametrize("ecran", ["telephone", "tablette", "portable"])
def test_la_barre_se_ferme_apres_un_choix_si_elle_couvre_la_page(serveur, navigateur, artefacts, ecran):
    """On a phone (over the page) or a tablet (squeezing it), the sidebar closes after a page
    or a filter is chosen; beside a laptop's page it stays open, the filter's list closed
    (left open, it caught the next click meant for the share button)."""
    couvre = ecran in ("telephone", "tablette")
    ctx, page = ouvrir(navigateur, ecran)
    try:
        page.goto(serveur + "/services")
        expect(page.get_by_role("heading", name="Services de la phase II", level=1)).to_be_visible(timeout=60_000)
        page.wait_for_function("document.documentElement.lang === 'fr'")  # the screen script has run
        titre = page.get_by_role("heading", name="Sources et méthode", level=1)

        def choisir(action) -> None:
            if couvre:
                page.locator('[data-testid="stExpandSidebarButton"]').click()
            page.wait_for_function(BARRE_OUVERTE)
            action()
            if couvre:
                page.wait_for_function(BARRE_FERMEE, timeout=20_000)
            else:
                page.wait_for_timeout(1000)  # time enough for a wrong close
                assert barre_ouverte(page)
                expect(page.get_by_role("listbox")).to_have_count(0, timeout=10_000)
            expect(titre).to_be_in_viewport(timeout=30_000)

        # a page chosen in the menu
        choisir(lambda: page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Sources et méthode")
                .click())
        # the département filter

        def filtrer() -> None:
            page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').fill("Gironde")
            page.keyboard.press("Enter")
            expect(page).to_have_url(re.compile(r"[?&]dep=33(&|$)"), timeout=20_000)
        choisir(filtrer)
        page.screenshot(path=str(artefacts / f"fenetre-{ecran}-barre-apres-filtre.png"))
    finally:
        ctx.close()
