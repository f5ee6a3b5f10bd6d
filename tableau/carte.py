"""Folium map: a constant base map, and a small state applied to it in the browser.

The base map's generated code must not change between reruns, otherwise
streamlit-folium remounts the Leaflet map (flicker, lost zoom). It carries a script
(JS_CARTE) that draws the layers itself from geometry fetched once (static files,
see tableau.geostatique) and keeps them; what depends on the state (visible
territories, selection, commune) goes into the feature group handed over as
``feature_group_to_add``: a single ``TI.appliquer({...})`` call of a few hundred bytes.
"""
from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping

import folium
import shapely
from branca.element import MacroElement, Template
from shapely.geometry import shape

from tableau.recherche import etiquette

# Leaflet files served by the app itself (see tableau.assets), relative to the
# component's page /component/streamlit_folium.st_folium/index.html.
LEAFLET_BASE = "../../app/static/leaflet/"

# Okabe & Ito's colour-blind-safe qualitative palette, black left out (used for the selection).
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
COULEUR_SELECTION = "#000000"
# Edges dark enough for WCAG 1.4.11 (3:1 against white and against every fill, checked
# in tests/test_accessibilite.py): a territory's shape does not rest on its fill colour.
CONTOUR_TERRITOIRE = "#262626"
CONTOUR_COMMUNE = "#333333"
OPACITES = (0.5, 0.75)  # fill opacity: other territories, selected territory

FONDS = {
    "ign": dict(
        tiles="https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
              "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png"
              "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
        attr='Fond : <a href="https://www.ign.fr/">IGN</a> – Géoplateforme, Plan IGN v2',
        name="Plan IGN v2", max_zoom=18,
    ),
    "osm": dict(
        tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attr='Fond : © <a href="https://www.openstreetmap.org/copyright">contributeurs OpenStreetMap</a>',
        name="OpenStreetMap", max_zoom=19,
    ),
    "aucun": None,
}
FOND_DEFAUT = "ign"


def choisir_fond(valeur: str | None) -> tuple[str, str | None]:
    """TI_FOND_DE_CARTE -> (basemap key, French warning if the value was not understood)."""
    cle = (valeur or FOND_DEFAUT).strip().lower()
    if cle in FONDS:
        return cle, None
    return FOND_DEFAUT, (f"Réglage TI_FOND_DE_CARTE non reconnu : fond « {FOND_DEFAUT} » utilisé "
                         f"(valeurs possibles : {', '.join(FONDS)}).")


def couleurs(features: Iterable[Mapping]) -> dict[str, str]:
    """Greedy colouring: touching territories never share a colour, and among the
    allowed colours the least used is taken, so the whole palette is spread out."""
    feats = list(features)
    geoms = [shape(f["geometry"]) for f in feats]
    ids = [f["properties"]["id"] for f in feats]
    tree = shapely.STRtree(geoms)
    out: dict[str, str] = {}
    usage = dict.fromkeys(PALETTE, 0)
    # Most connected first: the classic order that keeps greedy colouring small.
    voisins = {i: [j for j in tree.query(geoms[i], predicate="intersects") if j != i] for i in range(len(ids))}
    for i in sorted(voisins, key=lambda k: (-len(voisins[k]), ids[k])):
        pris = {out.get(ids[j]) for j in voisins[i]}
        libres = [c for c in PALETTE if c not in pris]
        out[ids[i]] = min(libres, key=lambda c: (usage[c], PALETTE.index(c)))
        usage[out[ids[i]]] += 1
    return out


class _Script(MacroElement):
    """Raw JavaScript run in the map's script, ``{carte}`` standing for the map's variable."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code.replace('{carte}', "
                         "this._parent.get_name()) }}{% endmacro %}")

    def __init__(self, code: str):
        super().__init__()
        self._name = "ScriptCarte"
        self.code = code


def _json(valeur) -> str:
    """JSON for a script: '<' escaped, so no text can close a <script> element."""
    return json.dumps(valeur, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _compact(js: str) -> str:
    """Drop indentation, blank and comment lines: this script travels with every rerun."""
    lignes = (x.strip() for x in js.splitlines())
    return "\n".join(x for x in lignes if x and not x.startswith("//"))


ZOOM_MIN, ZOOM_MAX = 5, 14
TEXTES = {
    "molette": "Pour zoomer, tournez la molette en maintenant la touche Ctrl (⌘ sur Mac), "
               "ou cliquez d'abord sur la carte.",
    "doigts": "Pour déplacer ou zoomer la carte, utilisez deux doigts.",
    "recentrer": "Recentrer",
    "recentrer_titre": "Revenir à la vue du filtre ou de la sélection",
    "plus": "Zoomer", "moins": "Dézoomer",
}


def carte_de_base(fond: str, centre: tuple[float, float], zoom: int, carte_url: str | None,
                  palette: Mapping[str, str]) -> folium.Map:
    """The constant part: basemap, and the script that draws and updates the layers in
    the browser (see JS_CARTE). ``carte_url`` is the static file holding the borders and
    territories (tableau.geostatique); without it they come inline with the layers."""
    m = folium.Map(location=list(centre), zoom_start=zoom, tiles=None, control_scale=False,
                   prefer_canvas=False)
    m.default_js = [("leaflet", LEAFLET_BASE + "leaflet.js")]
    m.default_css = [("leaflet_css", LEAFLET_BASE + "leaflet.css")]
    if FONDS.get(fond):
        folium.TileLayer(**FONDS[fond]).add_to(m)
    config = {"carte": carte_url, "couleurs": dict(palette), "zmin": ZOOM_MIN, "zmax": ZOOM_MAX,
              "txt": TEXTES, "styles": STYLES}
    _Script(f"({_compact(JS_CARTE)})({{carte}}, {_json(config)});").add_to(m)
    return m


STYLE_LIMITES = {
    "departements": {"color": "#4d4d4d", "weight": 1.2, "dashArray": "5 4"},
    "region": {"color": "#222222", "weight": 2.5},
}
# Styles of the browser-side layers (colours checked in tests/test_accessibilite.py).
STYLES = {
    "territoire": {"color": CONTOUR_TERRITOIRE, "weight": 1, "fillOpacity": OPACITES[0],
                   "className": "ti-territoire"},
    "opacite_choisi": OPACITES[1],
    "survol_territoire": {"weight": 3, "color": "#333333", "fillOpacity": 0.7},
    "commune": {"color": CONTOUR_COMMUNE, "weight": 0.8, "fillColor": "#ffffff", "fillOpacity": 0.0,
                "className": "ti-commune"},
    "survol_commune": {"weight": 2.5, "fillOpacity": 0.35},
    "selection": {"color": COULEUR_SELECTION, "weight": 4, "fill": False},
    "commune_choisie": {"color": COULEUR_SELECTION, "weight": 3, "dashArray": "6 3", "fillColor": "#ffffff",
                        "fillOpacity": 0.55},
    "point_commune": {"radius": 8, "color": COULEUR_SELECTION, "weight": 3, "fill": True,
                      "fillColor": "#ffffff", "fillOpacity": 1},
    "limites": STYLE_LIMITES,
}

# The map's behaviour in the browser, run once when the map is created.
# - Layers: the borders and territories are fetched once (static file, or inline in
#   the first state), each territory's communes on its first selection; TI.appliquer
#   (the only thing the reruns send) then shows, hides and restyles what is there.
# - A click on a territory or a commune is reported to Streamlit at once (the
#   component debounces its own reports by 250 ms), with the same value the
#   component would compute, stored as its previous value: the debounced report
#   then finds nothing new and sends nothing (no second rerun). The value carries
#   the feature's properties only, not its geometry.
# - Leaflet focuses the map on mousedown (keyboard use), and its controls on click;
#   that focus scrolled the page holding the iframe between mousedown and mouseup,
#   and the click was lost: the focus is now taken without scrolling. Chromium then
#   moved the focus on to the clicked path (ringed, and the map's keys lost): the
#   default action of a mousedown on the drawing is cancelled.
# - Embedded in a scrolling page: the wheel scrolls the page unless Ctrl/⌘ is held or
#   the map was clicked; one finger scrolls the page on touch screens, two fingers
#   move and zoom the map (Leaflet's pinch); a short hint says so. One zoom level per
#   wheel notch, zoom limits set here (folium drops them without a tile layer).
JS_CARTE = r"""
function (map, C) {
var T = window.TI = {seq: 0, terr: {}, com: {}, touche: null, etat: null, fichiers: {}};
var S = C.styles, cont = map.getContainer();
map.setMinZoom(C.zmin);
map.setMaxZoom(C.zmax);
var css = document.createElement('style');
css.textContent = '.leaflet-container{touch-action:pan-x pan-y!important}' +
  '.ti-indice{position:absolute;inset:0;z-index:1000;display:flex;align-items:center;justify-content:center;' +
  'padding:2em;text-align:center;font:16px/1.4 sans-serif;color:#fff;background:rgba(0,0,0,.7);' +
  'pointer-events:none;opacity:0;transition:opacity .2s}.ti-indice.ti-visible{opacity:1}' +
  '.ti-recentrer{font:13px sans-serif;color:#111;background:#fff;border:2px solid rgba(0,0,0,.35);' +
  'border-radius:4px;padding:4px 8px;cursor:pointer}.ti-recentrer:focus-visible{outline:3px solid #0000a0}';
document.head.appendChild(css);
var kb = map.keyboard;
if (kb) {
kb.disable();
kb._onMouseDown = function () { if (!this._focused) this._map._container.focus({preventScroll: true}); };
kb.enable();
}
cont.addEventListener('mousedown', function (e) { if (e.target instanceof SVGElement) e.preventDefault(); });
L.Control.prototype._refocusOnMap = function (e) {
if (this._map && e && e.screenX > 0 && e.screenY > 0) this._map.getContainer().focus({preventScroll: true});
};
if (map.zoomControl) map.zoomControl.remove();
map.zoomControl = L.control.zoom({zoomInTitle: C.txt.plus, zoomOutTitle: C.txt.moins}).addTo(map);
var ind = L.DomUtil.create('div', 'ti-indice', cont), tInd = null;
ind.setAttribute('role', 'status');
function indice(txt) {
ind.textContent = txt; ind.classList.add('ti-visible'); clearTimeout(tInd);
tInd = setTimeout(function () { ind.classList.remove('ti-visible'); ind.textContent = ''; }, 1800);
}
T.indice = indice;
map.scrollWheelZoom.disable();
var actif = false, acc = 0;
cont.addEventListener('mousedown', function () { actif = true; });
cont.addEventListener('mouseleave', function () { actif = false; acc = 0; });
cont.addEventListener('wheel', function (e) {
if (!(e.ctrlKey || e.metaKey || actif)) { indice(C.txt.molette); return; }
e.preventDefault();
acc += e.deltaMode ? e.deltaY * 50 : e.deltaY;
if (Math.abs(acc) < 50) return;
var z = (cible ? cible[1] : map._animatingZoom ? map._animateToZoom : map.getZoom()) + (acc > 0 ? -1 : 1);
acc = 0;
z = Math.max(map.getMinZoom(), Math.min(map.getMaxZoom(), z));
cible = [map.mouseEventToContainerPoint(e), z];
if (!map._animatingZoom) zoomer();
}, {passive: false});
// Leaflet ignores a zoom asked during its zoom animation: notches are queued.
var cible = null;
function zoomer() { var c = cible; cible = null; if (c && c[1] !== map.getZoom()) map.setZoomAround(c[0], c[1]); }
map.on('zoomend', zoomer);
function tactile(t) { if (t) map.dragging.disable(); else map.dragging.enable(); }
tactile(L.Browser.mobile || (navigator.maxTouchPoints > 0 && matchMedia('(pointer: coarse)').matches));
cont.addEventListener('pointerdown', function (e) { tactile(e.pointerType === 'touch'); }, true);
cont.addEventListener('touchmove', function (e) { if (e.touches.length === 1) indice(C.txt.doigts); },
{passive: true});
var Recentrer = L.Control.extend({options: {position: 'topleft'}, onAdd: function () {
var b = L.DomUtil.create('button', 'ti-recentrer');
b.type = 'button'; b.textContent = C.txt.recentrer; b.title = C.txt.recentrer_titre;
L.DomEvent.disableClickPropagation(b);
L.DomEvent.on(b, 'click', function (e) {
L.DomEvent.stop(e);
var g = window.__GLOBAL_DATA__;
if (g && g.last_center) map.setView(g.last_center, g.last_zoom);
});
return b;
}});
new Recentrer().addTo(map);
var Echelle = L.Control.Scale.extend({_updateMetric: function (m) {
var r = this._getRoundNum(m), km = r / 1000;
this._updateScale(this._mScale, km.toLocaleString('fr-FR') + ' km', r / m);
}});
new Echelle({metric: true, imperial: false, maxWidth: 120}).addTo(map);
[['ti-territoires', 400], ['ti-communes', 410], ['ti-selection', 420], ['ti-limites', 450]].forEach(function (p) {
var el = map.createPane(p[0]); el.style.zIndex = p[1]; el.style.pointerEvents = 'none'; });
function charger(url) {
return T.fichiers[url] = T.fichiers[url] || fetch(url).then(function (r) {
if (!r.ok) throw new Error(url + ' : ' + r.status); return r.json();
}).catch(function (err) { delete T.fichiers[url]; throw err; });
}
function styleTerr(f) {
var id = f.properties.id, s = L.extend({}, S.territoire, {fillColor: C.couleurs[id]});
if (T.etat && T.etat.s === id) s.fillOpacity = S.opacite_choisi;
return s;
}
function construire(geo) {
L.geoJSON(geo.limites, {pane: 'ti-limites', interactive: false,
style: function (f) { return S.limites[f.properties.type]; }}).addTo(map);
T.gTerr = L.geoJSON(geo.territoires, {pane: 'ti-territoires', style: styleTerr, onEachFeature: function (f, l) {
T.terr[f.properties.id] = l; l.bindTooltip(f.properties.nom, {sticky: true}); }});
T.gTerr.on('mouseover', function (e) { e.layer.setStyle(S.survol_territoire); })
.on('mouseout', function (e) { T.gTerr.resetStyle(e.layer); })
.on('click', function (e) { var p = e.layer.feature.properties; T.touche = {id: p.id, nom: p.nom}; });
T.gTerr.addTo(map);
return T.gTerr;
}
function communes(fc) {
var g = L.geoJSON(fc, {pane: 'ti-communes', style: function () { return S.commune; },
onEachFeature: function (f, l) { l.bindTooltip(f.properties.etiquette, {sticky: true}); }});
g.on('mouseover', function (e) { e.layer.setStyle(S.survol_commune); })
.on('mouseout', function (e) { g.resetStyle(e.layer); })
.on('click', function (e) { T.touche = {code: e.layer.feature.properties.code}; });
g.formes = {};
g.eachLayer(function (l) { g.formes[l.feature.properties.code] = l.feature.geometry; });
return g;
}
map.on('preclick', function () { T.touche = null; });
map.on('click', function () {
var t = T.touche, g = window.__GLOBAL_DATA__;
T.touche = null;
if (!t || !g || !window.Streamlit) return;
g.last_object_clicked_count += 1;
g.last_active_drawing = {type: 'Feature', geometry: null, properties: t};
var d = {};
['last_object_clicked_count', 'last_active_drawing'].forEach(function (k) {
if (g.returned_objects.indexOf(k) >= 0) d[k] = g[k]; });
g.previous_data = d;
window.Streamlit.setComponentValue(d);
});
T.appliquer = function (e) {
var n = ++T.seq;
T.pTerr = T.pTerr || (e.geo ? Promise.resolve(e.geo) : charger(C.carte)).then(construire)
.catch(function (err) { T.pTerr = null; throw err; });
var pCom = null;
if (e.s) {
if (!T.com[e.s] && (e.cg || e.cu)) {
var tid = e.s;
T.com[tid] = (e.cg ? Promise.resolve(e.cg) : charger(e.cu)).then(communes)
.catch(function (err) { console.error(err); delete T.com[tid]; return null; });
}
pCom = T.com[e.s] || null;
}
// The territories first (the selection shows at once), the communes once fetched.
T.pTerr.then(function () { if (n === T.seq) territoires(e); }).catch(function (err) { console.error(err); });
Promise.all([T.pTerr, pCom]).then(function (r) { if (n === T.seq) communesDe(e, r[1]); })
.catch(function (err) { console.error(err); });
};
function territoires(e) {
T.etat = e;
var vis = {};
e.v.forEach(function (id) { vis[id] = 1; });
Object.keys(T.terr).forEach(function (id) {
var l = T.terr[id];
if (!vis[id]) { if (T.gTerr.hasLayer(l)) T.gTerr.removeLayer(l); return; }
if (!T.gTerr.hasLayer(l)) T.gTerr.addLayer(l);
T.gTerr.resetStyle(l);
});
if (T.gCom && T.gComDe !== e.s) { map.removeLayer(T.gCom); T.gCom = null; }
if (T.gSel) map.removeLayer(T.gSel);
T.gSel = L.layerGroup().addTo(map);
if (e.s && T.terr[e.s]) L.geoJSON(T.terr[e.s].feature, {pane: 'ti-selection', interactive: false,
style: function () { return S.selection; }}).addTo(T.gSel);
document.body.dataset.tiSelection = e.s || '';
document.body.dataset.tiVisibles = e.v.length;
}
function communesDe(e, gCom) {
if (T.gCom && T.gCom !== gCom) map.removeLayer(T.gCom);
if (gCom && !map.hasLayer(gCom)) gCom.addTo(map);
T.gCom = gCom; T.gComDe = e.s;
if (T.gSelC) map.removeLayer(T.gSelC);
T.gSelC = L.layerGroup().addTo(map);
var forme = e.k || (e.c && gCom && gCom.formes[e.c]);
if (forme) L.geoJSON(forme, {pane: 'ti-selection', interactive: false,
style: function () { return S.commune_choisie; }}).addTo(T.gSelC);
else if (e.kp) L.circleMarker(e.kp, L.extend({pane: 'ti-selection', interactive: false}, S.point_commune))
.addTo(T.gSelC);
document.body.dataset.tiCommune = e.c || '';
}
}
"""


# Only what the map needs travels to the browser with each territory.
PROPRIETES_CARTE = ("id", "nom")


def allegee(feature: dict) -> dict:
    """The feature as sent to the map. Folium's tooltip inserts values as HTML, so
    text is escaped here: a name can never become markup in the browser."""
    props = {k: feature["properties"][k] for k in PROPRIETES_CARTE}
    return {"type": "Feature", "geometry": feature["geometry"],
            "properties": {k: html.escape(v) if isinstance(v, str) else v for k, v in props.items()}}


def communes_du_territoire(communes: Iterable[Mapping], contours: Mapping[str, dict], tid: str) -> list[dict]:
    """Drill-down features of one territory: outline, code, and an escaped label
    (name and population) for the tooltip."""
    return [{"type": "Feature", "geometry": contours[c["code"]],
             "properties": {"code": c["code"], "etiquette": html.escape(etiquette(c))}}
            for c in communes if c["territoire"] == tid and c["code"] in contours]


def geometrie_carte(limites: dict, features: Iterable[dict]) -> dict:
    """What the browser needs once: border lines, and the territories (``id``, ``nom``)."""
    return {"limites": limites,
            "territoires": {"type": "FeatureCollection", "features": [allegee(f) for f in features]}}


def couche_etat(etat: Mapping) -> folium.FeatureGroup:
    """The dynamic layer handed to st_folium: one call that applies the state to the
    layers the browser already drew (visible ids, selection, commune), plus whatever
    geometry it cannot fetch itself."""
    fg = folium.FeatureGroup(name="État de la carte")
    _Script(f"TI.appliquer({_json(dict(etat))});").add_to(fg)
    return fg
