"""``python -m geo.build``: rebuild ``data/`` from the raw sources, atomically.

``build`` runs named stages, each a small function of the previous ones' results:
read the reference (COG), the membership and the laureates, the written content,
map the 2018 polygons to 2026 communes, derive the layers, check them, then turn
everything into file texts. A new stage is one function and one line in ``build``.
Everything is written into a temporary folder next to the output, checked, then
swapped in (geo.sortie); on any error the existing ``data/`` is left as it was.

Over 250 lines on purpose: the stages sit side by side so the whole flow reads in one
file; each step's logic lives in its own module (cog, membership, geometry...).
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyproj
import shapely

from geo import (cog, composition, contenu, geometry, horszone, insee, laureats, lecture, membership, rapport,
                 sortie, sources, topologie, writers)
from geo.errors import BuildError
from geo.referentiel import DEPARTEMENTS, REGION_CODE, TERRITOIRE_IDS
from tableau.logique import donnees
from tableau.logique.modele import DataError

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
    horszone.FICHIER: "noms des communes 2026 hors des 13 départements, par département, et noms de tous les "
                      "départements : « Ma commune » dit qu'une commune est hors de la zone couverte",
}
COLONNES_COMMUNES = ["code", "nom", "departement", "epci_siren", "epci_nom", "population", "territoire",
                     "codes_postaux", "lon", "lat", "territoire_proche", "distance_km"]


# --- reading the sources ----------------------------------------------------
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


@dataclass(frozen=True)
class Referentiel:
    """COG 2026: raw entries, EPCI, départements and regions, current communes in scope."""
    entries: list
    epcis: list
    deps_cog: dict
    regions: dict
    communes: list[dict]

    @property
    def codes(self) -> list[str]:
        return [c["code"] for c in self.communes]


@dataclass(frozen=True)
class Appartenance:
    membres: dict[str, str]  # commune code -> territory id
    noms: dict[str, str]     # territory id -> name as spelled by ANCT


def _read_json(src_dir: Path, source: sources.Source):
    return lecture.lire_json(src_dir, source.fichier)[0]


def lire_referentiel(src_dir: Path) -> Referentiel:
    entries, text = lecture.lire_json(src_dir, sources.COMMUNES_COG.fichier)
    if not isinstance(entries, list):
        raise BuildError("une liste de communes est attendue", sources.COMMUNES_COG.fichier)
    probleme = cog.probleme_entrees(entries)
    if probleme:  # lines are found only then: a second pass over 13 MB
        index, message, autre = probleme
        lignes = lecture.lignes_des_elements(text)
        raise BuildError(message + (f" (déjà ligne {lignes[autre]})" if autre is not None else ""),
                         sources.COMMUNES_COG.fichier, lignes[index])
    return Referentiel(entries=entries, epcis=_read_json(src_dir, sources.EPCI),
                       deps_cog={d["code"]: d for d in _read_json(src_dir, sources.DEPARTEMENTS_COG)},
                       regions={r["code"]: r for r in _read_json(src_dir, sources.REGIONS_COG)},
                       communes=cog.communes_actuelles(entries, DEPARTEMENTS))


def lire_appartenance(src_dir: Path, ref: Referentiel) -> Appartenance:
    return Appartenance(*membership.read_membership(lecture.lire_texte(src_dir, sources.MEMBERSHIP.fichier),
                                                    ref.codes))


def composer(ref: Referentiel, app: Appartenance) -> tuple[list[dict], dict[str, dict]]:
    """The communes table (without the geometric columns yet) and each territory's composition."""
    rows = composition.communes_table(ref.communes, cog.epci_par_commune(ref.epcis), app.membres)
    return rows, composition.compositions(rows, app.noms, cog.epci_sizes(ref.epcis))


def lire_laureats(src_dir: Path, ref: Referentiel, app: Appartenance, log) -> list[dict]:
    rows = laureats.rapprocher(lecture.lire_texte(src_dir, sources.LAUREATS.fichier),
                               laureats.index_noms(ref.entries, DEPARTEMENTS), {c["code"]: c for c in ref.communes},
                               app.membres)
    for r in rows:
        if r["rapprochement"] != "rapprochée":
            log(f"lauréat non rapproché : {r['entreprise']} ({r['commune_publiee'] or '?'}, "
                f"{r['departement'] or '?'}) — {r['rapprochement']}")
    return rows


def lire_contenu(contenu_dir: Path) -> tuple[dict, list[dict]]:
    """The project's written content: services document and ledger of published figures."""
    try:
        return contenu.construire(contenu_dir, TERRITOIRE_IDS)
    except contenu.ContenuInvalide as e:
        raise BuildError(str(e), "geo/contenu") from None


# --- geometry ---------------------------------------------------------------
def communes_2026(src_dir: Path, ref: Referentiel, app: Appartenance, log) -> gpd.GeoDataFrame:
    """2018 polygons mapped to 2026 communes (metric CRS), with territory and département."""
    polygons = _read_polygons(src_dir).to_crs(geometry.METRIC_CRS)
    com = geometry.communes_2026(polygons, cog.code_map_to_2026(ref.entries), ref.codes)
    com["territoire"] = com["code"].map(app.membres)
    com["departement"] = com["code"].map({c["code"]: c["departement"] for c in ref.communes})
    log(f"géométrie : {len(polygons)} polygones 2018 -> {len(com)} communes 2026")
    return com


@dataclass(frozen=True)
class Couches:
    """Layers in the metric CRS: areas come from the exact coverage, shapes from the simplified one."""
    surfaces: dict[str, float]   # territory id -> km², unsimplified
    proximite: dict[str, dict]   # commune code -> representative point, nearest territory, distance
    communes: gpd.GeoDataFrame   # simplified coverage
    territoires: gpd.GeoDataFrame
    departements: gpd.GeoDataFrame
    region: gpd.GeoDataFrame
    lignes: gpd.GeoDataFrame     # boundaries to draw once: départements, region outline


def deriver_couches(com: gpd.GeoDataFrame, ref: Referentiel) -> Couches:
    territoires_exacts = geometry.dissolve(com[com["territoire"].notna()], "territoire")
    surfaces = dict(zip(territoires_exacts["territoire"], geometry.area_km2(territoires_exacts)))
    proximite = geometry.points_et_proximite(com, territoires_exacts, "territoire", DECIMALES)
    simple = geometry.simplify_coverage(com, TOLERANCE_M)
    geometry.check_geometries(simple, "code", fichier="communes simplifiées")
    territoires = geometry.dissolve(simple[simple["territoire"].notna()], "territoire")
    departements = geometry.dissolve(simple, "departement")
    in_region = simple["departement"].map(lambda d: ref.deps_cog[d]["region"] == REGION_CODE)
    region = geometry.dissolve(simple[in_region].assign(r=REGION_CODE), "r")
    missing = sorted(set(TERRITOIRE_IDS) - set(territoires["territoire"]))
    if missing:
        raise BuildError(f"territoire(s) manquant(s) : {', '.join(missing)}")
    dans_region = [d for d in DEPARTEMENTS if ref.deps_cog[d]["region"] == REGION_CODE]
    lignes_deps, ligne_region = geometry.limites(departements, "departement", dans_region, region.geometry.iloc[0])
    lignes = gpd.GeoDataFrame({"type": ["departements", "region"]}, geometry=[lignes_deps, ligne_region],
                              crs=geometry.METRIC_CRS)
    return Couches(surfaces, proximite, simple, territoires, departements, region, lignes)


def controler(src_dir: Path, comps: dict[str, dict], couches: Couches, log) -> dict:
    """Checks recorded in the manifest: partial EPCI, rebuilt areas against IGN's."""
    controles = {"epci_partiels": composition.epci_partiels(comps),
                 "ecarts_surface_pct": _check_areas(src_dir, couches.departements, couches.region)}
    for e in controles["epci_partiels"]:
        log(f"EPCI partiellement inclus : {e['nom']} ({e['siren']}), {e['communes_dans_territoire']} "
            f"communes sur {e['communes_epci']} dans {e['territoire']}")
    return controles


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


def couches_de_sortie(couches: Couches) -> dict[str, gpd.GeoDataFrame]:
    """Layers rounded in WGS84, each checked before and after rounding."""
    out = {}
    for name, frame, key in (("communes", couches.communes, "code"),
                             ("territoires", couches.territoires, "territoire"),
                             ("departements", couches.departements, "departement"),
                             ("region", couches.region, "r")):
        geometry.check_geometries(frame, key, fichier=name)
        rounded = geometry.to_output(frame, DECIMALES)
        geometry.check_geometries(rounded, key, fichier=f"{name}.geojson")
        out[name] = rounded
    out["limites"] = geometry.to_output(couches.lignes, DECIMALES)
    # Overlap check on the final, rounded shapes, measured back in metres.
    geometry.check_no_overlap(out["territoires"].to_crs(geometry.METRIC_CRS), "territoire",
                              MAX_OVERLAP_M2, "territoires.geojson")
    return out


# --- file texts ---------------------------------------------------------------
def textes_geographiques(ref: Referentiel, comps: dict[str, dict], couches: Couches,
                         arrondies: dict[str, gpd.GeoDataFrame]) -> dict[str, str]:
    ti_geoms = dict(zip(arrondies["territoires"]["territoire"], arrondies["territoires"].geometry))
    dep_geoms = dict(zip(arrondies["departements"]["departement"], arrondies["departements"].geometry))
    deps_cog = ref.deps_cog
    return {
        "territoires.geojson": writers.feature_collection(
            ((dict(comps[t], superficie_km2=couches.surfaces[t]), ti_geoms[t]) for t in TERRITOIRE_IDS),
            DECIMALES),
        "communes.topojson": _topologie_communes(arrondies["communes"]),
        "departements.geojson": writers.feature_collection(
            (({"code": d, "nom": deps_cog[d]["nom"], "region": deps_cog[d]["region"],
               "dans_region": deps_cog[d]["region"] == REGION_CODE,
               "liaison": cog.liaison(deps_cog[d], sources.DEPARTEMENTS_COG.fichier)}, dep_geoms[d])
             for d in DEPARTEMENTS),
            DECIMALES),
        "region.geojson": writers.feature_collection(
            [({"code": REGION_CODE, "nom": ref.regions[REGION_CODE]["nom"]}, arrondies["region"].geometry.iloc[0])],
            DECIMALES),
        "limites.geojson": writers.feature_collection(
            (({"type": t}, g) for t, g in zip(arrondies["limites"]["type"], arrondies["limites"].geometry)), DECIMALES),
    }


def _topologie_communes(communes: gpd.GeoDataFrame) -> str:
    # Only the code: names and populations live once, in communes.csv.
    contours = dict(zip(communes["code"], communes.geometry))
    topo = topologie.encoder(((c, shapely.geometry.mapping(g)) for c, g in contours.items()), DECIMALES)
    ecarts = topologie.ecarts(topo, contours)
    if ecarts:
        raise BuildError(f"la topologie des communes ne redonne pas leurs contours : {', '.join(ecarts[:10])}",
                         "communes.topojson")
    return writers.json_compact(topo)


def textes_tabulaires(rows: list[dict], couches: Couches, laureats_rows: list[dict], services_doc: dict,
                      ledger: list[dict]) -> dict[str, str]:
    return {
        "communes.csv": writers.csv_text((dict(r, **couches.proximite[r["code"]]) for r in rows),
                                         COLONNES_COMMUNES),
        "laureats.csv": writers.csv_text(laureats_rows, laureats.SORTIE),
        "services.json": writers.json_text(services_doc),
        "financements.csv": writers.csv_text(ledger, contenu.COLONNES_LEDGER),
    }


def controle_laureats(laureats_rows: list[dict]) -> dict:
    return {
        "lignes": len(laureats_rows),
        "rapprochees": sum(r["rapprochement"] == "rapprochée" for r in laureats_rows),
        "non_rapprochees": [{"entreprise": r["entreprise"], "commune_publiee": r["commune_publiee"],
                             "departement": r["departement"], "motif": r["rapprochement"]}
                            for r in laureats_rows if r["rapprochement"] != "rapprochée"],
    }


def indicateurs_insee(src_dir: Path, ref: Referentiel, app: Appartenance, contenu_dir: Path
                      ) -> tuple[dict[str, str], dict]:
    """INSEE comparateur counts per 2026 commune and per area (geo.insee): files and checks."""
    return insee.etape(src_dir, ref.entries, ref.communes, app.membres, app.noms, ref.deps_cog,
                       ref.regions[REGION_CODE], contenu_dir)


def build(src_dir: Path, log=print, contenu_dir: Path = contenu.DOSSIER) -> dict[str, str]:
    """Run every stage and return {file name: text}; raises BuildError on bad input."""
    t0 = time.perf_counter()
    ref = lire_referentiel(src_dir)
    app = lire_appartenance(src_dir, ref)
    rows, comps = composer(ref, app)
    laureats_rows = lire_laureats(src_dir, ref, app, log)
    services_doc, ledger = lire_contenu(contenu_dir)
    log(f"référentiel : {len(ref.communes)} communes, {len(app.membres)} dans les territoires "
        f"({time.perf_counter() - t0:.1f} s)")

    com = communes_2026(src_dir, ref, app, log)
    couches = deriver_couches(com, ref)
    controles = controler(src_dir, comps, couches, log)
    arrondies = couches_de_sortie(couches)

    files = {**textes_geographiques(ref, comps, couches, arrondies),
             **textes_tabulaires(rows, couches, laureats_rows, services_doc, ledger)}
    controles["laureats"] = controle_laureats(laureats_rows)
    insee_files, controles["insee"] = indicateurs_insee(src_dir, ref, app, contenu_dir)
    files.update(insee_files)
    files[horszone.FICHIER] = writers.json_text(horszone.hors_zone(ref.entries, ref.deps_cog, DEPARTEMENTS))
    files["manifest.json"] = writers.json_text(_manifest(src_dir, files, controles, contenu_dir))
    log(f"construction terminée en {time.perf_counter() - t0:.1f} s")
    return files


def _versions() -> dict[str, str]:
    libs = {name: metadata.version(name) for name in ("geopandas", "numpy", "pandas", "pyogrio",
                                                      "pyproj", "shapely")}
    libs["GEOS"] = ".".join(map(str, shapely.geos_version))
    libs["PROJ"] = pyproj.proj_version_str
    return libs


def _manifest(src_dir: Path, files: dict[str, str], controles: dict, contenu_dir: Path) -> dict:
    return {
        "description": "Fichiers dérivés du tableau de bord Territoires d'industrie en Nouvelle-Aquitaine, "
                       "produits par « python -m geo.build ».",
        "sources": [
            {
                "fichier": s.fichier, "producteur": s.producteur, "millesime": s.millesime,
                "licence": s.licence, "url": s.url, "role": s.role, "citation": s.citation,
                "origine": [{"titre": t, "url": u} for t, u in s.origine],
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


def controle_application(dossier: Path) -> None:
    """The app's own loader and rules (tableau.logique.regles) on the files about to be
    published: a build never publishes what the app would refuse."""
    try:
        d = donnees.charger(dossier)
        donnees.lire_contours_communes(dossier / "communes.topojson", set(d.commune))
    except DataError as e:
        raise BuildError(f"les fichiers produits seraient refusés par le tableau de bord : {e}") from None


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
        sortie.verifier_sortie(args.out, args.sources)  # before a 10 s build, and again when writing
        files = build(args.sources)
        precedente = rapport.lire_precedente(args.out)
        sortie.ecrire(files, args.out, src_dir=args.sources, controle=controle_application)
    except sortie.SortieRefusee as e:
        print(f"Erreur : dossier de sortie refusé : {e}", file=sys.stderr)
        return 2
    except sortie.EcritureImpossible as e:
        print(f"Erreur : {e}", file=sys.stderr)
        return 1
    except BuildError as e:
        print(f"Erreur dans les sources : {e}", file=sys.stderr)
        print(f"Rien n'a été écrit ; {args.out} est inchangé.", file=sys.stderr)
        return 1
    for name, text in sorted(files.items()):
        print(f"  {name:24s} {len(text.encode('utf-8')) / 1024:8.1f} Ko")
    print("\n".join(rapport.rapport(precedente, files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
