"""Unit tests of each pipeline step, on small synthetic fixtures."""
import geopandas as gpd
import pytest
from shapely.geometry import LineString, Polygon, box

from geo import cog, composition, geometry, membership, writers
from geo.errors import BuildError
from geo.referentiel import TERRITOIRE_IDS, slugify

L93 = "EPSG:2154"


# --- référentiel -----------------------------------------------------------
@pytest.mark.parametrize("name, slug", [
    ("Angoulême – Cognac", "angouleme-cognac"),
    ("Bordeaux métropole Bassin d’Arcachon nord", "bordeaux-metropole-bassin-d-arcachon-nord"),
    ("Lacq - Pau - Tarbes", "lacq-pau-tarbes"),
    ("Niortais – Haut Val de Sèvre", "niortais-haut-val-de-sevre"),
    ("  Rochefort Royan Marennes Oléron ", "rochefort-royan-marennes-oleron"),
])
def test_slugify_gives_the_stable_ids(name, slug):
    assert slugify(name) == slug
    assert slug in TERRITOIRE_IDS


# --- COG: old codes to 2026 ------------------------------------------------
COG = [
    {"code": "79001", "type": "commune-actuelle", "departement": "79", "nom": "Nouvelle", "population": 900,
     "anciensCodes": ["79002", "79003"], "codesPostaux": ["79200"]},
    {"code": "79001", "type": "commune-deleguee", "chefLieu": "79001", "nom": "Ancienne A"},
    {"code": "79002", "type": "commune-deleguee", "chefLieu": "79001", "nom": "Ancienne B"},
    {"code": "79004", "type": "commune-associee", "chefLieu": "79005", "nom": "Associée"},
    {"code": "79005", "type": "commune-actuelle", "departement": "79", "nom": "Centre", "population": 50},
    # merged twice: 79009 went into 79008, itself merged into 79007
    {"code": "79007", "type": "commune-actuelle", "departement": "79", "nom": "Grande", "population": 10,
     "anciensCodes": ["79008"]},
    {"code": "79008", "type": "commune-deleguee", "chefLieu": "79009"},
    {"code": "79009", "type": "commune-deleguee", "chefLieu": "79007"},
    {"code": "33001", "type": "commune-actuelle", "departement": "33", "nom": "Ailleurs", "population": 1},
]


def test_code_map_follows_old_codes_delegated_and_chains():
    m = cog.code_map_to_2026(COG)
    assert m["79001"] == "79001"          # current code of a commune nouvelle
    assert m["79002"] == "79001"          # former code via anciensCodes
    assert m["79003"] == "79001"          # former code with no entry of its own
    assert m["79004"] == "79005"          # associated commune via chefLieu
    assert m["79009"] == "79007"          # chain resolved to a current commune
    assert "99999" not in m


def test_communes_actuelles_filters_departements_and_sorts():
    rows = cog.communes_actuelles(COG, ["79"])
    assert [r["code"] for r in rows] == ["79001", "79005", "79007"]
    assert rows[0]["codes_postaux"] == ["79200"]


def test_communes_actuelles_rejects_missing_population():
    with pytest.raises(BuildError, match="population absente ou invalide pour la commune 79005"):
        cog.communes_actuelles([dict(COG[4], population=None)], ["79"])


def test_epci_membership_and_double_membership():
    epcis = [{"code": "200000001", "nom": "CC Un", "membres": [{"code": "79001"}, {"code": "79005"}]}]
    assert cog.epci_par_commune(epcis)["79005"] == ("200000001", "CC Un")
    assert cog.epci_sizes(epcis) == {"200000001": 2}
    with pytest.raises(BuildError, match="79005 appartient à deux EPCI"):
        cog.epci_par_commune(epcis + [{"code": "200000002", "nom": "CC Deux", "membres": [{"code": "79005"}]}])


# --- ANCT membership -------------------------------------------------------
def _membership_csv(rows):
    return "insee_com,lib_ti\n" + "".join(f"{c},{n}\n" for c, n in rows)


TWO = ("agenais", "pays-basque")


def test_membership_valid():
    membres, noms = membership.read_membership(
        _membership_csv([("47001", "Agenais"), ("64001", "Pays Basque")]), ["47001", "64001"], territoires=TWO)
    assert membres == {"47001": "agenais", "64001": "pays-basque"}
    assert noms["pays-basque"] == "Pays Basque"


@pytest.mark.parametrize("rows, message", [
    ([("47001", "Agenais"), ("64999", "Pays Basque")],
     r"f\.csv, ligne 3 : code commune « 64999 » inconnu du COG 2026 ou hors des départements traités"),
    ([("47001", "Agenais"), ("64001", "Pays Basque Sud")],
     r"f\.csv, ligne 3 : territoire « Pays Basque Sud » inconnu"),
    ([("47001", "Agenais")], r"f\.csv : territoire\(s\) sans aucune commune : pays-basque"),
    ([("47001", "Agenais"), ("47001", "Pays Basque"), ("64001", "Pays Basque")],
     r"ligne 3 : la commune 47001 est rattachée à deux territoires"),
])
def test_membership_errors_name_file_and_row(rows, message):
    with pytest.raises(BuildError, match=message):
        membership.read_membership(_membership_csv(rows), ["47001", "64001"], fichier="f.csv", territoires=TWO)


def test_membership_missing_column():
    with pytest.raises(BuildError, match="colonnes manquantes : lib_ti"):
        membership.read_membership("insee_com\n47001\n", ["47001"], territoires=TWO)


# --- geometry --------------------------------------------------------------
def _polys(rows, crs=L93):
    return gpd.GeoDataFrame({"code": [r[0] for r in rows], "fichier": "communes-79.geojson"},
                            geometry=[r[1] for r in rows], crs=crs)


def test_merged_communes_dissolve_into_one_2026_commune():
    polys = _polys([("79001", box(0, 0, 10, 10)), ("79002", box(10, 0, 20, 10)), ("79005", box(0, 10, 20, 20))])
    out = geometry.communes_2026(polys, cog.code_map_to_2026(COG), ["79001", "79005"])
    assert list(out["code"]) == ["79001", "79005"]
    merged = out.geometry.iloc[0]
    assert merged.geom_type == "Polygon" and merged.area == pytest.approx(200)
    assert merged.equals(box(0, 0, 20, 10))  # the inner border is gone


def test_polygon_with_unknown_2018_code_is_an_error():
    polys = _polys([("79001", box(0, 0, 1, 1)), ("12345", box(1, 0, 2, 1))])
    with pytest.raises(BuildError, match=r"communes-79\.geojson : la commune 2018 12345 ne correspond à aucune"):
        geometry.communes_2026(polys, cog.code_map_to_2026(COG), ["79001"])


def test_commune_without_geometry_is_an_error():
    polys = _polys([("79001", box(0, 0, 1, 1))])
    with pytest.raises(BuildError, match=r"1 commune\(s\) 2026 sans géométrie : 79005"):
        geometry.communes_2026(polys, cog.code_map_to_2026(COG), ["79001", "79005"])


def test_invalid_and_empty_geometries_are_errors():
    bowtie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    invalide = r"communes-79\.geojson : géométrie invalide pour code=79001 \(Self-intersection"
    with pytest.raises(BuildError, match=invalide):
        geometry.communes_2026(_polys([("79001", bowtie)]), cog.code_map_to_2026(COG), ["79001"])
    with pytest.raises(BuildError, match="géométrie vide pour code=79001"):
        geometry.communes_2026(_polys([("79001", Polygon())]), cog.code_map_to_2026(COG), ["79001"])
    with pytest.raises(BuildError, match="géométrie non surfacique pour code=79001"):
        geometry.communes_2026(_polys([("79001", LineString([(0, 0), (1, 1)]))]), cog.code_map_to_2026(COG),
                               ["79001"])


def _wiggly_neighbours():
    """Two squares of 10 km sharing a zig-zag border (teeth of 50 m)."""
    border = [(10_000, y) if (y // 500) % 2 == 0 else (10_050, y) for y in range(0, 10_001, 500)]
    west = Polygon([(0, 0)] + border + [(0, 10_000)])
    east = Polygon([(20_000, 0), (20_000, 10_000)] + border[::-1])
    return gpd.GeoDataFrame({"code": ["w", "e"]}, geometry=[west, east], crs=L93)


def test_coverage_simplification_keeps_neighbours_gap_free():
    frame = _wiggly_neighbours()
    simple = geometry.simplify_coverage(frame, 200)
    w, e = simple.geometry
    before = sum(len(g.exterior.coords) for g in frame.geometry)
    after = sum(len(g.exterior.coords) for g in simple.geometry)
    assert after < before / 3                               # the border was simplified...
    assert w.intersection(e).area == pytest.approx(0, abs=1e-6)  # ...with no overlap
    assert w.union(e).symmetric_difference(box(0, 0, 20_000, 10_000)).area < 1e-6  # ...and no gap
    assert w.touches(e)


def test_simplification_refuses_degrees():
    with pytest.raises(ValueError, match="métrique"):
        geometry.simplify_coverage(_wiggly_neighbours().to_crs("EPSG:4326"), 200)


def test_dissolve_and_overlap_check():
    frame = gpd.GeoDataFrame({"t": ["a", "a", "b"]},
                             geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)], crs=L93)
    out = geometry.dissolve(frame, "t")
    assert list(out["t"]) == ["a", "b"] and out.geometry.iloc[0].area == pytest.approx(2)
    geometry.check_no_overlap(out, "t")  # touching is fine
    overlapping = gpd.GeoDataFrame({"t": ["a", "b"]}, geometry=[box(0, 0, 2, 1), box(1, 0, 3, 1)], crs=L93)
    with pytest.raises(BuildError, match="a et b se chevauchent sur 1 m²"):
        geometry.check_no_overlap(overlapping, "t", max_area_m2=0.5)


def test_area_is_computed_in_lambert93():
    square = gpd.GeoDataFrame(geometry=[box(400_000, 6_400_000, 410_000, 6_410_000)], crs=L93)
    assert geometry.area_km2(square.to_crs("EPSG:4326")) == [pytest.approx(100.0, abs=0.1)]


def test_output_is_wgs84_rounded_and_counter_clockwise():
    square = gpd.GeoDataFrame({"k": ["x"]}, geometry=[box(400_000, 6_400_000, 410_000, 6_410_000).reverse()],
                              crs=L93)
    out = geometry.to_output(square, 4)
    ring = out.geometry.iloc[0].exterior
    assert ring.is_ccw
    assert all(round(c, 4) == c for xy in ring.coords for c in xy)


# --- composition -----------------------------------------------------------
def test_compositions_flag_partial_epci_and_sum_population():
    rows = composition.communes_table(
        [{"code": "19001", "nom": "A", "departement": "19", "population": 100},
         {"code": "23001", "nom": "B", "departement": "23", "population": 40},
         {"code": "23002", "nom": "C", "departement": "23", "population": 60}],
        {"19001": ("E1", "CC Haute"), "23001": ("E1", "CC Haute"), "23002": ("E2", "CC Creuse")},
        {"23001": "creuse-industrie", "23002": "creuse-industrie"})
    comps = composition.compositions(rows, {"creuse-industrie": "Creuse Industrie"}, {"E1": 2, "E2": 1})
    c = comps["creuse-industrie"]
    assert (c["nb_communes"], c["population"], c["departements"]) == (2, 100, ["23"])
    assert c["epci"] == [
        {"siren": "E2", "nom": "CC Creuse", "nb_communes": 1, "population": 60, "nb_communes_epci": 1,
         "partiel": False},
        {"siren": "E1", "nom": "CC Haute", "nb_communes": 1, "population": 40, "nb_communes_epci": 2,
         "partiel": True},
    ]
    assert composition.epci_partiels(comps) == [
        {"territoire": "creuse-industrie", "siren": "E1", "nom": "CC Haute",
         "communes_dans_territoire": 1, "communes_epci": 2}]


def test_territory_commune_without_epci_is_an_error():
    with pytest.raises(BuildError, match="23001 du territoire creuse-industrie n'appartient à aucun EPCI"):
        composition.communes_table([{"code": "23001", "nom": "B", "departement": "23", "population": 1}], {},
                                   {"23001": "creuse-industrie"})


# --- writers ---------------------------------------------
def test_feature_collection_is_deterministic_and_rounded():
    feats = [({"id": "a", "nom": "É"}, box(0.123456, 1, 2, 3))]
    text = writers.feature_collection(feats, 4)
    assert text == writers.feature_collection(feats, 4)
    assert '"nom":"É"' in text and "0.1235" in text and "0.123456" not in text


def test_liaison_des_departements():
    assert cog.liaison({"code": "33", "typeLiaison": 3}, "departements.json") == 3
    for v in (None, "3", 9, -1, True, 3.0):
        with pytest.raises(BuildError, match="typeLiaison") as e:
            cog.liaison({"code": "33", "typeLiaison": v}, "departements.json")
        assert e.value.fichier == "departements.json"
    with pytest.raises(BuildError):
        cog.liaison({"code": "33"}, "departements.json")
