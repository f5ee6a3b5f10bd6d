"""A TCP relay between the browser and the server that counts the websocket's bytes as
they travel (after permessage-deflate, with the frames' headers).

The browser's own view of a websocket (CDP, Playwright's ``framereceived``) gives the
messages once decompressed: what the network carries is only seen here.
"""
from __future__ import annotations

import asyncio
import contextlib
import threading

from tests.e2e import pilote


class Relais:
    def __init__(self, cible_port: int):
        self.cible_port = cible_port
        self.port = pilote.port_libre()
        self.octets_ws = 0  # server -> browser, on Streamlit's websocket only
        self.extensions: list[str] = []  # Sec-WebSocket-Extensions the server agreed to
        self._boucle = asyncio.new_event_loop()
        self._pret = threading.Event()
        self._fil = threading.Thread(target=self._tourner, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _tourner(self) -> None:
        asyncio.set_event_loop(self._boucle)
        serveur = self._boucle.run_until_complete(
            asyncio.start_server(self._connexion, "127.0.0.1", self.port))
        self._pret.set()
        try:
            self._boucle.run_forever()
        finally:
            serveur.close()

    async def _connexion(self, lecteur, ecrivain) -> None:
        try:
            amont_l, amont_e = await asyncio.open_connection("127.0.0.1", self.cible_port)
        except OSError:
            ecrivain.close()
            return
        premier = await lecteur.read(65536)
        ws = b"/_stcore/stream" in premier.split(b"\r\n", 1)[0]
        amont_e.write(premier)

        async def copier(src, dst, compter: bool) -> None:
            entete = compter  # the 101 response's headers come first on this direction
            with contextlib.suppress(OSError, asyncio.IncompleteReadError):
                while data := await src.read(65536):
                    if entete:
                        tete, _, reste = data.partition(b"\r\n\r\n")
                        for ligne in tete.split(b"\r\n"):
                            if ligne.lower().startswith(b"sec-websocket-extensions:"):
                                self.extensions.append(ligne.split(b":", 1)[1].strip().decode())
                        entete = False
                        self.octets_ws += len(reste)
                    elif compter:
                        self.octets_ws += len(data)
                    dst.write(data)
                    await dst.drain()
            with contextlib.suppress(OSError):
                dst.close()

        with contextlib.suppress(asyncio.CancelledError):  # the relay stops: connections end quietly
            await asyncio.gather(copier(lecteur, amont_e, False), copier(amont_l, ecrivain, ws))

    def demarrer(self) -> Relais:
        self._fil.start()
        self._pret.wait(10)
        return self

    def arreter(self) -> None:
        async def fin():
            taches = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in taches:
                t.cancel()
            await asyncio.gather(*taches, return_exceptions=True)
            self._boucle.stop()
        asyncio.run_coroutine_threadsafe(fin(), self._boucle)
        self._fil.join(5)


@contextlib.contextmanager
def relais(cible_url: str):
    """A counting relay in front of ``cible_url`` (http://127.0.0.1:PORT)."""
    r = Relais(int(cible_url.rsplit(":", 1)[1])).demarrer()
    try:
        yield r
    finally:
        r.arreter()
