/* The atlas map: draws the plotly.js spec the server embedded in
   <script type="application/json" id="atlas-spec"> (no tile server: the base map is the
   gemeente GeoJSON, sent once as spec.geojson and put into every choropleth trace here),
   toggles the layers with the labelled checkboxes (the same checkboxes submit the form
   without JavaScript), and shows the clicked school location in the panel beside the map.
   The tables under the map hold the same data and are the keyboard route to every
   location. */
(function () {
  "use strict";

  function tracesOf(spec, layer) {
    var out = [];
    for (var i = 0; i < spec.data.length; i++) {
      if (spec.data[i].meta === layer) { out.push(i); }
    }
    return out;
  }

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }

  function showLocation(panel, cd) {
    // cd = [loc_code, name, gemeente, offer line, pupils line, url]
    var body = document.getElementById("atlas-panel-body");
    if (!body) { return; }
    while (body.firstChild) { body.removeChild(body.firstChild); }
    body.appendChild(text("h3", cd[1]));
    var dl = document.createElement("dl");
    dl.className = "atlas-panel-facts";
    var rows = [
      [panel.getAttribute("data-label-gemeente"), cd[2]],
      [panel.getAttribute("data-label-offer"), cd[3]],
      [panel.getAttribute("data-label-pupils"), cd[4]]
    ];
    for (var i = 0; i < rows.length; i++) {
      var div = document.createElement("div");
      div.appendChild(text("dt", rows[i][0]));
      div.appendChild(text("dd", rows[i][1]));
      dl.appendChild(div);
    }
    body.appendChild(dl);
    var p = document.createElement("p");
    var a = text("a", panel.getAttribute("data-label-link"));
    a.setAttribute("href", cd[5]);
    p.appendChild(a);
    body.appendChild(p);
  }

  function syncUrl(boxes) {
    if (!window.history || !window.history.replaceState || !window.URL) { return; }
    var url = new URL(window.location.href);
    url.searchParams.set("layers", "1");
    for (var i = 0; i < boxes.length; i++) {
      var name = boxes[i].getAttribute("data-layer");
      if (boxes[i].checked) { url.searchParams.set(name, "on"); } else { url.searchParams.delete(name); }
    }
    window.history.replaceState(null, "", url.toString());
  }

  function draw() {
    var el = document.getElementById("atlas-map");
    var src = document.getElementById("atlas-spec");
    if (!el || !src || typeof window.Plotly === "undefined") { return; }
    var spec = JSON.parse(src.textContent);
    for (var i = 0; i < spec.data.length; i++) {
      if (spec.data[i].type === "choropleth") { spec.data[i].geojson = spec.geojson; }
    }
    var box = el.parentNode;
    if (box && box.hasAttribute("hidden")) { box.removeAttribute("hidden"); }
    var nojs = document.getElementById("atlas-nojs");
    if (nojs) { nojs.setAttribute("hidden", ""); }
    window.Plotly.newPlot(el, spec.data, spec.layout, spec.config).then(function () {
      var panel = document.getElementById("atlas-panel");
      el.on("plotly_click", function (ev) {
        if (!ev || !ev.points || !ev.points.length || !panel) { return; }
        var pt = ev.points[0];
        if (pt.data && pt.data.meta === "locations" && pt.customdata) {
          showLocation(panel, pt.customdata);
        }
      });
      var boxes = document.querySelectorAll("input[data-layer]");
      for (var j = 0; j < boxes.length; j++) {
        boxes[j].addEventListener("change", function (e) {
          var cb = e.target;
          var layer = cb.getAttribute("data-layer");
          var idx = tracesOf(spec, layer);
          if (idx.length) { window.Plotly.restyle(el, { visible: cb.checked }, idx); }
          var notes = document.querySelectorAll("[data-legend='" + layer + "']");
          for (var k = 0; k < notes.length; k++) {
            if (cb.checked) { notes[k].removeAttribute("hidden"); } else { notes[k].setAttribute("hidden", ""); }
          }
          syncUrl(boxes);
        });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
