"""Serve Leaflet from the app: copy its files from the installed PyPI package
``django-js-lib-leaflet`` into ./static/leaflet (git-ignored) at start-up."""
from __future__ import annotations

import filecmp
import functools
import shutil
from importlib import resources
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "static"
CIBLE = STATIC / "leaflet"
FICHIERS = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
            "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png")


def source_leaflet() -> Path:
    return Path(str(resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"))


def installer_leaflet(cible: Path = CIBLE) -> Path:
    """Copy the files that differ or are missing; idempotent and cheap once done."""
    src = source_leaflet()
    for nom in FICHIERS:
        dst = cible / nom
        if not dst.exists() or not filecmp.cmp(src / nom, dst, shallow=False):
            dst.parent.mkdir(parents=True, exist_ok=True)
            tmp = dst.with_suffix(dst.suffix + ".tmp")
            shutil.copyfile(src / nom, tmp)
            tmp.replace(dst)  # atomic: a concurrent request never sees half a file
    return cible


@functools.cache
def installer_une_fois() -> Path:
    """What app.py calls at every rerun: the copy itself happens once per process."""
    return installer_leaflet()
