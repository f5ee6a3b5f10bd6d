"""Downloadable files for a territory or the whole region (pure: data in, text out).

Every export names its sources and licence: GeoJSON in a top-level "metadonnees"
member (allowed by RFC 7946), CSV in "sources" and "licence" columns (the register's
rows carry their own source), the HTML fiche in a footer.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import jinja2
import markupsafe

from tableau.logique import croquis, format as fmt, panneau, programme, tissu
from tableau.logique.contenu import COLONNES_LEDGER
from tableau.logique.modele import Donnees, Laureat, LigneFinancement

LICENCE = "Licence Ouverte / Etalab 2.0 pour les données publiques sources"
# The printable fiche: a Jinja2 template, every value escaped (autoescape).
_GABARITS = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "gabarits"),
                               autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
_GABARITS.filters.update(entier=fmt.entier, decimal=fmt.decimal, km2=fmt.km2, valeur=fmt.valeur, euros=fmt.euros,
                         date=fmt.date)


def _cellule(v) -> str | int:
    """French spreadsheet cells: decimal comma for every float (also 88.0 -> '88,0', so a
    column of floats stays one of floats), empty for None."""
    if v is None:
        return ""
    if isinstance(v, float):  # + 0.0: a value rounded to zero from below is 0,0, not -0,0
        return repr(v + 0.0).replace(".", ",")
    return v


def ecrire_csv(entete: Sequence[str], lignes: Iterable[Sequence]) -> str:
    """The one CSV writer of the app, for French spreadsheets (Excel, LibreOffice in French):
    UTF-8 with a BOM (else Excel reads Latin-1), ';' separator (',' is the decimal mark),
    decimal comma, the header on the first line, \n line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(entete)
    w.writerows([_cellule(v) for v in ligne] for ligne in lignes)
    return "\ufeff" + buf.getvalue()


def sources(d: Donnees, fichiers: Sequence[str] | None = None) -> list[dict]:
    """Sources behind the territories' figures, from the manifest (one line per producer), or
    only those of ``fichiers``. The official origin of a repackaged source ("origine": the
    producers' pages, e.g. INSEE's COG) is given beside the address the file was taken from ("url")."""
    par_cle: dict[str, dict] = {}
    for s in d.sources:
        cle = s.citation or s.producteur
        if not s.url.startswith("http") or (fichiers is not None and s.fichier not in fichiers):
            continue
        ligne = par_cle.setdefault(cle, {"source": cle, "licence": s.licence, "url": s.url, "origine": []})
        ligne["origine"] += [{"titre": t, "url": u} for t, u in s.origine
                             if all(o["url"] != u for o in ligne["origine"])]
    return list(par_cle.values())


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


def colonnes_sources(d: Donnees, fichiers: Sequence[str] | None = None) -> tuple[str, str]:
    """The 'sources' and 'licence' cells repeated on each row of a CSV export: a file
    copied alone, or a row pasted elsewhere, still says where it comes from."""
    return " | ".join(_source_texte(s) for s in sources(d, fichiers)), LICENCE


def _source_texte(s: dict) -> str:
    if not s["origine"]:
        return f"{s['source']} — {s['url']}"
    return (f"{s['source']} — " + " ; ".join(f"{o['titre']} : {o['url']}" for o in s["origine"])
            + f" (fichier repris de {s['url']})")


COLONNES_COMMUNES = ("code_insee", "nom", "departement", "codes_postaux", "epci_siren", "epci_nom",
                     "population_2026", "territoire_id", "territoire", "sources", "licence")


# The sources of the communes file's columns only (the INSEE indicators and IGN outlines were
# named on each of 561 rows: 866 kB for Lacq – Pau – Tarbes).
SOURCES_CSV_COMMUNES = ("cog-2026/communes.json", "cog-2026/epci.json", "anct-ti-2026/ti_communes_na_2026.csv")


def csv_communes(d: Donnees, tid: str) -> str:
    rows = sorted(d.communes_par_territoire.get(tid, ()), key=lambda c: c.code)
    nom, meta = d.territoires[tid].nom, colonnes_sources(d, SOURCES_CSV_COMMUNES)
    return ecrire_csv(COLONNES_COMMUNES, ([c.code, c.nom, c.departement, ", ".join(c.codes_postaux), c.epci_siren,
                                          c.epci_nom, c.population, tid, nom, *meta] for c in rows))


# Each row of the register is a figure published by its own source (public pages, press):
# Etalab's licence, which covers public data, was claimed for press articles too.
LICENCE_REGISTRE = ("chiffre publié par la source nommée sur la ligne (source_titre, source_url), "
                    "repris avec sa référence")


def csv_registre(lignes: Iterable[LigneFinancement]) -> str:
    """Ledger rows in the columns of financements.csv, each with its source and what may be done with it."""
    return ecrire_csv([*COLONNES_LEDGER, "licence"],
                      ([*(getattr(r, c) for c in COLONNES_LEDGER), LICENCE_REGISTRE] for r in lignes))


COLONNES_LAUREATS = ("entreprise", "commune_publiee", "departement", "code_commune", "commune_2026",
                     "territoire_id", "territoire", "projet", "aide_eur", "taille", "date_annonce", "sources",
                     "rapprochement", "licence")
LICENCE_LAUREATS = "faits publiés dans la presse, cités avec leur source (liste partielle)"


def csv_laureats(d: Donnees, lignes: Iterable[Laureat]) -> str:
    """The laureates shown, in the columns of laureats.csv (an empty amount: not published),
    each with its articles, and what may be done with them."""
    return ecrire_csv(COLONNES_LAUREATS, ([
        r.entreprise, r.commune_publiee, r.departement, r.code_commune, r.commune_2026, r.territoire or "",
        d.territoires[r.territoire].nom if r.territoire else "", r.projet, r.aide_eur, r.taille, r.date_annonce,
        " | ".join(r.sources), r.rapprochement, LICENCE_LAUREATS] for r in lignes))


def date_des_donnees(d: Donnees) -> str:
    """The vintage of each source behind the territory's figures, from the manifest:
    'périmètre : version du 21 août 2026 ; communes et populations : 2026 ; ...'."""
    parts = []
    for fichier, quoi in panneau.SOURCES_TERRITOIRE:
        if s := d.source(fichier):
            parts.append(f"{quoi} : {fmt.dates_dans(s.millesime)}")
    return " ; ".join(parts)


def fiche_html(d: Donnees, tid: str) -> str:
    """A printable one-page (A4) summary of the panel, self-contained (no external resource
    is loaded: the locator map is inline SVG; the links are links)."""
    services = programme.services_pour(d, tid)
    fin = programme.resume_financements(d, tid)
    references = {r["url"]: r for s in services for r in s["sources"]}
    return _GABARITS.get_template("fiche.html").render(
        p=panneau.donnees_panneau(d, tid), services=services, laureats=fin["laureats"],
        couverture=fin["couverture"], sources=sources(d), references=list(references.values()), licence=LICENCE,
        croquis=markupsafe.Markup(croquis.svg(d, tid)), date_donnees=date_des_donnees(d), tissu=_tissu(d, tid))


def _tissu(d: Donnees, tid: str) -> dict | None:
    """The panel's « Tissu économique » rows for the fiche (its sources list the INSEE: the
    figures were missing), or None without them."""
    comptes = d.insee.doc["territoires"].get(tid) if d.insee else None
    if comptes is None:
        return None
    doc = d.insee.doc
    return {"region": doc["region"].get("nom", "Région"), "source": tissu.mention_source(doc),
            "lignes": tissu.cellules(doc, comptes)}
