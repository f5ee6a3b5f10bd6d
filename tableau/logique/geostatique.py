"""Map geometry as static files, fetched once per browser instead of with every rerun.

The borders and territories (one file) and each territory's commune outlines (one
file per territory) go to ``static/geo/`` under a name that carries a hash of their
content: a name never changes meaning, so the browser may keep the file. They are
written at INSTALL time by the step ``tableau.ui.assets.etape_geometrie``
(``python -m tableau.ui.assets``); at run time the app only points the map at a file
whose bytes are exactly what it would write from the data it reads (TI_DONNEES may
point elsewhere), otherwise the geometry travels inline with the map. Only public data
goes there (the same features the map draws: id and name of each territory, code and
label of each commune).
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from tableau.logique import carte

SOUS_DOSSIER = "geo"
# Relative to the component's page /component/streamlit_folium.st_folium/index.html.
URL = f"../../app/static/{SOUS_DOSSIER}/"
# Streamlit 1.67 serves /app/static with ETag and Last-Modified but no Cache-Control,
# so the browser's heuristic freshness applies: a tenth of the file's age. An old date
# keeps the files fresh for years; a name that carries its content's hash cannot go
# stale, so no revalidation is ever needed.
DATE_FICHIERS = 946_684_800  # 2000-01-01 UTC


def octets(valeur) -> bytes:
    """Canonical JSON bytes (same data -> same bytes -> same name)."""
    return json.dumps(valeur, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def nom(cle: str, contenu: bytes) -> str:
    return f"{cle}-{hashlib.sha256(contenu).hexdigest()[:16]}.json"


def contenu_carte(d) -> bytes:
    return octets(carte.geometrie_carte(d.limites_geojson, d.territoires_geojson["features"]))


def contenu_communes(d, contours: Mapping[str, dict], tid: str) -> bytes:
    feats = carte.communes_du_territoire(d.communes_par_territoire.get(tid, ()), contours, tid)
    return octets({"type": "FeatureCollection", "features": feats})


def fichiers(d, contours: Mapping[str, dict]) -> dict[str, bytes]:
    """Every file for the data ``d``: name -> bytes (no commune file without outlines)."""
    contenus = {"carte": contenu_carte(d)}
    if contours:
        for tid in d.ids:
            contenus[f"communes-{tid}"] = contenu_communes(d, contours, tid)
    return {nom(cle, c): c for cle, c in contenus.items()}


def url_si_installe(cle: str, contenu: bytes, dossier: Path) -> str | None:
    """The file's URL if it holds exactly ``contenu``, else None (inline geometry)."""
    fichier = dossier / nom(cle, contenu)
    try:
        return URL + fichier.name if fichier.read_bytes() == contenu else None
    except OSError:
        return None
