"""Map geometry as static files, fetched once per browser instead of with every rerun.

The borders and territories (one file) and each territory's commune outlines (one
file per territory) are written to ./static/geo/ under a name that carries a hash of
their content: a name never changes meaning, so the browser may keep the file. The
app only points the map at a file whose bytes are exactly what it would write from
the data it reads (TI_DONNEES may point elsewhere); otherwise the geometry travels
inline with the map, as before. Only public data goes there (the same features the
map draws: id and name of each territory, code and label of each commune).

Install step, not run time: ``python -m tableau.geostatique [--donnees DIR]``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from tableau import carte
from tableau import donnees as dn

DOSSIER = Path(__file__).resolve().parents[1] / "static" / "geo"
# Relative to the component's page /component/streamlit_folium.st_folium/index.html.
URL = "../../app/static/geo/"


def octets(valeur) -> bytes:
    """Canonical JSON bytes (same data -> same bytes -> same name)."""
    return json.dumps(valeur, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def nom(cle: str, contenu: bytes) -> str:
    return f"{cle}-{hashlib.sha256(contenu).hexdigest()[:16]}.json"


def contenu_carte(d: dn.Donnees) -> bytes:
    return octets(carte.geometrie_carte(d.limites_geojson, d.territoires_geojson["features"]))


def contenu_communes(communes: Iterable[Mapping], contours: Mapping[str, dict], tid: str) -> bytes:
    return octets({"type": "FeatureCollection",
                   "features": carte.communes_du_territoire(communes, contours, tid)})


def url_si_installe(cle: str, contenu: bytes, dossier: Path | None = None) -> str | None:
    """The file's URL if it holds exactly ``contenu``, else None (inline geometry)."""
    fichier = (dossier or DOSSIER) / nom(cle, contenu)
    try:
        return URL + fichier.name if fichier.read_bytes() == contenu else None
    except OSError:
        return None


# Streamlit 1.67 serves /app/static with ETag and Last-Modified but no Cache-Control,
# so the browser's heuristic freshness applies: a tenth of the file's age. An old date
# keeps the files fresh for years; a name that carries its content's hash cannot go
# stale, so no revalidation is ever needed.
DATE_FICHIERS = 946_684_800  # 2000-01-01 UTC


def _ecrire(fichier: Path, contenu: bytes) -> None:
    if not (fichier.exists() and fichier.read_bytes() == contenu):
        tmp = fichier.with_name(f".{fichier.name}.{os.getpid()}.tmp")
        tmp.write_bytes(contenu)
        os.utime(tmp, (DATE_FICHIERS, DATE_FICHIERS))
        tmp.replace(fichier)  # atomic: a request never sees half a file
    elif fichier.stat().st_mtime != DATE_FICHIERS:
        os.utime(fichier, (DATE_FICHIERS, DATE_FICHIERS))


def installer(data_dir: Path = dn.DATA_DIR, dossier: Path | None = None) -> list[Path]:
    """Write the files for the data in ``data_dir``; idempotent. Commune files are
    skipped when the outlines cannot be read (the app then says so on the map)."""
    d = dn.charger(data_dir)
    dossier = dossier or DOSSIER
    dossier.mkdir(parents=True, exist_ok=True)
    fichiers = {"carte": contenu_carte(d)}
    try:
        contours = dn.lire_contours_communes(data_dir / "communes.topojson", {c["code"] for c in d.communes})
    except dn.DataError:
        contours = {}
    if contours:
        for tid in d.ids:
            fichiers[f"communes-{tid}"] = contenu_communes(d.communes, contours, tid)
    ecrits = []
    for cle, contenu in fichiers.items():
        ecrits.append(dossier / nom(cle, contenu))
        _ecrire(ecrits[-1], contenu)
    return ecrits


def main() -> None:
    ap = argparse.ArgumentParser(description="Écrit la géométrie de la carte dans static/geo/.")
    ap.add_argument("--donnees", type=Path, default=dn.DATA_DIR)
    args = ap.parse_args()
    ecrits = installer(args.donnees)
    print(f"{len(ecrits)} fichiers de géométrie dans {DOSSIER} "
          f"({sum(p.stat().st_size for p in ecrits) / 1024:.0f} Ko)")


if __name__ == "__main__":
    main()
