"""INSEE "Base comparateur de territoires": per-commune economic counts, mapped to 2026.

Reads INSEE's zip as distributed (two ``;``-separated CSV files), finds each
variable by the pattern of its name (the years are in the names: ``ETBE18``,
``P13_EMPLT``), maps the 2021 commune codes to 2026 communes with the COG,
sums the additive counts and recomputes every ratio from the summed numerators
and denominators. Functions are pure (bytes and mappings in, text out) so the
tests can feed synthetic archives.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from geo import cog, sources, writers
from geo.errors import BuildError
from geo.referentiel import DEPARTEMENTS, TERRITOIRE_IDS

FICHIER_DONNEES = re.compile(r"base_cc_comparateur\.csv", re.I)
FICHIER_META = re.compile(r"meta_base_cc_comparateur\.csv", re.I)
CODE = "CODGEO"
# Commune geography of the edition (1 January of that year, per INSEE's documentation
# of the archive); not in the file itself, so it is set with the archive path.
GEOGRAPHIE = 2021


@dataclass(frozen=True)
class Variable:
    id: str           # stable id used in data/ (does not change with the edition)
    motif: str        # full-match regex on INSEE's variable code; group 1 = 2-digit year
    unite: str
    recensement: bool  # census count: weighted decimals, kept unrounded
    debut: bool = False  # the earliest year of the pattern (base of a change), else the latest


VARIABLES = (
    Variable("etablissements", r"ETTOT(\d\d)", "établissements", False),
    Variable("etablissements_industrie", r"ETBE(\d\d)", "établissements", False),
    Variable("etablissements_10_salaries_plus", r"ETTEFP10(\d\d)", "établissements", False),
    Variable("emplois", r"P(\d\d)_EMPLT", "emplois", True),
    Variable("emplois_debut", r"P(\d\d)_EMPLT", "emplois", True, debut=True),
    Variable("emplois_salaries", r"P(\d\d)_EMPLT_SAL", "emplois", True),
    Variable("actifs_15_64", r"P(\d\d)_ACT1564", "personnes", True),
    Variable("chomeurs_15_64", r"P(\d\d)_CHOM1564", "personnes", True),
    Variable("population", r"P(\d\d)_POP", "habitants", True),
    Variable("population_debut", r"P(\d\d)_POP", "habitants", True, debut=True),
)


@dataclass(frozen=True)
class Ratio:
    id: str
    numerateur: str
    denominateur: str
    formule: str  # "part": 100 * n / d ; "evolution": 100 * (n - d) / d


RATIOS = (
    Ratio("part_industrie", "etablissements_industrie", "etablissements", "part"),
    Ratio("part_10_salaries_plus", "etablissements_10_salaries_plus", "etablissements", "part"),
    Ratio("evolution_emplois", "emplois", "emplois_debut", "evolution"),
    Ratio("part_salaries", "emplois_salaries", "emplois", "part"),
    Ratio("taux_chomage_rp", "chomeurs_15_64", "actifs_15_64", "part"),
    Ratio("evolution_population", "population", "population_debut", "evolution"),
)

# Published figures the build must find again (INSEE, populations légales 2018,
# population municipale), keyed by the INSEE variable: a new edition is checked
# once its own published figures are added here; until then the manifest says
# the check was not made.
CHIFFRES_PUBLIES = {
    "P18_POP": {"region": 5_979_778, "departements": {"33": 1_601_845}},
}


def ratio(formule: str, n: float, d: float) -> float | None:
    """Ratio in % from summed counts; None when the denominator is zero."""
    if not d:
        return None
    if formule == "part":
        return 100.0 * n / d
    if formule == "evolution":
        return 100.0 * (n - d) / d
    raise ValueError(formule)


def decoder(data: bytes, fichier: str) -> tuple[str, str]:
    """Text and encoding: UTF-8 (with or without BOM), else Windows-1252 (older INSEE files)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as e:
        raise BuildError(f"encodage inconnu (ni UTF-8 ni Windows-1252, octet {e.start})", fichier) from None


def lire_archive(data: bytes, fichier: str) -> dict:
    """{"donnees": (text, encoding, name), "meta": (text, encoding, name)} from the zip bytes."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        noms = zf.namelist()
    except zipfile.BadZipFile:
        raise BuildError("archive zip illisible ou tronquée", fichier) from None
    out = {}
    for cle, motif in (("donnees", FICHIER_DONNEES), ("meta", FICHIER_META)):
        trouves = [n for n in noms if motif.fullmatch(n.rsplit("/", 1)[-1])]
        if len(trouves) != 1:
            raise BuildError(f"l'archive doit contenir un fichier {motif.pattern.replace(chr(92), '')} "
                             f"(trouvé : {', '.join(noms) or 'aucun fichier'})", fichier)
        try:
            brut = zf.read(trouves[0])
        except (zipfile.BadZipFile, OSError, EOFError) as e:
            raise BuildError(f"{trouves[0]} illisible dans l'archive ({e})", fichier) from None
        texte, enc = decoder(brut, f"{fichier}/{trouves[0]}")
        out[cle] = (texte, enc, trouves[0])
    return out


def _lecteur(texte: str, fichier: str) -> csv.DictReader:
    premiere = texte.split("\n", 1)[0]
    if ";" not in premiere:
        raise BuildError("séparateur « ; » absent de la ligne d'en-tête", fichier, 1)
    return csv.DictReader(io.StringIO(texte, newline=""), delimiter=";")


def trouver_variables(colonnes: Iterable[str], fichier: str) -> dict[str, tuple[str, int]]:
    """Stable id -> (INSEE code, year), found by pattern in the header."""
    colonnes = list(colonnes)
    out = {}
    for v in VARIABLES:
        trouves = sorted((2000 + int(m.group(1)), c) for c in colonnes if (m := re.fullmatch(v.motif, c)))
        if not trouves or (v.debut and len(trouves) < 2):
            forme = re.sub(r"\(\\d\\d\)", "aa", v.motif)
            raise BuildError(f"variable introuvable : aucune colonne de la forme {forme}"
                             + (" pour deux années" if v.debut else ""), fichier, 1)
        annee, code = trouves[0] if v.debut else trouves[-1]
        out[v.id] = (code, annee)
    for r in RATIOS:  # a share mixes no years; a change needs two distinct ones
        an, ad = out[r.numerateur][1], out[r.denominateur][1]
        if (r.formule == "part") != (an == ad):
            raise BuildError(f"années incohérentes pour {r.id} : {out[r.numerateur][0]} et "
                             f"{out[r.denominateur][0]}", fichier, 1)
    return out


def _nombre(valeur: str | None, code: str, commune: str, fichier: str, ligne: int) -> float:
    texte = (valeur or "").strip().replace(",", ".")
    try:
        x = float(texte)
    except ValueError:
        x = math.nan
    if not math.isfinite(x) or x < 0:
        quoi = "absente" if not texte else f"invalide (« {valeur} »)"
        raise BuildError(f"valeur {quoi} pour {code} (commune {commune})", fichier, ligne)
    return x


def lire_meta(texte: str, fichier: str) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """(INSEE code -> (short label, long label), commune code -> name) from the dictionary file."""
    libelles, noms = {}, {}
    for row in _lecteur(texte, fichier):
        code = (row.get("COD_VAR") or "").strip()
        if code == CODE:
            noms[(row.get("COD_MOD") or "").strip()] = (row.get("LIB_MOD") or "").strip()
        elif code and code not in libelles:
            libelles[code] = ((row.get("LIB_VAR") or "").strip(), (row.get("LIB_VAR_LONG") or "").strip())
    return libelles, noms


def _departement(code: str) -> str:
    return code[:3] if code.startswith("97") else code[:2]


def rattacher(texte: str, fichier: str, correspondance: Mapping[str, str], communes: Iterable[str],
              departements: Iterable[str]) -> tuple[dict[str, dict[str, float]], dict, dict]:
    """Sum the rows of the data file per 2026 commune.

    Returns (2026 code -> {variable id: sum}, variables found, mapping report).
    A 2021 code of the départements in scope that the COG cannot map, a missing or
    invalid value, or a 2026 commune left without any row stops the build.
    """
    lecteur = _lecteur(texte, fichier)
    if CODE not in (lecteur.fieldnames or ()):
        raise BuildError(f"colonne {CODE} absente", fichier, 1)
    variables = trouver_variables(lecteur.fieldnames, fichier)
    cibles, deps = set(communes), set(departements)
    lignes, vus = [], {}
    for n, row in enumerate(lecteur, start=2):
        code = (row.get(CODE) or "").strip()
        if code in vus:
            raise BuildError(f"code commune 2021 « {code} » présent deux fois (lignes {vus[code]} et {n})",
                             fichier, n)
        vus[code] = n
        if code in correspondance:
            cible = correspondance[code]
            if cible not in cibles:
                continue
        elif _departement(code) in deps:
            raise BuildError(f"code commune 2021 « {code} » sans correspondance dans le COG 2026", fichier, n)
        else:
            continue  # other départements, municipal districts of Paris, Lyon, Marseille
        lignes.append((code, cible, {vid: _nombre(row.get(c), c, code, fichier, n)
                                     for vid, (c, _) in variables.items()}))
    sommes: dict[str, dict[str, float]] = {}
    origines: dict[str, list[str]] = {}
    for code, cible, valeurs in sorted(lignes, key=lambda x: x[0]):  # fixed order: same sums, same bytes
        acc = sommes.setdefault(cible, dict.fromkeys(valeurs, 0.0))
        for k, x in valeurs.items():
            acc[k] += x
        origines.setdefault(cible, []).append(code)
    sans = sorted(cibles - set(sommes))
    if sans:
        raise BuildError(f"commune(s) 2026 sans valeur INSEE (aucun code 2021 rattaché) : "
                         f"{', '.join(sans[:20])}", fichier)
    fusions = [{"commune": c, "codes_2021": o} for c, o in sorted(origines.items()) if o != [c]]
    rapport = {
        "codes_2021": len(lignes),
        "communes_2026": len(sommes),
        "codes_rattaches_a_une_autre_commune": sum(c != cible for c, cible, _ in lignes),
        "communes_2026_issues_de_plusieurs_codes": sum(len(o) > 1 for o in origines.values()),
        "detail": fusions,
    }
    return sommes, variables, rapport


def agreger(sommes: Mapping[str, Mapping[str, float]], codes: Iterable[str]) -> dict:
    """Summed counts of the given communes, with every ratio from those sums."""
    codes = sorted(codes)
    out = {"communes": len(codes)}
    for v in VARIABLES:
        out[v.id] = sum((sommes[c][v.id] for c in codes), 0.0)
    for r in RATIOS:
        out[r.id] = ratio(r.formule, out[r.numerateur], out[r.denominateur])
    return out


def _nombre_texte(x: float) -> str:
    """Shortest exact text: '12' for whole counts, repr for weighted decimals."""
    return str(int(x)) if x.is_integer() else repr(x)


def _fr(x: float, decimales: int) -> str:
    return f"{x:,.{decimales}f}".replace(",", "\u202f").replace(".", ",")


def controler_chiffres_publies(variables: Mapping, region: Mapping, departements: Mapping,
                               publies: Mapping = CHIFFRES_PUBLIES) -> dict:
    """Compare the population sums with INSEE's published figures (exact to the unit)."""
    code_pop = variables["population"][0]
    attendus = publies.get(code_pop)
    if not attendus:
        return {"variable": code_pop, "verifie": False,
                "motif": "aucun chiffre publié de référence enregistré pour cette édition"}
    paires = [("région", attendus["region"], region["population"])]
    paires += [(f"département {d}", v, departements[d]["population"]) for d, v in attendus["departements"].items()]
    for ou, attendu, trouve in paires:
        if abs(trouve - attendu) >= 0.5:
            raise BuildError(f"{code_pop} {'de la' if ou == 'région' else 'du'} {ou} : {_fr(trouve, 1)} au lieu de "
                             f"{_fr(attendu, 0)} publié par l'INSEE (communes perdues ou comptées deux fois ?)")
    return {"variable": code_pop, "verifie": True, "region": attendus["region"],
            "departements": dict(attendus["departements"])}


def construire(archive: bytes, fichier: str, entries: Iterable[Mapping], communes: list[dict],
               membres: Mapping[str, str], noms_territoires: Mapping[str, str], territoires: Iterable[str],
               deps_cog: Mapping[str, Mapping], region: Mapping, departements: Iterable[str],
               source: Mapping, textes: Mapping, publies: Mapping = CHIFFRES_PUBLIES) -> tuple[dict[str, str], dict]:
    """The whole stage: ({"insee_communes.csv": text, "insee.json": text}, build checks)."""
    departements = tuple(departements)
    lu = lire_archive(archive, fichier)
    texte, enc_donnees, nom_donnees = lu["donnees"]
    sommes, variables, rapport = rattacher(texte, f"{fichier}/{nom_donnees}", cog.code_map_to_2026(entries),
                                           [c["code"] for c in communes], departements)
    meta, noms_2021 = lire_meta(lu["meta"][0], f"{fichier}/{lu['meta'][2]}")
    for f in rapport["detail"]:
        f["noms_2021"] = [noms_2021.get(c, "") for c in f["codes_2021"]]

    dep_de = {c["code"]: c["departement"] for c in communes}
    par_dep = {d: agreger(sommes, [c for c in sommes if dep_de[c] == d]) for d in departements}
    deps_region = [d for d in departements if deps_cog[d]["region"] == region["code"]]
    agr_region = agreger(sommes, [c for c in sommes if dep_de[c] in deps_region])
    agr_ti = {t: agreger(sommes, [c for c, tt in membres.items() if tt == t]) for t in territoires}
    controle_pop = controler_chiffres_publies(variables, agr_region, par_dep, publies)

    ids = [v.id for v in VARIABLES]
    lignes = [dict(code=c, **{k: _nombre_texte(sommes[c][k]) for k in ids}) for c in sorted(sommes)]
    doc = {
        "source": dict(source, fichier_donnees=nom_donnees,
                       encodages={nom_donnees: enc_donnees, lu["meta"][2]: lu["meta"][1]}),
        "variables": {
            v.id: {"code": variables[v.id][0], "annee": variables[v.id][1], "unite": v.unite,
                   "recensement": v.recensement,
                   "libelle": meta.get(variables[v.id][0], ("", ""))[0],
                   "libelle_long": meta.get(variables[v.id][0], ("", ""))[1]}
            for v in VARIABLES},
        "indicateurs": {
            r.id: {"numerateur": r.numerateur, "denominateur": r.denominateur, "formule": r.formule, "unite": "%",
                   "annees": sorted({variables[r.numerateur][1], variables[r.denominateur][1]})}
            for r in RATIOS},
        "rattachement": rapport,
        "territoires": {t: dict(agr_ti[t], nom=noms_territoires[t]) for t in territoires},
        "departements": {d: dict(par_dep[d], nom=deps_cog[d]["nom"], dans_region=d in deps_region)
                         for d in departements},
        "region": dict(agr_region, code=region["code"], nom=region["nom"], departements=deps_region),
        "textes": dict(textes),
    }
    manquantes = sorted(v for v in ids if not doc["variables"][v]["libelle"])
    controles = {"communes": len(sommes), "codes_2021": rapport["codes_2021"],
                 "codes_rattaches_a_une_autre_commune": rapport["codes_rattaches_a_une_autre_commune"],
                 "population_publiee": controle_pop, "variables_sans_libelle": manquantes}
    files = {"insee_communes.csv": writers.csv_text(lignes, ["code", *ids]), "insee.json": writers.json_text(doc)}
    return files, controles


def lire_textes(chemin: Path) -> dict:
    """Project-written notes for the Sources page (what the source does not give)."""
    try:
        doc = json.loads(chemin.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError("fichier absent", str(chemin)) from None
    except json.JSONDecodeError as e:
        raise BuildError(f"JSON illisible ({e.msg}, ligne {e.lineno})", str(chemin)) from None
    nd = doc.get("non_disponible") if isinstance(doc, dict) else None
    if not isinstance(nd, list) or not nd or not all(
            isinstance(x, dict) and isinstance(x.get("sujet"), str) and isinstance(x.get("detail"), str)
            and x["sujet"] and x["detail"] for x in nd):
        raise BuildError("« non_disponible » doit être une liste d'objets {sujet, detail} non vides", str(chemin))
    return doc


def etape(src_dir: Path, entries: list[Mapping], communes: list[dict], membres: Mapping[str, str],
          noms_territoires: Mapping[str, str], deps_cog: Mapping[str, Mapping], region: Mapping,
          contenu_dir: Path) -> tuple[dict[str, str], dict]:
    """Build stage hook: read the archive named in the sources catalogue, return (files, checks)."""
    s = sources.INSEE_COMPARATEUR
    try:
        archive = (src_dir / s.fichier).read_bytes()
    except FileNotFoundError:
        raise BuildError("fichier source absent", str(src_dir / s.fichier)) from None
    source = {"titre": "Base comparateur de territoires", "producteur": s.producteur, "edition": s.millesime,
              "licence": s.licence, "url": s.url, "citation": s.citation, "archive": s.fichier,
              "sha256": hashlib.sha256(archive).hexdigest(), "geographie_communes": GEOGRAPHIE}
    return construire(archive, s.fichier, entries, communes, membres, noms_territoires, TERRITOIRE_IDS,
                      deps_cog, region, DEPARTEMENTS, source, lire_textes(contenu_dir / "insee.json"))
