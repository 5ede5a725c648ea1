/* The accessibility checker of tests/e2e/a11y.py, run in the page with page.evaluate(). */
(opts) => {
  const out = [];
  const SECTIONING = "article, aside, main, nav, section";

  function describe(el) {
    if (!el || el === document) { return "document"; }
    const one = (e) => {
      let s = e.tagName.toLowerCase();
      if (e.id) { return s + "#" + e.id; }
      const cls = (e.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean);
      if (cls.length) { s += "." + cls.slice(0, 2).join("."); }
      return s;
    };
    const chain = [one(el)];
    let p = el.parentElement;
    for (let i = 0; p && p !== document.body && p !== document.documentElement && i < 2; i++) {
      chain.unshift(one(p));
      if (p.id) { break; }
      p = p.parentElement;
    }
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
    return chain.join(" > ") + (text ? ' "' + text + '"' : "");
  }
  const add = (rule, el, detail) => out.push({rule: rule, target: describe(el), detail: detail});

  function hiddenFromAll(el) {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      if (e.hasAttribute("hidden") || e.getAttribute("aria-hidden") === "true") { return true; }
      if (getComputedStyle(e).display === "none") { return true; }
    }
    return false;
  }
  function visible(el) {
    if (el.checkVisibility && !el.checkVisibility(
        {opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true})) {
      return false;
    }
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) { return false; }
    if (r.right + window.scrollX <= 0 || r.bottom + window.scrollY <= 0) { return false; }
    return true;
  }
  function textOf(ids) {
    return ids.split(/\s+/).map((id) => document.getElementById(id))
      .filter(Boolean).map((e) => e.textContent || "").join(" ").trim();
  }
  function accName(el) {
    const by = el.getAttribute("aria-labelledby");
    if (by && textOf(by)) { return textOf(by); }
    const al = (el.getAttribute("aria-label") || "").trim();
    if (al) { return al; }
    if (el.labels && el.labels.length) {
      const t = Array.from(el.labels).map((l) => l.textContent || "").join(" ").trim();
      if (t) { return t; }
    }
    const tag = el.tagName.toLowerCase();
    if (tag === "input" && ["submit", "button", "reset"].includes((el.type || "").toLowerCase())) {
      const v = (el.value || "").trim();
      if (v) { return v; }
    }
    if (tag === "a" || tag === "button" || el.getAttribute("role") === "button") {
      const t = (el.innerText || el.textContent || "").trim();
      if (t) { return t; }
      const img = el.querySelector("img[alt]");
      if (img && img.getAttribute("alt").trim()) { return img.getAttribute("alt").trim(); }
      const svgTitle = el.querySelector("svg title");
      if (svgTitle && svgTitle.textContent.trim()) { return svgTitle.textContent.trim(); }
    }
    const title = (el.getAttribute("title") || "").trim();
    return title;
  }
  const rules = new Set(opts.rules);

  // lang
  if (rules.has("lang")) {
    const lang = (document.documentElement.getAttribute("lang") || "").trim();
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang)) {
      add("lang", document.documentElement, "html has no valid lang attribute: '" + lang + "'");
    }
  }

  // landmarks
  if (rules.has("landmarks")) {
    const outside = (sel, role) => Array.from(document.querySelectorAll(sel + ", [role=" + role + "]"))
      .filter((e) => !hiddenFromAll(e))
      .filter((e) => e.getAttribute("role") === role || !e.parentElement.closest(SECTIONING));
    if (!outside("header", "banner").length) { add("landmarks", null, "no banner (header) landmark"); }
    const navs = Array.from(document.querySelectorAll("nav, [role=navigation]")).filter((e) => !hiddenFromAll(e));
    if (!navs.length) { add("landmarks", null, "no navigation (nav) landmark"); }
    const mains = Array.from(document.querySelectorAll("main, [role=main]")).filter((e) => !hiddenFromAll(e));
    if (mains.length !== 1) { add("landmarks", null, "expected one main landmark, found " + mains.length); }
    if (!outside("footer", "contentinfo").length) { add("landmarks", null, "no contentinfo (footer) landmark"); }
  }

  // headings
  const headings = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]"))
    .filter((e) => !hiddenFromAll(e))
    .map((e) => ({el: e, level: e.getAttribute("role") === "heading"
      ? parseInt(e.getAttribute("aria-level") || "2", 10) : parseInt(e.tagName.substring(1), 10)}));
  if (rules.has("one-h1")) {
    const h1 = headings.filter((h) => h.level === 1);
    if (h1.length !== 1) {
      add("one-h1", h1.length ? h1[1 % h1.length].el : null, "expected one h1, found " + h1.length);
    }
  }
  if (rules.has("heading-order")) {
    let prev = 0;
    for (const h of headings) {
      if (h.level > prev + 1) {
        add("heading-order", h.el, "h" + h.level + " follows " + (prev ? "h" + prev : "the start of the page")
          + " (skips a level)");
      }
      prev = h.level;
    }
  }

  // form controls, buttons, links
  if (rules.has("label")) {
    const controls = document.querySelectorAll(
      "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea");
    for (const c of controls) {
      if (hiddenFromAll(c)) { continue; }
      if (!accName(c)) { add("label", c, "form field without an accessible label"); }
    }
  }
  if (rules.has("button-name")) {
    for (const b of document.querySelectorAll("button, input[type=submit], input[type=button], input[type=reset], [role=button]")) {
      if (hiddenFromAll(b)) { continue; }
      if (!accName(b)) { add("button-name", b, "button without an accessible name"); }
    }
  }
  if (rules.has("link-name")) {
    for (const a of document.querySelectorAll("a[href]")) {
      if (hiddenFromAll(a)) { continue; }
      if (!accName(a)) { add("link-name", a, "link without an accessible name"); }
    }
  }

  // text alternatives of images and charts
  if (rules.has("chart-alt")) {
    for (const img of document.querySelectorAll("img")) {
      if (hiddenFromAll(img) || ["presentation", "none"].includes(img.getAttribute("role"))) { continue; }
      if (!img.hasAttribute("alt") && !accName(img)) { add("chart-alt", img, "img without alt"); }
    }
    const namedImgAncestor = (el) => {
      for (let e = el.parentElement; e; e = e.parentElement) {
        if (e.getAttribute("role") === "img" && accName(e)) { return true; }
      }
      return false;
    };
    const isDescription = (e) => {
      if (!e) { return false; }
      const tag = e.tagName.toLowerCase();
      if (tag === "table" || tag === "figcaption") { return true; }
      if (e.querySelector && e.querySelector("table")) { return true; }
      return tag === "p" && (e.textContent || "").trim().length > 0;
    };
    const described = (el) => {
      for (let e = el; e && e !== document.body && e.tagName.toLowerCase() !== "main"; e = e.parentElement) {
        const d = e.getAttribute("aria-describedby");
        if (d && textOf(d)) { return true; }
        let n = e.nextElementSibling;
        while (n && ["script", "style", "template"].includes(n.tagName.toLowerCase())) { n = n.nextElementSibling; }
        if (isDescription(n)) { return true; }
        if (e.tagName.toLowerCase() === "figure" && e.querySelector("figcaption, table")) { return true; }
      }
      return false;
    };
    const charts = new Set();
    for (const el of document.querySelectorAll("svg, canvas, [role=img]")) {
      if (el.tagName.toLowerCase() === "img" || hiddenFromAll(el)) { continue; }
      if (el.parentElement && el.parentElement.closest("svg")) { continue; }  // nested svg
      if (el.id === "js-plotly-tester") { continue; }  // plotly's off-screen text-measuring svg
      const graph = el.closest(".js-plotly-plot") || el;
      charts.add(graph);
    }
    for (const el of charts) {
      if (hiddenFromAll(el)) { continue; }
      if (accName(el) || namedImgAncestor(el) || described(el)) { continue; }
      const t = el.querySelector && el.querySelector(":scope > title");
      if (t && t.textContent.trim()) { continue; }
      add("chart-alt", el, "chart or image without a text alternative (no label, no table or description after it)");
    }
  }

  // tables
  if (rules.has("table-caption")) {
    for (const t of document.querySelectorAll("table")) {
      if (["presentation", "none"].includes(t.getAttribute("role"))) { continue; }
      const cap = t.querySelector(":scope > caption");
      const ok = (cap && cap.textContent.trim()) || (t.getAttribute("aria-label") || "").trim()
        || (t.getAttribute("aria-labelledby") && textOf(t.getAttribute("aria-labelledby")));
      if (!ok) { add("table-caption", t, "table without caption, aria-label or aria-labelledby"); }
    }
  }

  // contrast
  if (rules.has("contrast")) {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const cx = canvas.getContext("2d", {willReadFrequently: true});
    const cache = new Map();
    function parse(str) {
      if (cache.has(str)) { return cache.get(str); }
      let m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(str);
      let c;
      if (m) {
        let a = m[4] === undefined ? 1 : (m[4].endsWith("%") ? parseFloat(m[4]) / 100 : parseFloat(m[4]));
        c = [parseFloat(m[1]), parseFloat(m[2]), parseFloat(m[3]), a];
      } else {
        cx.clearRect(0, 0, 1, 1);
        cx.fillStyle = "rgba(0,0,0,0)";
        cx.fillStyle = str;
        cx.fillRect(0, 0, 1, 1);
        const d = cx.getImageData(0, 0, 1, 1).data;
        c = [d[0], d[1], d[2], d[3] / 255];
      }
      cache.set(str, c);
      return c;
    }
    const over = (top, bottom) => {
      const a = top[3];
      return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a),
              top[2] * a + bottom[2] * (1 - a), 1];
    };
    function background(el) {
      const layers = [];
      let opacity = 1;
      for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
        const cs = getComputedStyle(e);
        opacity *= parseFloat(cs.opacity || "1");
        if (cs.backgroundImage && cs.backgroundImage !== "none") { return {image: describe(e)}; }
        const c = parse(cs.backgroundColor);
        if (c[3] > 0) { layers.push(c); if (c[3] >= 1) { break; } }
      }
      let bg = [255, 255, 255, 1];
      for (let i = layers.length - 1; i >= 0; i--) { bg = over(layers[i], bg); }
      return {color: bg, opacity: opacity};
    }
    function lum(c) {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    }
    const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
    const hex = (c) => "#" + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
    const SKIP = new Set(["script", "style", "noscript", "template", "option", "optgroup", "title", "head"]);
    const all = document.body ? document.body.querySelectorAll("*") : [];
    let checked = 0;
    for (const el of all) {
      const tag = el.tagName.toLowerCase();
      if (SKIP.has(tag) || el instanceof SVGElement) { continue; }
      let hasText = false;
      for (const n of el.childNodes) {
        if (n.nodeType === 3 && n.textContent.trim()) { hasText = true; break; }
      }
      if (!hasText && tag === "select") { hasText = true; }
      if (!hasText && tag === "input" && ["text", "search", "email", "number", "tel", "url", ""].includes((el.getAttribute("type") || "").toLowerCase())
          && (el.value || "").trim()) { hasText = true; }
      if (!hasText || el.disabled || !visible(el)) { continue; }
      const cs = getComputedStyle(el);
      const bg = background(el);
      if (bg.image) { continue; }  // text on an image or gradient: not computable here
      const fg0 = parse(cs.color);
      const fg = over([fg0[0], fg0[1], fg0[2], fg0[3] * bg.opacity], bg.color);
      const r = ratio(fg, bg.color);
      const size = parseFloat(cs.fontSize);
      const bold = parseInt(cs.fontWeight, 10) >= 700;
      const large = size >= 24 || (size >= 18.66 && bold);
      const need = large ? 3 : 4.5;
      checked++;
      if (r + 1e-9 < need) {
        add("contrast", el, "contrast " + r.toFixed(2) + ":1 < " + need + ":1 (text " + hex(fg) + " on "
          + hex(bg.color) + ", " + size + "px" + (bold ? " bold" : "") + ")");
      }
    }
    if (opts.expectText && !checked) { add("contrast", null, "no visible text found to check"); }
  }

  // reflow at a narrow viewport
  if (rules.has("reflow") && window.innerWidth <= 400) {
    const sw = document.documentElement.scrollWidth;
    if (sw > window.innerWidth + 1) {
      const wide = [];
      // is el inside a box that clips or scrolls it sideways? An absolutely positioned
      // element escapes every such box below its containing block (offsetParent).
      const clipped = (el) => {
        const pos = getComputedStyle(el).position;
        if (pos === "fixed") { return false; }
        let cb = pos === "absolute" ? el.offsetParent : null;
        if (pos === "absolute" && !cb) { return false; }
        for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
          if (cb) {
            if (e !== cb) { continue; }
            cb = null;
          }
          if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(e).overflowX)) {
            return true;
          }
        }
        return false;
      };
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.right + window.scrollX > window.innerWidth + 1 && r.width > 0 && !clipped(el)) {
          // report the outermost offenders only
          if (!wide.some((w) => w.contains(el))) { wide.push(el); }
        }
      }
      add("reflow", document.documentElement, "page is " + sw + " px wide at a viewport of "
        + window.innerWidth + " px; too wide: " + wide.slice(0, 5).map(describe).join("; "));
    }
  }
  return out;
}
