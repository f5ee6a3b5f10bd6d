"""Forged widget values driven through the real server (issue 11, part 6; issue 15, logs).

A client may send any value for any widget over the websocket. Through Streamlit's own
protocol (tests/protocole_client.py), each case below sends one forged value, then a
plain rerun; neither may show an exception, the payload is never sent back (not one
byte of the server's answers holds its marker), the state is unchanged (URL and panel),
and the next rerun is normal. The server log grows by a bounded amount, whatever the size.
"""
from __future__ import annotations

import json
import threading

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.e2e import pilote
from tests import protocole_client as pc
from tests.protocole_client import FIN_COMPLET, Session, Widget

MARQUE = "ZQXJ"  # in every forged payload: must never come back
PB = "territoire=pays-basque"


class Client(Session):
    """The shared client, plus the map component (as widget "carte") and the alerts."""

    def _delta(self, m) -> None:
        d = m.delta
        if d.WhichOneof("type") == "new_element":
            el = d.new_element
            if el.WhichOneof("type") == "component_instance":  # the client sends values of known widgets only
                self.widgets["carte"] = Widget(el.component_instance.id, "component_instance",
                                               el.component_instance, d.fragment_id)
                self._vus.add("carte")
            elif el.WhichOneof("type") == "alert":
                self.alertes.append(el.alert.body)
        super()._delta(m)

    async def _rerun(self, *a, **k):
        self.alertes = []
        return await super()._rerun(*a, **k)

    async def forger(self, etat: WidgetState, fin=FIN_COMPLET) -> None:
        """Send ``etat`` for its widget, once (then the widget's value is the server's again)."""
        self.valeurs[etat.id] = etat
        try:
            await self._rerun("valeur forgée", fin)
        finally:
            self.valeurs.pop(etat.id, None)


class _Journal:
    """Everything the server writes to its stdout/stderr, drained in the background."""

    def __init__(self, proc):
        self.octets = bytearray()
        threading.Thread(target=self._lire, args=(proc.stdout,), daemon=True).start()

    def _lire(self, flux):
        for ligne in iter(flux.readline, b""):
            self.octets += ligne


@pytest.fixture(scope="module")
def serveur():
    with pilote.serveur() as proc:
        proc.journal = _Journal(proc)
        yield proc


def _texte(valeur: str) -> WidgetState:
    return WidgetState(string_value=valeur)


def _json(valeur: str) -> WidgetState:
    return WidgetState(json_value=valeur)


def _liste(*valeurs: str) -> WidgetState:
    w = WidgetState()
    w.string_array_value.data.extend(valeurs)
    return w


def _clic(props: dict, compte=7) -> WidgetState:
    return _json(json.dumps({"last_object_clicked_count": compte, "last_active_drawing": {"properties": props}}))


PROFOND = "[" * 100_000 + "]" * 100_000
MO = MARQUE * 262_144  # 1 MiB

# (case, URL opened, widget key or "carte", forged state, query string expected after)
CAS = [
    ("territoire inconnu", PB, "w_territoire", _texte(MARQUE + "atlantide"), PB),
    ("territoire HTML", PB, "w_territoire", _texte(f"<img src=x onerror=alert('{MARQUE}')>"), PB),
    ("territoire 1 Mo", PB, "w_territoire", _texte(MO), PB),
    ("territoire nombre", PB, "w_territoire", WidgetState(int_value=5), PB),
    ("territoire NaN", PB, "w_territoire", WidgetState(double_value=float("nan")), PB),
    ("territoire Infinity", PB, "w_territoire", WidgetState(double_value=float("inf")), PB),
    ("territoire liste", PB, "w_territoire", _liste("agenais", MARQUE), PB),
    ("territoire JSON", PB, "w_territoire", _json(json.dumps({"id": MARQUE})), PB),
    ("territoire caché par le filtre (id)", "dep=64&" + PB, "w_territoire", _texte("agenais"), PB + "&dep=64"),
    ("territoire caché par le filtre (libellé)", "dep=64&" + PB, "w_territoire", _texte("Agenais"),
     PB + "&dep=64"),
    ("commune de Paris", PB, "w_commune", _texte("75056"), PB),
    ("commune de Corse", PB, "w_commune", _texte("2A004"), PB),
    ("commune d'un autre territoire", PB, "w_commune", _texte("47001"), PB),
    ("commune 1 Mo", PB, "w_commune", _texte(MO), PB),
    ("commune nombre", PB, "w_commune", WidgetState(int_value=64445), PB),
    ("départements inconnus", PB, "w_deps", _liste("99", f"<b>{MARQUE}</b>"), PB),
    ("départements en double et inconnus", PB, "w_deps", _liste("64", "64", MARQUE), PB + "&dep=64"),
    ("départements par milliers", PB, "w_deps", _liste(*["64"] * 5000), PB),
    ("départements en texte", PB, "w_deps", _texte("64"), PB),
    ("bouton Changer le filtre en texte", "dep=64&" + PB, "changer-filtre", _texte(MARQUE), PB + "&dep=64"),
    ("bouton Retirer le filtre en liste", "dep=64&" + PB, "retirer-filtre", _liste(MARQUE), PB + "&dep=64"),
    ("carte JSON invalide", PB, "carte", _json("{" + MARQUE), PB),
    ("carte tableau imbriqué 100 000 fois", PB, "carte", _json(PROFOND), PB),
    ("carte 5 Mo", PB, "carte", _json(json.dumps({"last_active_drawing": MARQUE * 1_250_000,
                                                   "last_object_clicked_count": 9})), PB),
    ("carte liste", PB, "carte", _json(json.dumps([MARQUE, 1])), PB),
    ("carte id inconnu", PB, "carte", _clic({"id": MARQUE}), PB),
    ("carte id caché par le filtre", "dep=64&" + PB, "carte", _clic({"id": "agenais"}), PB + "&dep=64"),
    ("carte commune d'un autre territoire", PB, "carte", _clic({"code": "47001"}), PB),
    ("carte compteur texte", PB, "carte", _clic({"id": "agenais"}, compte=MARQUE), PB),
    ("carte texte", PB, "carte", _texte(MARQUE), PB),
]


async def _cas(url: str, query: str, cle: str, etat: WidgetState) -> Client:
    s = Client(url, delai_s=60)
    await s.ouvrir("/", query)
    etat.id = s.widget(cle).id
    s.ws = _Enregistreur(s.ws)
    await s.forger(etat)
    s.apres_forge = (s.query_string, list(s.titres), list(s.alertes))
    await s._rerun("relance normale", FIN_COMPLET)  # raises if an exception element is shown
    await s.fermer()
    return s


class _Enregistreur:
    """The websocket, keeping every byte received (to look for the payload)."""

    def __init__(self, ws):
        self.ws, self.recus = ws, bytearray()

    async def send(self, m):
        await self.ws.send(m)

    async def recv(self):
        b = await self.ws.recv()
        self.recus += b if isinstance(b, bytes) else b.encode()
        return b

    async def close(self):
        await self.ws.close()


@pytest.mark.parametrize("nom, query, cle, etat, attendu", CAS, ids=[c[0] for c in CAS])
def test_valeur_forgee(serveur, nom, query, cle, etat, attendu):
    s = pc.executer(_cas(serveur.url, query, cle, etat))
    query_forge, titres, alertes = s.apres_forge
    assert not s.exceptions
    assert MARQUE.encode() not in s.ws.recus and b"onerror" not in s.ws.recus
    assert sorted(query_forge.split("&")) == sorted(attendu.split("&"))  # state unchanged (or the valid part)
    assert "Pays Basque" in titres  # the panel is still the selection's
    assert all(len(a) < 200 for a in alertes)
    assert sorted(s.query_string.split("&")) == sorted(attendu.split("&"))
    assert "Pays Basque" in s.titres


def test_un_vrai_clic_forge_passe(serveur):
    """The forged path is the real one: a well-formed click on a visible territory selects it."""
    async def essai():
        s = Client(serveur.url, delai_s=60)
        await s.ouvrir("/", PB)
        etat = _clic({"id": "agenais"})
        etat.id = s.widget("carte").id
        await s.forger(etat)
        await s.fermer()
        return s
    s = pc.executer(essai())
    assert s.query_string == "territoire=agenais" and "Agenais" in s.titres


@pytest.mark.parametrize("chemin, cle", [("/", "w_recherche_carte"), ("/sources", "w_recherche")])
def test_recherche_d_un_mega_octet(serveur, chemin, cle):
    """The search above the map, and the sidebar's on the other pages."""
    async def essai():
        s = Client(serveur.url, delai_s=60)
        await s.ouvrir(chemin, PB)
        s.ws = _Enregistreur(s.ws)
        await s.forger(WidgetState(id=s.widget(cle).id, string_value=MO))  # a full run
        await s._rerun("relance normale", FIN_COMPLET)
        await s.fermer()
        return s
    s = pc.executer(essai())
    assert not s.exceptions and s.query_string == PB
    assert MARQUE.encode() not in s.ws.recus


def test_le_journal_ne_gonfle_pas(serveur):
    """5 MB forged into each widget, then 10 plain reruns: a few lines of log at most."""
    async def essai():
        s = Client(serveur.url, delai_s=60)
        await s.ouvrir("/", PB)
        gros = MARQUE * 1_250_000
        for etat in (WidgetState(id=s.widget("w_territoire").id, string_value=gros),
                     WidgetState(id=s.widget("w_commune").id, string_value=gros),
                     WidgetState(id=s.widget("carte").id, json_value=json.dumps({"last_active_drawing": gros,
                                                                         "last_object_clicked_count": 3})),
                     WidgetState(id=s.widget("w_territoire").id, json_value=json.dumps([gros]))):
            await s.forger(etat)
        for _ in range(10):
            await s._rerun("relance", FIN_COMPLET)
        await s.fermer()
    avant = len(serveur.journal.octets)
    pc.executer(essai())
    croissance = len(serveur.journal.octets) - avant
    assert croissance < 4_000, bytes(serveur.journal.octets[avant:avant + 2000])
    assert MARQUE.encode() not in serveur.journal.octets


CAS_CLASSEMENT = [
    ("inconnue", _texte(MARQUE + "Population")),
    ("HTML", _texte(f"<img src=x onerror=alert('{MARQUE}')>")),
    ("1 Mo", _texte(MO)),
    ("nombre", WidgetState(int_value=3)),
    ("liste", _liste("Communes", MARQUE)),
    ("colonne non classable", _texte("Départements")),
]


def _forger_apres_un_choix(url: str, chemin: str, cle: str, choix: str, etat: WidgetState,
                           attendu: str = PB) -> Client:
    """On ``chemin`` (with PB), ``choix`` in the select box ``cle``, then ``etat`` forged for it
    and a plain rerun. ``apres_forge``: (value the widget was sent back with, alerts). The
    session is sound: no exception, nothing echoed, the shared state as the choice left it
    (query string ``attendu``)."""
    async def essai():
        s = Client(url, delai_s=60)
        await s.ouvrir(chemin, PB)
        await s.choisir(cle, choix)
        etat.id = s.widget(cle).id
        s.ws = _Enregistreur(s.ws)
        await s.forger(etat)
        s.apres_forge = (s.widget(cle).proto.raw_value, list(s.alertes))
        await s._rerun("relance normale", FIN_COMPLET)
        await s.fermer()
        return s
    s = pc.executer(essai())
    assert not s.exceptions
    assert MARQUE.encode() not in s.ws.recus and b"onerror" not in s.ws.recus
    assert all(len(a) < 200 for a in s.apres_forge[1])
    assert s.query_string == attendu
    return s


@pytest.mark.parametrize("nom, etat", CAS_CLASSEMENT, ids=[c[0] for c in CAS_CLASSEMENT])
def test_classement_forge(serveur, nom, etat):
    """Territoires page, « Classer selon »: the choice made before stays, a short notice at
    most, nothing echoed, and the next rerun is normal."""
    s = _forger_apres_un_choix(serveur.url, "/territoires", "w_classement", "Communes", etat,
                               PB + "&classement=communes")
    assert s.apres_forge[0] == "Communes" and s.widget("w_classement").proto.raw_value == "Communes"


# (case, forged state, value the widget is sent back with: the kept perimeter when the app
# refused the value; nothing when the guard dropped it before Streamlit and the widget kept it)
CAS_REGISTRE = [
    ("inconnu", _texte(MARQUE + "atlantide"), "National"),
    ("HTML", _texte(f"<img src=x onerror=alert('{MARQUE}')>"), "National"),
    ("nombre", WidgetState(int_value=2), ""),
    ("liste", _liste("national", MARQUE), ""),
]


@pytest.mark.parametrize("nom, etat, renvoye", CAS_REGISTRE, ids=[c[0] for c in CAS_REGISTRE])
def test_perimetre_du_registre_forge(serveur, nom, etat, renvoye):
    """Financements, the register's « Périmètre »: the perimeter chosen before stays,
    nothing is echoed, the next rerun is normal."""
    s = _forger_apres_un_choix(serveur.url, "/financements", "registre_perimetre", "National", etat)
    assert s.apres_forge[0] == renvoye
