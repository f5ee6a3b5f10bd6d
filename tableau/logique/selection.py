"""Reading a selection out of streamlit-folium's return value."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

RETURNED_OBJECTS = ["last_active_drawing", "last_object_clicked_count"]


class Clic(NamedTuple):
    territoire: str | None  # a territory polygon was clicked
    commune: str | None     # a commune of the drill-down layer was clicked
    compte: int             # click count to remember


def _proprietes(retour: Mapping) -> Mapping:
    feature = retour.get("last_active_drawing") or {}
    props = feature.get("properties") if isinstance(feature, Mapping) else None
    return props if isinstance(props, Mapping) else {}


def lire_clic(retour: Mapping | None, dernier_compte: int, ids: Iterable[str],
              codes: Iterable[str] = ()) -> Clic:
    """What was clicked since ``dernier_compte``: a territory (feature with a known
    ``id``), a commune (feature with a known ``code``), or nothing.

    streamlit-folium keeps returning the last clicked feature on every rerun; only a
    click count that moved means a new click. Features of unknown kind select nothing.
    """
    if not retour:
        return Clic(None, None, dernier_compte)
    compte = retour.get("last_object_clicked_count") or 0
    if not isinstance(compte, int) or compte == dernier_compte:
        return Clic(None, None, dernier_compte)
    props = _proprietes(retour)
    tid, code = props.get("id"), props.get("code")
    if isinstance(code, str) and code in set(codes):
        return Clic(None, code, compte)
    return Clic(tid if isinstance(tid, str) and tid in set(ids) else None, None, compte)

