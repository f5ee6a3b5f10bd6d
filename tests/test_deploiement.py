"""Two replicas behind Debian's HAProxy with deploy/haproxy.cfg, on loopback, driven by
the protocol-level client (tests/protocole_client.py): both replicas serve, a shared link
opens the same view on either, stopping a replica loses only its sessions (which come
back on the other with their view, from the URL), headers and limits of the proxy hold.
Skipped only when HAProxy is absent (`make haproxy` installs it as root)."""
from __future__ import annotations

import asyncio
import time
import urllib.request

import pytest

from tests import protocole_client as pc

COOKIE = "TI_REPLIQUE"


class Grappe:
    def __init__(self, dossier):
        self.dossier = dossier
        self.ports = {"r1": pc.port_libre(), "r2": pc.port_libre()}
        self.port_lb = pc.port_libre()
        self.url = f"http://127.0.0.1:{self.port_lb}"
        self.repliques = {nom: pc.demarrer(p, dossier / f"{nom}.log") for nom, p in self.ports.items()}
        self.lb = pc.demarrer_haproxy(self.port_lb, [self.ports["r1"], self.ports["r2"]], dossier / "haproxy.log")

    def url_replique(self, nom: str) -> str:
        return f"http://127.0.0.1:{self.ports[nom]}"

    def arreter(self):
        for p in [self.lb, *self.repliques.values()]:
            if p.poll() is None:
                pc.arreter(p)


@pytest.fixture(scope="module")
def grappe(tmp_path_factory):
    if pc.HAPROXY is None:
        pytest.skip("HAProxy absent : « make haproxy » (en root) ou « sudo apt-get install haproxy »")
    g = Grappe(tmp_path_factory.mktemp("grappe"))
    try:
        for nom, proc in g.repliques.items():
            pc.attendre_sante(g.url_replique(nom), proc)
        for nom in g.repliques:  # first run of each process alone (see tests/test_demarrage.py)
            _executer(_ouvrir_seul(g.url_replique(nom)))
        pc.attendre_sante(g.url, g.lb, delai_s=20)
        time.sleep(2.5)  # both replicas seen healthy by two checks (rise 2, inter 1 s)
        yield g
    finally:
        g.arreter()


def _executer(coro, delai_s: float = 120):
    return pc.executer(coro, delai_s)


async def _ouvrir_seul(url: str) -> None:
    s = pc.Session(url, origine=url)
    try:
        await s.ouvrir("/", "")
    finally:
        await s.fermer()


async def _parcours_complet(url: str, c: pc.Cible) -> pc.Session:
    s = pc.Session(url, origine=url)
    try:
        await pc.parcours(s, c)
    finally:
        await s.fermer()
    return s


def test_les_deux_repliques_servent_sans_echec(grappe):
    async def vague():
        return await asyncio.gather(*(_parcours_complet(grappe.url, c) for c in pc.cibles(16)),
                                    return_exceptions=True)
    res = _executer(vague())
    echecs = [r for r in res if isinstance(r, BaseException)]
    assert not echecs, echecs[:3]
    repliques = {s.cookies.get(COOKIE) for s in res}
    assert repliques == {"r1", "r2"}, repliques
    # Each session's five steps, checked inside parcours(), all ended with a full run.
    assert all(len(s.mesures) == 5 for s in res)


def test_un_lien_partage_ouvre_la_meme_vue_sur_chaque_replique(grappe):
    c = pc.cibles(3)[2]

    async def vue(url, cookies=None):
        s = pc.Session(url, origine=url, cookies=dict(cookies or {}))
        try:
            await s.ouvrir("/carte", lien)
            etat = {pc.user_key_from_element_id(k): str(v).strip() for k, v in s.valeurs.items()}
            return s.query_string, s.titres, etat, s.cookies.get(COOKIE)
        finally:
            await s.fermer()

    # A link as a visitor shares it: territory, filter and commune, written by the app.
    s = _executer(_parcours_complet(grappe.url, c))
    lien = s.query_string
    assert "territoire=" in lien and "commune=" in lien
    directes = [_executer(vue(grappe.url_replique(n))) for n in ("r1", "r2")]
    par_proxy = [_executer(vue(grappe.url, {COOKIE: n})) for n in ("r1", "r2")]
    assert directes[0][:3] == directes[1][:3]
    assert [v[:3] for v in par_proxy] == [directes[0][:3]] * 2
    assert directes[0][0] == lien  # the view is the link's, unchanged
    assert any(c.recherche in t for t in directes[0][1])  # the commune's card


def test_en_tetes_de_securite_et_metriques_fermees(grappe):
    with urllib.request.urlopen(grappe.url + "/carte", timeout=10) as r:
        h = r.headers
        assert r.status == 200
    assert h["X-Frame-Options"] == "SAMEORIGIN"
    assert h["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "same-origin"
    assert "Server" not in h
    assert f"{COOKIE}=" in (h["Set-Cookie"] or "") and "HttpOnly" in h["Set-Cookie"]
    with urllib.request.urlopen(grappe.url + "/app/static/leaflet/leaflet.js", timeout=10) as r:
        assert r.status == 200 and b"1.9.4" in r.read(400)
    for chemin in ("/_stcore/metrics", "/_stcore/metrics?families=session_state"):
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(grappe.url + chemin, timeout=10)
        assert e.value.code == 404
    # Streamlit itself still answers it: the proxy is what closes it.
    with urllib.request.urlopen(grappe.url_replique("r1") + "/_stcore/metrics", timeout=10) as r:
        assert r.status == 200


async def _extensions_negociees(url: str) -> tuple[str, list[str]]:
    s = pc.Session(url, origine=url, compression="deflate")
    try:
        await s.ouvrir("/", "territoire=agenais")
        return s.ws.response.headers.get("Sec-WebSocket-Extensions", ""), s.titres
    finally:
        await s.fermer()


def test_compression_du_websocket_a_travers_le_proxy(grappe):
    """The proxy passes permessage-deflate through: a browser behind it gets the
    compressed websocket the replicas offer, and the session runs normally on it."""
    extensions, titres = _executer(_extensions_negociees(grappe.url))
    assert extensions.startswith("permessage-deflate"), extensions
    assert "Agenais" in titres


def test_clients_lents_coupes_par_le_proxy(grappe):
    """200 connections sending their headers one line every 2 s (slowloris) are cut by
    the proxy after `timeout http-request` (10 s), while a normal visitor is answered."""
    async def lent():
        r, w = await asyncio.open_connection("127.0.0.1", grappe.port_lb)
        t0 = time.monotonic()
        w.write(b"GET /carte HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        try:
            while time.monotonic() - t0 < 30:
                try:
                    data = await asyncio.wait_for(r.read(1024), 2)
                    return time.monotonic() - t0, data  # b"" (closed) or the 408 answer
                except TimeoutError:
                    w.write(b"X-Lent: 1\r\n")
                    await w.drain()
            return None, b""
        except ConnectionError:
            return time.monotonic() - t0, b""
        finally:
            w.close()

    async def normal():
        await asyncio.sleep(3)
        t0 = time.monotonic()
        st = await asyncio.to_thread(lambda: urllib.request.urlopen(grappe.url + "/_stcore/health", timeout=5).status)
        return st, time.monotonic() - t0

    async def tout():
        return await asyncio.gather(asyncio.gather(*(lent() for _ in range(200))), normal())

    lents, (statut, duree) = _executer(tout(), 60)
    assert statut == 200 and duree < 2
    coupes = [t for t, _ in lents if t is not None]
    assert len(coupes) == 200, f"{200 - len(coupes)} connexions lentes jamais coupées"
    assert 8 <= min(coupes) and max(coupes) <= 16, (min(coupes), max(coupes))
    assert sum(b"408" in d for _, d in lents) >= 190


def test_arret_d_une_replique_ne_perd_que_ses_sessions(grappe):
    """Runs last in this module: it stops r1."""
    cs = pc.cibles(12)

    async def scenario():
        sessions = [pc.Session(grappe.url, origine=grappe.url) for _ in cs]
        for s, c in zip(sessions, cs):  # one after the other: leastconn alternates
            await s.ouvrir("/carte", f"territoire={c.depart}")
            await s.choisir("w_territoire", c.territoire_nom)
        par = {n: [(s, c) for s, c in zip(sessions, cs) if s.cookies.get(COOKIE) == n] for n in ("r1", "r2")}
        assert par["r1"] and par["r2"], {n: len(v) for n, v in par.items()}
        await asyncio.to_thread(pc.arreter, grappe.repliques["r1"])
        # Sessions held by r2 go on as if nothing happened.
        for s, c in par["r2"]:
            dep = [o for o in s.options("w_deps") if f"({c.departement})" in o]
            await s.choisir_plusieurs("w_deps", dep)
            assert f"dep={c.departement}" in s.query_string
            await s.fermer()
        # Those of r1 lose their connection, reconnect (same affinity cookie, as a browser
        # would) and get their view back from the URL, now on r2.
        revenues = 0
        for s, c in par["r1"]:
            with pytest.raises(pc.ErreurProtocole):
                await s.choisir("w_territoire", c.depart_nom)
            lien = s.query_string
            assert f"territoire={c.territoire}" in lien
            s2 = pc.Session(grappe.url, origine=grappe.url, cookies={COOKIE: "r1"})
            await s2.ouvrir("/carte", lien)
            assert s2.cookies[COOKIE] == "r2"
            assert s2.query_string == lien and c.territoire_nom in s2.titres
            await s2.fermer()
            revenues += 1
        return len(par["r1"]), revenues

    perdues, revenues = _executer(scenario(), 180)
    assert revenues == perdues > 0
    with urllib.request.urlopen(grappe.url + "/_stcore/health", timeout=10) as r:
        assert r.status == 200
