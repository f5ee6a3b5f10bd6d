"""``python -m geo.build``: rebuild ``data/`` from the raw sources, atomically.

Everything is written into a temporary folder next to the output, checked, then
swapped in; on any error the existing ``data/`` is left as it was.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyproj
import shapely

from geo import cog, composition, contenu, geometry, insee, laureats, membership, sources, topologie, writers
from geo.errors import BuildError
from geo.referentiel import DEPARTEMENTS, REGION_CODE, TERRITOIRE_IDS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = ROOT.parent / "shared" / "data" / "sources"
DEFAULT_OUT = ROOT / "data"

# Coverage simplification tolerance for the regional layers, in metres: keeps a
# ~650 km² territory (Agenais) recognisable while the files stay under 150 KB.
TOLERANCE_M = 300.0
DECIMALES = 4  # ~8 m in longitude, ~11 m in latitude: below the simplification error
MAX_OVERLAP_M2 = 1.0  # floating-point noise only
MAX_AREA_GAP = 0.03  # rebuilt vs IGN département areas

OUTPUTS = {
    "territoires.geojson": "les 16 territoires (contours simplifiés, composition, population, surface)",
    "communes.csv": "les communes 2026 des 13 départements, EPCI, population, territoire, codes postaux, point "
                    "représentatif, territoire le plus proche et distance (km) pour les communes hors territoire",
    "departements.geojson": "les 12 départements de la région et les Hautes-Pyrénées",
    "region.geojson": "le contour de la région Nouvelle-Aquitaine",
    "communes.topojson": "les contours simplifiés des communes 2026 des 13 départements (couche chargée à la "
                        "demande : commune trouvée, communes du territoire choisi)",
    "limites.geojson": "les limites à dessiner sur la carte, chacune une fois : départements, contour régional",
    "services.json": "offre de services de la phase II et chiffres du programme, avec leurs références",
    "financements.csv": "registre des montants et indicateurs publiés (national, région, territoire), sourcés",
    "laureats.csv": "lauréats nommés du Fonds d'accélération, rapprochés de leur commune 2026 et territoire",
    "insee_communes.csv": "effectifs INSEE (établissements, emplois, actifs, chômeurs, population) par commune 2026",
    "insee.json": "indicateurs INSEE par territoire, département et région : variables, années, rattachement",
}


def _read_json(src_dir: Path, source: sources.Source):
    path = src_dir / source.fichier
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        raise BuildError("fichier source absent", str(path)) from None
    except json.JSONDecodeError as e:
        raise BuildError(f"JSON illisible ({e.msg}, ligne {e.lineno})", source.fichier) from None


def _read_polygons(src_dir: Path) -> gpd.GeoDataFrame:
    frames = []
    for src in sources.COMMUNE_GEOMETRIES:
        path = src_dir / src.fichier
        if not path.exists():
            raise BuildError("fichier source absent", str(path))
        try:
            frame = gpd.read_file(path)
        except Exception as e:  # pyogrio raises several types for a damaged file
            raise BuildError(f"GeoJSON illisible ({e})", src.fichier) from None
        if "code" not in frame.columns:
            raise BuildError("propriété « code » absente", src.fichier)
        frame = frame[["code", "geometry"]].assign(fichier=src.fichier)
        frames.append(frame.set_crs(geometry.WGS84, allow_override=frame.crs is None))
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=geometry.WGS84)


def _versions() -> dict[str, str]:
    libs = {name: metadata.version(name) for name in ("geopandas", "numpy", "pandas", "pyogrio",
                                                      "pyproj", "shapely")}
    libs["GEOS"] = ".".join(map(str, shapely.geos_version))
    libs["PROJ"] = pyproj.proj_version_str
    return libs


def build(src_dir: Path, log=print, contenu_dir: Path = contenu.DOSSIER) -> dict[str, str]:
    """Run every step and return {file name: text}; raises BuildError on bad input."""
    t0 = time.perf_counter()
    entries = _read_json(src_dir, sources.COMMUNES_COG)
    epcis = _read_json(src_dir, sources.EPCI)
    deps_cog = {d["code"]: d for d in _read_json(src_dir, sources.DEPARTEMENTS_COG)}
    regions = {r["code"]: r for r in _read_json(src_dir, sources.REGIONS_COG)}

    communes = cog.communes_actuelles(entries, DEPARTEMENTS)
    codes = [c["code"] for c in communes]
    try:
        text = (src_dir / sources.MEMBERSHIP.fichier).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildError("fichier source absent", str(src_dir / sources.MEMBERSHIP.fichier)) from None
    membres, noms = membership.read_membership(text, codes)
    rows = composition.communes_table(communes, cog.epci_par_commune(epcis), membres)
    comps = composition.compositions(rows, noms, cog.epci_sizes(epcis))
    try:
        text_laureats = (src_dir / sources.LAUREATS.fichier).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildError("fichier source absent", str(src_dir / sources.LAUREATS.fichier)) from None
    laureats_rows = laureats.rapprocher(text_laureats, laureats.index_noms(entries, DEPARTEMENTS),
                                        {c["code"]: c for c in communes}, membres)
    for r in laureats_rows:
        if r["rapprochement"] != "rapprochée":
            log(f"lauréat non rapproché : {r['entreprise']} ({r['commune_publiee'] or '?'}, "
                f"{r['departement'] or '?'}) — {r['rapprochement']}")
    try:
        services_doc, ledger = contenu.construire(contenu_dir, TERRITOIRE_IDS)
    except contenu.ContenuInvalide as e:
        raise BuildError(str(e), "geo/contenu") from None
    log(f"référentiel : {len(communes)} communes, {len(membres)} dans les territoires "
        f"({time.perf_counter() - t0:.1f} s)")

    polygons = _read_polygons(src_dir).to_crs(geometry.METRIC_CRS)
    com = geometry.communes_2026(polygons, cog.code_map_to_2026(entries), codes)
    com["territoire"] = com["code"].map(membres)
    com["departement"] = com["code"].map({c["code"]: c["departement"] for c in communes})
    log(f"géométrie : {len(polygons)} polygones 2018 -> {len(com)} communes 2026 "
        f"({time.perf_counter() - t0:.1f} s)")

    # Areas from the unsimplified coverage; shapes from the simplified one.
    in_ti = com[com["territoire"].notna()]
    territoires_exacts = geometry.dissolve(in_ti, "territoire")
    surfaces = dict(zip(territoires_exacts["territoire"], geometry.area_km2(territoires_exacts)))
    proximite = geometry.points_et_proximite(com, territoires_exacts, "territoire", DECIMALES)
    rows = [dict(r, **proximite[r["code"]]) for r in rows]
    simple = geometry.simplify_coverage(com, TOLERANCE_M)
    geometry.check_geometries(simple, "code", fichier="communes simplifiées")
    territoires = geometry.dissolve(simple[simple["territoire"].notna()], "territoire")
    departements = geometry.dissolve(simple, "departement")
    region = geometry.dissolve(
        simple[simple["departement"].map(lambda d: deps_cog[d]["region"] == REGION_CODE)].assign(r=REGION_CODE),
        "r")
    missing = sorted(set(TERRITOIRE_IDS) - set(territoires["territoire"]))
    if missing:
        raise BuildError(f"territoire(s) manquant(s) : {', '.join(missing)}")

    controles = {"epci_partiels": composition.epci_partiels(comps)}
    controles["ecarts_surface_pct"] = _check_areas(src_dir, departements, region)
    for e in controles["epci_partiels"]:
        log(f"EPCI partiellement inclus : {e['nom']} ({e['siren']}), {e['communes_dans_territoire']} "
            f"communes sur {e['communes_epci']} dans {e['territoire']}")

    dans_region = [d for d in DEPARTEMENTS if deps_cog[d]["region"] == REGION_CODE]
    lignes_deps, ligne_region = geometry.limites(departements, "departement", dans_region, region.geometry.iloc[0])
    lignes = gpd.GeoDataFrame({"type": ["departements", "region"]}, geometry=[lignes_deps, ligne_region],
                              crs=geometry.METRIC_CRS)

    out_layers = {}
    for name, frame, key in (("communes", simple, "code"),
                             ("territoires", territoires, "territoire"),
                             ("departements", departements, "departement"),
                             ("region", region, "r")):
        geometry.check_geometries(frame, key, fichier=name)
        out = geometry.to_output(frame, DECIMALES)
        geometry.check_geometries(out, key, fichier=f"{name}.geojson")
        out_layers[name] = out
    lignes_out = geometry.to_output(lignes, DECIMALES)
    # Overlap check on the final, rounded shapes, measured back in metres.
    geometry.check_no_overlap(out_layers["territoires"].to_crs(geometry.METRIC_CRS), "territoire",
                              MAX_OVERLAP_M2, "territoires.geojson")

    files = {}
    ti_geoms = dict(zip(out_layers["territoires"]["territoire"], out_layers["territoires"].geometry))
    files["territoires.geojson"] = writers.feature_collection(
        ((dict(comps[t], superficie_km2=surfaces[t]), ti_geoms[t]) for t in TERRITOIRE_IDS), DECIMALES)
    files["communes.csv"] = writers.csv_text(rows, ["code", "nom", "departement", "epci_siren", "epci_nom",
                                                    "population", "territoire", "codes_postaux", "lon", "lat",
                                                    "territoire_proche", "distance_km"])
    # Only the code: names and populations live once, in communes.csv.
    contours = dict(zip(out_layers["communes"]["code"], out_layers["communes"].geometry))
    topo = topologie.encoder(((c, shapely.geometry.mapping(g)) for c, g in contours.items()), DECIMALES)
    ecarts = topologie.ecarts(topo, contours)
    if ecarts:
        raise BuildError(f"la topologie des communes ne redonne pas leurs contours : {', '.join(ecarts[:10])}",
                         "communes.topojson")
    files["communes.topojson"] = writers.json_compact(topo)
    dep_geoms = dict(zip(out_layers["departements"]["departement"], out_layers["departements"].geometry))
    files["departements.geojson"] = writers.feature_collection(
        (({"code": d, "nom": deps_cog[d]["nom"], "region": deps_cog[d]["region"],
           "dans_region": deps_cog[d]["region"] == REGION_CODE}, dep_geoms[d]) for d in DEPARTEMENTS),
        DECIMALES)
    files["region.geojson"] = writers.feature_collection(
        [({"code": REGION_CODE, "nom": regions[REGION_CODE]["nom"]}, out_layers["region"].geometry.iloc[0])],
        DECIMALES)
    files["laureats.csv"] = writers.csv_text(laureats_rows, laureats.SORTIE)
    files["services.json"] = writers.json_text(services_doc)
    files["financements.csv"] = writers.csv_text(ledger, contenu.COLONNES_LEDGER)
    controles["laureats"] = {
        "lignes": len(laureats_rows),
        "rapprochees": sum(r["rapprochement"] == "rapprochée" for r in laureats_rows),
        "non_rapprochees": [{"entreprise": r["entreprise"], "commune_publiee": r["commune_publiee"],
                             "departement": r["departement"], "motif": r["rapprochement"]}
                            for r in laureats_rows if r["rapprochement"] != "rapprochée"],
    }
    files["limites.geojson"] = writers.feature_collection(
        (({"type": t}, g) for t, g in zip(lignes_out["type"], lignes_out.geometry)), DECIMALES)
    insee_files, controles["insee"] = insee.etape(src_dir, entries, communes, membres, noms, deps_cog,
                                                  regions[REGION_CODE], contenu_dir)
    files.update(insee_files)
    files["manifest.json"] = writers.json_text(_manifest(src_dir, files, controles, contenu_dir))
    log(f"construction terminée en {time.perf_counter() - t0:.1f} s")
    return files


def _check_areas(src_dir: Path, departements: gpd.GeoDataFrame, region: gpd.GeoDataFrame) -> dict[str, float]:
    """Rebuilt département and region areas must match IGN's own layers: a large
    gap means communes were lost or doubled on the way. Returns gaps in %."""
    def ign_areas(source: sources.Source, codes) -> dict[str, float]:
        ign = gpd.read_file(src_dir / source.fichier).set_crs(geometry.WGS84, allow_override=True)
        if "code" not in ign.columns:  # the region file carries no code
            ign["code"] = REGION_CODE
        ign = ign[ign["code"].isin(codes)].to_crs(geometry.METRIC_CRS)
        return dict(zip(ign["code"], ign.geometry.area))

    pairs = [(sources.DEPARTEMENTS_IGN, departements, "departement"), (sources.REGION_IGN, region, "r")]
    gaps = {}
    for source, rebuilt, key in pairs:
        ref = ign_areas(source, list(rebuilt[key]))
        for code, geom in zip(rebuilt[key], rebuilt.geometry):
            if code not in ref:
                raise BuildError(f"{code} absent de la couche de contrôle", source.fichier)
            gap = abs(geom.area - ref[code]) / ref[code]
            if gap > MAX_AREA_GAP:
                raise BuildError(f"surface de {code} reconstruite à {gap:.1%} de celle de l'IGN", source.fichier)
            gaps[code if key == "departement" else "region-" + code] = round(gap * 100, 2)
    return gaps


def _manifest(src_dir: Path, files: dict[str, str], controles: dict, contenu_dir: Path) -> dict:
    return {
        "description": "Fichiers dérivés du tableau de bord Territoires d'industrie en Nouvelle-Aquitaine, "
                       "produits par « python -m geo.build ».",
        "sources": [
            {
                "fichier": s.fichier, "producteur": s.producteur, "millesime": s.millesime,
                "licence": s.licence, "url": s.url, "role": s.role, "citation": s.citation,
                "sha256": writers.sha256_file(src_dir / s.fichier),
            }
            for s in sources.ALL
        ],
        "contenu": [
            {"fichier": f"geo/contenu/{name}", "sha256": writers.sha256_file(contenu_dir / name),
             "role": "rédigé par le projet d'après les références citées (phase II, financements)"}
            for name in ("references.json", "services.json", "financements.csv", "insee.json")
        ],
        "bibliotheques": _versions(),
        "parametres": {"tolerance_simplification_m": TOLERANCE_M, "decimales": DECIMALES,
                       "crs_calcul": geometry.METRIC_CRS, "crs_sortie": geometry.WGS84},
        "controles": controles,
        "sorties": [
            {"fichier": name, "description": OUTPUTS[name], "octets": len(text.encode("utf-8")),
             "sha256": writers.sha256_text(text)}
            for name, text in sorted(files.items())
        ],
    }


def write_atomically(files: dict[str, str], out_dir: Path) -> None:
    """Write all files into a sibling temp folder, then swap it in for ``out_dir``."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8", newline="\n")
        os.chmod(tmp, 0o755)
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            os.rename(out_dir, old)
        os.rename(tmp, out_dir)
        if old:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.build", description=__doc__)
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES,
                        help="dossier des sources brutes (défaut : ../shared/data/sources)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="dossier de sortie (défaut : data/)")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        print(f"Erreur : dossier des sources introuvable : {args.sources}", file=sys.stderr)
        return 2
    try:
        files = build(args.sources)
    except BuildError as e:
        print(f"Erreur dans les sources : {e}", file=sys.stderr)
        print(f"Rien n'a été écrit ; {args.out} est inchangé.", file=sys.stderr)
        return 1
    write_atomically(files, args.out)
    for name, text in sorted(files.items()):
        print(f"  {name:24s} {len(text.encode('utf-8')) / 1024:8.1f} Ko")
    return 0


if __name__ == "__main__":
    sys.exit(main())
