"""A read-only deployment: a copy of the project (static files placed by the install
step, as in the image) mounted read-only, served by `streamlit run app.py`: every page
opens without error, Leaflet is served and the map draws, and nothing is written in the
tree. The read-only bind mount lives in a private mount namespace of the server only
(`unshare -m`, needs root); without it, the check is the tree's snapshot alone."""
from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import protocole_client as pc
from tests.e2e import pilote

PAGES = [("/carte", "territoire=pays-basque"), ("/services", "territoire=pays-basque"),
         ("/financements", ""), ("/territoires", "dep=64"), ("/sources", "")]
# Mount the copy read-only over itself, move into the mounted tree, prove a write fails,
# then become the server (same pid).
MONTAGE = ('mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && cd "$0" && '
           '! touch "$0/.ecriture-possible" 2>/dev/null && exec "$@"')


def _lecture_seule_possible(dossier: Path) -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    r = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", MONTAGE, str(dossier), "true"],
                       capture_output=True)
    return r.returncode == 0


def _instantane(racine: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for dossier, sous, fichiers in os.walk(racine):
        for n in sous + fichiers:
            p = Path(dossier) / n
            st = p.lstat()
            out[str(p.relative_to(racine))] = (st.st_size if p.is_file() else -1, st.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def copie_lecture_seule():
    copie = Path(tempfile.mkdtemp(prefix="ti-lecture-seule-"))
    try:
        suivis = subprocess.run(["git", "ls-files", "-z"], cwd=pilote.ROOT, capture_output=True,
                                check=True).stdout.decode().split("\0")
        for rel in filter(None, suivis):
            if (pilote.ROOT / rel).is_file():
                (copie / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(pilote.ROOT / rel, copie / rel)
        # Install step (what the Dockerfile and `make assets` run), before the tree is frozen.
        subprocess.run([sys.executable, "-m", "tableau.ui.assets"], cwd=copie, check=True, capture_output=True)
        yield copie
    finally:
        shutil.rmtree(copie, ignore_errors=True)


def test_copie_en_lecture_seule_sert_chaque_page_et_la_carte(copie_lecture_seule, page):
    copie = copie_lecture_seule
    avant = _instantane(copie)
    port = pc.port_libre()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
           "--server.address", "127.0.0.1"]
    monte = _lecture_seule_possible(copie)
    if monte:
        cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c", MONTAGE, str(copie), *cmd]
    journal = copie.parent / f"{copie.name}.log"
    # An empty home: Streamlit must not need to write there either (the image's user has none).
    maison = Path(tempfile.mkdtemp(prefix="ti-maison-"))
    env = {**os.environ, "TI_FOND_DE_CARTE": "aucun", "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(maison)}
    with open(journal, "wb") as out:
        srv = subprocess.Popen(cmd, cwd=copie, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        pc.attendre_sante(url, srv)

        async def pages():
            for chemin, query in PAGES:
                s = pc.Session(url, origine=url)
                try:
                    await s.ouvrir(chemin, query)
                    assert s.titres and not s.erreurs and not s.exceptions, (chemin, s.erreurs, s.exceptions)
                finally:
                    await s.fermer()
        # Playwright's sync API holds this thread's event loop: the client runs in another.
        with ThreadPoolExecutor(1) as ex:
            ex.submit(asyncio.run, asyncio.wait_for(pages(), 120)).result()
        for f in ("leaflet.js", "leaflet.css", "images/layers.png"):
            with urllib.request.urlopen(f"{url}/app/static/leaflet/{f}", timeout=10) as r:
                assert r.status == 200
        page.goto(url + "/carte?territoire=pays-basque")
        pilote.attendre_carte(page)
        assert any("/app/static/leaflet/leaflet.js" in u for u in page.requetes)
    finally:
        pc.arreter(srv)
    journal_txt = journal.read_text(errors="replace")
    assert "Traceback" not in journal_txt and "Read-only" not in journal_txt, journal_txt[-2000:]
    assert _instantane(copie) == avant  # nothing created, changed or removed
    assert list(maison.iterdir()) == []
    maison.rmdir()
    print("montage en lecture seule :", "oui" if monte else "non (instantané du dossier seulement)")
