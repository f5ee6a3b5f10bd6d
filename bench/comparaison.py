"""Dashboard vs a bare Streamlit page, side by side in headless Chromium (run by hand).

    .venv/bin/python -m bench.comparaison [--runs 5]

Prints medians and ratios for: first paint, click -> panel, filter -> map (the map shows it
before the rerun) and filter -> the page's notice of it (the rerun); how long
the map lags behind the panel after a choice in the list; websocket bytes received per
interaction (the map's share, in all once decompressed, and on the network through a
counting relay: tests/e2e/relais.py); the map's first-view payload against drawing
unsimplified territories; and the server CPU of a selection
rerun with the functions where it goes (cProfile, via TI_PROFIL).
"""
from __future__ import annotations

import argparse
import json
import os
import pstats
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tableau.ui import ecran
from tests.e2e import pilote
from tests.e2e.relais import relais

CIBLES = [("pays-basque", "Pays Basque"), ("agenais", "Agenais"), ("creuse-industrie", "Creuse Industrie"),
          ("bocage-bressuirais", "Bocage Bressuirais"), ("lacq-pau-tarbes", "Lacq – Pau – Tarbes"),
          ("angouleme-cognac", "Angoulême – Cognac"), ("grand-libournais", "Grand Libournais")]
FILTRES = [("Deux-Sèvres", 3), ("Pyrénées-Atlantiques", 2), ("Dordogne", 3), ("Vienne", 2), ("Gironde", 3),
           ("Corrèze", 2), ("Charente", 1)]


# Playwright's expect() polls with growing intervals (up to 1 s): it would add up to
# ~0.4 s of jitter. The moment a change shows is stamped in the page itself instead.
# One observer per frame at a time: an earlier one, still true, would stamp too early.
_OBSERVER = """(cond) => { if (window.__ti_obs) window.__ti_obs.disconnect(); window.__ti_t = null;
  const test = new Function('return (' + cond + ')');
  const check = () => { if (!window.__ti_t && test()) window.__ti_t = performance.timeOrigin + performance.now(); };
  window.__ti_obs = new MutationObserver(check);
  window.__ti_obs.observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
  check(); }"""


def horodater(frame, condition_js: str) -> None:
    frame.evaluate(_OBSERVER, condition_js)


def armer(frame) -> None:
    """Stamp the next mousedown in ``frame``: durations start at the user's press, not
    when Playwright is asked to click (its checks before a click take up to ~0.3 s
    on a loaded machine, on both sides of the comparison)."""
    frame.evaluate("""() => { window.__ti_appui = null; document.addEventListener('mousedown', () => {
        window.__ti_appui = performance.timeOrigin + performance.now(); }, {capture: true, once: true}); }""")


def appui(frame) -> float:
    return frame.evaluate("() => window.__ti_appui") / 1000


def instant(frame, timeout_ms: int = 30_000) -> float:
    """Epoch seconds at which the condition became true (waits for it)."""
    frame.wait_for_function("() => window.__ti_t !== null", timeout=timeout_ms)
    return frame.evaluate("() => window.__ti_t") / 1000


def _lignes_profil(chemin: Path) -> list[dict]:
    if not chemin.exists():
        return []
    return [json.loads(x) for x in chemin.read_text().splitlines() if x.strip()]


def tableau_de_bord(nav, url: str, i: int, profil: Path, fil=None) -> dict:
    """One visit: first view, a click on CIBLES[i], a choice in the list, a filter. Bytes
    per interaction: (map's share, all messages, on the network — with ``fil``, the
    relay the page goes through — else None)."""
    ctx = nav.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    recus = pilote.ecouter_websocket(page)
    t0 = time.perf_counter()
    page.goto(url + "/")
    pilote.attendre_carte(page)
    premier = time.perf_counter() - t0
    expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text("Nouvelle-Aquitaine")
    page.wait_for_timeout(1500)  # a person reads the map first; the component's first report is done
    tid, nom = CIBLES[i % len(CIBLES)]
    x, y = pilote.point_ecran(page, *pilote.point_interieur(tid))
    avant = len(_lignes_profil(profil))
    horodater(page, f"(document.querySelector('{pilote.PANNEAU_TITRE}') || {{}}).textContent === {json.dumps(nom)}")
    cadre = pilote.cadre_carte(page)
    armer(cadre)
    recus.clear()
    avant = fil.octets_ws if fil else 0
    page.mouse.click(x, y)
    clic = instant(page) - appui(cadre)
    cadre.wait_for_function(f"() => document.body.dataset.tiSelection === {json.dumps(tid)}")
    page.wait_for_timeout(500)
    def compter() -> tuple:
        return (*pilote.part_de_la_carte(recus), fil.octets_ws - avant if fil else None)
    octets = {"clic": compter()}
    runs = _lignes_profil(profil)[avant:]
    # A choice in the list: when does the map follow the panel?
    tid2, nom2 = CIBLES[(i + 3) % len(CIBLES)]
    horodater(page, f"(document.querySelector('{pilote.PANNEAU_TITRE}') || {{}}).textContent === {json.dumps(nom2)}")
    horodater(cadre, f"document.body.dataset.tiSelection === {json.dumps(tid2)}")
    recus.clear()
    avant = fil.octets_ws if fil else 0
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Territoire sélectionné").click()
    page.keyboard.type(nom2)
    page.keyboard.press("Enter")
    ecart_liste = instant(cadre) - instant(page)
    page.wait_for_timeout(500)
    octets["liste"] = compter()
    dep, attendu = FILTRES[i % len(FILTRES)]
    page.locator(pilote.PANNEAU_TITRE).click()  # move focus away from the map
    ms = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input')
    ms.click()
    ms.fill(dep)
    option = page.get_by_role("option", name=dep, exact=False).first
    option.wait_for()
    horodater(cadre, f"document.querySelectorAll('path.ti-territoire').length === {attendu}")
    # The map shows the filter before the rerun (cles_carte); the page's own notice of it comes with
    # the rerun: both timed.
    horodater(page, f"(document.querySelector('.st-key-{ecran.CLE_ANNONCE_FILTRE}') || {{}}).textContent"
                    f"?.includes({json.dumps(dep)})")
    armer(page)
    recus.clear()
    avant = fil.octets_ws if fil else 0
    option.click()
    filtre = instant(cadre) - appui(page)
    filtre_page = instant(page) - appui(page)
    page.wait_for_timeout(500)
    octets["filtre"] = compter()
    ctx.close()
    return {"premier": premier, "clic": clic, "filtre": filtre, "filtre_page": filtre_page,
            "liste_carte_apres_panneau": ecart_liste,
            "cpu_ms": [r["cpu_ms"] for r in runs], "octets": octets, "cible": tid}


def reference(nav, url: str) -> dict:
    ctx = nav.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url + "/")
    page.get_by_text("Page de référence").wait_for()
    premier = time.perf_counter() - t0
    bouton = page.get_by_role("button", name="Relancer")
    bouton.wait_for()
    horodater(page, "document.body.innerText.includes('Relancée')")
    armer(page)
    bouton.click()
    clic = instant(page) - appui(page)
    ctx.close()
    return {"premier": premier, "clic": clic}


def charge_utile() -> dict:
    """Bytes of the map's first view: what the component receives (script, header, html,
    first state) plus the static file of borders and territories it then fetches."""
    from tableau.logique import carte, donnees, geostatique, vue
    from tableau.ui.composant_carte import rendre_base, rendre_couches
    d = donnees.charger()
    centre, zoom = vue.centre_zoom(vue.bbox(f["geometry"] for f in d.region_geojson["features"]))
    palette = carte.couleurs(d.territoires_geojson["features"])
    base = rendre_base(carte.carte_de_base("aucun", centre, zoom, "../../app/static/geo/carte-0.json", palette))
    etat = rendre_couches([carte.couche_etat({"v": list(d.ids), "s": None, "c": None})])

    def taille(features) -> int:
        fichier = geostatique.octets(carte.geometrie_carte(d.limites_geojson, features))
        return sum(len(s.encode("utf-8")) for s in (base.html, base.header, base.script, etat)) + len(fichier)

    ours = taille(d.territoires_geojson["features"])
    naive = None
    try:  # the naive layer needs the raw sources (unsimplified dissolve)
        naive = taille(_territoires_non_simplifies())
    except FileNotFoundError:
        pass
    return {"tableau": ours, "naif": naive}


def _territoires_non_simplifies() -> list[dict]:
    from shapely.geometry import mapping

    from geo import build, cog, geometry, membership, sources
    src = build.DEFAULT_SOURCES
    entries = json.loads((src / sources.COMMUNES_COG.fichier).read_text(encoding="utf-8"))
    communes = cog.communes_actuelles(entries, build.DEPARTEMENTS)
    membres, noms = membership.read_membership((src / sources.MEMBERSHIP.fichier).read_text(encoding="utf-8"),
                                               [c["code"] for c in communes])
    polys = build._read_polygons(src)  # WGS84, the sources' own 5 decimals
    com = geometry.communes_2026(polys, cog.code_map_to_2026(entries), [c["code"] for c in communes])
    com["territoire"] = com["code"].map(membres)
    ti = geometry.dissolve(com[com["territoire"].notna()], "territoire")
    return [{"type": "Feature", "properties": {"id": t, "nom": noms[t]}, "geometry": mapping(g)}
            for t, g in zip(ti["territoire"], ti.geometry)]


def main() -> None:
    print("charge de la machine :", os.getloadavg())
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    dossier = Path(tempfile.mkdtemp(prefix="ti-profil-"))
    profil, detail = dossier / "runs.jsonl", dossier / "detail.jsonl"
    with sync_playwright() as p:
        nav = pilote.lancer_chromium(p)
        # Timings: the dashboard only logs CPU time per run (cheap), no cProfile.
        with pilote.serveur(env={"TI_PROFIL": str(profil)}) as app, pilote.serveur("bench/reference.py") as ref:
            for i in range(args.runs):  # warm-up of both: server caches filled for the same steps
                tableau_de_bord(nav, app.url, i, profil)
                reference(nav, ref.url)
            tb, rf = [], []
            for i in range(args.runs):  # interleaved, so both see the same machine load
                tb.append(tableau_de_bord(nav, app.url, i, profil))
                rf.append(reference(nav, ref.url))
            # Bytes, each target once, through the counting relay (kept out of the timings).
            with relais(app.url) as fil:
                octets = [tableau_de_bord(nav, fil.url, i, profil, fil) for i in range(len(CIBLES))]
        # Where the time goes: a separate server with cProfile on, two selections.
        with pilote.serveur(env={"TI_PROFIL": str(detail), "TI_PROFIL_DETAIL": "1"}) as app:
            for i in range(2):
                tableau_de_bord(nav, app.url, i, detail)
        nav.close()
    med = lambda rows, k: statistics.median(r[k] for r in rows)  # noqa: E731
    print(f"\n{'mesure (médiane, s)':34s} {'tableau':>8s} {'référence':>10s} {'ratio':>6s}  objectif")
    for nom, k_tb, k_rf, but in (("navigation -> premier affichage", "premier", "premier", 1.5),
                                 ("clic -> panneau / bouton -> texte", "clic", "clic", 2.0),
                                 ("filtre -> carte / bouton -> texte", "filtre", "clic", 2.0)):
        a, b = med(tb, k_tb), med(rf, k_rf)  # caches warm: see the warm-up loop
        print(f"{nom:34s} {a:8.2f} {b:10.2f} {a / b:6.2f}  ≤ {but}  {'atteint' if a / b <= but else 'MANQUÉ'}")
    a, b = med(tb, "filtre_page"), med(rf, "clic")
    print(f"{'filtre -> avis de la page (rerun)':34s} {a:8.2f} {b:10.2f} {a / b:6.2f}  (pour information)")
    ecart = med(tb, "liste_carte_apres_panneau")
    print(f"{'liste -> carte, après le panneau':34s} {ecart:8.2f} {'':>10s} {'':>6s}  ≤ 0.3 s  "
          f"{'atteint' if ecart <= 0.3 else 'MANQUÉ'}")
    print(f"\n{'octets reçus par interaction':34s} {'carte':>8s} {'messages':>10s} {'sur le fil':>11s}"
          "  objectif ≤ 20 Ko")
    lignes = [(f"clic {r['cible']}", r["octets"]["clic"]) for r in octets] + [
        (f"{k} (médiane des {len(octets)})", tuple(statistics.median(r["octets"][k][j] for r in octets)
                                                    for j in range(3))) for k in ("clic", "liste", "filtre")]
    for nom, (c, t, f) in lignes:
        print(f"{nom:34s} {c / 1024:6.1f} Ko {t / 1024:8.1f} Ko {f / 1024:8.1f} Ko  "
              f"{'atteint' if f <= 20 * 1024 else 'MANQUÉ'} sur le fil, "
              f"{'atteint' if t <= 20 * 1024 else 'manqué'} en messages")
    cu = charge_utile()
    naif = f"{cu['naif'] / 1024:.0f} Ko" if cu["naif"] else "sources absentes"
    ratio = f"{cu['tableau'] / cu['naif']:.2f}" if cu["naif"] else "—"
    print(f"\n{'premier affichage de la carte':34s} {cu['tableau'] / 1024:6.0f} Ko {naif:>12s} {ratio:>6s}"
          "  ≤ 250 Ko et ≤ 0.5")
    cpus = [c for r in tb for c in r["cpu_ms"]]
    if cpus:
        print(f"{'CPU serveur par rerun de sélection':34s} {statistics.median(cpus):6.0f} ms (médiane de {len(cpus)} "
              f"reruns, min {min(cpus):.0f}, max {max(cpus):.0f})")
        derniers = sorted(dossier.glob("detail.jsonl.*.prof"), key=lambda p: int(p.suffixes[-2][1:]))
        if derniers:
            print("\nOù va le temps d'un rerun de sélection (cProfile, cumulé ; 12 premières fonctions) :")
            apres_clic = [p for p in derniers if json.loads(detail.read_text().splitlines()[
                int(p.suffixes[-2][1:])])["page"] == "carte"]
            stats = pstats.Stats(str(apres_clic[-3] if len(apres_clic) >= 3 else derniers[-1]))
            stats.sort_stats("cumulative").print_stats(r"(tableau|streamlit_folium|folium|branca|jinja2|json)", 12)


if __name__ == "__main__":
    main()
