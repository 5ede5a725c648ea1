/* The school finder's small map: draws the spec in <script id="f-map-spec"> with
   static/js/map.js and shows the figure (hidden without JavaScript: the list under it
   holds the same schools). */
(function () {
  "use strict";

  function start() {
    var el = document.getElementById("f-map");
    var src = document.getElementById("f-map-spec");
    if (!el || !src || typeof window.L === "undefined" || !window.KansrijkMap) { return; }
    var figure = el.parentNode;
    if (figure && figure.hasAttribute("hidden")) { figure.removeAttribute("hidden"); }
    window.KansrijkMap.draw(el, JSON.parse(src.textContent), {});
    el.classList.add("is-drawn");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
