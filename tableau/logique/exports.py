"""Downloadable files for a territory or the whole region (pure: data in, text out).

Every export names its sources and licence: GeoJSON in a top-level "metadonnees"
member (allowed by RFC 7946), CSV in leading '#' lines, the HTML fiche in a footer.
"""
from __future__ import annotations

import csv
import html
import io
import json

from tableau.logique import format as fmt, panneau, programme
from tableau.logique.donnees import Donnees

LICENCE = "Licence Ouverte / Etalab 2.0 pour les données publiques sources"


def sources(d: Donnees) -> list[dict]:
    """Sources behind the territories' figures, from the manifest (one line per producer)."""
    vus, out = set(), []
    for s in d.manifest["sources"]:
        cle = s.get("citation") or s["producteur"]
        if cle in vus or not s["url"].startswith("http"):
            continue
        vus.add(cle)
        out.append({"source": cle, "licence": s["licence"], "url": s["url"]})
    return out


def _metadonnees(d: Donnees, titre: str) -> dict:
    return {"titre": titre, "producteur": "Tableau de bord Territoires d'industrie en Nouvelle-Aquitaine",
            "licence": LICENCE, "sources": sources(d)}


def geojson_territoire(d: Donnees, tid: str) -> str:
    f = next(f for f in d.territoires_geojson["features"] if f["properties"]["id"] == tid)
    doc = {"type": "FeatureCollection", "metadonnees": _metadonnees(d, f"Contour du territoire {f['properties']['nom']}"),
           "features": [f]}
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
    rows = sorted((c for c in d.communes if c["territoire"] == tid), key=lambda c: c["code"])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code_insee", "nom", "departement", "epci_siren", "epci_nom", "population_2026"])
    for c in rows:
        w.writerow([c["code"], c["nom"], c["departement"], c["epci_siren"], c["epci_nom"], c["population"]])
    return _entete_csv(d, f"Communes du territoire {d.territoires[tid]['nom']}") + buf.getvalue()


def avec_entete(d: Donnees, titre: str, texte_csv: str) -> str:
    return _entete_csv(d, titre) + texte_csv


def fiche_html(d: Donnees, tid: str) -> str:
    """A printable one-page summary of the panel, self-contained (no external resource)."""
    e = html.escape
    p = panneau.donnees_panneau(d, tid)
    services = programme.services_pour(d, tid)
    fin = programme.resume_financements(d, tid)
    deps = ", ".join(f"{e(x['nom'])} ({x['code']})" + ("" if x["dans_region"] else ", hors région")
                     for x in p["departements"])
    epci = "".join(f"<tr><td>{e(x['nom'])}</td><td>{x['nb_communes']}</td><td>{fmt.entier(x['population'])}</td></tr>"
                   for x in p["epci"])
    serv = "".join(
        f"<li><strong>{e(s['titre'])}</strong> — {e(', '.join(s['operateurs']))}"
        + "".join(f"<br>{e(m['libelle'])} : {e(fmt.valeur(m['valeur'], m['unite']))} ({e(m['periode'])})"
                  for m in s["montants"])
        + "".join(f"<br><em>Ici :</em> {e(m['texte'])}" for m in s["mentions"]) + "</li>" for s in services)
    lau = "".join(f"<li>{e(x['entreprise'])} ({e(x['commune_2026'])})"
                  + (f" — aide {e(fmt.euros(x['aide_eur']))}" if x["aide_eur"] else "") + "</li>"
                  for x in fin["laureats"]) or "<li>Aucun lauréat documenté dans les sources consultées.</li>"
    refs = {r["url"]: r for s in services for r in s["sources"]}
    src = "".join(f"<li>{e(s['source'])} — {e(s['licence'])} — {e(s['url'])}</li>" for s in sources(d))
    src += "".join(f"<li>{e(r['titre'])} — {e(r['url'])}</li>" for r in refs.values())
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Fiche — {e(p['nom'])}</title>
<style>body{{font:11pt/1.4 sans-serif;max-width:48em;margin:1.5em auto;color:#111}}h1{{font-size:1.6em}}
h2{{font-size:1.15em;margin-top:1.2em;border-bottom:1px solid #999}}table{{border-collapse:collapse}}
td,th{{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}}footer{{font-size:.85em;color:#333}}
@media print{{body{{margin:0}}}}</style></head><body>
<h1>{e(p['nom'])}</h1>
<p>Territoire d'industrie labellisé pour la phase II (2023-2027). Départements : {deps}.</p>
<p>{fmt.entier(p['nb_communes'])} communes · {fmt.entier(p['population'])} habitants (2026) ·
{e(fmt.km2(p['superficie_km2']))} · {fmt.decimal(p['densite'], 0)} hab./km²</p>
<h2>Intercommunalités</h2><table><tr><th>EPCI</th><th>Communes</th><th>Population</th></tr>{epci}</table>
<h2>Services de la phase II</h2><ul>{serv}</ul>
<h2>Lauréats documentés du Fonds d'accélération</h2><ul>{lau}</ul>
<p>{e(_couverture_courte(fin['couverture']))}</p>
<footer><h2>Sources et licence</h2><ul>{src}</ul><p>{e(LICENCE)}.</p></footer>
</body></html>
"""


def _couverture_courte(c: dict) -> str:
    total = f" sur {fmt.entier(c['total_region'])} projets soutenus en région" if c["total_region"] else ""
    return f"Liste partielle : {c['nommes']} lauréats nommés dans la presse{total}."
