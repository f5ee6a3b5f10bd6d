"""Deterministic writers: same input, same bytes (sorted rows, fixed float format)."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import shapely


def _round_coords(obj, decimals: int):
    if isinstance(obj, (list, tuple)):
        return [_round_coords(o, decimals) for o in obj]
    return round(float(obj), decimals)


def feature_collection(features: Iterable[tuple[Mapping, shapely.Geometry]], decimals: int) -> str:
    """GeoJSON text: one feature per line, compact, UTF-8 names kept readable."""
    lines = []
    for props, geom in features:
        g = shapely.geometry.mapping(geom)
        g = {"type": g["type"], "coordinates": _round_coords(g["coordinates"], decimals)}
        feat = {"type": "Feature", "properties": dict(props), "geometry": g}
        lines.append(json.dumps(feat, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def csv_text(rows: Iterable[Mapping], columns: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return buf.getvalue()


def json_text(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def json_compact(obj) -> str:
    """One line, no spaces: for large machine-read files (key order kept as built)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
