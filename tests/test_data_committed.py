"""Checks on the committed data alone: they run on any clone, sources or not."""
import csv
import json
from collections import defaultdict
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geo import topologie, writers
from geo.referentiel import DEPARTEMENTS, TERRITOIRE_IDS

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def territoires():
    return json.loads((DATA / "territoires.geojson").read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def communes():
    with open(DATA / "communes.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_sixteen_territories_with_the_stable_ids(territoires):
    assert [f["properties"]["id"] for f in territoires] == list(TERRITOIRE_IDS)


def test_counts_and_populations_equal_the_communes_file(territoires, communes):
    by_ti = defaultdict(list)
    for c in communes:
        by_ti[c["territoire"]].append(c)
    for f in territoires:
        p = f["properties"]
        mine = by_ti[p["id"]]
        assert p["nb_communes"] == len(mine)
        assert p["population"] == sum(int(c["population"]) for c in mine)
        assert p["departements"] == sorted({c["departement"] for c in mine})
        assert sum(e["nb_communes"] for e in p["epci"]) == p["nb_communes"]
        assert sum(e["population"] for e in p["epci"]) == p["population"]
    assert set(by_ti) - {""} == set(TERRITOIRE_IDS)


def test_known_published_facts(territoires):
    p = {f["properties"]["id"]: f["properties"] for f in territoires}
    # ti-lacq-pau-tarbes.com: 11 intercommunalités, ~545 000 habitants, 64 and 65
    assert len(p["lacq-pau-tarbes"]["epci"]) == 11
    assert p["lacq-pau-tarbes"]["departements"] == ["64", "65"]
    assert abs(p["lacq-pau-tarbes"]["population"] - 545_000) < 10_000
    # Haute-Corrèze Communauté: 11 of its 70 communes are in Creuse Industrie
    hcc = [e for e in p["creuse-industrie"]["epci"] if e["siren"] == "200066744"][0]
    assert (hcc["nb_communes"], hcc["nb_communes_epci"], hcc["partiel"]) == (11, 70, True)
    assert 600 < p["agenais"]["superficie_km2"] < 700


def test_communes_file_covers_the_13_departements(communes):
    assert len(communes) == 4762
    assert {c["departement"] for c in communes} == set(DEPARTEMENTS)
    assert len({c["code"] for c in communes}) == len(communes)
    assert all(c["epci_siren"] for c in communes if c["territoire"])


def test_geometries_valid_and_not_overlapping():
    ti = gpd.read_file(DATA / "territoires.geojson").to_crs("EPSG:2154")
    assert ti.is_valid.all() and not ti.is_empty.any()
    left, right = ti.sindex.query(ti.geometry, predicate="intersects")
    for i, j in zip(left, right):
        if i < j:
            assert shapely.intersection(ti.geometry.iloc[i], ti.geometry.iloc[j]).area < 1.0
    deps = gpd.read_file(DATA / "departements.geojson")
    assert list(deps["code"]) == list(DEPARTEMENTS) and deps.is_valid.all()
    assert deps.set_index("code").loc["65", "dans_region"] == False  # noqa: E712 (numpy bool)
    assert deps["dans_region"].sum() == 12


def test_territories_lie_within_their_departements():
    ti = gpd.read_file(DATA / "territoires.geojson").to_crs("EPSG:2154")
    deps = gpd.read_file(DATA / "departements.geojson").to_crs("EPSG:2154").set_index("code")
    for _, row in ti.iterrows():
        union = shapely.union_all(deps.loc[row["departements"]].geometry.values)
        assert row.geometry.difference(union).area / row.geometry.area < 1e-6


@pytest.mark.parametrize("name, budget_kb", [("territoires.geojson", 150), ("departements.geojson", 150),
                                             ("region.geojson", 150), ("limites.geojson", 150),
                                             ("communes.csv", 600), ("communes.topojson", 2048)])
def test_size_budgets(name, budget_kb):
    assert (DATA / name).stat().st_size < budget_kb * 1024


def test_manifest_checksums_match_the_files():
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    outputs = {o["fichier"]: o for o in manifest["sorties"]}
    files = sorted(p.name for p in DATA.iterdir() if p.is_file())
    assert sorted([*outputs, "manifest.json"]) == files  # a file cannot hold its own checksum
    for name, o in outputs.items():
        assert writers.sha256_file(DATA / name) == o["sha256"], name
        assert (DATA / name).stat().st_size == o["octets"]
    for s in manifest["sources"]:
        assert s["url"].startswith("http") or s["url"] == "par ligne"
        assert s["licence"] and s["producteur"] and len(s["sha256"]) == 64


@pytest.fixture(scope="module")
def contours_communes():
    return topologie.decoder(json.loads((DATA / "communes.topojson").read_text(encoding="utf-8")))


def test_commune_outlines_cover_every_commune_of_the_csv(contours_communes, communes):
    assert sorted(contours_communes) == sorted(c["code"] for c in communes)
    geoms = [shapely.geometry.shape(g) for g in contours_communes.values()]
    assert all(g.is_valid and not g.is_empty for g in geoms)


def test_commune_outlines_read_by_gdal_equal_ours(contours_communes):
    lu = gpd.read_file(DATA / "communes.topojson").set_index("id")
    assert len(lu) == len(contours_communes)
    for code in ("64445", "33063", "79049", "17306", "40192"):
        assert lu.geometry[code].equals_exact(shapely.geometry.shape(contours_communes[code]), 1e-9)


def test_commune_outlines_rebuild_each_territory(contours_communes, communes, territoires):
    """Same simplified coverage as the territories: their union is the territory
    (up to the rounding of each layer to the 1e-4 grid)."""
    par_ti = defaultdict(list)
    for c in communes:
        if c["territoire"]:
            par_ti[c["territoire"]].append(shapely.geometry.shape(contours_communes[c["code"]]))
    for f in territoires:
        t = shapely.geometry.shape(f["geometry"])
        union = shapely.union_all(par_ti[f["properties"]["id"]])
        assert union.symmetric_difference(t).area < 1e-5 * t.area, f["properties"]["id"]


def test_commune_point_lies_in_its_outline(contours_communes, communes):
    """The map zooms on the representative point and outlines the commune: they agree
    (the point comes from the exact shape, the outline is simplified at 300 m)."""
    loin = [c["code"] for c in communes
            if not shapely.geometry.shape(contours_communes[c["code"]]).buffer(0.005).contains(
                shapely.Point(float(c["lon"]), float(c["lat"])))]
    assert not loin, loin[:10]
