/* The maps of the access check and the registry's reach and shortage pages
   (templates/map_macros.html): draws each element with data-map-page from the spec in
   <script type="application/json" id="{data-map}"> with static/js/map.js, shows its box
   (hidden without JavaScript: the tables on the page hold the same data) and says so when
   the base map cannot be reached. */
(function () {
  "use strict";

  function drawOne(el) {
    var src = document.getElementById(el.getAttribute("data-map"));
    if (!src) { return; }
    var figure = el.closest("figure");
    var box = el.parentNode;
    if (box && box.hasAttribute("hidden")) { box.removeAttribute("hidden"); }
    var nojs = figure && figure.querySelector(".kmap-nojs");
    if (nojs) { nojs.setAttribute("hidden", ""); }
    var status = figure && figure.querySelector(".kmap-status");
    window.KansrijkMap.draw(el, JSON.parse(src.textContent), {
      onOffline: function (message) {
        if (status) { status.textContent = message; status.removeAttribute("hidden"); }
      }
    });
  }

  function start() {
    if (typeof window.L === "undefined" || !window.KansrijkMap) { return; }
    var maps = document.querySelectorAll("[data-map-page]");
    for (var i = 0; i < maps.length; i++) { drawOne(maps[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
