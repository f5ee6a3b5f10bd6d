"""Reading a selection out of the values a client sends: streamlit-folium's return value
and the select boxes. A client may send anything for any widget over the websocket, so
every value is checked here (type, size, known id, consistent with the filter and the
selection) before it touches the state; what fails selects nothing."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import NamedTuple

MAX_LONGUEUR = 100   # ids and codes are short; longer values are not compared at all
MAX_VALEURS = 200    # a multiselect value longer than this is refused whole
# Said when a widget value was refused; never echoes it.
AVIS_VALEUR_INVALIDE = "Une valeur reçue du navigateur n'était pas valide : elle a été ignorée."

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
    if not retour or not isinstance(retour, Mapping):
        return Clic(None, None, dernier_compte)
    compte = retour.get("last_object_clicked_count") or 0
    if not isinstance(compte, int) or isinstance(compte, bool) or compte == dernier_compte:
        return Clic(None, None, dernier_compte)
    props = _proprietes(retour)
    tid, code = props.get("id"), props.get("code")
    if id_connu(code, codes):
        return Clic(None, code, compte)
    return Clic(tid if id_connu(tid, ids) else None, None, compte)


def id_connu(valeur, permis: Iterable[str]) -> bool:
    """``valeur`` is one of ``permis``: a short string, compared only then."""
    if not isinstance(valeur, str) or len(valeur) > MAX_LONGUEUR:
        return False
    return valeur in (permis if isinstance(permis, Collection) else set(permis))


def choix(valeur, permis: Iterable[str]) -> tuple[bool, str | None]:
    """A select box value: (valid, id). None (nothing chosen) or a permitted id is valid;
    anything else (unknown or hidden id, number, NaN, list, long string) is not."""
    if valeur is None:
        return True, None
    if id_connu(valeur, permis):
        return True, valeur
    return False, None


def choix_multiples(valeur, permis: Collection[str]) -> tuple[list[str] | None, bool]:
    """A multiselect value: (permitted values in order without duplicates, something was
    dropped). Not a list of strings, or an absurdly long one: (None, True), i.e. refused whole."""
    if not isinstance(valeur, (list, tuple)) or len(valeur) > MAX_VALEURS:
        return None, True
    gardes = list(dict.fromkeys(v for v in valeur if id_connu(v, permis)))
    return gardes, len(gardes) != len(valeur)
