/* Kansrijk map: draws a map spec (web/map_spec.py) with Leaflet (static/vendor/leaflet).

   window.KansrijkMap.draw(element, spec, options) -> {map, setVisible(id, on), reset()}

   - base tiles (spec.tiles: XYZ url, attribution) when given; when the setting is empty,
     or no tile loads (4 errors before the first tile, or none within 8 s), the map falls
     back to its own base: the gemeente areas filled as land and the gemeente names as
     place names (names that would overlap are hidden, smaller gemeenten first);
   - the selected region's outline (spec.outline), zoomed to (spec.bounds);
   - spec.layers, by kind: "areas" (fill colours of spec.areas by feature id), "points"
     (circles), "symbols" (markers, keyboard-focusable unless "focusable": false; click or
     Enter calls options.onSymbol(data)). A new layer is a new entry there.
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
        var markers = [];
        var make = function (p, scale) {
          var size = Math.max(6, Math.round(p[2] * scale));
          return L.divIcon({ className: "kmap-symbol", html: symbolHtml(p[4], p[3], size), iconSize: [size, size] });
        };
        var scale = scaleFor(el, map, startZoom);
        group = L.layerGroup(layer.points.map(function (p) {
          var focusable = layer.focusable !== false;  // false: the page has another route
          var m = L.marker([p[0], p[1]], { icon: make(p, scale), title: p[5], alt: p[5], keyboard: focusable, riseOnHover: true });
          m.on("click", function () { if (options.onSymbol) { options.onSymbol(p[6], layer.id); } });
          m.on("keydown", function (e) {  // a focused marker is a button: Enter or Space
            var key = e.originalEvent.key;
            if (key === "Enter" || key === " ") {
              L.DomEvent.preventDefault(e.originalEvent);
              m.fire("click");
            }
          });
          markers.push([m, p]);
          return m;
        }));
        map.on("zoomend", function () {
          var s = scaleFor(el, map, startZoom);
          markers.forEach(function (mp) { mp[0].setIcon(make(mp[1], s)); });
        });
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
