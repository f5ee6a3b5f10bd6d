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


@pytest.mark.parametrize("code", ["64445", "33529", "64102", "40065"])
def test_vue_commune_montre_tout_son_contour(code):
    b = vue.bbox([CONTOURS[code]])
    centre, zoom = vue.vue_commune(b)
    assert _dans(b, etendue(centre, zoom))
    assert zoom == vue.ZOOM_MAX_COMMUNE or not _dans(b, etendue(centre, zoom + 2))  # not a dot


@pytest.mark.parametrize("code", ["16106", "40192"])
def test_vue_commune_hors_territoire_montre_le_plus_proche(code):
    c = COMMUNES[code]
    assert not c.territoire
    proche = vue.bbox([f["geometry"] for f in D.territoires_geojson["features"]
                       if f["properties"]["id"] == c.territoire_proche])
    b = vue.bbox([CONTOURS[code]])
    vu = etendue(*vue.vue_commune(b, proche))
    assert _dans(b, vu) and _dans(proche, vu)
