/* Draws the plotly.js charts of a page from the JSON specs the server embedded in
   <script type="application/json" id="..."> blocks; each chart div names its spec in
   data-chart. Every chart is followed by a table with the same figures, so the page is
   complete without JavaScript. */
(function () {
  "use strict";
  function draw() {
    if (typeof window.Plotly === "undefined") { return; }
    var nodes = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var src = document.getElementById(el.getAttribute("data-chart"));
      if (!src) { continue; }
      var spec = JSON.parse(src.textContent);
      if (el.parentNode && el.parentNode.hasAttribute("hidden")) { el.parentNode.removeAttribute("hidden"); }
      el.classList.add("is-drawn");
      window.Plotly.newPlot(el, spec.data, spec.layout, spec.config);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
