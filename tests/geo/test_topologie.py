"""TopoJSON encoding of a coverage: shared edges stored once, exact round trip."""
import json

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box, mapping, shape

from geo import topologie


def _carre_perce():
    # A square with a hole, the hole being another commune (an enclave).
    return shapely.Polygon(box(0, 0, 3, 3).exterior.coords, [box(1, 1, 2, 2).exterior.coords])


COUVERTURE = {
    "A": _carre_perce(),
    "B": box(1, 1, 2, 2),                                       # enclave inside A
    "C": box(3, 0, 5, 3),                                       # shares A's east edge
    "D": shapely.MultiPolygon([box(5, 0, 6, 1), box(7, 0, 8, 1)]),  # touches C, plus an island
}


def _topo(coverage=COUVERTURE, decimales=4):
    # Oriented as the pipeline writes them (RFC 7946): a hole runs the other way round.
    return topologie.encoder(((k, mapping(shapely.orient_polygons(g, exterior_cw=False)))
                              for k, g in coverage.items()), decimales)


def test_round_trip_is_exact():
    out = topologie.decoder(_topo())
    assert set(out) == set(COUVERTURE)
    for k, g in COUVERTURE.items():
        assert shape(out[k]).normalize().equals_exact(g.normalize(), 0)
        assert shape(out[k]).geom_type == g.geom_type


def test_shared_edges_are_stored_once():
    topo = _topo()
    # Edges: the enclave ring (shared by A and B) is one closed arc used both ways.
    geoms = {g["id"]: g for g in topo["objects"]["communes"]["geometries"]}
    trou_a, contour_b = geoms["A"]["arcs"][1], geoms["B"]["arcs"][0]
    assert len(trou_a) == len(contour_b) == 1
    assert trou_a[0] == ~contour_b[0] or contour_b[0] == ~trou_a[0]  # same arc, opposite ways
    # A's east edge x=3 is one arc referenced by A forwards and by C backwards (or the reverse).
    refs_a = {r if r >= 0 else ~r for r in geoms["A"]["arcs"][0]}
    refs_c = {r if r >= 0 else ~r for r in geoms["C"]["arcs"][0]}
    assert len(refs_a & refs_c) == 1
    # Every arc is used; total vertices below what two-sided storage would need.
    used = {r if r >= 0 else ~r for g in geoms.values()
            for rings in (g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]) for ring in rings for r in ring}
    assert used == set(range(len(topo["arcs"])))


def test_arcs_are_integer_deltas_on_the_grid():
    topo = _topo(decimales=2)
    assert topo["transform"]["scale"] == [0.01, 0.01]
    assert all(isinstance(v, int) for a in topo["arcs"] for p in a for v in p)


def test_gdal_reads_the_same_shapes(tmp_path):
    chemin = tmp_path / "c.topojson"
    chemin.write_text(json.dumps(_topo()), encoding="utf-8")
    lu = gpd.read_file(chemin).set_index("id")
    for k, g in COUVERTURE.items():
        assert lu.geometry[k].normalize().equals_exact(g.normalize(), 1e-9)


def test_non_polygon_is_refused():
    with pytest.raises(ValueError, match="non surfacique"):
        topologie.encoder([("x", mapping(shapely.Point(0, 0)))], 4)


def test_ecarts_vide_quand_sans_perte_et_nomme_la_commune_sinon():
    topo = _topo()
    assert topologie.ecarts(topo, COUVERTURE) == []
    autre = dict(COUVERTURE, C=box(3, 0, 5, 4))
    assert topologie.ecarts(topo, autre) == ["C"]
    assert topologie.ecarts(topo, dict(COUVERTURE, E=box(9, 9, 10, 10))) == ["E"]
