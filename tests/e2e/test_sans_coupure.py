"""Issue 12, in the browser: no select box value, option, table header or cell cut; the
Territoires table shows the selected territory; no English word of Streamlit left."""
import io
import re

import pytest
from playwright.sync_api import expect

from tableau.logique import comparaison, donnees, indicateurs, recherche
from tests.e2e import pilote

D = donnees.charger()
PLUS_LONG_TERRITOIRE = max(D.territoires, key=lambda t: len(D.territoires[t].nom))
PLUS_LONG_INDICATEUR = max((i for i in indicateurs.CHOIX if i != indicateurs.AUCUN),
                           key=lambda i: len(indicateurs.libelle_annees(D.insee.doc, i, court=True)))
# The longest commune label of the select box, with its territory.
_COMMUNE = max(((recherche.noms_dans_la_liste(cs)[c.code], c.code, t)
                for t, cs in D.communes_par_territoire.items() for c in cs), key=lambda x: len(x[0]))
ECRANS = {"390x844": (390, 844), "1366x768": (1366, 768)}

# Every element of a select box whose content is wider than itself (a cut value).
DEBORDS = """() => [...document.querySelectorAll('[data-testid="stSelectbox"] *')]
  .filter(e => e.checkVisibility() && e.scrollWidth > e.clientWidth)
  .map(e => e.tagName + ' ' + (e.closest('[data-testid="stSelectbox"]').querySelector('label') || {}).innerText)"""
# The value each select box shows while not edited, and whether it fits its two lines.
VALEURS = """() => [...document.querySelectorAll('[data-testid="stSelectbox"] [role="group"]')].map(g => {
  const avant = getComputedStyle(g, '::before');
  const d = document.createElement('div');
  Object.assign(d.style, {position: 'absolute', visibility: 'hidden', width: avant.width, font: avant.font,
                          lineHeight: avant.lineHeight, whiteSpace: 'normal', overflowWrap: 'anywhere'});
  d.textContent = g.dataset.valeur || '';
  document.body.appendChild(d);
  const lignes = Math.round(d.getBoundingClientRect().height / parseFloat(avant.lineHeight));
  d.remove();
  return {valeur: g.dataset.valeur, contenu: avant.content, lignes,
          police: parseFloat(getComputedStyle(g.querySelector('input')).fontSize)};
})"""


def _ouvrir(navigateur, taille: str, chemin: str):
    w, h = ECRANS[taille]
    ctx = navigateur.new_context(viewport={"width": w, "height": h}, locale="fr-FR", is_mobile=w < 500,
                                 has_touch=w < 500)
    page = ctx.new_page()
    page.goto(chemin)
    return ctx, page


@pytest.mark.parametrize("taille", list(ECRANS))
@pytest.mark.parametrize("cas", ["territoire-indicateur", "commune"])
def test_valeurs_des_listes_lisibles_en_entier(serveur, navigateur, artefacts, taille, cas):
    if cas == "commune":
        libelle, code, tid = _COMMUNE
        attendus = {D.territoires[tid].nom, libelle}
        chemin = f"/?territoire={tid}&commune={code}&indicateur={PLUS_LONG_INDICATEUR}"
    else:
        attendus = {D.territoires[PLUS_LONG_TERRITOIRE].nom}
        chemin = f"/?territoire={PLUS_LONG_TERRITOIRE}&indicateur={PLUS_LONG_INDICATEUR}"
    attendus.add(indicateurs.libelle_annees(D.insee.doc, PLUS_LONG_INDICATEUR, court=True))
    ctx, page = _ouvrir(navigateur, taille, serveur + chemin)
    pilote.attendre_carte(page)
    boites = page.locator('[data-testid="stSelectbox"] [role="group"][data-valeur]')
    expect(boites).to_have_count(3, timeout=30_000)
    page.wait_for_function("(n) => [...document.querySelectorAll('[data-testid=stSelectbox] [data-valeur]')]"
                           ".filter(g => g.dataset.valeur).length >= n", arg=len(attendus))
    valeurs = page.evaluate(VALEURS)
    montrees = {v["valeur"] for v in valeurs}
    assert attendus <= montrees, (attendus, montrees)
    for v in valeurs:
        if v["valeur"]:
            # drawn in full from the value, in two lines at most, the input's own text out of the way
            assert v["contenu"] == f'"{v["valeur"]}"' and v["lignes"] <= 2 and v["police"] == 0, v
    assert page.evaluate(DEBORDS) == []
    page.screenshot(path=str(artefacts / f"listes-{cas}-{taille}.png"))
    # While being edited, the box is an ordinary field again (its text at full size).
    champ = page.locator(".st-key-w_territoire input")
    champ.click()
    assert champ.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") > 10
    # A choice made: the box keeps the focus, and its value is drawn whole again (it was cut on one
    # line until a click elsewhere).
    nom = D.territoires[PLUS_LONG_TERRITOIRE].nom
    page.get_by_role("option", name=nom).click()
    page.wait_for_timeout(300)
    assert champ.evaluate("e => e === document.activeElement")
    groupe = page.locator(".st-key-w_territoire [role='group'][data-valeur]")
    expect(groupe).to_have_attribute("data-valeur", nom)
    assert groupe.evaluate("g => getComputedStyle(g, '::before').content") == f'"{nom}"'
    assert champ.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") == 0
    ctx.close()


@pytest.mark.parametrize("taille", list(ECRANS))
def test_options_des_listes_entieres(serveur, navigateur, taille):
    ctx, page = _ouvrir(navigateur, taille, serveur + "/")
    pilote.attendre_carte(page)
    page.locator(".st-key-w_territoire input").click()
    options = page.get_by_role("option")
    expect(options).to_have_count(len(D.territoires) + 1, timeout=20_000)
    nom = D.territoires[PLUS_LONG_TERRITOIRE].nom
    expect(page.get_by_role("option", name=nom)).to_be_visible()
    coupees = page.evaluate("""() => [...document.querySelectorAll('[role=listbox] [role=option], '
        + '[role=listbox] [role=option] *')].filter(e => e.checkVisibility() && e.scrollWidth > e.clientWidth)
        .map(e => e.innerText)""")
    assert coupees == []
    liste = page.get_by_role("listbox").bounding_box()
    assert liste["x"] >= 0 and liste["x"] + liste["width"] <= ECRANS[taille][0]  # within the screen
    # each option a finger's target (they had shrunk to 22 px), its highlight filling it
    hauteurs = page.evaluate("""() => [...document.querySelectorAll('[role=listbox] [role=option]')]
        .filter(e => e.checkVisibility()).map(e => [e.getBoundingClientRect().height,
            e.querySelector('[data-item-hl]').getBoundingClientRect().height])""")
    assert hauteurs and all(h >= 40 and hl >= h - 1 for h, hl in hauteurs), hauteurs
    page.keyboard.press("Escape")
    # a long list (drawn row by row as it scrolls, each row 2.5rem apart): no dead gap between options
    page.goto(serveur + "/?territoire=lacq-pau-tarbes")
    pilote.attendre_carte(page)
    page.locator(".st-key-w_commune input").click()
    expect(page.get_by_role("option").first).to_be_visible(timeout=20_000)
    rangs = page.evaluate("""() => [...document.querySelectorAll('[role=listbox] [role=option]')]
        .filter(e => e.checkVisibility())
        .map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; })""")
    assert len(rangs) >= 5 and all(b[0] - a[1] <= 1 for a, b in zip(rangs, rangs[1:])), rangs
    ctx.close()


def test_tableau_des_territoires_montre_le_choisi(serveur, page, artefacts):
    from PIL import Image
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(serveur + "/territoires?territoire=agenais")
    expect(page.get_by_text("Territoire sélectionné : Agenais, marqué ▶ et surligné dans le tableau.")).to_be_visible(
        timeout=30_000)
    grille = page.locator("[data-testid='stDataFrame']").first
    expect(grille.locator("td", has_text="▶ Agenais")).to_have_count(1)
    grille.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    image = Image.open(io.BytesIO(grille.screenshot())).convert("RGB")
    # Row 1 (Agenais, first in name order) is highlighted; row 2 is not. 35 px rows, header first.
    assert image.getpixel((200, 35 + 17)) == (255, 247, 209)  # territoires.FOND_CHOISI
    assert image.getpixel((200, 70 + 17)) != (255, 247, 209)
    page.screenshot(path=str(artefacts / "territoires-choisi-1366.png"))


def test_entetes_et_cellules_du_tableau_des_territoires_entieres(serveur, page):
    """The grid draws on a canvas: each column's width (comparaison.largeurs) is checked against
    its header and cells measured with the grid's own font in Chromium."""
    page.goto(serveur + "/territoires?territoire=" + PLUS_LONG_TERRITOIRE)
    grille = page.locator("[data-testid='stDataFrame']").first
    grille.wait_for(timeout=30_000)
    affiches = comparaison.marquer(comparaison.a_afficher(D, comparaison.lignes(D, list(D.ids))),
                                   PLUS_LONG_TERRITOIRE)
    largeurs = comparaison.largeurs(D)
    colonnes = [{"entete": c, "cellules": [str(r[c]) for r in affiches if r[c] is not None], "largeur": largeurs[c]}
                for c in comparaison.colonnes(D)]
    trop_larges = page.evaluate("""(cols) => {
      const c = document.createElement('canvas').getContext('2d');
      const famille = getComputedStyle(document.body).fontFamily;
      const mesure = (poids, t) => { c.font = poids + ' 14px ' + famille; return c.measureText(t).width; };
      // header: 8 px padding each side, 16 px sort arrow, the menu button; cell: 8 px padding each side
      return cols.flatMap(k => [[k.entete, mesure(600, k.entete) + 16 + 20 + 8, k.largeur],
                                ...k.cellules.map(t => [t, mesure(400, t) + 16, k.largeur])])
                 .filter(([, besoin, largeur]) => besoin > largeur); }""", colonnes)
    assert trop_larges == []
    # Every row in view (no inner vertical scrolling), the table scrolling sideways instead.
    mesures = grille.evaluate("""g => { const s = g.querySelector('.dvn-scroller') || g;
        return {sh: s.scrollHeight, ch: s.clientHeight}; }""")
    assert mesures["sh"] <= mesures["ch"] + 1, mesures


@pytest.mark.parametrize("taille", [(1366, 768), (1920, 1080), (390, 844)])
@pytest.mark.parametrize("chemin", ["/financements", "/sources"])
def test_tableaux_statiques_sans_coupure(serveur, navigateur, artefacts, taille, chemin):
    """Register, laureates and sources: static tables whose cells wrap. At 1366 and 1920 none
    is wider than the page; on a phone a table may scroll sideways, its first column whole."""
    w, h = taille
    ctx = navigateur.new_context(viewport={"width": w, "height": h}, locale="fr-FR")
    page = ctx.new_page()
    page.goto(serveur + chemin)
    tables = page.locator("[data-testid='stTable']")
    expect(tables.first).to_be_visible(timeout=30_000)
    mesures = tables.evaluate_all("""ts => ts.filter(t => t.checkVisibility()).map(t => {
        const boite = t.firstElementChild || t;
        const premiere = [...t.querySelectorAll('tr > :first-child')];
        return {sw: boite.scrollWidth, cw: boite.clientWidth, defile: getComputedStyle(boite).overflowX,
                premiere_coupee: premiere.filter(c => c.scrollWidth > c.clientWidth).length,
                premiere_largeur: premiere.length ? premiere[0].getBoundingClientRect().width : 0,
                cellules_coupees: [...t.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1)
                                   .map(c => c.innerText.slice(0, 40))}; })""")
    assert mesures
    for m in mesures:
        assert m["premiere_coupee"] == 0 and m["cellules_coupees"] == [], m
        if w >= 1366:
            assert m["sw"] <= m["cw"] + 1, m
        else:
            assert m["sw"] <= m["cw"] + 1 or m["defile"] in ("auto", "scroll"), m
            assert m["premiere_largeur"] >= 60, m  # the first column readable on the phone
    page.screenshot(path=str(artefacts / f"tableaux{chemin.replace('/', '-')}-{w}.png"), full_page=True)
    ctx.close()


def test_filtre_departements_sans_ligne_anglaise(serveur, page):
    """select_all=False: no "Select all" / "Select 2 matches" row; Enter picks the first match."""
    page.goto(serveur + "/")
    pilote.attendre_carte(page)
    champ = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input')
    champ.fill("Pyr")
    expect(page.get_by_role("option")).to_have_text(
        ["Pyrénées-Atlantiques (64)", "Hautes-Pyrénées (65) — hors région"], timeout=20_000)
    expect(page.get_by_role("listbox")).not_to_contain_text("Select")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]dep=64(&|$)"), timeout=20_000)


# Streamlit's English words that the app puts into French or hides.
ANGLAIS = re.compile(r"\b(No results|Press Enter|Select all|Select \d+ matches|Clear all|Clear entry|Clear|"
                     r"Download as CSV|Download as PNG|Search|Fullscreen|Show data|Close|Open|Collapse sidebar|"
                     r"Expand sidebar|Help for|Remove|Selected values|App pages|Sidebar|Show/hide columns|"
                     r"Copy Vega-Lite spec|Choose an option|Choose options|Skip to main content)\b")
# Read by a keyboard or a screen reader though not on screen: the skip link, placeholders.
LUS = """() => [...document.querySelectorAll('[data-testid="stSkipToContent"]')].map(e => e.textContent)
  .concat([...document.querySelectorAll('input[placeholder]')].map(e => e.getAttribute('placeholder')))"""
TEXTES = """() => { const out = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) { const t = w.currentNode.data.trim();
    if (t && w.currentNode.parentElement.checkVisibility()) out.push(t); }
  for (const e of document.querySelectorAll('[aria-label], [title], [placeholder]'))
    if (e.checkVisibility()) for (const a of ['aria-label', 'title', 'placeholder'])
      if (e.getAttribute(a)) out.push(e.getAttribute(a));
  return out; }"""


def test_pas_de_mot_anglais(serveur, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    trouves = {}
    for chemin in ("/?territoire=agenais&indicateur=part_industrie", "/services?territoire=agenais",
                   "/financements?territoire=agenais", "/territoires?territoire=agenais", "/sources"):
        page.goto(serveur + chemin)
        expect(page.locator("h1").first).to_be_visible(timeout=30_000)
        page.wait_for_timeout(1500)
        textes = page.evaluate(TEXTES) + page.evaluate(LUS)
        assert "Aller au contenu principal" in page.evaluate(LUS)
        if chemin.startswith("/?"):  # the map's frame has a French name for screen readers
            expect(page.locator(pilote.IFRAME)).to_have_attribute("aria-label", "Carte des Territoires d'industrie")
        # Tables and charts hovered: their toolbars would show then.
        for el in page.locator("[data-testid=stDataFrame], [data-testid=stTable], [data-testid=stVegaLiteChart]"
                               ).all():
            if el.is_visible():
                el.scroll_into_view_if_needed()
                el.hover()
                textes += page.evaluate(TEXTES)
        # An empty list: Streamlit's own "No results".
        champ = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input')
        champ.fill("zzz")
        expect(page.get_by_text("Aucun nom ne contient ces lettres (accents compris)")).to_be_visible(timeout=10_000)
        textes += page.evaluate(TEXTES)
        champ.fill("")
        page.keyboard.press("Escape")
        trouves[chemin] = sorted({t for t in textes if ANGLAIS.search(t)})
    assert trouves == {c: [] for c in trouves}


def test_menu_de_colonne_en_francais(serveur, page):
    """The menu of a table column (the ⋮ of its header, drawn on the grid's canvas)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(serveur + "/territoires")
    grille = page.locator("[data-testid='stDataFrame']").first
    grille.wait_for(timeout=30_000)
    grille.scroll_into_view_if_needed()
    boite = grille.bounding_box()
    droite = boite["x"] + comparaison.largeurs(D)["Territoire"]
    page.mouse.move(droite - 80, boite["y"] + 17)
    page.wait_for_timeout(300)
    page.mouse.click(droite - 14, boite["y"] + 17)
    menu = page.get_by_role("menu").first
    expect(menu).to_contain_text("Trier par ordre croissant", timeout=10_000)
    textes = page.evaluate(TEXTES)
    assert "Menu de la colonne" in textes
    assert sorted({t for t in textes if ANGLAIS.search(t) or re.search(r"\b(Sort|Pin|Hide|Autosize)\b", t)}) == []


@pytest.mark.parametrize("taille", list(ECRANS))
def test_classement_lisible_sans_defilement(serveur, navigateur, artefacts, taille):
    """Where the wide grid must scroll sideways (a phone shows its pinned name column and
    little else), the ranking on one number fits the screen: its table does not overflow,
    every territory's name and value are there, and another number is one choice away."""
    ctx, page = _ouvrir(navigateur, taille, serveur + "/territoires?territoire=" + PLUS_LONG_TERRITOIRE)
    try:
        titre = page.get_by_role("heading", name="Classer les territoires")
        expect(titre).to_be_visible(timeout=30_000)
        table = page.locator("table", has=page.locator("th", has_text="Rang"))
        expect(table.locator("tbody tr")).to_have_count(16)
        expect(table.locator("tbody tr strong")).to_have_text("▶ " + D.territoires[PLUS_LONG_TERRITOIRE].nom)
        boite = page.locator('[data-testid="stSelectbox"]').filter(has_text="Classer selon")
        boite.click()
        page.keyboard.type("Communes")
        page.keyboard.press("Enter")
        expect(table.locator("thead th").nth(2)).to_have_text("Communes")
        premier = max(D.territoires.values(), key=lambda t: t.nb_communes)
        expect(table.locator("tbody tr").first).to_contain_text(premier.nom)
        expect(page).to_have_url(re.compile(r"[?&]classement=communes(&|$)"))  # in the shared link
        mesure = table.evaluate("""t => { const r = t.getBoundingClientRect(), p = t.parentElement;
            return {droite: r.right, large: t.scrollWidth, boite: p.clientWidth}; }""")
        assert mesure["droite"] <= ECRANS[taille][0] and mesure["large"] <= mesure["boite"] + 1, mesure
        table.scroll_into_view_if_needed()
        page.screenshot(path=str(artefacts / f"classement-{taille}.png"))
    finally:
        ctx.close()


@pytest.mark.parametrize("taille", list(ECRANS))
def test_tissu_economique_dans_sa_fiche(serveur, navigateur, taille):
    """The commune card's and the panel's economic tables stay inside their card (a phone's
    commune card is about 330 px wide), each position on one line."""
    ctx, page = _ouvrir(navigateur, taille, serveur + "/?territoire=bocage-bressuirais&commune=79013")
    try:
        for fiche, cle in ((".st-key-panneau-commune", "tissu-commune"), (".st-key-panneau-territoire",
                                                                           "tissu-territoire")):
            table = page.locator(f".st-key-{cle} table")
            expect(table).to_be_visible(timeout=30_000)
            page.wait_for_function(f"""() => parseFloat(getComputedStyle(
                document.querySelector('.st-key-{cle} table')).fontSize) < 14""")  # its style is applied
            t, f = table.bounding_box(), page.locator(fiche).bounding_box()
            assert t["x"] >= f["x"] and t["x"] + t["width"] <= f["x"] + f["width"], (cle, t, f)
            lignes = table.evaluate("""t => [...t.querySelectorAll('td:nth-child(4)')]
                .filter(td => td.textContent.trim()).map(td => {
                  const r = document.createRange(); r.selectNodeContents(td);
                  return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })""")
            assert lignes and set(lignes) == {1}, (cle, lignes)
    finally:
        ctx.close()


@pytest.mark.parametrize("taille", list(ECRANS))
def test_tableau_trop_large_le_dit(serveur, navigateur, taille):
    """A static table wider than the screen scrolls sideways in its box: a line above it says
    so (only then: on a laptop the same tables fit, and nothing is added)."""
    ctx, page = _ouvrir(navigateur, taille, serveur + "/financements")
    try:
        tables = page.locator('[data-testid="stTable"]')
        expect(tables.first).to_be_visible(timeout=30_000)
        page.wait_for_timeout(500)  # the check runs on the next frame after the page changes
        etats = tables.evaluate_all("""ts => ts.map(t => ({deborde: t.firstElementChild.scrollWidth >
            t.firstElementChild.clientWidth + 1, marque: t.classList.contains('ti-deborde'),
            avant: getComputedStyle(t, '::before').content}))""")
        assert etats and all(e["deborde"] == e["marque"] for e in etats), etats
        if taille == "390x844":
            assert all(e["marque"] for e in etats), etats  # the register and the laureates
            assert all("faites-le glisser de côté" in e["avant"] for e in etats), etats
        else:
            assert not any(e["marque"] for e in etats) and all(e["avant"] == "none" for e in etats), etats
    finally:
        ctx.close()


@pytest.mark.parametrize("largeur", [390, 820])
def test_titre_sans_coupure_au_trait_d_union(serveur, navigateur, largeur):
    """The page's title breaks between words, never inside « Nouvelle-Aquitaine » (it broke
    there on a tablet)."""
    ctx = navigateur.new_context(viewport={"width": largeur, "height": 900}, locale="fr-FR")
    page = ctx.new_page()
    try:
        page.goto(serveur + "/")
        titre = page.locator("h1").first
        expect(titre).to_contain_text("Aquitaine", timeout=60_000)
        # measured in its final place: the font loaded and the sidebar closed (below tablet width)
        page.wait_for_function("""() => { const s = document.querySelector('[data-testid="stSidebar"]');
            const r = s && s.getBoundingClientRect();
            return document.fonts.status === 'loaded' && (!r || r.width === 0 || r.right <= 0); }""",
                               timeout=20_000)
        page.wait_for_timeout(300)
        # the top of each line box of the region's name: one line
        lignes = page.evaluate("""() => { const h = document.querySelector('h1'), t = h.innerText;
            const n = [...h.querySelectorAll('*'), h].flatMap(e => [...e.childNodes])
              .find(x => x.nodeType === 3 && x.nodeValue.includes('Aquitaine'));
            const i = n.nodeValue.indexOf('Nouvelle'), r = document.createRange();
            r.setStart(n, i); r.setEnd(n, i + 'Nouvelle-Aquitaine'.length);
            return new Set([...r.getClientRects()].filter(x => x.width > 1).map(x => Math.round(x.top))).size; }""")
        assert lignes == 1, lignes
    finally:
        ctx.close()
