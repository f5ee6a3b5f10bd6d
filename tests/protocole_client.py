"""A Streamlit client without a browser: Streamlit's own websocket protocol.

Speaks to ``/_stcore/stream`` with the ``BackMsg`` / ``ForwardMsg`` protobuf classes of
the installed ``streamlit`` package, the way its frontend does:

- on connection, a ``rerun_script`` BackMsg carrying the URL's query string and page
  name (the first run of a shared link);
- the server answers with ``new_session`` (page script hash), deltas (elements and
  widgets, each widget with its element id), ``page_info_changed`` (the query string
  the app wrote into the URL) and ``script_finished``;
- a user action is a new ``rerun_script`` with every widget's current value, the
  current query string and page script hash (and the fragment id when the widget lives
  in a fragment); a button click is a one-shot ``trigger_value``;
- messages the server marks cacheable are remembered by hash and announced in
  ``cached_message_hashes``, so the server sends a reference instead (as a browser).

Widgets are found by their user key (the suffix of the element id), never by their
position in the page. Used by bench/protocole.py (load) and tests/test_deploiement.py.
"""
from __future__ import annotations

import asyncio
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.common import user_key_from_element_id

from tests.e2e.pilote import attendre_sante, port_libre  # noqa: F401  (re-exported for bench/ and tests)

FIN_COMPLET = ForwardMsg.FINISHED_SUCCESSFULLY
FIN_FRAGMENT = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
WIDGETS = ("selectbox", "multiselect", "text_input", "button")


class ErreurProtocole(Exception):
    """The run did not end as a browser would expect (exception shown, timeout, closed)."""


@dataclass
class Mesure:
    action: str
    duree_s: float
    octets: int
    messages: int


@dataclass
class Widget:
    id: str
    genre: str          # the Element oneof name: selectbox, multiselect, text_input, button
    proto: object       # the widget's protobuf (options, value, ...)
    fragment_id: str    # "" outside a fragment


@dataclass
class Session:
    """One simulated visitor. ``base`` is http://host:port; ``origine`` the Origin header
    a browser on that page would send (None: none sent)."""
    base: str
    origine: str | None = None
    hote: str | None = None               # Host header override (tests of allowedHosts)
    cookies: dict[str, str] = field(default_factory=dict)   # sent with the handshake (proxy affinity)
    delai_s: float = 30.0
    compression: str | None = None        # "deflate": offer permessage-deflate like a browser
    ws: object = None
    query_string: str = ""
    page_hash: str = ""
    page_nom: str = ""
    main_script_path: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)   # user key -> widget
    valeurs: dict[str, WidgetState] = field(default_factory=dict)  # element id -> state sent
    caches: dict[str, ForwardMsg] = field(default_factory=dict)
    titres: list[str] = field(default_factory=list)            # headings of the last run
    exceptions: list[str] = field(default_factory=list)
    erreurs: list[str] = field(default_factory=list)            # st.error messages of the last run
    octets: int = 0
    mesures: list[Mesure] = field(default_factory=list)
    trace: list | None = None   # (seconds since the message, type, end status) per message received
    _vus: set = field(default_factory=set)

    # --- connection -----------------------------------------------------------
    async def ouvrir(self, chemin: str = "/", query: str = "") -> Mesure:
        """Open ``base + chemin + ?query`` like a browser tab: connect, first run."""
        u = urlsplit(self.base)
        entetes = {}
        if self.origine:
            entetes["Origin"] = self.origine
        if self.cookies:
            entetes["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        # Another Host header (tests of allowedHosts): that name in the URI, the socket
        # still to base's address.
        cible = {"host": u.hostname, "port": u.port} if self.hote else {}
        self.ws = await asyncio.wait_for(websockets.connect(
            f"ws://{self.hote or u.netloc}/_stcore/stream", subprotocols=["streamlit"], additional_headers=entetes,
            max_size=None, compression=self.compression, open_timeout=self.delai_s, **cible), self.delai_s)
        for c in self.ws.response.headers.get_all("Set-Cookie"):  # a proxy's affinity cookie
            nom, _, reste = c.partition("=")
            self.cookies[nom.strip()] = reste.split(";")[0]
        self.page_nom = chemin.strip("/")
        self.query_string = query
        return await self._rerun("ouverture", FIN_COMPLET)

    async def fermer(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    # --- user actions ---------------------------------------------------------
    def widget(self, cle: str) -> Widget:
        try:
            return self.widgets[cle]
        except KeyError:
            raise ErreurProtocole(f"widget « {cle} » absent de la page "
                                  f"(présents : {', '.join(sorted(self.widgets))})") from None

    def options(self, cle: str) -> list[str]:
        return list(self.widget(cle).proto.options)

    async def choisir(self, cle: str, option: str) -> Mesure:
        """Select box: the formatted option label is what the frontend sends."""
        w = self.widget(cle)
        if option not in w.proto.options:
            raise ErreurProtocole(f"option « {option} » absente de « {cle} »")
        self.valeurs[w.id] = WidgetState(id=w.id, string_value=option)
        return await self._rerun(f"choisir {cle}", _fin(w), w)

    async def choisir_plusieurs(self, cle: str, options: list[str]) -> Mesure:
        w = self.widget(cle)
        st = WidgetState(id=w.id)
        st.string_array_value.data.extend(options)
        self.valeurs[w.id] = st
        return await self._rerun(f"choisir {cle}", _fin(w), w)

    async def saisir(self, cle: str, texte: str) -> Mesure:
        """Text input; inside a fragment only the fragment reruns."""
        w = self.widget(cle)
        self.valeurs[w.id] = WidgetState(id=w.id, string_value=texte)
        return await self._rerun(f"saisir {cle}", FIN_FRAGMENT if w.fragment_id else FIN_COMPLET, w)

    async def cliquer(self, cle: str, fin=FIN_COMPLET) -> Mesure:
        """Button: a trigger sent once. ``fin``: which end of run closes the action (a
        search result reruns its fragment, which then asks for a full run)."""
        w = self.widget(cle)
        return await self._rerun(f"cliquer {cle}", fin, w, declencheur=WidgetState(id=w.id, trigger_value=True))

    def boutons(self, prefixe: str) -> list[str]:
        """User keys of the buttons whose key starts with ``prefixe`` (search results)."""
        return [k for k, w in self.widgets.items() if w.genre == "button" and k.startswith(prefixe)]

    # --- protocol -----------------------------------------------------------------
    def _back_msg(self, widget: Widget | None, declencheur: WidgetState | None) -> bytes:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query_string
        cs.page_script_hash = self.page_hash
        cs.page_name = "" if self.page_hash else self.page_nom
        if widget is not None and widget.fragment_id:
            cs.fragment_id = widget.fragment_id
        vivants = {w.id for w in self.widgets.values()}
        for wid, st in self.valeurs.items():
            if wid in vivants and (declencheur is None or wid != declencheur.id):
                cs.widget_states.widgets.append(st)
        if declencheur is not None:
            cs.widget_states.widgets.append(declencheur)
        cs.cached_message_hashes.extend(self.caches)
        u = urlsplit(self.base)
        cs.context_info.url = f"{u.scheme}://{u.netloc}/{self.page_nom}"
        cs.context_info.timezone = "Europe/Paris"
        cs.context_info.locale = "fr-FR"
        return msg.SerializeToString()

    async def _rerun(self, action: str, fin, widget: Widget | None = None,
                     declencheur: WidgetState | None = None) -> Mesure:
        t0 = time.perf_counter()
        octets0, n = self.octets, 0
        self.titres, self.exceptions, self.erreurs, self._vus = [], [], [], set()
        try:
            await self.ws.send(self._back_msg(widget, declencheur))
        except websockets.ConnectionClosed as e:
            raise ErreurProtocole(f"{action} : connexion fermée ({e})") from None
        limite = t0 + self.delai_s
        while True:
            reste = limite - time.perf_counter()
            if reste <= 0:
                raise ErreurProtocole(f"{action} : pas de fin d'exécution en {self.delai_s:.0f} s")
            try:
                brut = await asyncio.wait_for(self.ws.recv(), reste)
            except TimeoutError:
                continue
            except websockets.ConnectionClosed as e:
                raise ErreurProtocole(f"{action} : connexion fermée ({e})") from None
            self.octets += len(brut)
            n += 1
            m = ForwardMsg()
            m.ParseFromString(brut)
            # A reference to a cached message: "ref_hash" is itself a member of the
            # "type" oneof in Streamlit 1.67 (every element is cacheable since
            # minCachedMessageSize = 0, so most elements of a rerun come as references).
            if m.WhichOneof("type") in ("ref_hash", None) and m.ref_hash:
                if m.ref_hash not in self.caches:
                    raise ErreurProtocole(f"{action} : référence à un message inconnu")
                m = self.caches[m.ref_hash]
            elif m.metadata.cacheable and m.hash:
                self.caches[m.hash] = m
            genre = m.WhichOneof("type")
            if self.trace is not None:
                self.trace.append((action, round(time.perf_counter() - t0, 3), genre,
                                   m.script_finished if genre == "script_finished" else None))
            if genre == "new_session":
                self.page_hash = m.new_session.page_script_hash
                self.main_script_path = m.new_session.main_script_path
            elif genre == "navigation":  # st.navigation names the page it ran (new_session may
                self.page_hash = m.navigation.page_script_hash  # carry the main script's hash)
            elif genre == "page_info_changed":
                self.query_string = m.page_info_changed.query_string
            elif genre == "delta":
                self._delta(m)
            elif genre == "script_finished":
                statut = m.script_finished
                if statut == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ErreurProtocole(f"{action} : erreur de compilation")
                if statut == fin or (isinstance(fin, tuple) and statut in fin):
                    self._purger(statut, widget)
                    break
        mesure = Mesure(action, time.perf_counter() - t0, self.octets - octets0, n)
        self.mesures.append(mesure)
        if self.exceptions:
            raise ErreurProtocole(f"{action} : exception affichée : {self.exceptions[0][:200]}")
        return mesure

    def _delta(self, m: ForwardMsg) -> None:
        d = m.delta
        if d.WhichOneof("type") != "new_element":
            return
        el = d.new_element
        genre = el.WhichOneof("type")
        if genre in WIDGETS:
            p = getattr(el, genre)
            cle = user_key_from_element_id(p.id)
            if cle:
                self.widgets[cle] = Widget(p.id, genre, p, d.fragment_id)
                self._vus.add(cle)
                self._valeur_serveur(p, genre)
        elif genre == "heading":
            self.titres.append(el.heading.body)
        elif genre == "alert" and el.alert.format == Alert.ERROR:
            self.erreurs.append(el.alert.body)
        elif genre == "exception":
            self.exceptions.append(f"{el.exception.type}: {el.exception.message}")

    def _valeur_serveur(self, p, genre: str) -> None:
        """A value the app set itself (session_state) replaces the one held here, as in
        the frontend; otherwise a stale value would fire the widget's callback again."""
        if genre == "button" or not p.set_value:
            return
        if genre == "selectbox":
            self.valeurs[p.id] = (WidgetState(id=p.id, string_value=p.raw_value) if p.HasField("raw_value")
                                  else WidgetState(id=p.id))
        elif genre == "multiselect":
            st = WidgetState(id=p.id)
            st.string_array_value.data.extend(p.raw_values)
            self.valeurs[p.id] = st
        elif genre == "text_input":
            self.valeurs[p.id] = (WidgetState(id=p.id, string_value=p.value) if p.HasField("value")
                                  else WidgetState(id=p.id))

    def _purger(self, fin, widget: Widget | None) -> None:
        """Elements not sent again by a run are gone from the page (a fragment run only
        replaces its own elements)."""
        frag = widget.fragment_id if (fin == FIN_FRAGMENT and widget) else None
        for cle in list(self.widgets):
            w = self.widgets[cle]
            if cle not in self._vus and (frag is None or w.fragment_id == frag):
                del self.widgets[cle]


# --- a visitor's path through the map page ----------------------------------------
RACINE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Cible:
    """What one simulated visitor does: open ``depart`` by a shared link, pick
    ``territoire``, filter on ``departement``, search ``recherche`` and pick ``commune``."""
    depart: str
    depart_nom: str
    territoire: str
    territoire_nom: str
    departement: str
    recherche: str
    commune: str


def executer(coro, delai_s: float | None = None):
    """asyncio.run in a thread of its own: Playwright's sync API leaves an event loop
    running in the main thread (e2e tests earlier in the same pytest process)."""
    if delai_s is not None:
        coro = asyncio.wait_for(coro, delai_s)
    with ThreadPoolExecutor(1) as ex:
        return ex.submit(asyncio.run, coro).result()


def cibles(n: int, donnees: Path = RACINE / "data") -> list[Cible]:
    """``n`` deterministic visitors spread over the 16 territories and the communes
    inside them (read from the data files, so the expected views are real ones)."""
    terr = [f["properties"] for f in json.loads((donnees / "territoires.geojson").read_text("utf-8"))["features"]]
    with open(donnees / "communes.csv", encoding="utf-8", newline="") as f:
        communes = [c for c in csv.DictReader(f) if c["territoire"]]
    out = []
    for i in range(n):
        a, b = terr[i % len(terr)], terr[(i * 7 + 5) % len(terr)]
        if b is a:
            b = terr[(i + 1) % len(terr)]
        c = communes[(i * 389) % len(communes)]
        out.append(Cible(a["id"], a["nom"], b["id"], b["nom"], b["departements"][0], c["nom"], c["code"]))
    return out


def _fin(w: Widget):
    """How the run of a change of ``w`` ends: a widget of a fragment reruns it alone, or the
    whole page when the fragment asks for it (the map page's, when a notice must go)."""
    return (FIN_FRAGMENT, FIN_COMPLET) if w.fragment_id else FIN_COMPLET


def _attendu(cond: bool, quoi: str) -> None:
    if not cond:
        raise ErreurProtocole(quoi)


async def parcours(s: Session, c: Cible, pause=lambda: 0.0) -> None:
    """The map page as a visitor uses it; each step checks the view it leads to (panel
    title and the URL the app writes), so a wrong or foreign view counts as a failure."""
    await s.ouvrir("/carte", f"territoire={c.depart}")
    _attendu(f"territoire={c.depart}" in s.query_string and c.depart_nom in s.titres,
             f"le lien partagé n'ouvre pas « {c.depart_nom} » ({s.query_string}, {s.titres[:3]})")
    await asyncio.sleep(pause())
    await s.choisir("w_territoire", c.territoire_nom)
    _attendu(f"territoire={c.territoire}" in s.query_string and c.territoire_nom in s.titres,
             f"choisir « {c.territoire_nom} » n'ouvre pas son panneau ({s.query_string})")
    await asyncio.sleep(pause())
    dep = [o for o in s.options("w_deps") if f"({c.departement})" in o]
    await s.choisir_plusieurs("w_deps", dep)
    _attendu(f"dep={c.departement}" in s.query_string and f"territoire={c.territoire}" in s.query_string,
             f"le filtre {c.departement} n'est pas dans l'adresse ({s.query_string})")
    await asyncio.sleep(pause())
    await s.saisir("w_recherche_carte", c.recherche)
    cle = f"w_recherche_carte-{c.commune}"
    _attendu(cle in s.widgets, f"« {c.recherche} » ne propose pas la commune {c.commune}")
    await asyncio.sleep(pause())
    await s.cliquer(cle)
    _attendu(f"commune={c.commune}" in s.query_string, f"la commune {c.commune} n'est pas choisie ({s.query_string})")


# --- a server of our own -------------------------------------------------------------
def demarrer(port: int, journal: Path, env: dict | None = None, racine: Path = RACINE,
             options: tuple[str, ...] = ()) -> subprocess.Popen:
    """``streamlit run app.py`` on 127.0.0.1:port, its output in ``journal`` (a pipe
    nobody reads would block a talkative server under load)."""
    environ = {**os.environ, "TI_FOND_DE_CARTE": "aucun", **(env or {})}
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
           "--server.address", "127.0.0.1", *options]
    with open(journal, "ab") as out:
        return subprocess.Popen(cmd, cwd=racine, env=environ, stdout=out, stderr=subprocess.STDOUT)


def arreter(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


HAPROXY = shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy",) if os.path.exists(p)), None)
CONFIG_HAPROXY = RACINE / "deploy" / "haproxy.cfg"


def demarrer_haproxy(port: int, ports_repliques: list[int], journal: Path) -> subprocess.Popen:
    """Debian's HAProxy with deploy/haproxy.cfg on 127.0.0.1:port, in front of 2 replicas."""
    if len(ports_repliques) != 2:
        raise ValueError("deploy/haproxy.cfg déclare 2 répliques")
    env = {**os.environ, "TI_LB_ECOUTE": f"127.0.0.1:{port}",
           **{f"TI_REPLIQUE_{i}": f"127.0.0.1:{p}" for i, p in enumerate(ports_repliques, 1)}}
    with open(journal, "ab") as out:
        return subprocess.Popen([HAPROXY, "-db", "-f", str(CONFIG_HAPROXY)], env=env, stdout=out,
                                stderr=subprocess.STDOUT)
