"""tableau.logique.vue: the map view (centre, zoom) for the region, a territory, a commune."""
import math

import pytest

from tableau.logique import donnees, vue

D = donnees.charger()
DEPS = tuple(D.departements)
CONTOURS = donnees.lire_contours_communes(donnees.DATA_DIR / "communes.topojson", set(D.commune))
COMMUNES = D.commune


# --- view --------------------------------------------------------------------
def test_vue_contient_la_boite():
    box = vue.bbox(f["geometry"] for f in D.region_geojson["features"])
    (lat, lon), zoom = vue.centre_zoom(box)
    assert box[1] < lat < box[3] and box[0] < lon < box[2]
    assert zoom == 6
    agenais = next(f for f in D.territoires_geojson["features"] if f["properties"]["id"] == "agenais")
    assert vue.centre_zoom(vue.bbox([agenais["geometry"]]))[1] > zoom


# --- view on a commune -------------------------------------------------------------------
def _dans(petite, grande):
    return grande[0] <= petite[0] and grande[1] <= petite[1] and petite[2] <= grande[2] and petite[3] <= grande[3]


def etendue(centre: tuple[float, float], zoom: int, largeur_px: int = 520, hauteur_px: int = 560
            ) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) seen at ``centre`` and ``zoom`` (Web Mercator)."""
    lat, lon = centre
    echelle = 256 * 2 ** zoom
    dx = largeur_px / echelle * 360 / 2
    dy = hauteur_px / echelle * 2 * math.pi / 2
    y = vue._merc_y(lat)

    def lat_de(v):
        return math.degrees(math.atan(math.sinh(v)))
    return lon - dx, lat_de(y - dy), lon + dx, lat_de(y + dy)


def test_etendue_inverse_de_centre_zoom():
    box = vue.bbox([D.territoires_geojson["features"][0]["geometry"]])
    centre, zoom = vue.centre_zoom(box)
    assert _dans(box, etendue(centre, zoom))
    assert not _dans(box, etendue(centre, zoom + 2))  # two steps closer, it no longer fits


def _cote_km(b):
    """(width, height) of a box in km."""
    lat = math.radians((b[1] + b[3]) / 2)
    return (b[2] - b[0]) * vue.KM_PAR_DEGRE * math.cos(lat), (b[3] - b[1]) * vue.KM_PAR_DEGRE


@pytest.mark.parametrize("code", ["64445", "33529", "64102", "40065", "33063"])
def test_vue_commune_avec_ses_voisines(code):
    """The whole outline, centred, with room around it: at least 12 km across, and the
    outline at most two thirds of the view (its neighbours show)."""
    b = vue.bbox([CONTOURS[code]])
    v = vue.autour_de_la_commune(b)
    assert _dans(b, v)
    assert (v[0] + v[2]) / 2 == pytest.approx((b[0] + b[2]) / 2) and (v[1] + v[3]) / 2 == pytest.approx(
        (b[1] + b[3]) / 2)
    (lv, hv), (lb, hb) = _cote_km(v), _cote_km(b)
    assert lv >= 12 - 1e-6 and hv >= 12 - 1e-6
    assert lb <= lv / 2 + 1e-6 and hb <= hv / 2 + 1e-6
    # the view a map of the page's size fits to it: no closer than zoom 12 (streets, no landmarks)
    assert vue.centre_zoom(v, zoom_max=18)[1] <= 12


def test_vue_commune_sans_contour_un_point():
    v = vue.autour_de_la_commune((-0.37, 43.3, -0.37, 43.3))
    assert _cote_km(v) == (pytest.approx(12), pytest.approx(12))
    assert v[0] < -0.37 < v[2] and v[1] < 43.3 < v[3]
