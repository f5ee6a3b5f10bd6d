"""Safe to put on the Internet, what Streamlit's own configuration covers: websockets
only for known Host names (DNS rebinding) and same-origin pages, no error details or
links in the page. What it cannot do (headers, slow clients, metrics) is the reverse
proxy's job: deploy/haproxy.cfg, tested in tests/test_deploiement.py."""
from __future__ import annotations

import tomllib

import pytest
import websockets

from tests import protocole_client as pc


@pytest.fixture(scope="module")
def serveur(tmp_path_factory):
    port = pc.port_libre()
    url = f"http://127.0.0.1:{port}"
    # The deployment's setting, through the environment as in deploy/Dockerfile.
    proc = pc.demarrer(port, tmp_path_factory.mktemp("internet") / "serveur.log",
                       env={"STREAMLIT_SERVER_ALLOWED_HOSTS": "ti.exemple.fr 127.0.0.1"})
    try:
        pc.attendre_sante(url, proc)
        yield url
    finally:
        pc.arreter(proc)


def _ouvrir(url, **kw):
    async def go():
        s = pc.Session(url, delai_s=30, **kw)
        try:
            await s.ouvrir("/carte", "territoire=agenais")
            return s
        finally:
            await s.fermer()
    return pc.executer(go())


def test_hote_connu_servi(serveur):
    port = serveur.rsplit(":", 1)[1]
    s = _ouvrir(serveur, hote=f"ti.exemple.fr:{port}", origine=f"https://ti.exemple.fr:{port}")
    assert "Agenais" in s.titres and not s.exceptions


@pytest.mark.parametrize("hote, origine", [
    ("malveillant.example", "http://malveillant.example"),   # DNS rebinding: same origin, foreign name
    (None, "http://malveillant.example"),                     # a foreign page, our Host
])
def test_websocket_etranger_refuse(serveur, hote, origine):
    port = serveur.rsplit(":", 1)[1]
    with pytest.raises(websockets.InvalidStatus) as e:
        _ouvrir(serveur, hote=f"{hote}:{port}" if hote else None, origine=origine)
    assert e.value.response.status_code == 403


def test_configuration_pour_internet():
    conf = tomllib.loads((pc.RACINE / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    serveur = conf["server"]
    assert serveur["allowedHosts"] and "*" not in serveur["allowedHosts"]
    assert serveur["enableCORS"] is True and serveur["corsAllowedOrigins"] == []
    assert conf["client"]["showErrorDetails"] == "none" and conf["client"]["showErrorLinks"] is False
