"""Output folder of ``geo.build``: what may be replaced, and a swap that never leaves it missing.

The new files are written into a sibling temporary folder (``.data.tmp-XXXXXXXX``), then
exchanged with ``data/`` in one ``renameat2(RENAME_EXCHANGE)`` call (Linux): at every
instant ``data/`` is either the previous build or the new one, complete. Where the
kernel or file system cannot exchange, the previous folder is moved aside
(``.data.old-PID``) just before the new one takes its place, and the next build puts it
back if it was killed in between. Temporary folders left by killed builds are removed at
the next build, which says so. The parent folder is locked (``flock``) while a build
writes, so a folder matching these names is never another live build's.

A build only ever replaces a folder it wrote: an output that is a file, that is or holds
the sources, or that is not empty and not a previous build (recognised by its manifest,
every file listed) is refused before anything is touched.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from geo.errors import BuildError

MANIFEST = "manifest.json"


class SortieRefusee(BuildError):
    """The output folder holds something the build did not write: nothing is touched."""


class EcritureImpossible(BuildError):
    """The system refused a write (read-only, full disk): the previous build stays in place."""


def _contient(parent: Path, enfant: Path) -> bool:
    return enfant == parent or parent in enfant.parents


def est_une_construction(dossier: Path) -> bool:
    """A previous build: a manifest listing its outputs, and nothing else in the folder."""
    try:
        manifest = json.loads((dossier / MANIFEST).read_text(encoding="utf-8"))
        listes = {s["fichier"] for s in manifest["sorties"]}
    except (OSError, ValueError, TypeError, KeyError):
        return False
    return all(p.name in listes or p.name == MANIFEST for p in dossier.iterdir() if p.is_file()) \
        and all(p.is_file() for p in dossier.iterdir())


def verifier_sortie(out: Path, src_dir: Path | None = None) -> None:
    """Raise SortieRefusee (French message) unless ``out`` may be replaced by a build."""
    if out.is_symlink() and not out.exists():
        raise SortieRefusee(f"« {out} » est un lien vers un chemin absent : rien n'a été touché.")
    if out.exists() and not out.is_dir():
        raise SortieRefusee(f"« {out} » est un fichier, pas un dossier : rien n'a été touché ; "
                            "choisir un dossier avec --out.")
    cible = out.resolve()
    if src_dir is not None:
        src = src_dir.resolve()
        if _contient(cible, src):
            raise SortieRefusee(f"« {out} » est ou contient le dossier des sources ({src_dir}) : "
                                "rien n'a été touché ; choisir un autre dossier avec --out.")
        if _contient(src, cible):
            raise SortieRefusee(f"« {out} » est à l'intérieur du dossier des sources ({src_dir}) : "
                                "rien n'a été touché ; choisir un autre dossier avec --out.")
    if cible.is_dir() and any(cible.iterdir()) and not est_une_construction(cible):
        raise SortieRefusee(f"« {out} » n'est pas vide et n'est pas une construction précédente "
                            f"(pas de {MANIFEST} listant tous ses fichiers) : rien n'a été touché ; "
                            "choisir un dossier vide ou nouveau avec --out.")


# --- the swap ------------------------------------------------------------------
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    try:
        f = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not glibc >= 2.28, or not Linux
        return None
    f.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    f.restype = ctypes.c_int
    return f


def echanger(a: Path, b: Path) -> bool:
    """Atomically exchange two folders; False when the system cannot (then nothing moved)."""
    f = _renameat2()
    if f is None:
        return False
    if f(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def _temporaires(out: Path) -> list[Path]:
    """Folders left next to ``out`` by builds: ``tmp-XXXXXXXX``, ``old-PID``, or an older
    release's bare mkdtemp suffix; holding flat files only, as a build writes them."""
    motif = re.compile(rf"^\.{re.escape(out.name)}\.(old-\d+|tmp-[a-z0-9_]{{8}}|[a-z0-9_]{{8}})$")
    return sorted(p for p in out.parent.iterdir()
                  if motif.match(p.name) and p.is_dir() and not p.is_symlink()
                  and all(f.is_file() and not f.is_symlink() for f in p.iterdir()))


def recuperer(out: Path, log=print) -> None:
    """Undo what killed builds left: put back a previous build moved aside, remove temp folders.
    The caller holds the lock of ``out.parent``."""
    restes = _temporaires(out)
    if not out.exists():
        anciens = [p for p in restes if p.name.startswith(f".{out.name}.old-") and est_une_construction(p)]
        if anciens:
            ancien = max(anciens, key=lambda p: p.stat().st_mtime)
            os.rename(ancien, out)
            restes.remove(ancien)
            log(f"reprise : {out.name}/ manquait après une construction interrompue ; "
                f"la construction précédente ({ancien.name}) est remise en place.")
    for p in restes:
        shutil.rmtree(p)
        log(f"nettoyage : dossier temporaire « {p.name} » laissé par une construction interrompue, supprimé.")


@contextmanager
def _verrou(dossier: Path):
    fd = os.open(dossier, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def ecrire(files: dict[str, str], out_dir: Path, log=print, src_dir: Path | None = None,
           controle: Callable[[Path], None] | None = None) -> None:
    """Write all files into a sibling temp folder, then swap it in for ``out_dir``.
    Raises SortieRefusee, touching nothing, when ``out_dir`` is not ours to replace.
    ``controle(temp folder)`` runs before the swap: raising there leaves ``out_dir`` as it was."""
    verifier_sortie(out_dir, src_dir)
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    try:
        with _verrou(out_dir.parent):
            verifier_sortie(out_dir, src_dir)  # again: it may have changed while the build ran
            recuperer(out_dir, log)
            _ecrire_et_echanger(files, out_dir, controle)
    except OSError as e:
        raise EcritureImpossible(f"écriture impossible dans « {out_dir.parent} » ({e.strerror or e}) ; "
                                 f"{out_dir.name}/ est inchangé") from None


def _ecrire_et_echanger(files: dict[str, str], out_dir: Path, controle: Callable[[Path], None] | None = None
                        ) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        for name, text in files.items():
            with open(tmp / name, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())  # on disk before the swap makes them the data
        os.chmod(tmp, 0o755)
        if controle is not None:
            controle(tmp)
        if not out_dir.exists():
            os.rename(tmp, out_dir)
        elif echanger(tmp, out_dir):
            shutil.rmtree(tmp)  # now holds the previous build
        else:
            _remplacer_en_deux_temps(tmp, out_dir)
        _fsync_dossier(out_dir.parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _fsync_dossier(dossier: Path) -> None:
    fd = os.open(dossier, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remplacer_en_deux_temps(tmp: Path, out_dir: Path) -> None:
    # Without an atomic exchange, a kill between the two renames leaves no out_dir:
    # ``recuperer`` puts the previous build back at the next run.
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    os.rename(out_dir, old)
    try:
        os.rename(tmp, out_dir)
    except BaseException:
        os.rename(old, out_dir)
        raise
    shutil.rmtree(old)
