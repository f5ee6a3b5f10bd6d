"""Catalogue of the raw sources: where each file comes from, its vintage and licence.

Paths are relative to the sources folder (``--sources``). This catalogue feeds the
manifest and, from it, the "Sources et méthode" page.
"""
from __future__ import annotations

from dataclasses import dataclass

from geo.referentiel import DEPARTEMENTS

LICENCE_OUVERTE = "Licence Ouverte / Etalab 2.0"


@dataclass(frozen=True)
class Source:
    fichier: str
    producteur: str
    millesime: str
    licence: str
    url: str
    role: str
    citation: str = ""  # short form shown next to figures in the UI
    # Official origin of data taken from a repackaging (title, URL): shown beside ``url`` so a
    # reader sees who produces the data, not only where the file was downloaded.
    origine: tuple[tuple[str, str], ...] = ()


_ADMIN_EXPRESS = dict(
    producteur="IGN — ADMIN EXPRESS COG (conversion et simplification : projet france-geojson)",
    millesime="2018",
    licence=LICENCE_OUVERTE,
    url="https://geoservices.ign.fr/adminexpress",
)

_COMMUNE_FILES = {
    "16": "charente", "17": "charente-maritime", "19": "correze", "23": "creuse", "24": "dordogne",
    "33": "gironde", "40": "landes", "47": "lot-et-garonne", "64": "pyrenees-atlantiques",
    "65": "hautes-pyrenees", "79": "deux-sevres", "86": "vienne", "87": "haute-vienne",
}
assert tuple(sorted(_COMMUNE_FILES)) == DEPARTEMENTS


def commune_geometry_file(dep: str) -> str:
    return f"admin-express-cog-2018/communes-{dep}-{_COMMUNE_FILES[dep]}.geojson"


_DECOUPAGE = dict(
    producteur="INSEE (COG 2026, populations légales), DGCL (EPCI 2026) — paquet Etalab "
               "@etalab/decoupage-administratif 6.0.0",
    millesime="2026",
    licence=LICENCE_OUVERTE,
)
_DECOUPAGE_URL = "https://www.npmjs.com/package/@etalab/decoupage-administratif/v/6.0.0#data/"
# The producers' pages, as the package itself cites them (its README, section "Sources",
# github.com/datagouv/decoupage-administratif).
COG_INSEE = ("INSEE, Code officiel géographique (COG)", "https://insee.fr/fr/information/2560452")
POPULATIONS_INSEE = ("INSEE, Populations légales", "https://www.insee.fr/fr/statistiques/3677855")
EPCI_DGCL = ("DGCL, Liste et composition des EPCI à fiscalité propre",
             "https://www.collectivites-locales.gouv.fr/liste-et-composition-des-epci-a-fiscalite-propre")

COMMUNES_COG = Source("cog-2026/communes.json", url=_DECOUPAGE_URL + "communes.json",
                      role="communes 2026, anciens codes, populations, codes postaux",
                      citation="INSEE, COG et populations légales 2026",
                      origine=(COG_INSEE, POPULATIONS_INSEE), **_DECOUPAGE)
EPCI = Source("cog-2026/epci.json", url=_DECOUPAGE_URL + "epci.json",
              role="appartenance des communes aux EPCI à fiscalité propre",
              citation="DGCL, EPCI au 1er janvier 2026", origine=(EPCI_DGCL,), **_DECOUPAGE)
DEPARTEMENTS_COG = Source("cog-2026/departements.json", url=_DECOUPAGE_URL + "departements.json",
                          role="noms et régions des départements", origine=(COG_INSEE,), **_DECOUPAGE)
REGIONS_COG = Source("cog-2026/regions.json", url=_DECOUPAGE_URL + "regions.json",
                     role="nom de la région", origine=(COG_INSEE,), **_DECOUPAGE)
MEMBERSHIP = Source(
    "anct-ti-2026/ti_communes_na_2026.csv",
    producteur="ANCT — Territoires d'industrie, liste des communes couvertes (phase 2023-2027)",
    millesime="version du 2026-08-21",
    licence=LICENCE_OUVERTE,
    url="https://www.data.gouv.fr/fr/datasets/5fc1472f114718d419e42f8a/",
    role="appartenance des communes aux 16 territoires",
    citation="ANCT, liste des communes des Territoires d'industrie (version du 21 août 2026)",
)
LAUREATS = Source(
    "fonds-acceleration/laureats_fonds_acceleration_na.csv",
    producteur="Articles de presse régionale, relevés par le projet (une source par ligne)",
    millesime="annonces 2020-2021",
    licence="faits publiés, cités avec leur source",
    url="par ligne",
    role="lauréats nommés du Fonds d'accélération des investissements industriels (liste partielle)",
    citation="presse régionale (liste partielle des lauréats)",
)
INSEE_COMPARATEUR = Source(
    "insee-comparateur-2022/base_cc_comparateur_csv.zip",
    producteur="INSEE",
    millesime="2022",
    licence=LICENCE_OUVERTE,
    url="https://www.insee.fr/fr/statistiques/2521169",
    role="établissements, emplois, actifs, chômeurs et population par commune (codes 2021)",
    citation="INSEE, Base comparateur de territoires (édition 2022)",
)
DEPARTEMENTS_IGN = Source("admin-express-cog-2018/departements.geojson",
                          role="contrôle des surfaces départementales reconstruites", **_ADMIN_EXPRESS)
REGION_IGN = Source("admin-express-cog-2018/region-nouvelle-aquitaine.geojson",
                    role="contrôle de la surface régionale reconstruite", **_ADMIN_EXPRESS)
COMMUNE_GEOMETRIES = tuple(
    Source(commune_geometry_file(d), role=f"contours des communes (département {d})",
           citation="IGN, ADMIN EXPRESS COG 2018", **_ADMIN_EXPRESS)
    for d in DEPARTEMENTS
)

ALL = (COMMUNES_COG, EPCI, DEPARTEMENTS_COG, REGIONS_COG, MEMBERSHIP, LAUREATS, DEPARTEMENTS_IGN, REGION_IGN,
       *COMMUNE_GEOMETRIES, INSEE_COMPARATEUR)


if __name__ == "__main__":  # python -m geo.sources: fetch and check the raw sources (see geo.recuperation)
    import sys

    from geo import recuperation
    sys.exit(recuperation.main())
