"""geo.rapport: the change report printed by a rebuild, on synthetic before/after pairs."""
import json

from geo import rapport, writers

COLONNES = ["code", "nom", "departement", "epci_siren", "epci_nom", "population", "territoire"]


def _communes(*rows):
    return writers.csv_text([dict(zip(COLONNES, r)) for r in rows], COLONNES)


def _territoires(*props):
    return json.dumps({"type": "FeatureCollection",
                       "features": [{"type": "Feature", "properties": p, "geometry": None} for p in props]})


def _ti(tid, population, km2, epci):
    return {"id": tid, "population": population, "superficie_km2": km2, "nb_communes": len(epci),
            "epci": [{"siren": s, "nom": n} for s, n in epci]}


LEDGER = ["id", "niveau", "valeur"]

AVANT = {
    "communes.csv": _communes(("47001", "Agen", "47", "E1", "CA Agen", "32000", "agenais"),
                              ("47002", "Bon-Encontre", "47", "E1", "CA Agen", "6000", "agenais"),
                              ("47003", "Ailleurs", "47", "E2", "CC Loin", "100", ""),
                              ("47004", "Fusionnée", "47", "E2", "CC Loin", "50", "")),
    "territoires.geojson": _territoires(_ti("agenais", 38000, 652.5, [("E1", "CA Agen")])),
    "financements.csv": writers.csv_text([{"id": "a", "niveau": "region", "valeur": "88"},
                                          {"id": "b", "niveau": "region", "valeur": "244"}], LEDGER),
    "laureats.csv": writers.csv_text([], ["entreprise", "departement"]),
}
APRES = {
    "communes.csv": _communes(("47001", "Agen", "47", "E1", "CA Agen", "32100", "agenais"),
                              ("47002", "Bon-Encontre", "47", "E1", "CA Agen", "6000", ""),
                              ("47003", "Ailleurs", "47", "E3", "CA Agen Sud", "100", "agenais"),
                              ("47005", "Commune nouvelle", "47", "E2", "CC Loin", "50", "")),
    "territoires.geojson": _territoires(_ti("agenais", 32200, 660.0, [("E1", "CA Agen"), ("E3", "CA Agen Sud")])),
    "financements.csv": writers.csv_text([{"id": "a", "niveau": "region", "valeur": "90"},
                                          {"id": "c", "niveau": "territoire", "valeur": "1"}], LEDGER),
    "laureats.csv": writers.csv_text([{"entreprise": "Usine X", "departement": "47"}], ["entreprise", "departement"]),
}


def test_report_lists_every_kind_of_change():
    assert rapport.rapport(AVANT, APRES) == [
        "Rapport des changements par rapport à la construction précédente :",
        "  communes entrées dans un territoire ou sorties (2) :",
        "    47002 Bon-Encontre quitte agenais",
        "    47003 Ailleurs entre dans agenais",
        "  communes ayant changé d'EPCI (1) :",
        "    47003 Ailleurs : CC Loin (E2) -> CA Agen Sud (E3)",
        "  communes nouvelles au COG (1) :",
        "    47005 Commune nouvelle",
        "  communes disparues du COG (1) :",
        "    47004 Fusionnée",
        "  territoires modifiés (1) :",
        "    agenais : population 38 000 -> 32 200 hab. ; superficie 652,5 -> 660 km² ; communes 1 -> 2 ; "
        "EPCI entrant CA Agen Sud (E3)",
        "  registre des financements : lignes ajoutées (1) :",
        "    c",
        "  registre des financements : lignes supprimées (1) :",
        "    b",
        "  registre des financements : lignes modifiées (1) :",
        "    a : valeur « 88 » -> « 90 »",
        "  lauréats : lignes ajoutées (1) :",
        "    Usine X (47)",
    ]


def test_same_data_reports_no_change():
    assert rapport.rapport(AVANT, dict(AVANT)) == [
        "Rapport des changements : aucun changement dans les communes, territoires, EPCI, financements et lauréats."]


def test_first_build_has_nothing_to_compare(tmp_path):
    assert rapport.lire_precedente(tmp_path / "absent") is None
    assert rapport.rapport(None, APRES) == ["Rapport des changements : pas de construction précédente à comparer."]


def test_long_lists_are_cut_with_a_count():
    rows = [(f"47{i:03d}", f"C{i}", "47", "E1", "CA", "1", "") for i in range(30)]
    moved = [r[:6] + ("agenais",) for r in rows]
    lignes = rapport.changements_communes(
        [dict(zip(COLONNES, r)) for r in rows], [dict(zip(COLONNES, r)) for r in moved])
    assert lignes[0] == "  communes entrées dans un territoire ou sorties (30) :"
    assert len(lignes) == 1 + rapport.MAX_DETAIL + 1 and lignes[-1] == "    … et 10 autres"


def test_rows_sharing_a_key_are_all_counted():
    avant = [{"id": "a", "valeur": "1"}]
    apres = [{"id": "a", "valeur": "1"}, {"id": "a", "valeur": "2"}]
    assert rapport.changements_lignes("registre", avant, apres, lambda r: r["id"]) == [
        "  registre : lignes ajoutées (1) :", "    a #2"]
