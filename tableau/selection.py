"""Reading a selection out of streamlit-folium's return value."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

RETURNED_OBJECTS = ["last_active_drawing", "last_object_clicked_count"]


def clic_territoire(retour: Mapping | None, dernier_compte: int, ids: Iterable[str]) -> tuple[str | None, int]:
    """(territory id clicked since ``dernier_compte``, new click count).

    streamlit-folium keeps returning the last clicked feature on every rerun; only a
    click count that moved means a new click. Features without a known ``id`` (a
    département outline, say) select nothing.
    """
    if not retour:
        return None, dernier_compte
    compte = retour.get("last_object_clicked_count") or 0
    if not isinstance(compte, int) or compte == dernier_compte:
        return None, dernier_compte
    feature = retour.get("last_active_drawing") or {}
    props = feature.get("properties") if isinstance(feature, Mapping) else None
    tid = props.get("id") if isinstance(props, Mapping) else None
    return (tid if tid in set(ids) else None), compte
