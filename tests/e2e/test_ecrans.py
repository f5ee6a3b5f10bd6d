"""The four screens that matter (issue 12): phone, tablet, laptop, large screen.
Layout (stacking, sidebar, nothing cut), no map jump, language and tab title; and a
screenshot of every page at every size in artifacts/ (looked at by a person)."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e import pilote

ECRANS = {"telephone": (390, 844), "tablette": (820, 1180), "portable": (1366, 768), "grand": (1920, 1080)}
PAGES = ("carte", "services", "financements", "territoires", "sources")
TITRES = {"services": "Services de la phase II", "financements": "Financements",
          "territoires": "Comparer les territoires", "sources": "Sources et méthode"}
LACQ = "/?territoire=lacq-pau-tarbes"  # the default page lives at /, not /carte

# Elements of the panel whose content overflows their box (text cut, or a hidden scrollbar).
DEBORDEMENTS = """sel => [...document.querySelectorAll(sel + ' *')]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1
          && !e.closest('[data-testid="stDataFrame"], [data-testid="stExpanderDetails"]'))
  .map(e => (e.getAttribute('data-testid') || e.tagName) + ' : ' + e.textContent.slice(0, 40))"""


def ouvrir(navigateur, ecran: str, hauteur: int | None = None):
    w, h = ECRANS[ecran]
    mobile = ecran == "telephone"
    ctx = navigateur.new_context(viewport={"width": w, "height": hauteur or h}, locale="fr-FR",
                                 is_mobile=mobile, has_touch=mobile)
    return ctx, ctx.new_page()


def barre_ouverte(page) -> bool:
    return page.evaluate("""() => { const r = document.querySelector('[data-testid="stSidebar"]')
                                     .getBoundingClientRect(); return r.width > 0 && r.right > 0; }""")


def haut(page, sel: str) -> float:
    """Top of ``sel`` in the page: both numbers read at once (read apart, a smooth scroll in
    between shifted the sum by a few pixels)."""
    return page.evaluate("""(sel) => document.querySelector(sel).getBoundingClientRect().top
                             + document.querySelector('[data-testid="stMain"]').scrollTop""", sel)


@pytest.mark.parametrize("ecran", list(ECRANS))
def test_disposition_a_chaque_taille(serveur, navigateur, ecran):
    ctx, page = ouvrir(navigateur, ecran)
    try:
        page.goto(serveur + LACQ)
        pilote.attendre_carte(page)
        panneau = page.locator(".st-key-panneau-territoire")
        expect(panneau.locator("h2")).to_have_text("Lacq – Pau – Tarbes")
        # language and tab title
        page.wait_for_function("document.documentElement.lang === 'fr'", timeout=10_000)
        expect(page).to_have_title(re.compile(r"^Lacq – Pau – Tarbes — Territoires d'industrie"))
        # sidebar: collapsed at first on tablets and phones, open on larger screens
        assert barre_ouverte(page) == (ecran in ("portable", "grand"))
        # panel beside the map on larger screens, right under it on tablets and phones
        carte = page.locator(pilote.IFRAME).bounding_box()
        boite = panneau.bounding_box()
        if ecran in ("portable", "grand"):
            assert boite["x"] >= carte["x"] + carte["width"] and boite["width"] >= 340
        else:  # right under the map: the legend follows the panel
            assert 0 < boite["y"] - (carte["y"] + carte["height"]) < 80 and boite["width"] >= 0.9 * carte["width"]
            assert page.locator(".st-key-legende-carte").bounding_box()["y"] > boite["y"] + boite["height"]
        # Streamlit's menu (English labels) is not shown
        expect(page.locator('[data-testid="stMainMenu"]')).to_have_count(0)
        if ecran == "telephone":  # most of the map in the first screen (it started 561 px down, 516 now)
            assert haut(page, pilote.IFRAME) + 300 <= ECRANS[ecran][1]
        # the map's credit never runs over its scale (it did on a phone), and the fitted view keeps
        # above both (the credit hid the Pyrénées' edge at 1366 px)
        cadre = pilote.cadre_carte(page)
        cadre.wait_for_function("() => document.body.dataset.tiSelection === 'lacq-pau-tarbes'")
        page.wait_for_timeout(500)
        credit, echelle, sud = cadre.evaluate(pilote.PIED_DE_CARTE)
        assert (credit["left"] >= echelle["right"] or credit["bottom"] <= echelle["top"]), (credit, echelle)
        assert sud <= min(credit["top"], echelle["top"]) + 1, (sud, credit, echelle)
        # nothing in the panel is cut: figures, metric labels, button labels
        assert page.evaluate(DEBORDEMENTS, ".st-key-panneau-territoire") == []
        for libelle in ("Contour (GeoJSON)", "Communes (CSV)", "Fiche (HTML)"):
            expect(panneau.get_by_role("button", name=libelle)).to_be_visible()
        # the actions come before the services, funding and regional context
        effacer = panneau.get_by_role("button", name="Effacer la sélection").bounding_box()
        services = panneau.get_by_role("heading", name="Services de la phase II").bounding_box()
        contexte = panneau.get_by_role("heading", name="Contexte régional").bounding_box()
        assert effacer["y"] < services["y"] < contexte["y"]
        assert effacer["y"] - boite["y"] < 900  # reachable without scrolling the whole panel
    finally:
        ctx.close()


@pytest.mark.parametrize("ecran", ["telephone", "portable"])
def test_la_carte_ne_saute_pas(serveur, navigateur, ecran):
    ctx, page = ouvrir(navigateur, ecran)
    try:
        page.goto(serveur + "/")
        pilote.attendre_carte(page)
        y0 = haut(page, pilote.IFRAME)
        # search matches appear: laid over the page, the map stays
        champ = page.get_by_role("searchbox", name="Chercher une commune")
        champ.fill("Mont")
        resultats = page.locator(".st-key-resultats-w_recherche_carte button")
        expect(resultats.first).to_be_visible(timeout=30_000)
        assert resultats.count() >= 5
        assert haut(page, pilote.IFRAME) == y0
        largeur = page.viewport_size["width"]

        def dans_l_ecran(loc):  # the list and each match wholly on screen, none cut at its edge
            for b in [loc.bounding_box(), *(x.bounding_box() for x in resultats.all())]:
                assert b["x"] >= 0 and b["x"] + b["width"] <= largeur, (b, largeur)
        dans_l_ecran(page.locator(".st-key-resultats-w_recherche_carte"))
        champ.fill("toulouse")  # out of the area: a sentence, readable in full
        phrase = page.locator(".st-key-resultats-w_recherche_carte [data-testid='stCaptionContainer']")
        expect(phrase).to_contain_text("hors de la zone couverte", timeout=30_000)
        b = phrase.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= largeur, b
        champ.fill("")
        # a territory, then one of its communes
        page.get_by_role("combobox", name="Territoire sélectionné").click()
        page.get_by_role("option", name="Agenais").click()
        expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Agenais", timeout=30_000)
        assert haut(page, pilote.IFRAME) == y0
        page.get_by_role("combobox", name=re.compile("Commune du territoire")).click()
        page.keyboard.type("Agen")
        page.get_by_role("option", name="Agen", exact=True).click()
        expect(page.locator(".st-key-panneau-commune h2")).to_have_text("Commune : Agen", timeout=30_000)
        expect(page).to_have_title(re.compile(r"^Agen — Agenais — "))
        assert haut(page, pilote.IFRAME) == y0
    finally:
        ctx.close()


def test_telephone_resultat_choisi_dans_le_menu(serveur, navigateur):
    ctx, page = ouvrir(navigateur, "telephone")
    try:
        page.goto(serveur + "/services")
        expect(page.get_by_role("heading", name="Services de la phase II", level=1)).to_be_visible(timeout=60_000)
        assert not barre_ouverte(page)
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.wait_for_function("""() => { const r = document.querySelector('[data-testid="stSidebar"]')
                                  .getBoundingClientRect(); return r.width > 0 && r.left >= 0; }""")
        page.get_by_role("searchbox", name="Chercher une commune").fill("Mimizan")
        page.get_by_role("button", name=re.compile("^Mimizan")).click()
        carte_commune = page.locator(".st-key-panneau-commune")
        expect(carte_commune.locator("h2")).to_have_text("Commune : Mimizan", timeout=60_000)
        page.wait_for_function("""() => { const r = document.querySelector('[data-testid="stSidebar"]')
                                  .getBoundingClientRect(); return !(r.width > 0 && r.right > 0); }""",
                               timeout=10_000)
        expect(carte_commune).to_be_in_viewport()
    finally:
        ctx.close()


@pytest.mark.parametrize("ecran", ["telephone", "portable"])
def test_revenir_au_territoire(serveur, navigateur, ecran):
    """« Revenir au territoire » sits under the commune's name, in view when the card is;
    after it, the territory's heading is in view (the reader landed mid-panel: tryout)."""
    ctx, page = ouvrir(navigateur, ecran)
    try:
        page.goto(serveur + "/?commune=64445")
        carte_commune = page.locator(".st-key-panneau-commune")
        expect(carte_commune.locator("h2")).to_have_text("Commune : Pau", timeout=60_000)
        pilote.attendre_carte(page)
        carte_commune.locator("h2").scroll_into_view_if_needed()
        bouton = page.get_by_role("button", name="Revenir au territoire")
        expect(bouton).to_be_in_viewport()
        titre, bas = carte_commune.locator("h2").bounding_box(), bouton.bounding_box()
        assert bas["y"] - titre["y"] < 120, (titre, bas)  # right under the name
        bouton.click()
        expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Lacq – Pau – Tarbes", timeout=20_000)
        expect(carte_commune).to_have_count(0)
        page.wait_for_timeout(800)  # the scroll after the next paint
        expect(page.locator(pilote.PANNEAU_TITRE)).to_be_in_viewport()
        if ecran == "portable":  # by keyboard: the focus goes to the panel's heading, not the page's top
            page.goto(serveur + "/?commune=64445")
            bouton = page.get_by_role("button", name="Revenir au territoire")
            bouton.focus()
            # reached by Tab, the button may sit at the window's top: the heading replacing the
            # card above it was focused off-screen (tryout)
            bouton.evaluate("b => b.scrollIntoView({block: 'start'})")
            page.keyboard.press("Enter")
            expect(page.locator(pilote.PANNEAU_TITRE)).to_be_focused(timeout=20_000)
            expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Lacq – Pau – Tarbes")
            page.wait_for_timeout(800)
            expect(page.locator(pilote.PANNEAU_TITRE)).to_be_in_viewport()
    finally:
        ctx.close()


@pytest.mark.parametrize("ecran", ["telephone", "tablette", "portable"])
def test_filtre_annonce_ou_le_menu_est_ferme(serveur, navigateur, ecran):
    """The filter is said above the map where the sidebar starts closed (phones, tablets);
    on a laptop the open sidebar shows it, and the line would push the map's foot out of view."""
    ctx, page = ouvrir(navigateur, ecran)
    try:
        page.goto(serveur + "/?dep=64")
        pilote.attendre_carte(page)
        annonce = page.locator(".st-key-annonce-filtre")
        if ecran == "portable":
            expect(annonce).to_be_hidden()
            assert barre_ouverte(page)
            bas = page.locator(pilote.IFRAME).bounding_box()
            assert bas["y"] + bas["height"] <= 768, bas
        else:
            expect(annonce).to_be_visible(timeout=20_000)
            expect(annonce).to_contain_text("Filtre : Pyrénées-Atlantiques (64) — 2 territoires sur 16.")
            assert not barre_ouverte(page)
            # the map starts in the first screen, with room to tap in it (on a phone it started
            # 737 px down, under a five-line introduction and a three-line notice)
            assert haut(page, pilote.IFRAME) + 150 <= ECRANS[ecran][1]
            # one tap lifts it, without opening the sidebar: the 16 territories are back
            bouton = annonce.get_by_role("button", name="Retirer le filtre")
            if ecran == "telephone":
                bouton.tap()
            else:
                bouton.click()
            expect(annonce).to_have_count(0, timeout=20_000)
            expect(page).not_to_have_url(re.compile(r"dep="))
            cadre = pilote.cadre_carte(page)
            cadre.wait_for_function("() => document.body.dataset.tiVisibles === '16'", timeout=20_000)
            assert not barre_ouverte(page)
    finally:
        ctx.close()


@pytest.mark.parametrize("ecran", ["telephone", "fenetre"])
def test_changer_le_filtre_ouvre_le_menu(serveur, navigateur, ecran):
    """« Changer le filtre », where the sidebar starts closed: one tap opens it at the filter
    (focused when a mouse drives the page, not on a touch screen: a keyboard would pop up);
    a département chosen there closes it again and the map shows the new filter."""
    if ecran == "fenetre":  # a narrow laptop window: no touch, the sidebar starts closed
        ctx = navigateur.new_context(viewport={"width": 900, "height": 800}, locale="fr-FR")
        page = ctx.new_page()
    else:
        ctx, page = ouvrir(navigateur, ecran)
    try:
        page.goto(serveur + "/?dep=64")
        pilote.attendre_carte(page)
        bouton = page.locator(".st-key-annonce-filtre").get_by_role("button", name="Changer le filtre")
        expect(bouton).to_be_visible(timeout=20_000)
        assert not barre_ouverte(page)
        bouton.tap() if ecran == "telephone" else bouton.click()
        champ = page.locator('[data-testid="stSidebar"] .st-key-w_deps input')
        expect(champ).to_be_in_viewport(timeout=10_000)
        assert barre_ouverte(page)
        if ecran == "fenetre":
            expect(champ).to_be_focused()
            page.keyboard.type("Gironde")
            page.keyboard.press("Enter")
        else:
            expect(champ).not_to_be_focused()
            champ.tap()
            page.get_by_role("option", name="Gironde (33)").tap()
        expect(page).to_have_url(re.compile(r"dep=33"), timeout=20_000)
        expect(page.locator(".st-key-annonce-filtre")).to_contain_text(
            "Filtre : Gironde (33), Pyrénées-Atlantiques (64) — 5 territoires sur 16.", timeout=20_000)
        page.wait_for_function("""() => { const r = document.querySelector('[data-testid="stSidebar"]')
                                  .getBoundingClientRect(); return !(r.width > 0 && r.right > 0); }""", timeout=10_000)
        pilote.cadre_carte(page).wait_for_function("() => document.body.dataset.tiVisibles === '5'", timeout=20_000)
    finally:
        ctx.close()


def test_tablette_ouvrir_un_territoire_depuis_le_tableau(serveur, navigateur):
    """« Ouvrir un territoire sur la carte », low on the Territoires page: the map page opens
    at its top (on a tablet it opened 1,200 px down, in the middle of the panel)."""
    ctx = navigateur.new_context(viewport={"width": 820, "height": 1180}, locale="fr-FR", has_touch=True,
                                 is_mobile=True, device_scale_factor=2)  # a tablet, as browsers present it
    page = ctx.new_page()
    try:
        page.goto(serveur + "/territoires")
        bouton = page.get_by_role("button", name="Pays Basque")
        bouton.scroll_into_view_if_needed(timeout=60_000)
        assert page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop") > 500
        page.wait_for_timeout(500)
        bouton.tap()
        expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Pays Basque", timeout=30_000)
        pilote.attendre_carte(page)
        page.wait_for_timeout(1500)  # the page settles (it scrolled down after the switch)
        assert page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop") < 5
        expect(page.locator("h1").first).to_be_in_viewport()
        expect(page.locator(pilote.IFRAME)).to_be_in_viewport()
    finally:
        ctx.close()


@pytest.mark.parametrize("ecran", list(ECRANS))
def test_captures_de_chaque_page(serveur, navigateur, artefacts, ecran):
    """One full-length screenshot per page: a tall viewport so the whole page shows."""
    w, h = ECRANS[ecran]
    for nom in PAGES:
        ctx, page = ouvrir(navigateur, ecran, hauteur=h)
        try:
            page.goto(f"{serveur}/{'' if nom == 'carte' else nom}?territoire=lacq-pau-tarbes")
            expect(page.locator("h1").first).to_be_visible(timeout=60_000)
            if nom == "carte":
                pilote.attendre_carte(page)
            page.wait_for_function("document.documentElement.lang === 'fr'", timeout=30_000)
            expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=60_000)
            # the tab names the page (but the map's), then the selection
            expect(page).to_have_title(re.compile(
                ("" if nom == "carte" else re.escape(TITRES[nom]) + " — ") + "Lacq – Pau – Tarbes — "))
            hauteur = page.evaluate("""() => document.querySelector('[data-testid="stMain"]').scrollHeight""")
            page.set_viewport_size({"width": w, "height": min(max(h, hauteur), 8000)})
            page.wait_for_timeout(1000)  # let the resized page settle (no event says it is done)
            # lazily loaded widgets (select boxes, tables) show a grey skeleton until ready
            expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=60_000)
            page.screenshot(path=str(artefacts / f"ecran-{ecran}-{nom}.png"))
        finally:
            ctx.close()


def test_telephone_reponse_d_une_recherche_ou_d_une_liste_en_vue(serveur, navigateur):
    """On a phone, a commune found in the map page's search field, or chosen in its list (both
    above the map), is shown: the map that zooms on it comes into view, the commune's card
    starting under it. The page stayed at its top, the answer a screen below (tryout)."""
    ctx, page = ouvrir(navigateur, "telephone")
    try:
        def carte_en_vue():
            page.wait_for_function(f"""() => {{ const r = document.querySelector('{pilote.IFRAME}')
                .getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight + 1; }}""", timeout=10_000)

        page.goto(serveur + "/")
        pilote.attendre_carte(page)
        champ = page.get_by_role("searchbox", name="Chercher une commune")
        champ.tap()
        champ.press_sequentially("mimizan", delay=40)
        page.get_by_role("button", name=re.compile("^Mimizan")).tap()
        expect(page.locator(".st-key-panneau-commune h2")).to_have_text("Commune : Mimizan", timeout=30_000)
        carte_en_vue()
        # the distance's label, on the map, in view too
        etiquette = page.frame_locator(pilote.IFRAME).locator(".ti-distance span")
        expect(etiquette).to_have_text("39,5\u202fkm")
        b = etiquette.bounding_box()
        assert 0 <= b["y"] and b["y"] + b["height"] <= 844, b
        # the list of the territory's communes, from the page's top
        page.goto(serveur + "/?territoire=agenais")
        pilote.attendre_carte(page)
        page.locator(".st-key-w_commune input").tap()
        page.get_by_role("option", name="Astaffort").tap()
        expect(page.locator(".st-key-panneau-commune h2")).to_have_text("Commune : Astaffort", timeout=30_000)
        carte_en_vue()
    finally:
        ctx.close()
