"""French working formats in the browser: the printable fiche on one A4 page, tables
without inner or horizontal scrolling where it matters, text sort = numeric sort."""
import re

from playwright.sync_api import expect

from tableau.logique import comparaison, donnees
from tests.e2e import pilote

D = donnees.charger()


def pages_pdf(pdf: bytes) -> int:
    """Pages of a PDF: its page objects (pypdf is not a dependency)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_fiche_du_plus_grand_territoire_sur_une_page_a4(serveur, page, artefacts):
    page.goto(serveur + "/?territoire=lacq-pau-tarbes")
    pilote.attendre_carte(page)
    with page.expect_download() as info:
        page.locator(".st-key-export-fiche-lacq-pau-tarbes button").click()
    fiche = page.context.new_page()
    requetes = []
    fiche.on("request", lambda r: requetes.append(r.url))
    fiche.set_content(open(info.value.path(), encoding="utf-8").read())
    expect(fiche.locator("h1")).to_have_text("Lacq – Pau – Tarbes")
    assert fiche.locator("svg path").count() == 3  # the locator map, drawn from the data
    liens = fiche.locator("a[href^='https://']")
    assert liens.count() >= 10 and fiche.get_by_role("link", name=re.compile("ANCT")).count() >= 1
    expect(fiche.locator("body")).to_contain_text("version du 21 août 2026")
    pdf = fiche.pdf(format="A4", path=str(artefacts / "fiche-lacq-pau-tarbes.pdf"))
    assert pages_pdf(pdf) == 1
    assert requetes == []  # self-contained: nothing fetched to show or print it
    fiche.close()


def test_fiche_lisible_sur_un_telephone(navigateur):
    """Opened on a phone, the fiche was laid out 980 px wide in tiny type (no viewport): now
    the phone's width, larger type, nothing sideways; print keeps its A4 page (above)."""
    from tableau.logique import exports
    ctx = navigateur.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                 device_scale_factor=2)
    pg = ctx.new_page()
    pg.set_content(exports.fiche_html(D, "lacq-pau-tarbes"))
    mesures = pg.evaluate("""() => ({largeur: window.innerWidth, defile: document.documentElement.scrollWidth,
        corps: parseFloat(getComputedStyle(document.body).fontSize)})""")
    assert mesures["largeur"] == 390 and mesures["defile"] <= 390 and mesures["corps"] >= 14, mesures
    ctx.close()


def test_le_compte_des_pages_sait_compter():
    deux = b"%PDF-1.4 1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> 2 0 obj << /Type /Page >> 3 0 obj <</Type/Page>>"
    assert pages_pdf(deux) == 2


def test_tri_du_texte_numerique_dans_chromium(navigateur):
    """The grid sorts text columns with localeCompare: the padded French numbers come out
    in numeric order, whatever the browser's language."""
    rows = comparaison.lignes(D, list(D.ids))
    affiches = comparaison.a_afficher(D, rows)
    signees = [c for c in comparaison.a_droite(D) if any(r[c] is not None and r[c] < 0 for r in rows)]
    assert signees  # the change in employment: negative and positive values, sorted too
    for langue in ("fr-FR", "en-US"):
        ctx = navigateur.new_context(locale=langue)
        pg = ctx.new_page()
        for colonne in comparaison.a_droite(D):
            textes = [r[colonne] for r in affiches]
            tries = pg.evaluate("t => [...t].sort((a, b) => a.localeCompare(b))", textes)
            attendu = [a[colonne] for _, a in sorted(zip([r[colonne] for r in rows], affiches), key=lambda x: x[0])]
            assert tries == attendu, (langue, colonne)
        ctx.close()


def _defilement(page, cle: str) -> dict:
    grille = page.locator(f".st-key-{cle} [data-testid='stDataFrame'], [data-testid='stDataFrame']").first
    grille.wait_for()
    return grille.evaluate("""g => { const s = g.querySelector('.dvn-scroller') || g;
        return {sh: s.scrollHeight, ch: s.clientHeight, sw: s.scrollWidth, cw: s.clientWidth}; }""")


def test_tableau_des_territoires_sans_defilement_interne(serveur, page, artefacts):
    page.goto(serveur + "/territoires")
    expect(page.locator("h1")).to_have_text("Comparer les territoires", timeout=30_000)
    page.wait_for_timeout(1000)
    d = _defilement(page, "comparaison")
    assert d["sh"] <= d["ch"] + 1, d  # all 16 rows in view, no inner scrolling
    page.screenshot(path=str(artefacts / "territoires-tableau-1400.png"), full_page=True)


def test_registre_valeur_et_periode_sans_defilement_horizontal(serveur, page, artefacts):
    page.goto(serveur + "/financements")
    expect(page.locator("h1")).to_have_text("Financements", timeout=30_000)
    table = page.locator("[data-testid='stTable']").first
    table.scroll_into_view_if_needed()
    # A static table whose cells wrap: as wide as the page, the value and period in view.
    boite = table.evaluate("t => { const b = t.firstElementChild || t; return [b.scrollWidth, b.clientWidth]; }")
    assert boite[0] <= boite[1] + 1, boite
    entetes = table.locator("th").all_inner_texts()
    assert entetes[:5] == ["Périmètre", "Dispositif", "Indicateur", "Valeur", "Période"]
    valeur = table.locator("th", has_text="Période").bounding_box()
    assert valeur["x"] + valeur["width"] <= page.viewport_size["width"]
    page.screenshot(path=str(artefacts / "financements-1400.png"), full_page=True)


def test_recherche_qui_pardonne(serveur, page):
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    champ = page.get_by_role("searchbox", name="Chercher une commune")
    champ.press_sequentially("Toulouse", delay=40)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(
        "Toulouse (Haute-Garonne, 31) : hors de la zone couverte", timeout=20_000)
    champ.fill("")
    champ.press_sequentially("Montemboeuf", delay=40)
    page.get_by_role("button", name="Montembœuf (Charente, 16310)").click()
    expect(page).to_have_url(re.compile(r"[?&]commune=16225(&|$)"), timeout=20_000)
    champ.press_sequentially("Bayone", delay=40)
    expect(page.get_by_text("noms proches")).to_be_visible(timeout=20_000)
    page.get_by_role("button", name=re.compile(r"^Bayonne \(Pyrénées-Atlantiques")).click()
    expect(page).to_have_url(re.compile(r"[?&]commune=64102(&|$)"), timeout=20_000)
