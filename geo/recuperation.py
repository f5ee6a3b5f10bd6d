"""``python -m geo.sources`` (``make sources``): fetch every raw source from its official
address, check its SHA-256 and place it where ``geo.build`` reads it.

The addresses, expected checksums and destinations live in one place,
``geo/registre_sources.json``. A file already present with the expected checksum is
kept. A checksum mismatch (a new edition, or a damaged download) stops everything,
naming the source: a maintainer adopts a new edition explicitly with
``--accepter-nouvelle-edition FICHIER``, which records its checksum in the registry.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRE = Path(__file__).with_name("registre_sources.json")
TAILLE_MAX = 500 * 1024 * 1024  # the largest source is ~10 MB: anything near this is not a source
DELAI_S = 60


class RecuperationImpossible(Exception):
    """A source could not be fetched or verified: the French message says which and what to do."""


@dataclass(frozen=True)
class Entree:
    fichier: str          # destination, relative to the sources folder
    sha256: str
    url: str | None       # None: no stable download address (see note)
    page: str | None = None
    membre: str | None = None  # file inside a .tgz archive
    note: str | None = None


def lire_registre(chemin: Path = REGISTRE) -> list[Entree]:
    doc = json.loads(chemin.read_text(encoding="utf-8"))
    return [Entree(**e) for e in doc["sources"]]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _telecharger(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=DELAI_S) as r:
            data = r.read(TAILLE_MAX + 1)
    except urllib.error.HTTPError as e:
        raise RecuperationImpossible(f"le serveur a répondu {e.code} ({e.reason})") from None
    except (urllib.error.URLError, OSError) as e:
        raise RecuperationImpossible(f"hors ligne ou serveur injoignable ({getattr(e, 'reason', e)})") from None
    if len(data) > TAILLE_MAX:
        raise RecuperationImpossible(f"réponse de plus de {TAILLE_MAX // 2**20} Mo")
    return data


def _extraire(archive: bytes, membre: str) -> bytes:
    try:
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
            f = tar.extractfile(membre)
            if f is None:
                raise KeyError(membre)
            return f.read()
    except (tarfile.TarError, KeyError, EOFError, OSError):
        raise RecuperationImpossible(f"« {membre} » absent de l'archive ou archive illisible") from None


def _placer(data: bytes, dest: Path) -> None:
    """Write next to the destination, then rename: a reader never sees half a file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        os.unlink(tmp)
        raise


def _accepter(registre: Path, fichier: str, sha: str) -> None:
    doc = json.loads(registre.read_text(encoding="utf-8"))
    for e in doc["sources"]:
        if e["fichier"] == fichier:
            e["sha256"] = sha
    texte = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    _placer(texte.encode("utf-8"), registre)


def recuperer(dest_dir: Path, registre: Path = REGISTRE, miroir: str | None = None,
              accepter: frozenset[str] = frozenset(), log=print) -> None:
    """Fetch, check and place every source; raise RecuperationImpossible at the first failure.

    ``miroir``: base address of a copy laid out like the sources folder (tried instead
    of the official addresses, e.g. an internal mirror)."""
    entrees = lire_registre(registre)
    inconnus = sorted(accepter - {e.fichier for e in entrees})
    if inconnus:
        raise RecuperationImpossible(f"--accepter-nouvelle-edition : « {', '.join(inconnus)} » n'est pas dans "
                                     f"le registre {registre.name}")
    archives: dict[str, bytes] = {}  # one download for the four COG files of the same package
    for e in entrees:
        dest = dest_dir / e.fichier
        if dest.is_file() and _sha256(dest.read_bytes()) == e.sha256:
            log(f"  à jour      {e.fichier}")
            continue
        url = miroir.rstrip("/") + "/" + e.fichier if miroir else e.url
        if url is None:
            raise RecuperationImpossible(
                f"source « {e.fichier} » : pas d'adresse de téléchargement ({e.note}). "
                + (f"La récupérer depuis {e.page}, " if e.page else "La copier à la main, ")
                + f"la placer dans {dest}, puis relancer.")
        try:
            if e.membre and not miroir:
                if url not in archives:
                    archives[url] = _telecharger(url)
                data = _extraire(archives[url], e.membre)
            else:
                data = _telecharger(url)
        except RecuperationImpossible as err:
            raise RecuperationImpossible(
                f"source « {e.fichier} » : téléchargement impossible depuis {url} : {err}. Vérifier la connexion "
                f"et relancer, ou copier le fichier à la main depuis {e.page or url} dans {dest}.") from None
        sha = _sha256(data)
        if sha != e.sha256:
            if e.fichier not in accepter:
                raise RecuperationImpossible(
                    f"source « {e.fichier} » : le fichier téléchargé depuis {url} n'a pas l'empreinte attendue "
                    f"(SHA-256 {sha[:12]}… au lieu de {e.sha256[:12]}…). Le producteur a sans doute publié une "
                    f"nouvelle édition (ou le téléchargement est altéré) ; rien n'a été remplacé. Après "
                    f"vérification, l'adopter avec : python -m geo.sources --accepter-nouvelle-edition {e.fichier} "
                    "puis reconstruire (make data) et relire le rapport des changements.")
            _accepter(registre, e.fichier, sha)
            log(f"  nouvelle édition acceptée : {e.fichier} (SHA-256 {sha}), enregistrée dans {registre.name}")
        try:
            _placer(data, dest)
        except OSError as err:
            raise RecuperationImpossible(f"source « {e.fichier} » : impossible d'écrire {dest} ({err.strerror})") \
                from None
        log(f"  récupérée   {e.fichier} ({len(data) / 1024:.0f} Ko)")


def main(argv: list[str] | None = None) -> int:
    from geo.build import DEFAULT_SOURCES
    parser = argparse.ArgumentParser(prog="python -m geo.sources", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES,
                        help="dossier où placer les sources (défaut : ../shared/data/sources)")
    parser.add_argument("--registre", type=Path, default=REGISTRE, help=argparse.SUPPRESS)
    parser.add_argument("--miroir", help="adresse d'une copie organisée comme le dossier des sources")
    parser.add_argument("--accepter-nouvelle-edition", action="append", default=[], metavar="FICHIER",
                        help="adopter la nouvelle édition de ce fichier et enregistrer son empreinte")
    args = parser.parse_args(argv)
    try:
        recuperer(args.sources, args.registre, args.miroir, frozenset(args.accepter_nouvelle_edition))
    except RecuperationImpossible as e:
        print(f"Erreur : {e}", file=sys.stderr)
        return 1
    print(f"Sources vérifiées dans {args.sources}.")
    return 0
