/* Tables a reader can sort and filter, as an enhancement: without JavaScript every table
   is complete and in the server's order.
   - table[data-sortable]: each column heading becomes a button; a click sorts the rows by
     that column (numbers as numbers, in the page's language: "1.234,5" in Dutch, "1,234.5"
     in English; empty cells last), a second click reverses; aria-sort tells which.
   - input[data-filter-rows="TABLE-ID"]: shows only the rows whose text holds what is typed
     (case and accents ignored); rows marked is-chosen always stay; the element named by
     data-filter-count says how many rows are shown. The filter is hidden until this runs. */
(function () {
  "use strict";
  var dutch = (document.documentElement.lang || "nl").slice(0, 2) === "nl";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function number(text) {
    var t = text.replace(/[\s\u00a0%€]/g, "").replace(/[–—]/g, "-");
    t = dutch ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
    var m = t.match(/^[-+]?\d+(\.\d+)?/);
    return m ? parseFloat(m[0]) : null;
  }

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function sortBy(table, index, button, heads) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var th = button.parentNode;
    var up = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = rows.every(function (r) {
      var t = cellText(r, index);
      return t === "" || t === "–" || number(t) !== null;
    });
    rows.sort(function (a, b) {
      var x = cellText(a, index), y = cellText(b, index);
      var ex = x === "" || x === "–", ey = y === "" || y === "–";
      if (ex || ey) { return ex === ey ? 0 : (ex ? 1 : -1); }
      var d = numeric ? number(x) - number(y) : fold(x).localeCompare(fold(y), dutch ? "nl" : "en");
      return up ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", up ? "ascending" : "descending");
  }

  function sortable(table) {
    var head = table.tHead;
    if (!head || !head.rows.length) { return; }
    var heads = Array.prototype.slice.call(head.rows[head.rows.length - 1].cells);
    heads.forEach(function (th, index) {
      if (th.querySelector("a, button")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, button, heads); });
    });
  }

  function filter(input) {
    var table = document.getElementById(input.getAttribute("data-filter-rows"));
    if (!table || !table.tBodies[0]) { return; }
    var count = document.getElementById(input.getAttribute("data-filter-count") || "");
    var box = input.closest("[hidden]");
    if (box) { box.removeAttribute("hidden"); }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (r) { return fold(r.textContent); });
    function apply() {
      var q = fold(input.value.trim());
      var shown = 0;
      rows.forEach(function (r, i) {
        var keep = !q || r.classList.contains("is-chosen") || texts[i].indexOf(q) !== -1;
        r.hidden = !keep;
        if (keep) { shown += 1; }
      });
      if (count) {
        count.textContent = (count.getAttribute("data-template") || "{n}")
          .replace("{n}", String(shown)).replace("{total}", String(rows.length));
      }
    }
    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); }  // typing a name must not run the form
    });
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), sortable);
    Array.prototype.forEach.call(document.querySelectorAll("input[data-filter-rows]"), filter);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
