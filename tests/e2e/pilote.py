"""Drive a real `streamlit run` in headless Debian Chromium (shared by e2e tests and bench/)."""
from __future__ import annotations

import contextlib
import functools
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium calls Google's hosts at start-up (refused here, and not ours).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-features=Translate,OptimizationHints,MediaRouter"]
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
PANNEAU_TITRE = ".st-key-panneau-territoire h2"
# Each map layer's paths carry a class of their own (tableau.logique.carte_js).
TERRITOIRES = "path.ti-territoire"
COMMUNES = "path.ti-commune"
# The map's credit and scale (boxes in the map's coordinates), and the fitted bounds' southern edge.
PIED_DE_CARTE = """() => { const c = window.map.getContainer().getBoundingClientRect();
    const boite = (sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        return {left: r.left - c.left, right: r.right - c.left, top: r.top - c.top, bottom: r.bottom - c.top}; };
    return [boite('.leaflet-control-attribution'), boite('.leaflet-control-scale'),
            window.map.latLngToContainerPoint([window.TI.bornes[0][0], window.TI.bornes[0][1]]).y]; }"""


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def attendre_sante(url: str, proc: subprocess.Popen | None = None, delai_s: float = 90) -> None:
    """Wait for /_stcore/health to answer 200 (the process must stay alive meanwhile)."""
    limite = time.monotonic() + delai_s
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if (proc is not None and proc.poll() is not None) or time.monotonic() > limite:
            raise RuntimeError(f"{url} ne répond pas sur /_stcore/health")
        time.sleep(0.3)


@functools.cache
def installer_statiques() -> None:
    """The install step (`make assets`): Leaflet and the map's static geometry, for a
    server started outside pytest (the bench scripts); idempotent."""
    from tableau.ui import assets
    assets.installer_tout()


@contextlib.contextmanager
def serveur(script: str = "app.py", env: dict | None = None, port: int | None = None):
    """Start `streamlit run` on 127.0.0.1 and yield its base URL; stop it afterwards."""
    installer_statiques()
    port = port or port_libre()
    environ = {**os.environ, "TI_FOND_DE_CARTE": "aucun", **(env or {})}
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            attendre_sante(url, proc, 60)
        except RuntimeError:
            out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            raise RuntimeError(f"streamlit n'a pas démarré :\n{out}") from None
        proc.url = url
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def lancer_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def attendre_carte(page, timeout_ms: int = 60_000):
    """Wait until the Leaflet map of the component has drawn at least one territory."""
    frame = page.frame_locator(IFRAME)
    # "attached": a polygon outside the current view is drawn but not visible.
    frame.locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=timeout_ms)
    return frame


def cadre_carte(page):
    """The Playwright Frame of the map component (for evaluate())."""
    page.locator(IFRAME).wait_for()
    handle = page.locator(IFRAME).element_handle()
    return handle.content_frame()


def point_ecran(page, lat: float, lon: float) -> tuple[float, float]:
    """Page coordinates of (lat, lon), once the map view has stopped moving."""
    frame = cadre_carte(page)
    box = page.locator(IFRAME).bounding_box()
    previous = None
    for _ in range(50):
        pt = frame.evaluate("""([lat, lon]) => {
            const p = window.map.latLngToContainerPoint([lat, lon]);
            const r = window.map.getContainer().getBoundingClientRect();
            return [p.x + r.left, p.y + r.top];
        }""", [lat, lon])
        if pt == previous:
            return box["x"] + pt[0], box["y"] + pt[1]
        previous = pt
        time.sleep(0.2)
    raise AssertionError("la carte ne s'est pas stabilisée")


def cliquer_territoire(page, lat: float, lon: float) -> None:
    x, y = point_ecran(page, lat, lon)
    page.mouse.click(x, y)


def point_interieur(tid: str) -> tuple[float, float]:
    """(lat, lon) of a point well inside a territory, from the committed data."""
    import json

    from shapely.geometry import shape
    doc = json.loads((ROOT / "data" / "territoires.geojson").read_text(encoding="utf-8"))
    f = next(f for f in doc["features"] if f["properties"]["id"] == tid)
    geom = shape(f["geometry"])
    # The inner point farthest from the border, so a pixel of error never falls outside.
    from shapely import maximum_inscribed_circle
    p = maximum_inscribed_circle(geom, 0.001).coords[0]
    return p[1], p[0]


def tabuler_jusqua(page, cible, max_tabs: int = 60) -> None:
    """Press Tab until ``cible`` (or something inside it) has the focus."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if cible.evaluate("e => e === document.activeElement || e.contains(document.activeElement)"):
            return
    raise AssertionError("élément jamais atteint au clavier")


AXE = ROOT / "tests" / "e2e" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
IMPACTS_BLOQUANTS = ("serious", "critical")


def auditer_axe(page) -> list[dict]:
    """Run axe-core in the page and in each of its frames (the map component, the
    copy-link button); returns the violations, each tagged with the frame's URL."""
    if not AXE.exists():
        raise RuntimeError(f"axe-core est absent ({AXE}) : lancer « make test », qui l'installe.")
    source = AXE.read_text(encoding="utf-8")
    violations = []
    for frame in page.frames:
        if frame.is_detached() or frame.url in ("", "about:blank") and not frame.parent_frame:
            continue
        frame.evaluate("s => { if (!window.axe) (0, eval)(s); }", source)
        # Frames are audited one by one: axe's own cross-frame messaging is not needed.
        resultat = frame.evaluate("() => axe.run(document, {iframes: false, resultTypes: ['violations']})")
        for v in resultat["violations"]:
            violations.append({"cadre": "page" if frame == page.main_frame else frame.url.split("?")[0],
                               "id": v["id"], "impact": v["impact"], "aide": v["help"],
                               "cibles": [n["target"] for n in v["nodes"]][:5], "noeuds": len(v["nodes"])})
    return violations


def defilement(page) -> float:
    """How far the page is scrolled (Streamlit scrolls its main block, not the window)."""
    return page.evaluate("() => (document.querySelector('[data-testid=stMain]') || {scrollTop: 0}).scrollTop"
                         " + window.scrollY")


def nom_territoire(tid: str, champ: str = "nom"):
    import json
    doc = json.loads((ROOT / "data" / "territoires.geojson").read_text(encoding="utf-8"))
    return next(f["properties"][champ] for f in doc["features"] if f["properties"]["id"] == tid)


@functools.cache
def _contours() -> dict:
    from tableau.logique import donnees
    d = donnees.charger()
    return donnees.lire_contours_communes(ROOT / "data" / "communes.topojson", set(d.commune))


def point_interieur_commune(code: str) -> tuple[float, float]:
    from shapely import maximum_inscribed_circle
    from shapely.geometry import shape
    p = maximum_inscribed_circle(shape(_contours()[code]), 0.0005).coords[0]
    return p[1], p[0]


def _premier_visible(page, candidats: dict, hauteur: int):
    """The first candidate (key -> (lat, lon)) drawn in the part of the map inside the
    window, away from the map's controls; with its page coordinates."""
    point_ecran(page, *next(iter(candidats.values())))  # waits until the view is still
    box = page.locator(IFRAME).bounding_box()
    pts = cadre_carte(page).evaluate("""(pts) => Object.fromEntries(Object.entries(pts).map(([k, ll]) => {
        const p = window.map.latLngToContainerPoint(ll); return [k, [p.x, p.y]]; }))""", candidats)
    for k, (px, py) in pts.items():
        x, y = box["x"] + px, box["y"] + py
        loin_des_controles = px > 140 or py > 140
        if 20 < px < box["width"] - 20 and 20 < py < box["height"] - 40 and y < hauteur - 20 and loin_des_controles:
            return k, (x, y)
    raise AssertionError("aucun candidat visible dans la fenêtre")


def territoire_visible(page, hauteur: int) -> tuple[str, tuple[float, float]]:
    import json
    doc = json.loads((ROOT / "data" / "territoires.geojson").read_text(encoding="utf-8"))
    return _premier_visible(page, {f["properties"]["id"]: point_interieur(f["properties"]["id"])
                                   for f in doc["features"]}, hauteur)


def commune_visible(page, tid: str, hauteur: int) -> tuple[str, tuple[float, float]]:
    """A commune of ``tid`` (largest first) whose inner point is in the window."""
    import csv
    with open(ROOT / "data" / "communes.csv", encoding="utf-8", newline="") as f:
        rows = sorted((r for r in csv.DictReader(f) if r["territoire"] == tid), key=lambda r: -int(r["population"]))
    return _premier_visible(page, {r["code"]: point_interieur_commune(r["code"]) for r in rows[:40]}, hauteur)


def ecouter_websocket(page) -> list[bytes]:
    """Frames the page receives over Streamlit's websocket, appended as they come."""
    recus: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: recus.append(p)))
    return recus


def part_de_la_carte(trames) -> tuple[int, int]:
    """(bytes of the map component's elements, bytes in all) among websocket frames."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    carte = 0
    for t in trames:
        m = ForwardMsg()
        m.ParseFromString(t)
        if (m.WhichOneof("type") == "delta" and m.delta.WhichOneof("type") == "new_element"
                and m.delta.new_element.WhichOneof("type") == "component_instance"):
            carte += len(t)
    return carte, sum(len(t) for t in trames)
