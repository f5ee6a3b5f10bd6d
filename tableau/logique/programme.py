"""Phase II services and funding summaries for one territory (pure functions of the data)."""
from __future__ import annotations

from tableau.logique import format as fmt
from tableau.logique.modele import Donnees, Laureat, LigneFinancement

FA = "Fonds d'accélération des investissements industriels dans les territoires"
# Ledger rows that give the regional context of the acceleration fund, in display order.
CONTEXTE_REGIONAL = ("fa-na-projets", "fa-na-montant", "fa-na-pme", "fa-na-eti", "fa-na-projets-ti", "fa-na-part-ti")


def reference(d: Donnees, cle: str) -> dict:
    return d.services["references"][cle]


def ligne(d: Donnees, ident: str) -> LigneFinancement | None:
    return next((r for r in d.financements if r.id == ident), None)


def _montants(d: Donnees, s: dict) -> list[dict]:
    return [{**m, "ref": reference(d, m["source"])} for m in s.get("montants", [])]


def services_pour(d: Donnees, tid: str | None) -> list[dict]:
    """Services available in ``tid`` (all of them when None): the common offer plus
    those that name the territory; each with its amounts, mentions and sources resolved."""
    out = []
    for s in d.services["services"]:
        mentions = s["portee"].get("mentions", [])
        propres = [m for m in mentions if m["territoire"] == tid] if tid else mentions
        if tid and not s["portee"]["tous"] and not propres:
            continue
        out.append({
            "id": s["id"], "titre": s["titre"], "description": s["description"], "operateurs": s["operateurs"],
            "tous": s["portee"]["tous"],
            "territoires_nommes": sorted({m["territoire"] for m in mentions}),
            "montants": _montants(d, s),
            "mentions": [{**m, "ref": reference(d, m["source"])} for m in propres],
            "sources": [reference(d, k) for k in s["sources"]],
        })
    return out


def laureats_du_territoire(d: Donnees, tid: str) -> list[Laureat]:
    return sorted((r for r in d.laureats if r.territoire == tid), key=lambda r: r.entreprise)


def couverture(d: Donnees) -> dict:
    """How partial the laureate list is: named, located, and the regional total."""
    total = ligne(d, "fa-na-projets")
    return {
        "nommes": len(d.laureats),
        "localises": sum(1 for r in d.laureats if r.code_commune),
        "dans_territoires": sum(1 for r in d.laureats if r.territoire),
        "avec_montant": sum(1 for r in d.laureats if r.aide_eur),
        "total_region": total.valeur if total else None,
    }


def contexte_regional(d: Donnees) -> list:
    """The region-wide lines shown as context (those present in the data)."""
    return [r for i in CONTEXTE_REGIONAL if (r := ligne(d, i))]


def resume_financements(d: Donnees, tid: str) -> dict:
    return {
        "territoire": [r for r in d.financements if r.niveau == "territoire" and r.territoire == tid],
        "laureats": laureats_du_territoire(d, tid),
        "couverture": couverture(d),
    }


def laureats_par_territoire(d: Donnees) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in d.laureats:
        if r.territoire:
            out[r.territoire] = out.get(r.territoire, 0) + 1
    return out


# Aid amounts published for the region or one territory, one per scheme: listed in text, never on
# one chart axis (different perimeters and periods).
MONTANTS_REGIONAUX = ("fa-na-montant", "fv-na-aide", "ri-lpt-pme")


def _barre(libelle: str, valeur: float, unite: str, calcule: bool) -> dict:
    # "etiquette": the value as printed at the end of the bar, in French.
    return {"libelle": libelle, "valeur": valeur, "etiquette": fmt.valeur(valeur, unite), "calcule": calcule}


def repartition_taille(d: Donnees) -> list[dict] | None:
    """Beneficiary companies by size, as published (PME, ETI). Companies, not projects: the
    total of projects is another measure and is not drawn on the same axis."""
    pme, eti = ligne(d, "fa-na-pme"), ligne(d, "fa-na-eti")
    if not (pme and eti) or pme.unite != eti.unite or pme.periode != eti.periode:
        return None
    return [_barre("PME", pme.valeur, pme.unite, False), _barre("ETI", eti.valeur, eti.unite, False)]


def repartition_ti(d: Donnees) -> list[dict] | None:
    """Projects in and out of the territories, one period: the outside count is computed."""
    total, ti = ligne(d, "fa-na-projets"), ligne(d, "fa-na-projets-ti")
    if not (total and ti) or total.unite != ti.unite or total.periode != ti.periode:
        return None
    return [_barre("Dans un Territoire d'industrie", ti.valeur, ti.unite, False),
            _barre("Hors Territoire d'industrie", total.valeur - ti.valeur, ti.unite, True)]


def chiffres_fonds(d: Donnees) -> list[str]:
    """The acceleration fund's published regional figures as sentences (the charts repeat them)."""
    total, montant, ti, part, pme, eti = (ligne(d, i) for i in CONTEXTE_REGIONAL[:1] + (
        "fa-na-montant", "fa-na-projets-ti", "fa-na-part-ti", "fa-na-pme", "fa-na-eti"))
    out = []
    if total:
        out.append(f"{fmt.valeur(total.valeur, total.unite)} soutenus en Nouvelle-Aquitaine sur {total.periode}"
                   + (f", pour {fmt.valeur(montant.valeur, montant.unite)} d'aides" if montant else "") + ".")
    if ti:
        hors = f", {fmt.valeur(total.valeur - ti.valeur, ti.unite)} hors de ces territoires (calcul : total moins " \
               "projets situés dans un territoire)" if total and total.unite == ti.unite else ""
        out.append(f"{fmt.valeur(ti.valeur, ti.unite)} situés dans un Territoire d'industrie{hors}"
                   + (f" ; part publiée : {fmt.valeur(part.valeur, part.unite)} des lauréats" if part else "") + ".")
    if pme and eti:
        out.append(f"Entreprises bénéficiaires : {fmt.valeur(pme.valeur, '')}PME et "
                   f"{fmt.valeur(eti.valeur, '')}ETI ; la source ne détaille pas les autres.")
    return out


def montants_par_dispositif(d: Donnees) -> list[dict]:
    out = []
    for i in MONTANTS_REGIONAUX:
        if r := ligne(d, i):
            portee = "Nouvelle-Aquitaine" if r.niveau == "region" else d.territoires[r.territoire].nom
            out.append({"dispositif": r.dispositif, "portee": portee, "montant_meur": r.valeur,
                        "periode": fmt.date(r.periode), "source": r.source_titre, "url": r.source_url})
    return out


def filtrer_registre(d: Donnees, perimetre: str, dispositifs: list[str]) -> list[LigneFinancement]:
    """perimetre: 'tous', 'national', 'region' or a territory id."""
    rows = list(d.financements)
    if perimetre in ("national", "region"):
        rows = [r for r in rows if r.niveau == perimetre]
    elif perimetre != "tous":
        rows = [r for r in rows if r.niveau == "territoire" and r.territoire == perimetre]
    if dispositifs:
        rows = [r for r in rows if r.dispositif in dispositifs]
    return rows
