/* Draws the plotly.js charts of a page from the JSON specs the server embedded in
   <script type="application/json" id="..."> blocks; each chart div names its spec in
   data-chart. Every chart is followed by a table with the same figures, so the page is
   complete without JavaScript. */
(function () {
  "use strict";
  /* plotly never wraps a legend entry: on a narrow chart (a phone) a long series name
     ("doel 2030: 30% (Fictief demodoel (Kansrijk-demo))") ran off the chart. Break such
     names into lines that fit (about 7.5 px a character at the charts' 14 px font). */
  function wrapped(text, max) {
    var words = String(text).split(" ");
    var lines = [];
    var line = "";
    for (var i = 0; i < words.length; i++) {
      var next = line ? line + " " + words[i] : words[i];
      if (line && next.length > max) {
        lines.push(line);
        line = words[i];
      } else {
        line = next;
      }
    }
    if (line) { lines.push(line); }
    return lines.join("<br>");
  }
  function fitLegend(data, width) {
    var max = Math.max(16, Math.floor((width - 60) / 7.5));
    for (var i = 0; i < data.length; i++) {
      var name = data[i].name;
      if (typeof name === "string" && name.length > max) { data[i].name = wrapped(name, max); }
    }
  }
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
      if (el.clientWidth) { fitLegend(spec.data, el.clientWidth); }
      window.Plotly.newPlot(el, spec.data, spec.layout, spec.config);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
