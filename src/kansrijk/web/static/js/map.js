/* Kansrijk map: draws a map spec (web/map_spec.py) with Leaflet (static/vendor/leaflet).

   window.KansrijkMap.draw(element, spec, options) -> {map, setVisible(id, on), reset()}

   - base tiles (spec.tiles: XYZ url, attribution) when given; when the setting is empty,
     or no tile loads (4 errors before the first tile, or none within 8 s), the map falls
     back to its own base: the gemeente areas filled as land and the gemeente names as
     place names (names that would overlap are hidden, smaller gemeenten first);
   - the selected region's outline (spec.outline), zoomed to (spec.bounds);
   - spec.layers, by kind: "areas" (fill colours of spec.areas by feature id), "points"
     (circles), "symbols" (markers, keyboard-focusable unless "focusable": false; click or
     Enter calls options.onSymbol(data); with "cluster": true, nearby markers are drawn as
     one cluster marker that zooms in, see symbolLayer). A new layer is a new entry there.
   - the reset button ("whole region") only when spec.texts.reset names it.
   - "rings" layers: dashed circles of a radius, [lat, lon, metres, colour] (not clickable).

   The element gets data-state="ready" once drawn and data-tiles = "loading" | "loaded" |
   "offline" | "none" (the browser tests read these). Zoom and pan: mouse (drag, wheel,
   double click, the + and - buttons), touch (drag, pinch) and keyboard (arrows, + and -
   when the map has focus; the buttons are links with names). */
(function () {
  "use strict";

  var SHAPES = {
    circle: function (c) { return '<circle cx="8" cy="8" r="6.5" fill="' + c + '" stroke="#fff" stroke-width="1.2"/>'; },
    square: function (c) { return '<rect x="2" y="2" width="12" height="12" fill="' + c + '" stroke="#fff" stroke-width="1.2"/>'; },
    diamond: function (c) { return '<polygon points="8,0.8 15.2,8 8,15.2 0.8,8" fill="' + c + '" stroke="#fff" stroke-width="1.2"/>'; },
    star: function (c) { return '<polygon points="8,0.6 10.2,5.6 15.6,6 11.5,9.5 12.8,15 8,12.1 3.2,15 4.5,9.5 0.4,6 5.8,5.6" fill="' + c + '" stroke="#fff" stroke-width="1"/>'; },
    x: function (c) { return '<path d="M3.2 1.5 8 6.3 12.8 1.5 14.5 3.2 9.7 8 14.5 12.8 12.8 14.5 8 9.7 3.2 14.5 1.5 12.8 6.3 8 1.5 3.2Z" fill="' + c + '" stroke="#1a1a1a" stroke-width="0.8"/>'; }
  };
  var COLOUR = /^#[0-9a-fA-F]{3,8}$/;

  function symbolHtml(shape, colour, size) {
    var draw = SHAPES[shape] || SHAPES.circle;
    var c = COLOUR.test(colour) ? colour : "#000000";
    return '<svg width="' + size + '" height="' + size + '" viewBox="0 0 16 16" aria-hidden="true" focusable="false">' + draw(c) + "</svg>";
  }

  function escapeHtml(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* Markers grow a little when zooming in and shrink on narrow maps (375 px phones). */
  function scaleFor(el, map, startZoom) {
    var width = Math.min(1, Math.max(0.55, el.clientWidth / 800));
    var zoom = Math.min(1.6, Math.max(0.6, Math.pow(1.15, map.getZoom() - startZoom)));
    return width * zoom;
  }

  function hideOverlappingPlaces(markers) {
    var shown = [];
    for (var i = 0; i < markers.length; i++) {
      var icon = markers[i].getElement();
      var el = icon && icon.firstChild;
      if (!el || !el.style) { continue; }
      el.style.visibility = "";
      var r = el.getBoundingClientRect();
      var clash = r.width === 0;
      for (var j = 0; j < shown.length && !clash; j++) {
        var s = shown[j];
        clash = !(r.right + 4 < s.left || r.left - 4 > s.right || r.bottom < s.top || r.top > s.bottom);
      }
      if (clash) { el.style.visibility = "hidden"; } else { shown.push(r); }
    }
  }

  /* Clusters of symbols (a layer with "cluster": true): at each zoom, symbols are taken
     largest first; one that would come closer to an earlier kept marker than half their
     boxes plus GAP px (measured per axis, so boxes, not only discs, stay apart) joins that
     marker instead of being drawn. Every box counts at least FOOT px, the side of a
     cluster marker, so no two drawn markers (symbols or clusters) overlap at any zoom or
     width: at most (W + FOOT)(H + FOOT) / FOOT^2 markers fit a W x H map. */
  var FOOT = 32;
  var GAP = 2;

  function cluster(map, points, sizes, zoom) {
    var kept = [];
    for (var i = 0; i < points.length; i++) {
      var q = map.project([points[i][0], points[i][1]], zoom);
      var foot = Math.max(FOOT, sizes[i]);
      var best = null, bestD = Infinity;
      for (var k = 0; k < kept.length; k++) {
        var c = kept[k];
        var d = Math.max(Math.abs(q.x - c.x), Math.abs(q.y - c.y));
        if (d < (c.foot + foot) / 2 + GAP && d < bestD) { best = c; bestD = d; }
      }
      if (best) { best.members.push(i); } else { kept.push({ x: q.x, y: q.y, foot: foot, members: [i] }); }
    }
    return kept;
  }

  /* A cluster marker: a white square with the number of locations and, under it, the
     symbol (shape and colour) of each kind of offer among them, most frequent first. */
  function clusterHtml(n, kinds) {
    var svg = '<svg width="' + FOOT + '" height="' + FOOT + '" viewBox="0 0 32 32" aria-hidden="true" focusable="false">' +
      '<rect x="1" y="1" width="30" height="30" rx="6" fill="#ffffff" stroke="#1a1a1a" stroke-width="1.5"/>' +
      '<text x="16" y="15" text-anchor="middle" font-size="' + (n > 99 ? 11 : 13) + '" font-weight="700" fill="#1a1a1a">' + n + "</text>";
    var w = 7, x = 16 - (kinds.length * (w + 0.5) - 0.5) / 2;
    kinds.forEach(function (k, i) {
      var c = COLOUR.test(k.colour) ? k.colour : "#000000";
      svg += '<svg x="' + (x + i * (w + 0.5)).toFixed(1) + '" y="19" width="' + w + '" height="' + w + '" viewBox="0 0 16 16">' + (SHAPES[k.shape] || SHAPES.circle)(c) + "</svg>";
    });
    return svg + "</svg>";
  }

  /* The words of a cluster marker: "12 locaties: 5 techniek en ICT; 7 geen technisch
     profiel. Klik of Enter zoomt in." */
  function clusterLabel(n, kinds, texts, same) {
    var mix = kinds.map(function (k) { return k.count + " " + k.label; }).join("; ");
    var head = (texts.cluster || "{n} locations").replace("{n}", String(n));
    var action = same ? (texts.cluster_same || "") : (texts.cluster_zoom || "");
    return head + ": " + mix + "." + (action ? " " + action : "");
  }

  /* Markers of a "symbols" layer; with layer.cluster, nearby ones as clusters (above)
     that zoom in on a click or Enter (to where they part), or, when their locations share
     one point, hand the list of their data to options.onCluster. */
  function symbolLayer(map, el, layer, options, startZoom, texts) {
    var L = window.L;
    var group = L.layerGroup();
    var points = layer.points;
    var focusable = layer.focusable !== false;  // false: the page has another route
    var kindOf = {};
    (layer.kinds || []).forEach(function (k) { kindOf[k[0]] = { shape: k[0], colour: k[1], label: k[2] }; });
    var refocus = null;  // after a zoom by keyboard: the point whose marker gets the focus
    var focusMarker = {};

    function press(m, action) {  // a focused marker is a button: Enter or Space
      m.on("click", function () { action(false); });
      m.on("keydown", function (e) {
        var key = e.originalEvent.key;
        if (key === "Enter" || key === " ") {
          L.DomEvent.preventDefault(e.originalEvent);
          action(true);
        }
      });
    }

    function single(i, size) {
      var p = points[i];
      var icon = L.divIcon({ className: "kmap-symbol", html: symbolHtml(p[4], p[3], size), iconSize: [size, size] });
      var m = L.marker([p[0], p[1]], { icon: icon, title: p[5], keyboard: focusable, riseOnHover: true });
      press(m, function () { if (options.onSymbol) { options.onSymbol(p[6], layer.id); } });
      return m;
    }

    function expand(members, byKey) {
      var first = points[members[0]];
      var same = members.every(function (i) { return points[i][0] === first[0] && points[i][1] === first[1]; });
      var zoom = map.getZoom(), max = map.getMaxZoom();
      if (same || zoom >= max) {
        if (options.onCluster) { options.onCluster(members.map(function (i) { return points[i][6]; }), layer.id); }
        return;
      }
      var bounds = L.latLngBounds(members.map(function (i) { return [points[i][0], points[i][1]]; }));
      var sub = members.map(function (i) { return points[i]; });
      var sizes = members.map(function () { return 0; });
      var z = zoom + 1;
      while (z < max && cluster(map, sub, sizes, z).length < 2) { z += 1; }
      z = Math.max(zoom + 1, Math.min(z, map.getBoundsZoom(bounds.pad(0.2))));
      refocus = byKey ? members[0] : null;
      map.setView(bounds.getCenter(), z);
    }

    function clusterMarker(members) {
      var counts = {};
      members.forEach(function (i) { counts[points[i][4]] = (counts[points[i][4]] || 0) + 1; });
      var kinds = Object.keys(counts).map(function (shape) {
        var k = kindOf[shape] || { shape: shape, colour: "#000000", label: shape };
        return { shape: shape, colour: k.colour, label: k.label, count: counts[shape] };
      }).sort(function (a, b) { return b.count - a.count; });
      var first = points[members[0]];
      var same = members.every(function (i) { return points[i][0] === first[0] && points[i][1] === first[1]; });
      var label = clusterLabel(members.length, kinds, texts, same);
      var icon = L.divIcon({ className: "kmap-cluster", html: clusterHtml(members.length, kinds), iconSize: [FOOT, FOOT] });
      var m = L.marker([first[0], first[1]], { icon: icon, title: label, keyboard: focusable, riseOnHover: true });
      m.on("add", function () {
        var icon = m.getElement();
        if (!icon) { return; }
        icon.setAttribute("aria-label", label);
        icon.setAttribute("data-count", String(members.length));
        if (same) { icon.setAttribute("data-same", ""); }
      });
      press(m, function (byKey) { expand(members, byKey); });
      return m;
    }

    function build() {
      var scale = scaleFor(el, map, startZoom);
      var sizes = points.map(function (p) { return Math.max(6, Math.round(p[2] * scale)); });
      var kept = layer.cluster
        ? cluster(map, points, sizes, map.getZoom())
        : points.map(function (p, i) { return { members: [i] }; });
      if (layer.cluster) {  // reading order (north to south, then west to east): the Tab order
        kept.sort(function (a, b) { return a.y - b.y || a.x - b.x; });
      }
      group.clearLayers();
      focusMarker = {};
      kept.forEach(function (c) {
        var m = c.members.length === 1 ? single(c.members[0], sizes[c.members[0]]) : clusterMarker(c.members);
        c.members.forEach(function (i) { focusMarker[i] = m; });
        group.addLayer(m);
      });
      if (refocus !== null && focusMarker[refocus] && focusMarker[refocus].getElement()) {
        focusMarker[refocus].getElement().focus();
      }
      refocus = null;
    }
    build();
    map.on("zoomend resize", build);
    return group;
  }

  function draw(el, spec, options) {
    var L = window.L;
    options = options || {};
    var texts = spec.texts || {};
    el.setAttribute("dir", "ltr");  // a map is not mirrored on right-to-left pages
    var map = L.map(el, {
      zoomControl: false,
      minZoom: 6,
      maxZoom: spec.tiles ? spec.tiles.max_zoom : 18,
      zoomSnap: 1,
      keyboard: true,
      tap: false
    });
    map.attributionControl.setPrefix("Leaflet");
    // the controls (zoom, reset) first in the Tab order, not after every marker and area
    var controls = el.querySelector(".leaflet-control-container");
    if (controls) { el.insertBefore(controls, el.firstChild); }
    L.control.zoom({
      zoomInTitle: texts.zoom_in || "Zoom in",
      zoomOutTitle: texts.zoom_out || "Zoom out"
    }).addTo(map);
    var home = spec.bounds;
    var Reset = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar kmap-reset");
        var b = L.DomUtil.create("button", "", box);
        b.type = "button";
        b.title = texts.reset || "Reset";
        b.setAttribute("aria-label", texts.reset || "Reset");
        b.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M2 6V2h4M14 6V2h-4M2 10v4h4M14 10v4h-4" fill="none" stroke="#1a1a1a" stroke-width="2"/></svg>';
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.on(b, "click", function () { map.fitBounds(home); });
        return box;
      }
    });
    if (texts.reset) { new Reset().addTo(map); }
    map.createPane("kmapOutline").style.zIndex = 440;
    map.createPane("kmapPoints").style.zIndex = 450;
    map.createPane("kmapPlaces").style.zIndex = 460;
    map.getPane("kmapPlaces").style.pointerEvents = "none";
    map.fitBounds(home);
    var startZoom = map.getZoom();

    // own base: gemeente areas, filled as land when offline
    var base = L.geoJSON(spec.areas, {
      interactive: false,
      style: { color: "#6f6f6f", weight: 0.8, fill: true, fillColor: "#f4f1e8", fillOpacity: 0 }
    }).addTo(map);
    var places = [];
    var placeLayer = L.layerGroup();
    (spec.places || []).forEach(function (p) {
      var m = L.marker([p[1], p[2]], {
        pane: "kmapPlaces",
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: "kmap-place", html: "<span>" + escapeHtml(p[0]) + "</span>", iconSize: [0, 0] })
      });
      places.push(m);
      placeLayer.addLayer(m);
    });
    function offline() {
      if (el.getAttribute("data-tiles") === "offline" || el.getAttribute("data-tiles") === "none") { return; }
      el.setAttribute("data-tiles", spec.tiles ? "offline" : "none");
      el.classList.add("kmap-offline");
      if (tiles) { map.removeLayer(tiles); }
      base.setStyle({ fillOpacity: 1 });
      placeLayer.addTo(map);
      hideOverlappingPlaces(places);
      if (spec.tiles && options.onOffline) { options.onOffline(texts.offline || ""); }
    }
    map.on("zoomend moveend", function () {
      if (map.hasLayer(placeLayer)) { hideOverlappingPlaces(places); }
    });

    // base tiles
    var tiles = null;
    if (spec.tiles) {
      el.setAttribute("data-tiles", "loading");
      el.setAttribute("data-tiles-loaded", "0");
      var loaded = 0, failed = 0;
      tiles = L.tileLayer(spec.tiles.url, {
        attribution: spec.tiles.attribution,
        maxZoom: spec.tiles.max_zoom,
        minZoom: 6
      });
      tiles.on("tileload", function () {
        loaded += 1;
        el.setAttribute("data-tiles-loaded", String(loaded));
        if (el.getAttribute("data-tiles") === "loading") { el.setAttribute("data-tiles", "loaded"); }
      });
      tiles.on("tileerror", function () {
        failed += 1;
        if (loaded === 0 && failed >= 4) { offline(); }
      });
      tiles.addTo(map);
      window.setTimeout(function () { if (loaded === 0) { offline(); } }, 8000);
    } else {
      offline();
    }

    // the layers
    var layers = {};
    (spec.layers || []).forEach(function (layer) {
      var group = null;
      if (layer.kind === "areas") {
        group = L.geoJSON(spec.areas, {
          style: function (f) {
            var fill = layer.fill[f.id];
            return { color: "#5a5a5a", weight: 0.8, fillColor: fill || "#ffffff", fillOpacity: fill ? 0.6 : 0 };
          },
          onEachFeature: function (f, lyr) {
            if (layer.tips && layer.tips[f.id]) { lyr.bindTooltip(escapeHtml(layer.tips[f.id]), { sticky: true }); }
          }
        });
      } else if (layer.kind === "points") {
        group = L.layerGroup(layer.points.map(function (p) {
          return L.circleMarker([p[0], p[1]], {
            pane: "kmapPoints", radius: p[2], color: "#3f3f3f", weight: 0.6,
            fillColor: p[3], fillOpacity: 0.9
          }).bindTooltip(escapeHtml(p[4]));
        }));
      } else if (layer.kind === "rings") {  // [lat, lon, metres, colour]: a radius
        group = L.layerGroup(layer.points.map(function (p) {
          return L.circle([p[0], p[1]], {
            pane: "kmapOutline", radius: p[2], color: COLOUR.test(p[3]) ? p[3] : "#000000",
            weight: 2.5, dashArray: "6 5", fill: false, interactive: false
          });
        }));
      } else if (layer.kind === "symbols") {
        group = symbolLayer(map, el, layer, options, startZoom, texts);
      }
      if (!group) { return; }
      layers[layer.id] = group;
      if (layer.visible) { group.addTo(map); }
    });

    // the outline of the selected region, on top of the areas
    if (spec.outline) {
      var geom = { type: spec.outline.type, coordinates: spec.outline.coordinates };
      L.geoJSON(geom, { pane: "kmapOutline", interactive: false, style: { color: "#ffffff", weight: 6, opacity: 0.85, fill: false } }).addTo(map);
      L.geoJSON(geom, {
        pane: "kmapOutline", interactive: false,
        style: { color: "#111111", weight: 3, fill: false, dashArray: spec.outline.approximate ? "8 5" : null }
      }).addTo(map);
    }
    var api = {
      map: map,
      setVisible: function (id, on) {
        var g = layers[id];
        if (!g) { return; }
        if (on) { g.addTo(map); } else { map.removeLayer(g); }
      },
      reset: function () { map.fitBounds(home); }
    };
    el.kansrijkMap = api;  // for the page's own scripts and the browser tests
    el.setAttribute("data-state", "ready");
    return api;
  }

  window.KansrijkMap = { draw: draw, symbolHtml: symbolHtml };
}());
