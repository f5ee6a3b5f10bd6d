"""The département filter reaches the map at once, before the page's rerun (cles_carte and
carte_js T.filtrer), by the server's rules: proved with the browser's messages to the
server held back, then released (the rerun's state then changes nothing on the map)."""
import re

import pytest
from playwright.sync_api import expect

from tableau.logique import donnees, filtre
from tests.e2e import pilote

D = donnees.charger()
FILTRE = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'
VUE = "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"


class Retenue:
    """The page's websocket through Playwright: its messages to the server held while ``actif``."""

    def __init__(self, page):
        self.actif, self.file, self.serveur = False, [], None
        page.route_web_socket(re.compile(r"/_stcore/stream"), self._brancher)

    def _brancher(self, ws):
        self.serveur = ws.connect_to_server()
        ws.on_message(self._de_la_page)

    def _de_la_page(self, message):
        if self.actif:
            self.file.append(message)
        else:
            self.serveur.send(message)

    def relacher(self):
        self.actif = False
        for m in self.file:
            self.serveur.send(m)
        self.file.clear()


def _ouvrir(page, url, chemin="/"):
    retenue = Retenue(page)
    page.goto(url + chemin)
    pilote.attendre_carte(page)
    cadre = pilote.cadre_carte(page)
    cadre.wait_for_function("() => document.body.dataset.tiVisibles !== undefined")
    page.wait_for_timeout(1500)  # the component's first report is done
    return retenue, cadre


def _choisir(page, libelle):
    champ = page.locator(FILTRE + " input")
    champ.click()
    champ.fill(libelle.split(" (")[0])
    page.get_by_role("option", name=libelle).click()


def _attendre_vue_stable(cadre):
    cadre.wait_for_function("() => !window.map._animatingZoom && !window.map._panAnim?._inProgress")
    return cadre.evaluate(VUE)


def test_le_filtre_atteint_la_carte_sans_attendre_le_serveur(page, serveur):
    retenue, cadre = _ouvrir(page, serveur)
    region = cadre.evaluate(VUE)
    gironde = filtre.territoires_visibles(D.territoires, ["33"])
    retenue.actif = True
    _choisir(page, "Gironde (33)")
    # the server has not been told yet: the map alone shows the filter
    cadre.wait_for_function(f"() => document.querySelectorAll('{pilote.TERRITOIRES}').length === {len(gironde)}",
                            timeout=3_000)
    assert retenue.file, "le choix n'est pas parti : rien ne prouve que la carte a filtré seule"
    assert "dep=" not in page.url
    vue = _attendre_vue_stable(cadre)
    assert vue != region and vue[2] > region[2]  # fitted to the Gironde's territories: closer
    assert cadre.evaluate("() => document.body.dataset.tiVisibles") == str(len(gironde))
    # released: the rerun's state is the same, the view does not move again
    retenue.relacher()
    expect(page).to_have_url(re.compile(r"dep=33"), timeout=15_000)
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Territoires filtrés")
    page.wait_for_timeout(800)
    assert _attendre_vue_stable(cadre) == pytest.approx(vue, abs=1e-9)
    assert cadre.locator(pilote.TERRITOIRES).count() == len(gironde)


def test_une_selection_cachee_par_le_filtre_quitte_la_carte_aussitot(page, serveur):
    """Pays Basque selected, Gironde chosen: the selection goes, as the server will drop it."""
    retenue, cadre = _ouvrir(page, serveur, "/?territoire=pays-basque")
    cadre.wait_for_function("() => document.body.dataset.tiSelection === 'pays-basque'")
    retenue.actif = True
    _choisir(page, "Gironde (33)")
    cadre.wait_for_function("() => document.body.dataset.tiSelection === ''", timeout=3_000)
    assert retenue.file and "dep=" not in page.url
    assert cadre.locator(pilote.COMMUNES).count() == 0  # the territory's communes went with it
    retenue.relacher()
    expect(page.get_by_text("n'a aucune commune dans les départements choisis")).to_be_visible(timeout=15_000)
    assert "territoire=" not in page.url
    assert cadre.evaluate("() => document.body.dataset.tiSelection") == ""


def test_retirer_une_etiquette_montre_la_region_aussitot(page, serveur):
    retenue, cadre = _ouvrir(page, serveur, "/?dep=33")
    cadre.wait_for_function("() => document.body.dataset.tiVisibles !== '16'")
    retenue.actif = True
    page.locator(FILTRE).get_by_role("button", name=re.compile("Gironde")).click()
    cadre.wait_for_function(f"() => document.querySelectorAll('{pilote.TERRITOIRES}').length === 16",
                            timeout=3_000)
    assert retenue.file and "dep=33" in page.url
    retenue.relacher()
    expect(page).not_to_have_url(re.compile(r"dep="), timeout=15_000)


def test_un_retour_ne_passe_pas_par_le_filtre_sur_place(page, serveur):
    """Back to an unfiltered entry changes the chips through the server: the map follows the
    server's state only (a local guess from the chips, made before it, would be a step)."""
    _, cadre = _ouvrir(page, serveur, "/?territoire=pays-basque")
    _choisir(page, "Gironde (33)")
    expect(page).to_have_url(re.compile(r"dep=33"), timeout=15_000)
    cadre.evaluate("() => { window.__ti_appels = 0; const f = window.TI.filtrer;"
                   " window.TI.filtrer = function () { window.__ti_appels++; return f.apply(this, arguments); }; }")
    page.wait_for_timeout(3_200)  # the gesture's window is over
    page.go_back()
    cadre.wait_for_function("() => document.body.dataset.tiSelection === 'pays-basque'", timeout=15_000)
    assert cadre.locator(pilote.TERRITOIRES).count() == 16
    assert cadre.evaluate("() => window.__ti_appels") == 0


def test_au_clavier_le_champ_garde_le_focus_pour_un_second_departement(page, serveur):
    """Enter in the filter: the list closes and the field keeps the focus (it fell to the page's
    start: the next Tab went back to its top, a second département cost the whole page again)."""
    _, cadre = _ouvrir(page, serveur)
    champ = page.locator(FILTRE + " input")
    champ.focus()
    page.keyboard.type("giro")
    page.get_by_role("option", name="Gironde (33)").wait_for()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"dep=33"), timeout=15_000)
    page.wait_for_timeout(800)  # the rerun's scripts have run
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Filtrer par département"
    expect(champ).to_have_attribute("aria-expanded", "false")
    page.keyboard.type("pyr")
    page.get_by_role("option", name="Pyrénées-Atlantiques (64)").wait_for()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"dep=33&dep=64"), timeout=15_000)
    n = len(filtre.territoires_visibles(D.territoires, ["33", "64"]))
    cadre.wait_for_function(f"() => document.querySelectorAll('{pilote.TERRITOIRES}').length === {n}")
