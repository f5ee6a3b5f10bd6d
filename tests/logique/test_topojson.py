"""tableau.logique.topojson: decoding the commune outlines (shared arcs, reversed arcs)."""

from tableau.logique import topojson


def test_arc_partage_et_arc_inverse():
    # Two unit squares side by side sharing the arc 0 (x = 1), the right one using it reversed (~0 = -1).
    topo = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
            "arcs": [[[1, 0], [0, 1]], [[1, 1], [-1, 0], [0, -1], [1, 0]], [[1, 0], [1, 0], [0, 1], [-1, 0]]],
            "objects": {"communes": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "id": "a", "arcs": [[0, 1]]},
                {"type": "MultiPolygon", "id": "b", "arcs": [[[2, -1]]]}]}}}
    out = topojson.decoder(topo)
    assert out["a"] == {"type": "Polygon", "coordinates": [[[1, 0], [1, 1], [0, 1], [0, 0], [1, 0]]]}
    assert out["b"] == {"type": "MultiPolygon", "coordinates": [[[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]]]}
