"""The map's behaviour in the browser: one JavaScript function, run once when the map
is created (``tableau.logique.carte.carte_de_base``; indentation, blank and ``//``
lines are dropped before sending).

Long module: one JavaScript program kept whole (its parts share the map's state).

- Layers: the borders and territories are fetched once (static file, or inline in
  the first state), each territory's communes on its first selection; TI.appliquer
  (the only thing the reruns send) then shows, hides and restyles what is there,
  including an INSEE indicator's colours (ct: territory -> colour; cc: the selected
  territory's communes as {p: [[fill, outline], ...], k: {code: index}}).
- A click on a territory or a commune is reported to Streamlit at once (the legend's
  keys report the same way, through TI.choisir; the
  component debounces its own reports by 250 ms), with the same value the
  component would compute, stored as its previous value: the debounced report
  then finds nothing new and sends nothing (no second rerun). The value carries
  the feature's properties only, not its geometry.
- A département chosen in the sidebar shows on the map at once (T.filtrer, called by
  tableau.ui.cles_carte when the filter's chips change), by the server's rules and with its
  bounds: the rerun's state, ~0.3 s later, is the same.
- Leaflet focuses the map on mousedown (keyboard use), and its controls on click;
  that focus scrolled the page holding the iframe between mousedown and mouseup,
  and the click was lost: the focus is now taken without scrolling. Chromium then
  moved the focus on to the clicked path (ringed, and the map's keys lost): the
  default action of a mousedown on the drawing is cancelled.
- Embedded in a scrolling page: the wheel scrolls the page unless Ctrl/Cmd is held or
  the map was clicked; one finger scrolls the page on touch screens, two fingers
  move and zoom the map (Leaflet's pinch); a short hint says so. One zoom level per
  wheel notch, zoom limits set here (folium drops them without a tile layer).
- Readable without hovering (issue 12): each territory carries its number (C.etiq:
  id -> [number, lat, lon], the same number as its key in the legend under the map),
  moved by the smallest step when two would overlap; the view fits the bounds sent with the state
  (b) to the map's real size (again when that size changes, unless the reader moved the
  map), and Recentrer fits them again; the map fills its iframe, whose height follows
  the window (tableau.ui.ecran); a commune outside the
  territories shows its nearest territory (p) and a dashed line to it (dl) labelled
  with the distance of the data (dt)."""

JS_CARTE = r"""
function (map, C) {
var T = window.TI = {seq: 0, terr: {}, com: {}, touche: null, etat: null, fichiers: {}};
var S = C.styles, cont = map.getContainer();
// The iframe's height follows the window (tableau.ui.ecran): the map fills it.
cont.style.height = '100vh';
map.setMinZoom(C.zmin);
map.setMaxZoom(C.zmax);
var css = document.createElement('style');
css.textContent = 'body{margin:0;overflow:hidden}.leaflet-container{touch-action:pan-x pan-y!important}' +
  // Reached by Tab, the map showed no sign of its focus (its arrows and +/- then move it).
  '.leaflet-container:focus-visible{outline:3px solid #0000a0;outline-offset:-3px}' +
  '.ti-indice{position:absolute;inset:0;z-index:1000;display:flex;align-items:center;justify-content:center;' +
  'padding:2em;text-align:center;font:16px/1.4 sans-serif;color:#fff;background:rgba(0,0,0,.7);' +
  'pointer-events:none;opacity:0;transition:opacity .2s}.ti-indice.ti-visible{opacity:1}' +
  '.ti-recentrer{font:13px sans-serif;color:#111;background:#fff;border:2px solid rgba(0,0,0,.35);' +
  'border-radius:4px;padding:4px 8px;cursor:pointer}.ti-recentrer:focus-visible{outline:3px solid #0000a0}' +
'.ti-numero span{display:flex;align-items:center;justify-content:center;width:24px;height:24px;' +
'box-sizing:border-box;border-radius:50%;background:#fff;color:#111;border:2px solid #222;' +
'font:bold 13px/1 sans-serif}.ti-numero.ti-choisi span{background:#000;color:#fff}' +
'.ti-distance span{display:inline-block;white-space:nowrap;transform:translate(-50%,-50%);padding:2px 6px;' +
'background:#fff;color:#000;border:1.5px solid #000;border-radius:3px;font:bold 13px/1.2 sans-serif}';
// The credit wraps beside the scale (on a phone, on one line, it ran over it).
css.textContent += '.leaflet-control-attribution{max-width:calc(100vw - 150px)}';  // vw: the map fills its frame
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
// Leaflet's credit, with a French title (its own reads "A JavaScript library for interactive maps");
// no link: the map script names no third-party address (tests/ui/test_composant_carte.py).
if (map.attributionControl) map.attributionControl.setPrefix(
'<span title="Bibliothèque JavaScript de cartes interactives">Leaflet</span>');
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
T.libre = true;
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
if (T.bornes) ajuster(true);
});
return b;
}});
new Recentrer().addTo(map);
var Echelle = L.Control.Scale.extend({_updateMetric: function (m) {
var r = this._getRoundNum(m), km = r / 1000;
this._updateScale(this._mScale, km.toLocaleString('fr-FR') + ' km', r / m);
}});
new Echelle({metric: true, imperial: false, maxWidth: 120}).addTo(map);
[['ti-territoires', 400], ['ti-communes', 410], ['ti-selection', 420], ['ti-limites', 450],
['ti-etiquettes', 460]].forEach(function (p) {
var el = map.createPane(p[0]); el.style.zIndex = p[1]; el.style.pointerEvents = 'none'; });
// Whole-number zooms leave up to half the map empty: tenth steps fit the bounds closely.
map.options.zoomSnap = 0.1;
// A commune outside the territories lies in a corner of its view: top left, it was under the
// controls on a phone. That view keeps clear of them.
// The credit and the scale at the foot hid the Pyrénées' edge (1366 px): the view keeps above them.
function cadrer(anime) {
var g = 12, bas = 12, c = cont.getBoundingClientRect();
if (T.loin) [].forEach.call(cont.querySelectorAll('.leaflet-control-zoom, .ti-recentrer'), function (el) {
g = Math.max(g, el.getBoundingClientRect().right - c.left + 8); });
g = Math.min(g, c.width / 3);  // without Leaflet's style yet, a control spans the map
// Their heights, not their places: before Leaflet's style applies they are not at the foot yet,
// and its coming moves them without resizing them (no ResizeObserver call to fit again).
[].forEach.call(cont.querySelectorAll('.leaflet-bottom .leaflet-control'), function (el) {
var h = el.getBoundingClientRect().height; if (h) bas = Math.max(bas, h + 11); });
bas = Math.min(bas, c.height / 4);
map.fitBounds(T.bornes, {paddingTopLeft: [g, T.loin ? 28 : 16], paddingBottomRight: [12, bas], maxZoom: C.zfit,
animate: !!anime});
}
function ajuster(anime) { map.invalidateSize(); cadrer(anime); T.libre = false; }
// A new size (window resized, sidebar opened or closed) fits the bounds again, unless the
// reader has moved the map since the last fit (a press, a key, a zoom).
['pointerdown', 'keydown'].forEach(function (t) { cont.addEventListener(t, function () { T.libre = true; }, true); });
map.on('resize', function () { plancher(); if (T.bornes && !T.libre) cadrer(false); });
// Zoomed out beyond the whole area, it shrank to a speck under its sixteen numbers, pushed
// off their territories, and showed nothing more: the floor is the zoom that shows it all
// (a little less, as the first view's padding differs), and follows the map's size.
function plancher() {
if (!T.tout) return;
var z = map.getBoundsZoom(T.tout, false, L.point(24, 24));
map.setMinZoom(Math.max(C.zmin, Math.floor((z - 0.2) * 10) / 10));
}
// Numbers: in list order, each moved by the smallest step (down, up, aside, then further)
// that overlaps no earlier one and no control (the scale hid half of a number), so it stays
// next to its own territory.
var PAS = [[0, 0], [0, 26], [0, -26], [26, 0], [-26, 0], [26, 26], [-26, 26], [26, -26], [-26, -26],
[0, 52], [0, -52], [52, 0], [-52, 0]];
function eviter() {
var pris = [], c = cont.getBoundingClientRect();
var gene = [].map.call(cont.querySelectorAll('.leaflet-control'), function (el) {
var r = el.getBoundingClientRect();
return [r.left - c.left - 13, r.top - c.top - 13, r.right - c.left + 13, r.bottom - c.top + 13];
});
Object.keys(T.num || {}).forEach(function (id) {
var m = T.num[id], el = m.getElement();
if (!el || !map.hasLayer(m)) return;
var p = map.latLngToContainerPoint(m.getLatLng()), d = PAS[0];
for (var k = 0; k < PAS.length; k++) {
d = PAS[k];
var x = p.x + d[0], y = p.y + d[1];
// nor cut by the map's edge (a number moved up past the top showed half of itself)
var libre = x > 13 && y > 13 && x < c.width - 13 && y < c.height - 13 &&
!pris.some(function (q) { return Math.abs(q.x - x) < 26 && Math.abs(q.y - y) < 26; }) &&
!gene.some(function (g) { return x > g[0] && x < g[2] && y > g[1] && y < g[3]; });
if (libre) break;
}
el.firstChild.style.transform = (d[0] || d[1]) ? 'translate(' + d[0] + 'px,' + d[1] + 'px)' : '';
pris.push({x: p.x + d[0], y: p.y + d[1]});
});
}
map.on('moveend', eviter);  // after a zoom too; a pan brings numbers under the controls
// Leaflet's style may come after the last move (nothing waits for it): controls measured without
// it spanned the map, and number 10 once stayed under « Recentrer ». Measured again once it applies.
if (window.ResizeObserver) {
var ro = new ResizeObserver(function () { eviter(); if (T.bornes && !T.libre) cadrer(false); });
// (the credit's height, not the scale: its width follows every zoom)
[].forEach.call(cont.querySelectorAll('.leaflet-control-zoom, .ti-recentrer, .leaflet-control-attribution'),
function (el) { ro.observe(el); });
}
// Chromium gives each clickable shape a Tab stop: hundreds of them kept the keyboard
// inside the map. The keyboard's way to a territory or a commune is the lists and the
// legend's keys; the map itself stays one stop (arrows and +/- move it).
function horsTab(ev) { var el = ev.target.getElement(); if (el) el.setAttribute('tabindex', '-1'); }
function charger(url) {
return T.fichiers[url] = T.fichiers[url] || fetch(url).then(function (r) {
if (!r.ok) throw new Error(url + ' : ' + r.status); return r.json();
}).catch(function (err) { delete T.fichiers[url]; throw err; });
}
function styleTerr(f) {
var id = f.properties.id, s = L.extend({}, S.territoire, {fillColor: ((T.etat && T.etat.ct) || C.couleurs)[id]});
if (T.etat && (T.etat.s === id || T.etat.p === id)) s.fillOpacity = S.opacite_choisi;
return s;
}
function construire(geo) {
L.geoJSON(geo.limites, {pane: 'ti-limites', interactive: false,
style: function (f) { return S.limites[f.properties.type]; }}).addTo(map);
T.gTerr = L.geoJSON(geo.territoires, {pane: 'ti-territoires', style: styleTerr, onEachFeature: function (f, l) {
T.terr[f.properties.id] = l; l.bindTooltip(f.properties.nom, {sticky: true}); l.on('add', horsTab); }});
T.gTerr.on('mouseover', function (e) { e.layer.setStyle(S.survol_territoire); })
.on('mouseout', function (e) { T.gTerr.resetStyle(e.layer); })
.on('click', function (e) { var p = e.layer.feature.properties; T.touche = {id: p.id, nom: p.nom}; });
T.gTerr.addTo(map);
T.tout = T.gTerr.getBounds();
plancher();
T.num = {};
Object.keys(C.etiq).forEach(function (id) {
var q = C.etiq[id];
T.num[id] = L.marker([q[1], q[2]], {pane: 'ti-etiquettes', interactive: false, keyboard: false,
icon: L.divIcon({className: 'ti-numero', html: '<span>' + Number(q[0]) + '</span>', iconSize: [24, 24]})});
});
return T.gTerr;
}
// Communes: outlines over the territory, or opaque fills with an indicator.
function styleCom(f) {
if (!T.cc) return S.commune;
var i = T.cc.k[f.properties.code], p = i === undefined ? ['#ffffff', S.commune.color] : T.cc.p[i];
return L.extend({}, S.commune, {fillColor: p[0], fillOpacity: 1, color: p[1]});
}
function communes(fc) {
var g = L.geoJSON(fc, {pane: 'ti-communes', style: styleCom,
onEachFeature: function (f, l) { l.bindTooltip(f.properties.etiquette, {sticky: true}); l.on('add', horsTab); }});
g.on('mouseover', function (e) { e.layer.setStyle(T.cc ? {weight: S.survol_commune.weight} : S.survol_commune); })
.on('mouseout', function (e) { g.resetStyle(e.layer); })
.on('click', function (e) { T.touche = {code: e.layer.feature.properties.code}; });
g.formes = {};
g.eachLayer(function (l) { g.formes[l.feature.properties.code] = l.feature.geometry; });
return g;
}
map.on('preclick', function () { T.touche = null; });
function signaler(t) {
var g = window.__GLOBAL_DATA__;
if (!t || !g || !window.Streamlit) return;
g.last_object_clicked_count += 1;
g.last_active_drawing = {type: 'Feature', geometry: null, properties: t};
var d = {};
['last_object_clicked_count', 'last_active_drawing'].forEach(function (k) {
if (g.returned_objects.indexOf(k) >= 0) d[k] = g[k]; });
g.previous_data = d;
window.Streamlit.setComponentValue(d);
}
// A tap opens the sticky name of what was tapped and nothing closes it (no mouseout on a
// touch screen): it stayed over the map and its numbers; the panel now says the name.
map.on('click', function (e) {
var t = T.touche; T.touche = null; signaler(t);
if (t && e.originalEvent && e.originalEvent.pointerType === 'touch') map.eachLayer(function (l) {
if (l.getTooltip && l.getTooltip()) l.closeTooltip(); });
});
// The legend's keys under the map (tableau.ui.cles_carte) choose a territory the way a
// click on it does: same value, same checks on the server.
T.choisir = function (id, nom) { signaler({id: String(id), nom: String(nom)}); };
// The département filter, shown as soon as the sidebar's chips change (tableau.ui.cles_carte),
// by the server's rules (tableau.logique.filtre: territories with a commune in a chosen
// département; a hidden selection is dropped with its commune; the view fits the commune, else the
// selection, else the visible territories, else the region, with the server's rounded boxes): the
// state the rerun sends next is the same, and changes nothing.
T.filtrer = function (codes) {
var e = T.etat, F = C.filtre;
if (!e || !F) return;
var ids = Object.keys(F.d), vis = ids.filter(function (id) {
return !codes.length || F.d[id].some(function (c) { return codes.indexOf(String(c)) >= 0; }); });
if (vis.join() === e.v.join()) return;
var f = L.extend({}, e, {v: vis});
if (f.s && vis.indexOf(f.s) < 0) {
['s', 'c', 'cc', 'cu', 'cg', 'k', 'kp', 'p', 'dl', 'dt'].forEach(function (k) { delete f[k]; });
}
if (!f.c && !f.s) f.b = vis.length && vis.length < ids.length ? vis.reduce(function (b, id) { var x = F.b[id]; return [
[Math.min(b[0][0], x[0][0]), Math.min(b[0][1], x[0][1])], [Math.max(b[1][0], x[1][0]), Math.max(b[1][1], x[1][1])]];
}, F.b[vis[0]]) : F.r;
T.appliquer(f);
};
T.appliquer = function (e) {
var n = ++T.seq;
if (e.b && JSON.stringify(e.b) !== JSON.stringify(T.bornes)) { T.bornes = e.b; T.loin = !!e.dl; ajuster(false); }
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
// A tooltip's lines, as text (never read as HTML).
function bulle(lignes) {
var el = document.createElement('div');
lignes.forEach(function (t, i) {
if (i) el.appendChild(document.createElement('br'));
el.appendChild(document.createTextNode(t));
});
return el;
}
function territoires(e) {
T.etat = e;
var vis = {};
e.v.forEach(function (id) { vis[id] = 1; });
Object.keys(T.terr).forEach(function (id) {
var l = T.terr[id];
if (!vis[id]) { if (T.gTerr.hasLayer(l)) T.gTerr.removeLayer(l); return; }
if (!T.gTerr.hasLayer(l)) T.gTerr.addLayer(l);
T.gTerr.resetStyle(l);
var nom = l.feature.properties.nom, v = e.vt && e.vt[id];
l.setTooltipContent(v ? bulle([nom, e.vn + ' : ' + v]) : bulle([nom]));
});
if (T.gCom && T.gComDe !== e.s) { map.removeLayer(T.gCom); T.gCom = null; }
if (T.gSel) map.removeLayer(T.gSel);
T.gSel = L.layerGroup().addTo(map); T.etDist = null;
if (e.s && T.terr[e.s]) L.geoJSON(T.terr[e.s].feature, {pane: 'ti-selection', interactive: false,
style: function () { return S.selection; }}).addTo(T.gSel);
if (e.p && T.terr[e.p]) L.geoJSON(T.terr[e.p].feature, {pane: 'ti-selection', interactive: false,
style: function () { return S.proche; }}).addTo(T.gSel);
if (e.dl) {
L.polyline(e.dl, L.extend({pane: 'ti-selection', interactive: false}, S.distance)).addTo(T.gSel);
var mil = L.latLngBounds(e.dl).getCenter();
var et = L.marker(mil, {pane: 'ti-etiquettes', interactive: false, keyboard: false,
icon: L.divIcon({className: 'ti-distance', html: '<span></span>', iconSize: null})}).addTo(T.gSel);
et.getElement().firstChild.textContent = e.dt;
T.etDist = et;
}
Object.keys(T.num).forEach(function (id) {
var m = T.num[id];
if (!vis[id]) { if (map.hasLayer(m)) map.removeLayer(m); return; }
if (!map.hasLayer(m)) m.addTo(map);
L.DomUtil[id === e.s || id === e.p ? 'addClass' : 'removeClass'](m.getElement(), 'ti-choisi');
});
eviter();
document.body.dataset.tiSelection = e.s || '';
document.body.dataset.tiVisibles = e.v.length;
document.body.dataset.tiProche = e.p || '';
}
function communesDe(e, gCom) {
if (T.gCom && T.gCom !== gCom) map.removeLayer(T.gCom);
T.cc = e.cc || null;
if (gCom) gCom.setStyle(styleCom);
if (gCom && !map.hasLayer(gCom)) gCom.addTo(map);
T.gCom = gCom; T.gComDe = e.s;
if (T.gSelC) map.removeLayer(T.gSelC);
T.gSelC = L.layerGroup().addTo(map);
var forme = e.k || (e.c && gCom && gCom.formes[e.c]);
if (forme) ['sous_commune_choisie', 'commune_choisie'].forEach(function (k) {
L.geoJSON(forme, {pane: 'ti-selection', interactive: false, style: function () { return S[k]; }}).addTo(T.gSelC); });
else if (e.kp) L.circleMarker(e.kp, L.extend({pane: 'ti-selection', interactive: false}, S.point_commune))
.addTo(T.gSelC);
degager(); requestAnimationFrame(degager);
document.body.dataset.tiCommune = e.c || '';
}
// The distance's label, at the middle of a short line, covered the commune it starts from
// (Langon, 3,6 km): then it goes just under the commune (over it near the map's foot).
function degager() {
var et = T.etDist, sp = et && map.hasLayer(et) && et.getElement().firstChild;
if (!sp) return;
sp.style.marginTop = '';
var a = null, c = null;
if (T.gSelC) T.gSelC.eachLayer(function (l) {
var p, q;
if (l.getBounds) {
var b = l.getBounds();
p = map.latLngToContainerPoint(b.getNorthWest()); q = map.latLngToContainerPoint(b.getSouthEast());
} else if (l.getLatLng) {
var m = map.latLngToContainerPoint(l.getLatLng()), r = l.getRadius(); p = m.subtract([r, r]); q = m.add([r, r]);
} else return;
a = a ? L.point(Math.min(a.x, p.x), Math.min(a.y, p.y)) : p;
c = c ? L.point(Math.max(c.x, q.x), Math.max(c.y, q.y)) : q;
});
if (!a) return;
var k = cont.getBoundingClientRect(), r = sp.getBoundingClientRect();
var x0 = r.left - k.left, y0 = r.top - k.top;
if (x0 + r.width < a.x || x0 > c.x || y0 + r.height < a.y || y0 > c.y) return;
sp.style.marginTop = (c.y + 4 + r.height < map.getSize().y ? c.y + 4 - y0 : a.y - 4 - r.height - y0) + 'px';
}
// Again once the view and the page have settled (a zoom, a move, a new size), and a frame later.
map.on('zoomend moveend resize', function () { degager(); requestAnimationFrame(degager); });
}
"""
