"""Files the app serves itself under ``/app/static/`` (Streamlit's static serving of the
project's ``static/`` folder). They are placed at INSTALL time, never at run time: a
deployed tree is often read-only (container image, read-only mount).

    python -m tableau.ui.assets             # place everything (`make assets`, the Dockerfile)
    python -m tableau.ui.assets --verifier  # exit 1 and list what is missing

``static/`` is git-ignored and rebuilt entirely by the command above:
- ``leaflet/``: Leaflet 1.9.4, copied from the PyPI package ``django-js-lib-leaflet``;
- derived public data (e.g. the map's geometry as static files): add a step to
  ``ETAPES`` — a function ``etape(static: Path) -> list[Path]`` that writes its files
  with ``publier(static, "donnees/x.json", contenu)`` (atomic, skipped when unchanged)
  and returns them; ``python -m tableau.ui.assets`` then places them, and the app's
  start-up check (``verifier_une_fois``) reports them if missing.
At run time the app only checks (``verifier_une_fois``): a missing file is one French
message on the page and in the log, naming the command to run.
"""
from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "static"
CIBLE = STATIC / "leaflet"
FICHIERS = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
            "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png")
COMMANDE = "python -m tableau.ui.assets"
MESSAGE_MANQUE = ("Les fichiers statiques de l'application ne sont pas installés ({manque}) : la carte ne "
                  "peut pas s'afficher. L'exploitant doit lancer « " + COMMANDE + " » (ou « make assets ») "
                  "à l'installation.")

_log = logging.getLogger(__name__)


def source_leaflet() -> Path:
    return Path(str(resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"))


def publier(static: Path, relatif: str, contenu: bytes) -> Path:
    """Write ``static/relatif`` atomically (a concurrent request never sees half a file);
    an identical file is left untouched (no write at all)."""
    dst = static / relatif
    if dst.is_file() and dst.read_bytes() == contenu:
        return dst
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".tmp")
    tmp.write_bytes(contenu)
    tmp.replace(dst)
    return dst


def installer_leaflet(cible: Path = CIBLE) -> Path:
    """Copy the files that differ or are missing; idempotent."""
    src = source_leaflet()
    for nom in FICHIERS:
        publier(cible, nom, (src / nom).read_bytes())
    return cible


def etape_leaflet(static: Path) -> list[Path]:
    cible = installer_leaflet(static / "leaflet")
    return [cible / nom for nom in FICHIERS]


def etape_geometrie(static: Path) -> list[Path]:
    """The map's geometry as static files (tableau.logique.geostatique), for the data
    the app reads (TI_DONNEES or data/). Without readable commune outlines, only the
    territories' file (the app then says so on the map). Files of other data go."""
    from tableau.logique import donnees as dn, geostatique as gs
    data_dir = Path(os.environ.get("TI_DONNEES") or dn.DATA_DIR)
    d = dn.charger(data_dir)
    try:
        contours = dn.lire_contours_communes(data_dir / "communes.topojson", set(d.commune))
    except dn.DataError:
        contours = {}
    places = []
    for nom, contenu in gs.fichiers(d, contours).items():
        places.append(publier(static, f"{gs.SOUS_DOSSIER}/{nom}", contenu))
        if places[-1].stat().st_mtime != gs.DATE_FICHIERS:  # see gs.DATE_FICHIERS: cacheable for years
            os.utime(places[-1], (gs.DATE_FICHIERS, gs.DATE_FICHIERS))
    for vieux in set((static / gs.SOUS_DOSSIER).glob("*.json")) - set(places):
        vieux.unlink()
    return places


# Install steps, in order. Each returns the files it placed (checked at start-up).
ETAPES: tuple[Callable[[Path], list[Path]], ...] = (etape_leaflet, etape_geometrie)


def installer(static: Path | None = None) -> list[Path]:
    """Install time: place every static file. Returns them, relative to ``static``."""
    static = static or STATIC
    return [p.relative_to(static) for etape in ETAPES for p in etape(static)]


def installer_tout(static: Path | None = None) -> list[Path]:
    """``installer`` plus the list of what it placed (MANIFESTE.txt), which the start-up
    check reads: what `python -m tableau.ui.assets` and the test session run."""
    static = static or STATIC
    places = installer(static)
    publier(static, "MANIFESTE.txt", "".join(f"{p.as_posix()}\n" for p in places).encode("utf-8"))
    return places


def attendus(static: Path | None = None) -> list[Path]:
    """What must be in ``static`` (relative paths), without writing anything."""
    static = static or STATIC
    return [Path("leaflet") / nom for nom in FICHIERS] + [
        Path(p) for p in _manifeste(static) if not p.startswith("leaflet/")]


def _manifeste(static: Path) -> list[str]:
    """The list written by ``installer`` (steps beyond Leaflet name their own files)."""
    f = static / "MANIFESTE.txt"
    return f.read_text(encoding="utf-8").split() if f.is_file() else []


def manquants(static: Path | None = None) -> list[str]:
    static = static or STATIC
    return [str(p) for p in attendus(static) if not (static / p).is_file()]


@functools.cache
def verifier_une_fois() -> list[str]:
    """What app.py calls at every rerun: one look per process, never a write. A missing
    file is logged once and shown on the page (French, names the command to run)."""
    manque = manquants()
    if manque:
        _log.error(MESSAGE_MANQUE.format(manque=", ".join(manque[:3])))
    return manque


def signaler() -> None:
    """Show the missing-files message on the page (nothing when all is in place)."""
    if manque := verifier_une_fois():
        import streamlit as st
        st.error(MESSAGE_MANQUE.format(manque=", ".join(manque[:3])), icon=":material/error:")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--verifier" in args:
        manque = manquants(STATIC)
        for m in manque:
            print(f"manquant : static/{m}")
        return 1 if manque else 0
    places = installer_tout()
    print(f"{len(places)} fichiers en place dans {STATIC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
