"""Accessibility in the browser: axe-core on every page, keyboard paths, focus, headings.

axe-core comes from the npm registry at test time (tests/e2e/axe/package.json,
installed by `make test`); it is injected into the page and into each of its frames.
Every result is written to artifacts/axe.json (quoted in the issue's closing note).
"""
import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e import pilote

PAGES = {"carte": "/", "services": "/services", "financements": "/financements",
         "territoires": "/territoires", "sources": "/sources"}
ETATS = {"territoire": "territoire=lacq-pau-tarbes&commune=64445", "filtre": "dep=64"}
RESULTATS: dict = {}


@pytest.fixture(scope="module", autouse=True)
def rapport():
    yield
    pilote.ROOT.joinpath("artifacts").mkdir(exist_ok=True)
    (pilote.ROOT / "artifacts" / "axe.json").write_text(json.dumps(RESULTATS, ensure_ascii=False, indent=1),
                                                        encoding="utf-8")


def _prete(page, nom: str) -> None:
    """The page has run to its end (the share link is the last thing written)."""
    if nom == "carte":
        pilote.attendre_carte(page)
    expect(page.locator('[data-testid="stSidebar"] code')).to_contain_text("127.0.0.1", timeout=30_000)
    expect(page.locator("h1").first).to_be_visible()
    page.wait_for_timeout(1500)  # charts and frames settle


@pytest.mark.parametrize("etat", ETATS)
@pytest.mark.parametrize("nom", PAGES)
def test_axe_sans_violation_grave(serveur, page, nom, etat):
    page.goto(f"{serveur}{PAGES[nom]}?{ETATS[etat]}")
    _prete(page, nom)
    violations = pilote.auditer_axe(page)
    RESULTATS[f"{nom} ({etat})"] = violations
    graves = [v for v in violations if v["impact"] in pilote.IMPACTS_BLOQUANTS]
    assert not graves, json.dumps(graves, ensure_ascii=False, indent=1)
    # Our own documents (the page, the copy-link frame) pass every rule; only the map
    # component's page (streamlit-folium's index.html, not ours) keeps minor remarks.
    propres = [v for v in violations if not v["cadre"].endswith("/component/streamlit_folium.st_folium/index.html")]
    assert not propres, json.dumps(propres, ensure_ascii=False, indent=1)


def _niveaux_titres(page) -> list[tuple[int, str]]:
    selecteur = ", ".join(f'[data-testid="stMain"] h{n}' for n in range(1, 7))
    return [tuple(x) for x in page.evaluate(
        "s => [...document.querySelectorAll(s)].map(h => [+h.tagName[1], h.textContent.trim()])", selecteur)]


@pytest.mark.parametrize("nom", PAGES)
def test_structure_des_titres(serveur, page, nom):
    page.goto(f"{serveur}{PAGES[nom]}?territoire=agenais")
    _prete(page, nom)
    niveaux = _niveaux_titres(page)
    assert [n for n, _ in niveaux].count(1) == 1 and niveaux[0][0] == 1
    for (a, _), (b, t) in zip(niveaux, niveaux[1:]):
        assert b <= a + 1, f"saut de niveau avant « {t} » : h{a} -> h{b}"
    if nom == "carte":  # the panel opens with the territory's name, its sections below
        assert (2, "Agenais") in niveaux
        assert {(3, "Intercommunalités (1)"), (3, "Services de la phase II"), (3, "Financements")} <= set(niveaux)


def test_choisir_un_territoire_au_clavier_et_focus_visible(serveur, page):
    page.goto(serveur + "/")
    _prete(page, "carte")
    page.locator("h1").first.click()  # start from the page, as a reader would
    choix = page.get_by_role("combobox", name="Territoire sélectionné")
    pilote.tabuler_jusqua(page, choix)
    # Focus is visible: the field's frame takes the primary colour (#0000a0 in the theme, 12:1 on
    # white; Streamlit's default red looked like a field in error).
    cadre = "e => getComputedStyle(e.parentElement).borderTopColor"
    avec_focus = choix.evaluate(cadre)
    page.keyboard.type("Pays Bas")
    page.keyboard.press("Enter")
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Pays Basque", timeout=20_000)
    expect(page).to_have_url(re.compile(r"[?&]territoire=pays-basque(&|$)"))
    page.locator("h1").first.click()
    sans_focus = choix.evaluate(cadre)
    assert avec_focus == "rgb(0, 0, 160)" and sans_focus != avec_focus, (avec_focus, sans_focus)
    # The panel's buttons are reachable too, with a visible focus ring; Enter clears.
    effacer = page.get_by_role("button", name="Effacer la sélection")
    pilote.tabuler_jusqua(page, effacer, 200)
    assert effacer.evaluate("e => e.matches(':focus-visible')")
    style = effacer.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.boxShadow]; }")
    assert style[0] != "none" or style[1] != "none", style
    page.keyboard.press("Enter")
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Nouvelle-Aquitaine", timeout=20_000)


def test_focus_visible_sur_les_liens_des_pages(serveur, page):
    """The sidebar's page links, the current one too, show the keyboard's focus plainly."""
    page.goto(serveur + "/")
    _prete(page, "carte")
    for nom in ("Carte", "Services de la phase II"):
        lien = page.locator('[data-testid="stSidebarNav"] a', has_text=nom)
        pilote.tabuler_jusqua(page, lien, 40)
        assert lien.evaluate("e => e.matches(':focus-visible')")
        style = lien.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, "
                              "s.outlineColor]; }")
        assert style == ["solid", "3px", "rgb(0, 0, 160)"], style


def test_focus_visible_sur_les_listes_et_les_champs(serveur, page):
    """The lists, the search field, the filter and the main area show the keyboard's focus with
    the theme's ring (a 1 px border turning blue, or nothing, before)."""
    page.goto(serveur + "/")
    _prete(page, "carte")
    anneau = """e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"""
    for cible, boite in (('input[aria-label="Territoire sélectionné"]', '[role="group"]'),
                         ('input[aria-label="Chercher une commune"]', '[data-testid="stTextInputRootElement"]'),
                         ('input[aria-label="Filtrer par département"]', '[role="group"]')):
        champ = page.locator(cible).first
        pilote.tabuler_jusqua(page, champ, 60)
        cadre = page.locator(boite, has=page.locator(cible)).last  # the field's own box
        assert cadre.evaluate(anneau) == ["solid", "3px", "rgb(0, 0, 160)"], cible
    main = page.locator('[data-testid="stMain"]')
    pilote.tabuler_jusqua(page, main, 60)
    assert main.evaluate(anneau) == ["solid", "3px", "rgb(0, 0, 160)"]


def test_focus_visible_sur_la_carte(serveur, page):
    """Reached by Tab, the map shows its focus (arrows and +/- then move it)."""
    page.goto(serveur + "/")
    _prete(page, "carte")
    page.locator("h1").first.click()
    carte = page.frame_locator(pilote.IFRAME).locator(".leaflet-container")
    pilote.tabuler_jusqua(page, carte)
    assert carte.evaluate("e => e.matches(':focus-visible')")
    assert carte.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, "
                          "s.outlineColor]; }") == ["solid", "3px", "rgb(0, 0, 160)"]


def test_liste_des_communes_garde_les_noms_qui_contiennent_la_saisie(serveur, page):
    """« pau » in the 561 communes of Lacq – Pau – Tarbes: the names containing it, none other
    (Streamlit's default filter added Ponson-Debat-Pouts and Maspie-Lalonquère-Juillacq)."""
    page.goto(serveur + "/?territoire=lacq-pau-tarbes")
    _prete(page, "carte")
    page.get_by_role("combobox", name=re.compile(r"^Commune du territoire \(561\)")).click()
    page.keyboard.type("pau")
    options = page.get_by_role("option")
    expect(options.first).to_have_text("Pau")
    noms = options.all_inner_texts()
    assert noms and all("pau" in n.lower() for n in noms), noms


def test_choisir_une_commune_du_territoire_au_clavier(serveur, page):
    """The drill-down's keyboard path: the territory's communes in a select box."""
    page.goto(serveur + "/?territoire=bocage-bressuirais")
    _prete(page, "carte")
    page.locator("h1").first.click()
    boite = page.get_by_role("combobox", name=re.compile(r"^Commune du territoire \(33\)"))
    pilote.tabuler_jusqua(page, boite)
    page.keyboard.type("Bressu")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]commune=79049(&|$)"), timeout=20_000)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("Bressuire (Deux-Sèvres) fait partie")
    frame = page.frame_locator(pilote.IFRAME)
    expect(frame.locator('path[stroke="#000000"][stroke-dasharray="6 3"]')).to_have_count(1)
