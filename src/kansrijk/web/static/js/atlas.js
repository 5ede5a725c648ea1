/* The atlas page: draws the map spec the server embedded in
   <script type="application/json" id="atlas-spec"> with static/js/map.js, toggles the
   layers with the labelled checkboxes (the same checkboxes submit the form without
   JavaScript), shows the clicked school location (or the locations of a cluster marker
   whose locations share one point) in the panel beside the map, and says so
   when the base map cannot be reached. The tables under the map hold the same data. */
(function () {
  "use strict";

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

  function showList(panel, list) {
    // the locations of a cluster whose markers share one point (one PC4 area)
    var body = document.getElementById("atlas-panel-body");
    if (!body) { return; }
    while (body.firstChild) { body.removeChild(body.firstChild); }
    body.appendChild(text("h3", (panel.getAttribute("data-label-same") || "{n}").replace("{n}", String(list.length))));
    var ul = document.createElement("ul");
    ul.className = "atlas-panel-list";
    for (var i = 0; i < list.length; i++) {
      var li = document.createElement("li");
      var a = text("a", list[i][1]);
      a.setAttribute("href", list[i][5]);
      li.appendChild(a);
      li.appendChild(document.createTextNode(" — " + list[i][3]));
      ul.appendChild(li);
    }
    body.appendChild(ul);
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

  function start() {
    var el = document.getElementById("atlas-map");
    var src = document.getElementById("atlas-spec");
    if (!el || !src || typeof window.L === "undefined" || !window.KansrijkMap) { return; }
    var spec = JSON.parse(src.textContent);
    var box = el.parentNode;
    if (box && box.hasAttribute("hidden")) { box.removeAttribute("hidden"); }
    var nojs = document.getElementById("atlas-nojs");
    if (nojs) { nojs.setAttribute("hidden", ""); }
    var panel = document.getElementById("atlas-panel");
    var status = document.getElementById("atlas-map-status");
    var drawn = window.KansrijkMap.draw(el, spec, {
      onSymbol: function (data) { if (panel) { showLocation(panel, data); } },
      onCluster: function (list) { if (panel) { showList(panel, list); } },
      onOffline: function (message) {
        if (status) { status.textContent = message; status.removeAttribute("hidden"); }
      }
    });
    var boxes = document.querySelectorAll("input[data-layer]");
    for (var j = 0; j < boxes.length; j++) {
      boxes[j].addEventListener("change", function (e) {
        var cb = e.target;
        var layer = cb.getAttribute("data-layer");
        drawn.setVisible(layer, cb.checked);
        var notes = document.querySelectorAll("[data-legend='" + layer + "']");
        for (var k = 0; k < notes.length; k++) {
          if (cb.checked) { notes[k].removeAttribute("hidden"); } else { notes[k].setAttribute("hidden", ""); }
        }
        syncUrl(boxes);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
