"""A server that has just started (a new replica, a restart, the other replica's sessions
reconnecting after a failure) receives many first runs at once, from shared links."""
from __future__ import annotations

import asyncio


from tests import protocole_client as pc


def test_premieres_sessions_simultanees_d_un_serveur_neuf(tmp_path):
    port = pc.port_libre()
    url = f"http://127.0.0.1:{port}"
    proc = pc.demarrer(port, tmp_path / "serveur.log")
    try:
        pc.attendre_sante(url, proc)

        async def visite(c: pc.Cible):
            s = pc.Session(url, origine=url)
            try:
                await s.ouvrir("/carte", f"territoire={c.depart}")
                return c.depart_nom in s.titres
            finally:
                await s.fermer()

        async def toutes():
            return await asyncio.gather(*(visite(c) for c in pc.cibles(16)), return_exceptions=True)

        res = pc.executer(toutes(), 120)
    finally:
        pc.arreter(proc)
    echecs = [r for r in res if r is not True]
    assert not echecs, f"{len(echecs)}/16 : {str(echecs[0])[:200]}"
