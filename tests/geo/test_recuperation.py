"""geo.recuperation (python -m geo.sources): fetch against a real HTTP server on loopback
serving copies of the shared sources; checksums, new editions, offline, archives."""
import functools
import hashlib
import io
import json
import shutil
import tarfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from geo import build, recuperation

SRC = build.DEFAULT_SOURCES
_SKIP_SANS_SOURCES = pytest.mark.skipif(not SRC.is_dir(), reason=f"sources brutes absentes ({SRC})")


def needs_sources(test):
    """Integration test on the raw sources: skipped without them, left out of `make test-unit`."""
    return pytest.mark.sources(_SKIP_SANS_SOURCES(test))


class Serveur:
    """A static HTTP server on 127.0.0.1 (free port) that counts the requests it answers."""

    def __init__(self, racine: Path):
        self.chemins: list[str] = []
        serveur = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *a):  # keep pytest output clean
                pass

            def do_GET(self):
                serveur.chemins.append(self.path)
                super().do_GET()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(racine)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def arreter(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def miroir(tmp_path):
    racine = tmp_path / "miroir"
    shutil.copytree(SRC, racine)
    s = Serveur(racine)
    yield s, racine
    s.arreter()


@pytest.fixture
def registre(tmp_path):
    copie = tmp_path / "registre_sources.json"
    shutil.copy(recuperation.REGISTRE, copie)
    return copie


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@needs_sources
def test_fetches_every_source_then_keeps_them(tmp_path, miroir, registre):
    serveur, _ = miroir
    dest = tmp_path / "sources"
    lignes = []
    recuperation.recuperer(dest, registre, miroir=serveur.url, log=lignes.append)
    entrees = recuperation.lire_registre(registre)
    assert len(serveur.chemins) == len(entrees) == 22
    for e in entrees:
        assert _sha(dest / e.fichier) == e.sha256 == _sha(SRC / e.fichier)
    assert not [p for p in dest.rglob(".*")]  # no temporary file left

    lignes.clear()
    recuperation.recuperer(dest, registre, miroir=serveur.url, log=lignes.append)
    assert len(serveur.chemins) == 22  # nothing downloaded again
    assert all(line.startswith("  à jour ") for line in lignes) and len(lignes) == 22


@needs_sources
def test_new_edition_stops_then_is_accepted_explicitly(tmp_path, miroir, registre, capsys):
    serveur, racine = miroir
    nom = "anct-ti-2026/ti_communes_na_2026.csv"
    (racine / nom).write_bytes((racine / nom).read_bytes() + b"16015,Angoul\xc3\xaame - Cognac\n")
    dest = tmp_path / "sources"
    argv = ["--sources", str(dest), "--registre", str(registre), "--miroir", serveur.url]
    assert recuperation.main(argv) == 1
    err = capsys.readouterr().err
    assert (f"Erreur : source « {nom} » : le fichier téléchargé depuis {serveur.url}{nom} "
            "n'a pas l'empreinte") in err
    assert f"--accepter-nouvelle-edition {nom}" in err
    assert not (dest / nom).exists()

    assert recuperation.main([*argv, "--accepter-nouvelle-edition", nom]) == 0
    assert (dest / nom).read_bytes() == (racine / nom).read_bytes()
    nouveau = {e.fichier: e.sha256 for e in recuperation.lire_registre(registre)}[nom]
    assert nouveau == _sha(racine / nom) != _sha(SRC / nom)
    assert f"nouvelle édition acceptée : {nom}" in capsys.readouterr().out


def test_offline_names_the_source_and_what_to_do(tmp_path, registre, capsys):
    s = Serveur(tmp_path)
    s.arreter()  # the port is closed: connection refused, as offline
    assert recuperation.main(["--sources", str(tmp_path / "src"), "--registre", str(registre),
                              "--miroir", s.url]) == 1
    err = capsys.readouterr().err
    assert "Erreur : source « cog-2026/communes.json » : téléchargement impossible depuis" in err
    assert "hors ligne ou serveur injoignable" in err and "Vérifier la connexion" in err
    assert "Traceback" not in err


@needs_sources
def test_missing_file_on_the_server_is_named(tmp_path, miroir, registre, capsys):
    serveur, racine = miroir
    (racine / "fonds-acceleration" / "laureats_fonds_acceleration_na.csv").unlink()
    assert recuperation.main(["--sources", str(tmp_path / "src"), "--registre", str(registre),
                              "--miroir", serveur.url]) == 1
    err = capsys.readouterr().err
    assert "source « fonds-acceleration/laureats_fonds_acceleration_na.csv » : téléchargement impossible" in err
    assert "le serveur a répondu 404" in err


@needs_sources
def test_files_inside_an_archive_are_extracted_from_one_download(tmp_path, registre):
    """The COG files come from the npm package's tarball: served here as such."""
    racine = tmp_path / "npm"
    racine.mkdir()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for nom in ("communes", "epci", "departements", "regions"):
            tar.add(SRC / f"cog-2026/{nom}.json", arcname=f"package/data/{nom}.json")
    (racine / "paquet.tgz").write_bytes(buf.getvalue())
    s = Serveur(racine)
    try:
        doc = json.loads(registre.read_text(encoding="utf-8"))
        doc["sources"] = [dict(e, url=s.url + "paquet.tgz") for e in doc["sources"] if e.get("membre")]
        registre.write_text(json.dumps(doc), encoding="utf-8")
        dest = tmp_path / "src"
        recuperation.recuperer(dest, registre, log=lambda *_: None)
        assert s.chemins == ["/paquet.tgz"]
        for nom in ("communes", "epci", "departements", "regions"):
            assert _sha(dest / f"cog-2026/{nom}.json") == _sha(SRC / f"cog-2026/{nom}.json")
    finally:
        s.arreter()


def test_source_without_download_address_says_where_to_get_it(tmp_path, registre):
    doc = json.loads(registre.read_text(encoding="utf-8"))
    doc["sources"] = [e for e in doc["sources"] if e["url"] is None]
    registre.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(recuperation.RecuperationImpossible,
                       match=r"source « anct-ti-2026/ti_communes_na_2026.csv » : pas d'adresse de téléchargement .*"
                             r"La récupérer depuis https://www.data.gouv.fr/fr/datasets/5fc1472f114718d419e42f8a/"):
        recuperation.recuperer(tmp_path / "src", registre, log=lambda *_: None)


def test_unknown_accepted_file_is_refused(tmp_path, registre):
    with pytest.raises(recuperation.RecuperationImpossible, match="« cog-2026/commune.json » n'est pas dans"):
        recuperation.recuperer(tmp_path, registre, accepter=frozenset({"cog-2026/commune.json"}))


def test_registry_agrees_with_the_manifest_and_lists_the_insee_file():
    """One place for addresses and checksums: every source the build used is in the
    registry with the checksum the committed manifest recorded."""
    registre = {e.fichier: e for e in recuperation.lire_registre()}
    manifest = json.loads((build.ROOT / "data" / "manifest.json").read_text(encoding="utf-8"))
    for s in manifest["sources"]:
        assert registre[s["fichier"]].sha256 == s["sha256"], s["fichier"]
    insee = registre["insee-comparateur-2022/base_cc_comparateur_csv.zip"]
    assert insee.sha256 == "311caa145141e60a7e61297a2e6038a2acba6d85b3a7763320b058076d2be9dc"
    assert insee.url == "https://www.insee.fr/fr/statistiques/fichier/2521169/base_cc_comparateur_csv.zip"
    assert insee.page == "https://www.insee.fr/fr/statistiques/2521169"
    assert all(e.url is None or e.url.startswith("https://") for e in registre.values())


def test_the_cog_files_name_their_official_origin_beside_the_npm_package():
    """The COG files come from Etalab's npm package: the manifest keeps that address (where
    the file was taken from) and adds the producers' pages (INSEE's COG, DGCL's EPCI list)."""
    manifest = json.loads((build.ROOT / "data" / "manifest.json").read_text(encoding="utf-8"))
    par_fichier = {s["fichier"]: s for s in manifest["sources"]}
    communes = par_fichier["cog-2026/communes.json"]
    assert communes["url"].startswith("https://www.npmjs.com/package/@etalab/decoupage-administratif/")
    assert {"titre": "INSEE, Code officiel géographique (COG)",
            "url": "https://insee.fr/fr/information/2560452"} in communes["origine"]
    assert [o["url"] for o in par_fichier["cog-2026/epci.json"]["origine"]] == [
        "https://www.collectivites-locales.gouv.fr/liste-et-composition-des-epci-a-fiscalite-propre"]
    # Sources taken from their producer directly carry no separate origin.
    assert par_fichier["anct-ti-2026/ti_communes_na_2026.csv"]["origine"] == []
