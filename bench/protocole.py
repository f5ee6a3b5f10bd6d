"""Capacity of one server, without browsers: N sessions speaking Streamlit's protocol.

    .venv/bin/python -m bench.protocole [--sessions 25 50 100 200] [--pause 2 8] [--montee 10]
    .venv/bin/python -m bench.protocole --repliques 2   # two servers behind HAProxy (deploy/)
    .venv/bin/python -m bench.protocole --url http://127.0.0.1:PORT   # a running server or proxy

Each session (tests/protocole_client.py) opens the map page by a shared link
(?territoire=...), waits for the end of the run, then picks another territory in the
select box, filters on one of its départements, types a commune's name in the search
field and clicks the matching result, as the page's widgets send them. Each step is
timed from the message sent to the end of the run it causes (script_finished), and
checked (panel title, the URL written by the app). Sessions start spread over
``--montee`` seconds and wait ``--pause`` seconds (uniform) between steps, like people
reading; all stay connected until the wave ends, so N is the number of concurrent
sessions. Bounded: every step has a timeout, every wave a deadline. Loopback only.

Without --url, a fresh server per N (so RSS per session is not polluted by the previous
wave), with TI_PROFIL on: the script's own wall and CPU time per run are printed next to
what the clients saw; the difference is waiting (GIL, queue), not our code. One
Streamlit process runs Python on one core at a time (GIL): --repliques 2 measures two
processes behind deploy/haproxy.cfg on the same machine (CPU and RSS summed).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.charge import _cpu_s, _rss_mo
from tests import protocole_client as pc

ACTIONS = ("ouverture", "choisir w_territoire", "choisir w_deps", "saisir w_recherche_carte", "cliquer")


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))] if xs else float("nan")


def charge_machine() -> str:
    return " ".join(open("/proc/loadavg").read().split()[:3])


class Sonde(threading.Thread):
    """Peak of the servers' summed RSS, sampled every 100 ms."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids, self.pic, self.fini = pids, 0.0, threading.Event()

    def run(self):
        while not self.fini.is_set():
            self.pic = max(self.pic, sum(_rss_mo(p) for p in self.pids))
            time.sleep(0.1)


class Barriere:
    """Each session keeps its websocket open until all have done their path (or failed)."""

    def __init__(self, n: int):
        self.reste, self.fin = n, asyncio.Event()

    def arrive(self) -> None:
        self.reste -= 1
        if self.reste <= 0:
            self.fin.set()


async def visiteur(url: str, c: pc.Cible, depart: float, pause: tuple[float, float], delai: float,
                   barriere: Barriere, rng: random.Random) -> dict:
    await asyncio.sleep(depart)
    s = pc.Session(url, origine=url, delai_s=delai)
    res = {"ok": False, "mesures": s.mesures, "octets": 0}
    try:
        await pc.parcours(s, c, pause=lambda: rng.uniform(*pause))
        res["ok"] = True
    except Exception as e:  # counted, not fatal
        res["erreur"] = f"{type(e).__name__}: {e}"[:200]
    barriere.arrive()
    try:
        await barriere.fin.wait()
    finally:
        res["octets"] = s.octets
        try:
            await s.fermer()
        except Exception:
            pass
    return res


async def vague(url: str, n: int, montee: float, pause, delai: float, graine: int) -> list[dict]:
    rng = random.Random(graine)
    barriere = Barriere(n)
    taches = [asyncio.create_task(visiteur(url, c, rng.uniform(0, montee), pause, delai, barriere,
                                           random.Random(graine + i)))
              for i, c in enumerate(pc.cibles(n))]
    limite = montee + 5 * (pause[1] + delai) + 30  # a bound on the whole wave
    fini, en_cours = await asyncio.wait(taches, timeout=limite)
    for t in en_cours:
        t.cancel()
    out = []
    for t in taches:
        if t in fini and not t.exception():
            out.append(t.result())
        else:
            out.append({"ok": False, "erreur": "délai global de la vague dépassé", "mesures": [], "octets": 0})
    return out


def rapport(n: int, res: list[dict], duree: float, cpu: float | None, rss0: float, pic: float,
            runs: list[dict]) -> None:
    ok = sum(r["ok"] for r in res)
    par_action: dict[str, list[float]] = {}
    octets_action: dict[str, list[int]] = {}
    for r in res:
        for m in r["mesures"]:
            a = "cliquer" if m.action.startswith("cliquer") else m.action  # one row for all result buttons
            par_action.setdefault(a, []).append(m.duree_s)
            octets_action.setdefault(a, []).append(m.octets)
    toutes = [d for v in par_action.values() for d in v]
    octets = sum(r["octets"] for r in res)
    print(f"\nN = {n}  (charge de la machine avant/après : voir plus haut)  durée {duree:.0f} s")
    print(f"  sessions servies : {ok}/{n} ({ok / n:.0%})   octets reçus : {octets / 1e6:.1f} Mo "
          f"({octets / max(1, n) / 1e3:.0f} Ko par session)")
    print(f"  {'interaction':28s} {'n':>5s} {'médiane':>9s} {'p95':>8s} {'max':>8s} {'Ko reçus (méd.)':>16s}")
    for a in ACTIONS:
        xs = par_action.get(a, [])
        if xs:
            print(f"  {a:28s} {len(xs):5d} {statistics.median(xs):8.3f}s {p95(xs):7.3f}s {max(xs):7.3f}s "
                  f"{statistics.median(octets_action[a]) / 1e3:15.0f}")
    if toutes:
        print(f"  {'toutes':28s} {len(toutes):5d} {statistics.median(toutes):8.3f}s {p95(toutes):7.3f}s "
              f"{max(toutes):7.3f}s")
    if cpu is not None:
        print(f"  CPU serveur(s) : {cpu:.1f} s en {duree:.0f} s ({cpu / duree:.0%} d'un cœur)   "
              f"RSS : {rss0:.0f} Mo au repos, pic {pic:.0f} Mo, {(pic - rss0) / n:.1f} Mo par session")
    if runs:
        murs = [r["mur_ms"] for r in runs]
        cpus = [r["cpu_ms"] for r in runs]
        print(f"  exécutions du script (serveur) : {len(runs)}  mur méd. {statistics.median(murs):.0f} ms / "
              f"p95 {p95(murs):.0f} ms, CPU du fil méd. {statistics.median(cpus):.0f} ms / p95 {p95(cpus):.0f} ms")
    erreurs: dict[str, int] = {}
    for r in res:
        if not r["ok"]:
            erreurs[r.get("erreur", "?")[:120]] = erreurs.get(r.get("erreur", "?")[:120], 0) + 1
    for e, k in sorted(erreurs.items(), key=lambda x: -x[1])[:5]:
        print(f"  échec ×{k} : {e}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, nargs="+", default=[25, 50, 100, 200])
    ap.add_argument("--pause", type=float, nargs=2, default=[2.0, 8.0], help="secondes entre deux actions")
    ap.add_argument("--montee", type=float, default=10.0, help="arrivées étalées sur ce nombre de secondes")
    ap.add_argument("--delai", type=float, default=60.0, help="délai maximal d'une action")
    ap.add_argument("--url", help="serveur (ou proxy) déjà lancé ; sinon un serveur neuf par N")
    ap.add_argument("--graine", type=int, default=1)
    ap.add_argument("--repliques", type=int, choices=(1, 2), default=1,
                    help="2 : deux serveurs derrière HAProxy (deploy/haproxy.cfg), chiffres additionnés")
    args = ap.parse_args()
    hote = urlsplit(args.url).hostname if args.url else "127.0.0.1"
    if hote not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("Boucle locale seulement (127.0.0.1).")
    print(f"pause {args.pause[0]:g}-{args.pause[1]:g} s entre actions, arrivées sur {args.montee:g} s, "
          f"délai {args.delai:g} s ; {os.cpu_count()} cœurs ; {args.repliques} serveur(s)")
    for n in args.sessions:
        print(f"\n[charge machine avant N={n} : {charge_machine()}]")
        if args.url:
            t0 = time.perf_counter()
            res = asyncio.run(vague(args.url, n, args.montee, tuple(args.pause), args.delai, args.graine))
            rapport(n, res, time.perf_counter() - t0, None, 0, 0, [])
            continue
        tmp = Path(tempfile.mkdtemp(prefix="ti-protocole-"))
        ports = [pc.port_libre() for _ in range(args.repliques)]
        profil = tmp / "runs.jsonl"
        procs = [pc.demarrer(p, tmp / f"serveur-{p}.log", env={"TI_PROFIL": str(profil)}) for p in ports]
        try:
            for p, proc in zip(ports, procs):
                pc.attendre_sante(f"http://127.0.0.1:{p}", proc)
                # warm-up: data and caches loaded
                asyncio.run(vague(f"http://127.0.0.1:{p}", 1, 0, (0, 0), args.delai, 0))
            url = f"http://127.0.0.1:{ports[0]}"
            if args.repliques == 2:  # HAProxy in front, as deploy/ does
                port_lb = pc.port_libre()
                procs.append(pc.demarrer_haproxy(port_lb, ports, tmp / "haproxy.log"))
                url = f"http://127.0.0.1:{port_lb}"
                pc.attendre_sante(url, procs[-1], delai_s=20)
                time.sleep(2.5)
            time.sleep(1)
            profil.write_text("")
            pids = [p.pid for p in procs]
            rss0, cpu0 = sum(map(_rss_mo, pids)), sum(map(_cpu_s, pids))
            sonde = Sonde(pids)
            sonde.start()
            t0 = time.perf_counter()
            res = asyncio.run(vague(url, n, args.montee, tuple(args.pause), args.delai, args.graine))
            duree = time.perf_counter() - t0
            cpu = sum(map(_cpu_s, pids)) - cpu0
            sonde.fini.set()
            sonde.join()
            runs = [json.loads(x) for x in profil.read_text().splitlines() if x.strip()]
            rapport(n, res, duree, cpu, rss0, max(sonde.pic, rss0), runs)
        finally:
            for proc in reversed(procs):
                pc.arreter(proc)
        print(f"[charge machine après N={n} : {charge_machine()}]")


if __name__ == "__main__":
    main()
