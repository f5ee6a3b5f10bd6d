"""Downloadable files for a territory or the whole region (pure: data in, text out).

Every export names its sources and licence: GeoJSON in a top-level "metadonnees"
member (allowed by RFC 7946), CSV in leading '#' lines, the HTML fiche in a footer.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import jinja2

from tableau.logique import format as fmt, panneau, programme
from tableau.logique.contenu import COLONNES_LEDGER
from tableau.logique.modele import Donnees, LigneFinancement

LICENCE = "Licence Ouverte / Etalab 2.0 pour les données publiques sources"
# The printable fiche: a Jinja2 template, every value escaped (autoescape).
_GABARITS = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "gabarits"),
                               autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
_GABARITS.filters.update(entier=fmt.entier, decimal=fmt.decimal, km2=fmt.km2, valeur=fmt.valeur, euros=fmt.euros)


def ecrire_csv(entete: Sequence[str], lignes: Iterable[Sequence]) -> str:
    """The one CSV writer of the app: a header row, then the rows (UTF-8 text, \\n line ends)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(entete)
    w.writerows(lignes)
    return buf.getvalue()


def sources(d: Donnees) -> list[dict]:
    """Sources behind the territories' figures, from the manifest (one line per producer)."""
    vus, out = set(), []
    for s in d.sources:
        cle = s.citation or s.producteur
        if cle in vus or not s.url.startswith("http"):
            continue
        vus.add(cle)
        out.append({"source": cle, "licence": s.licence, "url": s.url})
    return out


def _metadonnees(d: Donnees, titre: str) -> dict:
    return {"titre": titre, "producteur": "Tableau de bord Territoires d'industrie en Nouvelle-Aquitaine",
            "licence": LICENCE, "sources": sources(d)}


def geojson_territoire(d: Donnees, tid: str) -> str:
    f = next(f for f in d.territoires_geojson["features"] if f["properties"]["id"] == tid)
    doc = {"type": "FeatureCollection",
           "metadonnees": _metadonnees(d, f"Contour du territoire {f['properties']['nom']}"), "features": [f]}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def geojson_region(d: Donnees) -> str:
    doc = {"type": "FeatureCollection",
           "metadonnees": _metadonnees(d, "Les 16 Territoires d'industrie de Nouvelle-Aquitaine (phase II)"),
           "features": d.territoires_geojson["features"]}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def _entete_csv(d: Donnees, titre: str) -> str:
    lignes = [f"# {titre}", f"# Licence : {LICENCE}"]
    lignes += [f"# Source : {s['source']} — {s['url']}" for s in sources(d)]
    return "\n".join(lignes) + "\n"


def csv_communes(d: Donnees, tid: str) -> str:
    rows = sorted(d.communes_par_territoire.get(tid, ()), key=lambda c: c.code)
    texte = ecrire_csv(["code_insee", "nom", "departement", "epci_siren", "epci_nom", "population_2026"],
                       ([c.code, c.nom, c.departement, c.epci_siren, c.epci_nom, c.population] for c in rows))
    return _entete_csv(d, f"Communes du territoire {d.territoires[tid].nom}") + texte


def csv_registre(lignes: Iterable[LigneFinancement]) -> str:
    """Ledger rows in the columns of financements.csv."""
    return ecrire_csv(COLONNES_LEDGER, ([getattr(r, c) for c in COLONNES_LEDGER] for r in lignes))


def avec_entete(d: Donnees, titre: str, texte_csv: str) -> str:
    return _entete_csv(d, titre) + texte_csv


def fiche_html(d: Donnees, tid: str) -> str:
    """A printable one-page summary of the panel, self-contained (no external resource)."""
    services = programme.services_pour(d, tid)
    fin = programme.resume_financements(d, tid)
    references = {r["url"]: r for s in services for r in s["sources"]}
    return _GABARITS.get_template("fiche.html").render(
        p=panneau.donnees_panneau(d, tid), services=services, laureats=fin["laureats"],
        couverture=fin["couverture"], sources=sources(d), references=list(references.values()), licence=LICENCE)
