"""Back and Forward (issue 11, part 2): each action is one history entry, and the browser's
history restores URL, panel, select box and map together, without leaving the app."""
import re

from playwright.sync_api import expect

from tests.e2e import pilote

CHOIX = '[data-testid="stSelectbox"]'


def _choisir(page, texte: str, attendu: str) -> None:
    page.locator(CHOIX).filter(has_text="Territoire sélectionné").click()
    page.keyboard.type(texte)
    page.keyboard.press("Enter")
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text(attendu, timeout=20_000)


def _vue(page, tid: str | None, titre: str, texte_choix: str) -> None:
    """URL, panel heading, select box and map all show ``tid`` (None: the region)."""
    if tid:
        expect(page).to_have_url(re.compile(rf"\?territoire={tid}$"), timeout=20_000)
    else:
        expect(page).to_have_url(re.compile(r"/(carte)?$"), timeout=20_000)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text(titre, timeout=20_000)
    expect(page.get_by_role("combobox", name="Territoire sélectionné")).to_have_value(texte_choix)
    frame = page.frame_locator(pilote.IFRAME)
    # The selection outline (black, non-interactive) is drawn only with a selection; with one,
    # the view is zoomed on it.
    expect(frame.locator('path[stroke="#000000"]')).to_have_count(1 if tid else 0, timeout=20_000)
    if tid:
        lat, lon = pilote.point_interieur(tid)
        cadre = pilote.cadre_carte(page)
        page.wait_for_function("() => true")  # let the component apply its new arguments
        for _ in range(100):
            if cadre.evaluate("([a, b]) => window.map.getBounds().contains([a, b]) && window.map.getZoom() >= 8",
                              [lat, lon]):
                break
            page.wait_for_timeout(200)
        else:
            raise AssertionError(f"la carte ne montre pas {tid}")


def test_precedent_et_suivant(serveur, page):
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    _vue(page, None, "Nouvelle-Aquitaine", "")
    _choisir(page, "Agenais", "Agenais")
    _vue(page, "agenais", "Agenais", "Agenais")
    _choisir(page, "Creuse", "Creuse Industrie")
    _vue(page, "creuse-industrie", "Creuse Industrie", "Creuse Industrie")

    page.go_back()
    _vue(page, "agenais", "Agenais", "Agenais")
    page.go_forward()
    _vue(page, "creuse-industrie", "Creuse Industrie", "Creuse Industrie")
    page.go_back()
    _vue(page, "agenais", "Agenais", "Agenais")
    page.go_back()
    _vue(page, None, "Nouvelle-Aquitaine", "")
    assert page.url.startswith(serveur)  # still inside the app
    # And the session goes on normally from there: a new choice is a new entry.
    _choisir(page, "Pays Basque", "Pays Basque")
    _vue(page, "pays-basque", "Pays Basque", "Pays Basque")
    page.go_back()
    _vue(page, None, "Nouvelle-Aquitaine", "")


def test_precedent_restaure_le_filtre(serveur, page):
    page.goto(serveur + "/")
    frame = pilote.attendre_carte(page)
    multiselect = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')
    multiselect.locator("input").fill("Pyrénées-Atlantiques")
    page.keyboard.press("Enter")
    expect(frame.locator(pilote.TERRITOIRES)).to_have_count(2, timeout=20_000)
    expect(page).to_have_url(re.compile(r"\?dep=64$"))
    page.go_back()
    expect(frame.locator(pilote.TERRITOIRES)).to_have_count(16, timeout=20_000)
    expect(multiselect).not_to_contain_text("Pyrénées-Atlantiques")
    page.go_forward()
    expect(frame.locator(pilote.TERRITOIRES)).to_have_count(2, timeout=20_000)
    expect(multiselect).to_contain_text("Pyrénées-Atlantiques (64)")


def test_precedent_apres_un_changement_de_page(serveur, page):
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    _choisir(page, "Agenais", "Agenais")
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Sources et méthode").click()
    expect(page.locator("h1")).to_have_text("Sources et méthode", timeout=20_000)
    expect(page).to_have_url(re.compile(r"/sources\?territoire=agenais$"))
    page.go_back()
    pilote.attendre_carte(page)
    _vue(page, "agenais", "Agenais", "Agenais")
    page.go_back()
    _vue(page, None, "Nouvelle-Aquitaine", "")


def test_precedent_apres_ouvrir_un_territoire_depuis_le_tableau(serveur, page):
    """« Ouvrir un territoire sur la carte » from /territoires (no state in its address): one Back
    returns to the table (it went to an empty map first, and a second Back to the table)."""
    page.goto(serveur + "/territoires")
    expect(page.locator("h1")).to_have_text("Comparer les territoires", timeout=60_000)
    page.get_by_role("button", name="Pays Basque").click()
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Pays Basque", timeout=30_000)
    expect(page).to_have_url(re.compile(r"/\?territoire=pays-basque$"), timeout=20_000)
    pilote.attendre_carte(page)
    page.go_back()
    expect(page.locator("h1")).to_have_text("Comparer les territoires", timeout=20_000)
    # the table's entry (the selection may come along, as with a page chosen in the sidebar,
    # written back in place: Forward still leads on)
    expect(page).to_have_url(re.compile(r"/territoires(\?territoire=pays-basque)?$"))
    page.wait_for_timeout(1000)
    page.go_forward()
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Pays Basque", timeout=30_000)
    expect(page).to_have_url(re.compile(r"/\?territoire=pays-basque$"))
    page.go_back()
    expect(page.locator("h1")).to_have_text("Comparer les territoires", timeout=20_000)


def test_lien_qui_se_repete_dans_le_navigateur(serveur, page):
    """Past 1,000 fields Streamlit ignores the whole query string: the app reads its valid
    prefix, says so, and the address bar is left with the canonical link. (The bound is
    installed by app.py's first run in the process: the very first session of a fresh
    server still gets Streamlit's own behaviour, hence a first visit here.)"""
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    page.goto(serveur + "/?territoire=pays-basque&" + "&".join(["dep=64"] * 1500))
    pilote.attendre_carte(page)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Pays Basque", timeout=20_000)
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="trop long")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"\?territoire=pays-basque&dep=64$"), timeout=20_000)


def test_precedent_restaure_le_classement(serveur, page):
    """Territoires: each ranking chosen is a history entry; Back and Forward restore the
    box, the table and the address."""
    page.goto(serveur + "/territoires")
    boite = page.locator('[data-testid="stSelectbox"]').filter(has_text="Classer selon")
    entete = page.locator("table", has=page.locator("th", has_text="Rang")).locator("thead th").nth(2)
    expect(entete).to_have_text("Population 2026", timeout=30_000)
    for nom, cle in (("Communes", "communes"), ("EPCI", "epci")):
        boite.click()
        page.keyboard.type(nom)
        page.keyboard.press("Enter")
        expect(entete).to_have_text(nom)
        expect(page).to_have_url(re.compile(rf"\?classement={cle}$"))
    page.go_back()
    expect(entete).to_have_text("Communes")
    expect(boite.locator("[data-valeur]")).to_have_attribute("data-valeur", "Communes")  # the value it shows
    expect(page).to_have_url(re.compile(r"\?classement=communes$"))
    page.go_forward()
    expect(entete).to_have_text("EPCI")
    page.go_back()
    page.go_back()
    expect(entete).to_have_text("Population 2026")
    expect(page).to_have_url(re.compile(r"/territoires$"))
