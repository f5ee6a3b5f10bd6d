"""Load: N browser sessions at once on one server, on 127.0.0.1 only (run by hand).

    .venv/bin/python -m bench.charge [--sessions 1 10 20] [--timeout 60]

Each session (its own browser context) loads the map, clicks inside a territory of its
own, checks the panel, then filters on that territory's first département. Bounded in
count and time. Prints per N: success rate, median and worst time to the panel (from
navigation), server RSS peak, and cross-talk (a panel showing another session's pick).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from playwright.async_api import async_playwright, expect

from tests.e2e import pilote

DATA = pilote.ROOT / "data" / "territoires.geojson"


def _rss_mo(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds used so far by the process."""
    import os
    try:
        with open(f"/proc/{pid}/stat") as f:
            champs = f.read().rsplit(")", 1)[1].split()
        return (int(champs[11]) + int(champs[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def _cpu_navigateur_s() -> float:
    """CPU seconds used so far by all Chromium processes (the simulated users)."""
    import os
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if "chrom" not in f.read():
                    continue
            total += _cpu_s(int(pid))
        except OSError:
            pass
    return total


class Echantillonneur(threading.Thread):
    """Samples the server's RSS every 100 ms, keeps the peak; also sums the CPU of
    Chromium processes that end during the wave (a closed process leaves /proc)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.pic, self.fini = pid, 0.0, threading.Event()
        self.nav_max = 0.0

    def run(self):
        while not self.fini.is_set():
            self.pic = max(self.pic, _rss_mo(self.pid))
            self.nav_max = max(self.nav_max, _cpu_navigateur_s())
            time.sleep(0.1)


async def session(nav, url: str, tid: str, nom: str, dep: str, nb_dep: int, timeout_s: float) -> dict:
    ctx = await nav.new_context(viewport={"width": 1400, "height": 1000})
    page = await ctx.new_page()
    res = {"territoire": tid, "ok": False}
    try:
        t0 = time.perf_counter()
        await page.goto(url + "/", timeout=timeout_s * 1000)
        frame = page.frame_locator(pilote.IFRAME)
        await frame.locator("path.leaflet-interactive").first.wait_for(state="attached",
                                                                      timeout=timeout_s * 1000)
        res["chargement"] = time.perf_counter() - t0
        await page.wait_for_timeout(1000)
        cadre = await (await page.locator(pilote.IFRAME).element_handle()).content_frame()
        box = await page.locator(pilote.IFRAME).bounding_box()
        lat, lon = pilote.point_interieur(tid)
        prev = None
        for _ in range(50):  # wait for the view to settle
            pt = await cadre.evaluate("([a, b]) => { const p = window.map.latLngToContainerPoint([a, b]);"
                                      " const r = window.map.getContainer().getBoundingClientRect();"
                                      " return [p.x + r.left, p.y + r.top]; }", [lat, lon])
            if pt == prev:
                break
            prev = pt
            await asyncio.sleep(0.2)
        t1 = time.perf_counter()
        await page.mouse.click(box["x"] + pt[0], box["y"] + pt[1])
        await expect(page.locator(pilote.PANNEAU_TITRE)).to_have_text(nom, timeout=timeout_s * 1000)
        res["clic_panneau"] = time.perf_counter() - t1
        res["vers_panneau"] = time.perf_counter() - t0
        ms = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input')
        await ms.click()
        await ms.fill(dep)
        await page.get_by_role("option", name=dep, exact=False).first.click()
        await expect(frame.locator(pilote.TERRITOIRES)).to_have_count(nb_dep, timeout=timeout_s * 1000)
        await page.wait_for_timeout(500)
        # Cross-talk check: this session still shows its own pick, in the panel and the URL.
        res["titre_final"] = await page.locator(pilote.PANNEAU_TITRE).text_content()
        res["url_ok"] = f"territoire={tid}" in page.url
        res["ok"] = res["titre_final"] == nom and res["url_ok"]
    except Exception as e:  # a failed session is counted, not fatal
        res["erreur"] = f"{type(e).__name__}: {str(e).splitlines()[0][:120]}"
    finally:
        await ctx.close()
    return res


async def vague(url: str, n: int, timeout_s: float, cibles: list) -> list[dict]:
    async with async_playwright() as p:
        nav = await p.chromium.launch(executable_path=pilote.CHROMIUM, args=pilote.CHROMIUM_ARGS)
        try:
            taches = [session(nav, url, *cibles[i % len(cibles)], timeout_s) for i in range(n)]
            return await asyncio.wait_for(asyncio.gather(*taches), timeout=timeout_s * 4)
        finally:
            await nav.close()


def cibles() -> list[tuple]:
    doc = json.loads(DATA.read_text(encoding="utf-8"))
    props = [f["properties"] for f in doc["features"]]
    deps = json.loads((pilote.ROOT / "data" / "departements.geojson").read_text(encoding="utf-8"))
    noms_dep = {f["properties"]["code"]: f["properties"]["nom"] for f in deps["features"]}
    out = []
    for p in props:
        dep = p["departements"][0]
        nb = sum(1 for q in props if dep in q["departements"])
        out.append((p["id"], p["nom"], noms_dep[dep], nb))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 20])
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()
    cs = cibles()
    print(f"{'N':>3s} {'succès':>8s} {'panneau méd.':>13s} {'panneau max':>12s} {'clic méd.':>10s} "
          f"{'RSS pic':>9s}"
          f" {'CPU serveur':>12s} {'CPU Chromium':>13s} {'durée':>7s} {'rerun serveur méd./max':>23s}  diaphonie")
    profil = Path(tempfile.mkdtemp(prefix="ti-charge-")) / "runs.jsonl"
    with pilote.serveur(env={"TI_PROFIL": str(profil)}) as srv:
        asyncio.run(vague(srv.url, 1, args.timeout, cs))  # warm-up
        for n in args.sessions:
            ech = Echantillonneur(srv.pid)
            ech.start()
            cpu0, t0 = _cpu_s(srv.pid), time.perf_counter()
            profil.write_text("")
            res = asyncio.run(vague(srv.url, n, args.timeout, cs))
            murs = [json.loads(x)["mur_ms"] for x in profil.read_text().splitlines() if x.strip()]
            cpu, duree = _cpu_s(srv.pid) - cpu0, time.perf_counter() - t0
            ech.fini.set()
            ech.join()
            ok = [r for r in res if r["ok"]]
            vers = [r["vers_panneau"] for r in res if "vers_panneau" in r]
            clics = [r["clic_panneau"] for r in res if "clic_panneau" in r]
            diaphonie = [r for r in res if "titre_final" in r and not r["ok"]]
            print(f"{n:3d} {len(ok) / n:8.0%} {statistics.median(vers) if vers else float('nan'):12.2f}s "
                  f"{max(vers) if vers else float('nan'):11.2f}s "
                  f"{statistics.median(clics) if clics else float('nan'):9.2f}s "
                  f"{ech.pic:7.0f} Mo {cpu:10.1f} s {ech.nav_max:11.0f} s {duree:6.0f} s "
                  f"{statistics.median(murs) if murs else 0:12.0f} / {max(murs, default=0):5.0f} ms  {len(diaphonie)}")
            for r in res:
                if not r["ok"]:
                    print("     échec :", r)


if __name__ == "__main__":
    main()
