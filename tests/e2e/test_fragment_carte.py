"""A click on the map reruns the map page's fragment only (issue 11, part 3): the sidebar,
title and notices are not sent again, yet everything that depends on the state follows
(tab title, address bar, the link shown for sharing), and a notice is withdrawn by the
next action as before (the fragment then asks for the whole page)."""
import re

from playwright.sync_api import expect

from tests.e2e import pilote


def _cliquer(page, tid: str, nom: str) -> None:
    pilote.cliquer_territoire(page, *pilote.point_interieur(tid))
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text(nom, timeout=20_000)


def test_un_clic_ne_renvoie_que_la_carte_et_le_panneau(serveur, page):
    recus = pilote.ecouter_websocket(page)
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    page.wait_for_timeout(1000)
    titre = "Territoires d'industrie en Nouvelle\u2011Aquitaine".encode()
    assert any(b"Filtrer par d\xc3\xa9partement" in t for t in recus)  # the first view sends the sidebar
    assert any(titre in t for t in recus)  # and the page's title
    recus.clear()
    _cliquer(page, "creuse-industrie", "Creuse Industrie")
    page.wait_for_timeout(1000)
    assert recus, "aucun message après le clic"
    # Neither the sidebar's filter nor the page title travel again...
    assert not any(b"Filtrer par d\xc3\xa9partement" in t for t in recus)
    assert not any(titre in t for t in recus)
    # ...but the tab, the address bar and the link offered for sharing follow the state.
    expect(page).to_have_title("Creuse Industrie — Territoires d'industrie — Nouvelle-Aquitaine")
    expect(page).to_have_url(re.compile(r"/\?territoire=creuse-industrie$"))
    lien = page.locator('[data-testid="stSidebar"] code')
    expect(lien).to_have_text(re.compile(r"/\?territoire=creuse-industrie$"))
    # The sidebar still works after fragment runs: a filter reruns the whole page.
    multiselect = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')
    multiselect.locator("input").fill("Creuse")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?territoire=creuse-industrie&dep=23$"), timeout=20_000)
    expect(lien).to_have_text(re.compile(r"\?territoire=creuse-industrie&dep=23$"))


def test_une_notice_part_a_l_action_suivante_sur_la_carte(serveur, page):
    page.goto(serveur + "/?territoire=nulle-part")
    pilote.attendre_carte(page)
    notices = page.locator(".st-key-notices [data-testid='stAlert']")
    expect(notices.filter(has_text="territoire indiqué dans le lien est inconnu")).to_have_count(1)
    _cliquer(page, "agenais", "Agenais")
    expect(notices.filter(has_text="territoire indiqué dans le lien est inconnu")).to_have_count(0,
                                                                                             timeout=20_000)
    expect(page).to_have_title(re.compile(r"^Agenais — "))


def test_du_panneau_au_detail_des_services(serveur, page):
    """The panel names the services; its link opens the Services page on the same selection."""
    page.goto(serveur + "/?territoire=lacq-pau-tarbes")
    pilote.attendre_carte(page)
    panneau = page.locator(".st-key-panneau-territoire")
    expect(panneau).to_contain_text("Dans ce territoire : Lacq – Pau – Tarbes a obtenu 2,5 M€")
    panneau.get_by_role("link", name=re.compile("^Détail de chaque service")).click()
    expect(page.locator("h1")).to_have_text("Services de la phase II", timeout=30_000)
    expect(page).to_have_url(re.compile(r"/services\?territoire=lacq-pau-tarbes$"), timeout=20_000)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("territoire « Lacq – Pau – Tarbes »")
