"""tableau.ui.composant_carte: the cached strings equal what st_folium itself sends
(pins the use of streamlit-folium's private helpers)."""
import re

from tableau.logique import carte, donnees

D = donnees.charger()
DEPS = tuple(D.departements)
CONTOURS = donnees.lire_contours_communes(donnees.DATA_DIR / "communes.topojson", set(D.commune))


def test_carte_de_base_constante_et_sans_cdn():
    from streamlit_folium import generate_js_hash

    from tableau.ui.composant_carte import rendre_base
    args = (D.limites_geojson, "aucun", (45.0, 0.0), 6)
    b1, b2 = rendre_base(carte.carte_de_base(*args)), rendre_base(carte.carte_de_base(*args))
    # same script, same component key -> streamlit-folium keeps the Leaflet map mounted
    assert generate_js_hash(b1.script, "carte") == generate_js_hash(b2.script, "carte")
    assert b1.js_links == ["../../app/static/leaflet/leaflet.js"]
    assert b1.css_links == ["../../app/static/leaflet/leaflet.css"]
    assert "tileLayer" not in b1.script  # no basemap at all with "aucun"
    assert not re.search(r"https?://", b1.script + b1.header + b1.html)


def test_chaines_en_cache_identiques_a_st_folium(monkeypatch):
    """Our cached rendering sends exactly what st_folium would (guards a version bump)."""
    import streamlit_folium

    from tableau.ui.composant_carte import rendre_base, rendre_couches
    envoye = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: envoye.update(kw))
    feats = D.territoires_geojson["features"]

    def couches():
        return [carte.couche_territoires(feats, carte.couleurs(feats), "agenais"),
                carte.couche_selection(feats[0])]
    args = (D.limites_geojson, "ign", (45.0, 0.0), 6)
    streamlit_folium.st_folium(carte.carte_de_base(*args), key="carte", feature_group_to_add=couches(),
                               returned_objects=["last_active_drawing"])
    base = rendre_base(carte.carte_de_base(*args))
    assert (base.script, base.header, base.html) == (envoye["script"], envoye["header"], envoye["html"])
    assert (base.css_links, base.js_links) == (envoye["css_links"], envoye["js_links"])
    assert rendre_couches(couches()) == envoye["feature_group"]


def test_couches_avec_detail_et_commune_choisie():
    from tableau.ui.composant_carte import rendre_couches
    feats = [f for f in D.territoires_geojson["features"] if f["properties"]["id"] == "pays-basque"]
    detail = carte.communes_du_territoire(D.communes, CONTOURS, "pays-basque")
    bayonne = next(c for c in D.communes if c.code == "64102")
    js = rendre_couches([carte.couche_territoires(feats, {"pays-basque": "#56B4E9"}, "pays-basque"),
                         carte.couche_communes(detail),
                         carte.couche_selection(feats[0], bayonne, CONTOURS["64102"])])
    assert js.count('"code"') == 158  # every commune of the territory, clickable with its code
    assert "Bayonne \\u2014" in js or "Bayonne —" in js
    assert "circle_marker" not in js  # the outline replaces the point
