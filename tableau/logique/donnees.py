"""Read and check the committed data files into the typed model (tableau.logique.modele);
errors are French and name the file.

Readers are pure (path in, records out) so tests can feed them damaged copies; each
file is read and parsed once. The app calls ``charger`` through ``session.donnees()``,
cached once per process.

Long module: one reader per committed data file (nine of them), kept together so the
loading order, the size checks before parsing and the error style stay in one place.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from tableau.logique import contenu, indicateurs, regles, topojson
from tableau.logique.modele import (
    Commune,
    DataError,
    Departement,
    Donnees,
    Epci,
    HorsZone,
    Insee,
    Laureat,
    LigneFinancement,
    Source,
    Territoire,
)
from tableau.logique.recherche import normaliser

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def _json(path: Path):
    regles.verifier_taille(path)  # before reading: a huge file would take minutes and gigabytes
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"Le fichier de données {path.name} est introuvable.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise DataError(f"Le fichier de données {path.name} est illisible ou tronqué ({e}).") from None
    except RecursionError:
        raise DataError(f"Le fichier de données {path.name} est imbriqué à l'excès.") from None


def _features(doc, nom: str, required: dict[str, type]) -> list[dict]:
    """The features of an already parsed GeoJSON document, with ``required`` properties checked."""
    feats = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(feats, list) or not feats:
        raise DataError(f"Le fichier {nom} ne contient aucune entité géographique.")
    for i, f in enumerate(feats, start=1):
        props = f.get("properties") if isinstance(f, dict) else None
        geom = f.get("geometry") if isinstance(f, dict) else None
        if not isinstance(props, dict) or not isinstance(geom, dict) or "coordinates" not in geom:
            raise DataError(f"{nom}, entité {i} : propriétés ou géométrie absentes.")
        for key, kind in required.items():
            if key not in props:
                raise DataError(f"{nom}, entité {i} : la propriété « {key} » manque.")
            if not isinstance(props[key], kind) or isinstance(props[key], bool) and kind is not bool:
                raise DataError(f"{nom}, entité {i} : la propriété « {key} » n'a pas le type attendu.")
    regles.verifier_geometries(nom, feats)
    return feats


def _geojson(path: Path, required: dict[str, type]) -> tuple[dict, list[dict]]:
    doc = _json(path)
    return doc, _features(doc, path.name, required)


TERRITOIRE_SCHEMA = {"id": str, "nom": str, "departements": list, "epci": list, "nb_communes": int,
                     "population": int, "superficie_km2": (int, float)}
COMMUNES_COLONNES = ("code", "nom", "departement", "epci_siren", "epci_nom", "population", "territoire",
                     "codes_postaux", "lon", "lat", "territoire_proche", "distance_km")


def _lire_csv(path: Path, colonnes: tuple[str, ...]) -> list[dict]:
    """All rows of a UTF-8 CSV that has at least ``colonnes``; DataError otherwise."""
    regles.verifier_taille(path)
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
    except csv.Error as e:  # e.g. a field over the csv module's size limit
        raise DataError(f"Le fichier {path.name} est mal formé ({e}).") from None


def _territoire(props: dict) -> Territoire:
    try:
        epci = tuple(Epci(str(e["siren"]), e["nom"], int(e["nb_communes"]), int(e["population"]),
                          int(e["nb_communes_epci"]), bool(e["partiel"])) for e in props["epci"])
    except (KeyError, TypeError, ValueError):
        raise DataError(f"territoires.geojson, territoire {props['id']} : intercommunalités mal décrites.") from None
    t = Territoire(props["id"], props["nom"], tuple(props["departements"]), epci, props["nb_communes"],
                   props["population"], float(props["superficie_km2"]))
    regles.verifier_territoire(t)
    return t


def lire_communes(path: Path, ids: set[str]) -> list[Commune]:
    out = []
    for n, row in enumerate(_lire_csv(path, COMMUNES_COLONNES), start=2):
        try:
            population = int(row["population"])
        except (TypeError, ValueError):
            raise DataError(f"{path.name}, ligne {n} : population « {row['population']} » "
                            "n'est pas un nombre entier.") from None
        if row["territoire"] and row["territoire"] not in ids:
            raise DataError(f"{path.name}, ligne {n} : territoire « {row['territoire']} » inconnu.")
        try:
            lon, lat = float(row["lon"]), float(row["lat"])
            distance = float(row["distance_km"]) if row["distance_km"] else None
        except ValueError:
            raise DataError(f"{path.name}, ligne {n} : coordonnées ou distance invalides.") from None
        if not row["territoire"] and row["territoire_proche"] not in ids:
            raise DataError(f"{path.name}, ligne {n} : territoire le plus proche « {row['territoire_proche']} » "
                            "inconnu.")
        c = Commune(row["code"], row["nom"], row["departement"], row["epci_siren"], row["epci_nom"],
                    population, row["territoire"] or None, tuple(row["codes_postaux"].split()), lon, lat,
                    row["territoire_proche"] or None, distance)
        regles.verifier_commune(c, f"{path.name}, ligne {n}")
        out.append(c)
    regles.verifier_codes_uniques((c.code for c in out), path.name, "code de commune")
    return out


LAUREATS_COLONNES = ("entreprise", "commune_publiee", "departement", "code_commune", "commune_2026", "territoire",
                     "projet", "aide_eur", "taille", "date_annonce", "sources", "rapprochement")


def lire_laureats(path: Path, ids: set[str]) -> list[Laureat]:
    out = []
    for n, row in enumerate(_lire_csv(path, LAUREATS_COLONNES), start=2):
        if row["territoire"] and row["territoire"] not in ids:
            raise DataError(f"{path.name}, ligne {n}, colonne territoire : « {row['territoire']} » inconnu.")
        if row["aide_eur"] and not row["aide_eur"].isdigit():
            raise DataError(f"{path.name}, ligne {n}, colonne aide_eur : montant invalide.")
        if not row["sources"].startswith(("http://", "https://")):
            raise DataError(f"{path.name}, ligne {n}, colonne sources : adresse de la source absente.")
        out.append(Laureat(row["entreprise"], row["commune_publiee"], row["departement"], row["code_commune"],
                           row["commune_2026"], row["territoire"] or None, row["projet"],
                           int(row["aide_eur"]) if row["aide_eur"] else None, row["taille"], row["date_annonce"],
                           tuple(row["sources"].split(" | ")), row["rapprochement"]))
    return out


def lire_financements(path: Path, ids: set[str]) -> list[LigneFinancement]:
    rows = contenu.valider_financements(_lire_csv(path, contenu.COLONNES_LEDGER), ids, path.name)
    return [LigneFinancement(**{c: r[c] for c in contenu.COLONNES_LEDGER} | {"territoire": r["territoire"] or None})
            for r in rows]


def lire_sources(manifest) -> list[Source]:
    if not isinstance(manifest, dict) or not isinstance(manifest.get("sources"), list):
        raise DataError("manifest.json : la liste des sources manque.")
    try:
        return [Source(s["fichier"], s["producteur"], s["millesime"], s["licence"], s["role"], s["url"],
                       s.get("citation") or "", _origine(s.get("origine") or [])) for s in manifest["sources"]]
    except (KeyError, TypeError, ValueError):
        raise DataError("manifest.json : une source est mal décrite.") from None


def _origine(refs) -> tuple[tuple[str, str], ...]:
    """A source's official references: a list of {titre, url}, each a web address."""
    out = tuple((r["titre"], r["url"]) for r in refs)
    if not all(isinstance(t, str) and t and isinstance(u, str) and u.startswith("https://") for t, u in out):
        raise ValueError("référence officielle mal décrite")
    return out


def lire_hors_zone(path: Path) -> HorsZone:
    doc = _json(path)
    deps, communes = (doc.get(k) if isinstance(doc, dict) else None for k in ("departements", "communes"))
    if not (isinstance(deps, dict) and isinstance(communes, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in (*deps.items(), *communes.items()))
            and set(communes) <= set(deps)):
        raise DataError(f"{path.name} : liste des départements ou des communes hors zone mal formée.")
    liaisons = doc.get("liaisons", {})
    if not (isinstance(liaisons, dict) and all(isinstance(v, int) and not isinstance(v, bool)
                                               for v in liaisons.values())):
        raise DataError(f"{path.name} : types de noms des départements mal formés.")
    return HorsZone(deps, {dep: tuple(noms.split("|")) for dep, noms in communes.items()}, liaisons)


def lire_insee(data_dir: Path, ids: set[str]) -> Insee:
    """insee.json and insee_communes.csv, checked against the territories; DataError."""
    doc = indicateurs.charger(data_dir)
    manquants = sorted(ids - set(doc["territoires"]))
    if manquants:
        raise DataError(f"Le fichier de données {indicateurs.FICHIER} ne décrit pas le(s) territoire(s) "
                        f"{', '.join(manquants)}.")
    communes = indicateurs.charger_communes(doc, data_dir)
    return Insee(doc, communes,
                 {i: {t: indicateurs.valeur(doc, i, v) for t, v in doc["territoires"].items()}
                  for i in indicateurs.PAR_ID},
                 {i: {c: indicateurs.valeur(doc, i, v) for c, v in communes.items()} for i in indicateurs.PAR_ID})


def charger_insee(data_dir: Path, ids: set[str]) -> tuple[Insee | None, str | None]:
    """The INSEE indicators, or (None, French warning): the rest of the dashboard does not need them."""
    try:
        return lire_insee(data_dir, ids), None
    except DataError as e:
        return None, (f"Les indicateurs économiques de l'INSEE ne peuvent pas s'afficher ({e}) "
                      "Le reste du tableau de bord reste utilisable.")


def charger(data_dir: Path = DATA_DIR) -> Donnees:
    """Read every file of ``data_dir`` and check it; raises DataError."""
    ti_doc, ti_feats = _geojson(data_dir / "territoires.geojson", TERRITOIRE_SCHEMA)
    territoires = {f["properties"]["id"]: _territoire(f["properties"]) for f in ti_feats}
    if len(territoires) != len(ti_feats):
        raise DataError("territoires.geojson : un identifiant de territoire apparaît deux fois.")
    _, dep_feats = _geojson(data_dir / "departements.geojson",
                            {"code": str, "nom": str, "dans_region": bool, "liaison": int})
    regles.verifier_codes_uniques((f["properties"]["code"] for f in dep_feats), "departements.geojson",
                                  "code de département")
    departements = {p["code"]: Departement(p["code"], p["nom"], p["dans_region"], p["liaison"])
                    for p in (f["properties"] for f in dep_feats)}
    for tid, t in territoires.items():
        inconnus = [d for d in t.departements if d not in departements]
        if inconnus:
            raise DataError(f"territoires.geojson, territoire {tid} : département(s) inconnu(s) {inconnus}.")
    region, _ = _geojson(data_dir / "region.geojson", {"nom": str})
    manifest = _json(data_dir / "manifest.json")
    sources = lire_sources(manifest)
    ids = set(territoires)
    communes = lire_communes(data_dir / "communes.csv", ids)
    regles.verifier_totaux(territoires, communes)
    laureats = lire_laureats(data_dir / "laureats.csv", ids)
    services = contenu.valider_services(_json(data_dir / "services.json"), ids)
    financements = lire_financements(data_dir / "financements.csv", ids)
    limites, limites_feats = _geojson(data_dir / "limites.geojson", {"type": str})
    if any(f["properties"]["type"] not in ("departements", "region") for f in limites_feats):
        raise DataError("limites.geojson : type de limite inconnu.")
    par_territoire: dict[str, list[Commune]] = {}
    for c in communes:
        if c.territoire:
            par_territoire.setdefault(c.territoire, []).append(c)
    insee, alerte_insee = charger_insee(data_dir, ids)
    return Donnees(territoires, ti_doc, departements, region, limites, tuple(communes), manifest, tuple(sources),
                   tuple(laureats), services, tuple(financements),
                   commune={c.code: c for c in communes},
                   # alphabetical, accents aside (the select box of the territory's communes)
                   communes_par_territoire={t: tuple(sorted(cs, key=lambda c: (normaliser(c.nom), c.code)))
                                            for t, cs in par_territoire.items()},
                   insee=insee, alerte_insee=alerte_insee,
                   hors_zone=lire_hors_zone(data_dir / "hors_zone.json"))


def lire_contours_communes(path: Path, codes: set[str]) -> dict[str, dict]:
    """Commune outlines (TopoJSON, see tableau.logique.topojson): code -> GeoJSON geometry.

    Read on demand only (first selection), not at start-up; DataError when damaged.
    """
    doc = _json(path)
    try:
        if sum(len(a) for a in doc["arcs"]) > regles.MAX_SOMMETS_FICHIER:
            raise DataError(f"{path.name} : contours anormalement détaillés.")
        contours = topojson.decoder(doc)
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
