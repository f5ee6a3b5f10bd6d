"""Read and check the committed data files; errors are French and name the file.

Readers are pure (path in, plain data out) so tests can feed them damaged copies;
the pages call them through ``session.donnees()``, cached once per process.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from geo import contenu, topologie

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class DataError(Exception):
    """A data file is missing or damaged; the message is shown to the user as is."""


@dataclass(frozen=True)
class Donnees:
    territoires: dict            # id -> properties (in file order)
    territoires_geojson: dict    # FeatureCollection as read
    departements: dict           # code -> properties
    departements_geojson: dict
    region_geojson: dict
    limites_geojson: dict        # border lines drawn on the map (each edge once)
    communes: list = field(repr=False)   # rows of communes.csv
    manifest: dict = field(repr=False)
    laureats: list = field(repr=False, default_factory=list)  # rows of laureats.csv
    services: dict = field(repr=False, default_factory=dict)  # services.json (with its references)
    financements: list = field(repr=False, default_factory=list)  # rows of financements.csv, values as numbers

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.territoires)


def _json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"Le fichier de données {path.name} est introuvable.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise DataError(f"Le fichier de données {path.name} est illisible ou tronqué ({e}).") from None


def _features(path: Path, required: dict[str, type]) -> list[dict]:
    doc = _json(path)
    feats = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(feats, list) or not feats:
        raise DataError(f"Le fichier {path.name} ne contient aucune entité géographique.")
    for i, f in enumerate(feats, start=1):
        props = f.get("properties") if isinstance(f, dict) else None
        geom = f.get("geometry") if isinstance(f, dict) else None
        if not isinstance(props, dict) or not isinstance(geom, dict) or "coordinates" not in geom:
            raise DataError(f"{path.name}, entité {i} : propriétés ou géométrie absentes.")
        for key, kind in required.items():
            if key not in props:
                raise DataError(f"{path.name}, entité {i} : la propriété « {key} » manque.")
            if not isinstance(props[key], kind) or isinstance(props[key], bool) and kind is not bool:
                raise DataError(f"{path.name}, entité {i} : la propriété « {key} » n'a pas le type attendu.")
    return feats


TERRITOIRE_SCHEMA = {"id": str, "nom": str, "departements": list, "epci": list, "nb_communes": int,
                     "population": int, "superficie_km2": (int, float)}
COMMUNES_COLONNES = ("code", "nom", "departement", "epci_siren", "epci_nom", "population", "territoire",
                     "codes_postaux", "lon", "lat", "territoire_proche", "distance_km")


def _lire_csv(path: Path, colonnes: tuple[str, ...]) -> list[dict]:
    """All rows of a UTF-8 CSV that has at least ``colonnes``; DataError otherwise."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            manquantes = [c for c in colonnes if c not in (reader.fieldnames or ())]
            if manquantes:
                raise DataError(f"{path.name} : colonne(s) manquante(s) : {', '.join(manquantes)}.")
            return list(reader)
    except FileNotFoundError:
        raise DataError(f"Le fichier de données {path.name} est introuvable.") from None
    except UnicodeDecodeError:
        raise DataError(f"Le fichier {path.name} n'est pas en UTF-8.") from None


def lire_communes(path: Path, ids: set[str]) -> list[dict]:
    rows = _lire_csv(path, COMMUNES_COLONNES)
    for n, row in enumerate(rows, start=2):
        try:
            row["population"] = int(row["population"])
        except (TypeError, ValueError):
            raise DataError(f"{path.name}, ligne {n} : population « {row['population']} » "
                            "n'est pas un nombre entier.") from None
        if row["territoire"] and row["territoire"] not in ids:
            raise DataError(f"{path.name}, ligne {n} : territoire « {row['territoire']} » inconnu.")
        try:
            row["lon"], row["lat"] = float(row["lon"]), float(row["lat"])
            row["distance_km"] = float(row["distance_km"]) if row["distance_km"] else None
        except ValueError:
            raise DataError(f"{path.name}, ligne {n} : coordonnées ou distance invalides.") from None
        if not row["territoire"] and row["territoire_proche"] not in ids:
            raise DataError(f"{path.name}, ligne {n} : territoire le plus proche « {row['territoire_proche']} » "
                            "inconnu.")
    return rows


LAUREATS_COLONNES = ("entreprise", "commune_publiee", "departement", "code_commune", "commune_2026", "territoire",
                     "projet", "aide_eur", "taille", "date_annonce", "sources", "rapprochement")


def lire_laureats(path: Path, ids: set[str]) -> list[dict]:
    rows = _lire_csv(path, LAUREATS_COLONNES)
    for n, row in enumerate(rows, start=2):
        if row["territoire"] and row["territoire"] not in ids:
            raise DataError(f"{path.name}, ligne {n}, colonne territoire : « {row['territoire']} » inconnu.")
        if row["aide_eur"] and not row["aide_eur"].isdigit():
            raise DataError(f"{path.name}, ligne {n}, colonne aide_eur : montant invalide.")
        if not row["sources"].startswith(("http://", "https://")):
            raise DataError(f"{path.name}, ligne {n}, colonne sources : adresse de la source absente.")
    return rows


def charger(data_dir: Path = DATA_DIR) -> Donnees:
    """Read every file of ``data_dir`` and check it; raises DataError."""
    ti_doc = _json(data_dir / "territoires.geojson")
    ti_feats = _features(data_dir / "territoires.geojson", TERRITOIRE_SCHEMA)
    territoires = {f["properties"]["id"]: f["properties"] for f in ti_feats}
    if len(territoires) != len(ti_feats):
        raise DataError("territoires.geojson : un identifiant de territoire apparaît deux fois.")
    dep_feats = _features(data_dir / "departements.geojson", {"code": str, "nom": str, "dans_region": bool})
    departements = {f["properties"]["code"]: f["properties"] for f in dep_feats}
    for tid, p in territoires.items():
        inconnus = [d for d in p["departements"] if d not in departements]
        if inconnus:
            raise DataError(f"territoires.geojson, territoire {tid} : département(s) inconnu(s) {inconnus}.")
    region = _json(data_dir / "region.geojson")
    _features(data_dir / "region.geojson", {"nom": str})
    manifest = _json(data_dir / "manifest.json")
    if not isinstance(manifest, dict) or not isinstance(manifest.get("sources"), list):
        raise DataError("manifest.json : la liste des sources manque.")
    communes = lire_communes(data_dir / "communes.csv", set(territoires))
    laureats = lire_laureats(data_dir / "laureats.csv", set(territoires))
    try:
        services = contenu.valider_services(_json(data_dir / "services.json"), territoires)
        financements = contenu.valider_financements(_lire_csv(data_dir / "financements.csv", contenu.COLONNES_LEDGER),
                                                    territoires)
    except contenu.ContenuInvalide as e:
        raise DataError(f"{e}.") from None
    limites = _json(data_dir / "limites.geojson")
    for f in _features(data_dir / "limites.geojson", {"type": str}):
        if f["properties"]["type"] not in ("departements", "region"):
            raise DataError("limites.geojson : type de limite inconnu.")
    return Donnees(territoires, ti_doc, departements, _json(data_dir / "departements.geojson"), region, limites,
                   communes, manifest, laureats, services, financements)


def lire_contours_communes(path: Path, codes: set[str]) -> dict[str, dict]:
    """Commune outlines (TopoJSON, see geo.topologie): code -> GeoJSON geometry.

    Read on demand only (first selection), not at start-up; DataError when damaged.
    """
    doc = _json(path)
    try:
        contours = topologie.decoder(doc)
    except (KeyError, TypeError, IndexError, ValueError, AttributeError):
        raise DataError(f"Le fichier {path.name} n'est pas une topologie de communes lisible.") from None
    inconnus = sorted(set(contours) - codes)
    if inconnus:
        raise DataError(f"{path.name} : commune(s) inconnue(s) de communes.csv : {', '.join(inconnus[:5])}.")
    for code, g in contours.items():
        if any(len(r) < 4 for poly in ([g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"])
               for r in poly):
            raise DataError(f"{path.name}, commune {code} : contour dégénéré.")
    return contours
