// scorebook: small enhancements. Every page reads fully without this file.
(function () {
  "use strict";

  // Search: filter the site's search.json as you type.
  var form = document.querySelector("form.search");
  if (form && window.fetch) {
    var input = form.querySelector("input");
    var list = form.querySelector(".search-results");
    var base = form.getAttribute("data-index");
    var root = base.replace(/search\.json$/, "");
    var index = null;
    var load = function () {
      if (index) return Promise.resolve(index);
      return fetch(base).then(function (r) { return r.json(); }).then(function (d) { index = d; return d; });
    };
    var render = function (entries, q) {
      list.textContent = "";
      var words = q.toLowerCase().split(/\s+/).filter(Boolean);
      if (!words.length) { list.hidden = true; return; }
      var hits = entries.filter(function (e) {
        var hay = (e.t + " " + (e.d || "") + " " + (e.s || "")).toLowerCase();
        return words.every(function (w) { return hay.indexOf(w) >= 0; });
      }).slice(0, 12);
      hits.forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + e.u.replace(/^\//, "");
        a.textContent = e.t;
        if (e.s || e.d) {
          var small = document.createElement("small");
          small.textContent = e.s ? e.s : e.d;
          a.appendChild(small);
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      if (!hits.length) {
        var none = document.createElement("li");
        none.textContent = "No page matches.";
        none.style.padding = ".4rem .75rem";
        list.appendChild(none);
      }
      list.hidden = false;
    };
    input.addEventListener("input", function () {
      load().then(function (entries) { render(entries, input.value); }).catch(function () {});
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { list.hidden = true; }
    });
    form.addEventListener("submit", function (ev) {
      var first = list.querySelector("a");
      if (first) { ev.preventDefault(); window.location.href = first.href; }
    });
  }

  // Portfolio: sort by any column; filter in place.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var heads = table.querySelectorAll("thead th[data-sort]");
    heads.forEach(function (th) {
      var col = th.cellIndex;
      th.tabIndex = 0;
      var sort = function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[col];
          if (!cell) return "";
          if (th.getAttribute("data-sort") === "num") return parseFloat(cell.getAttribute("data-value") || "-1");
          return cell.textContent.trim().toLowerCase();
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sort(); } });
    });
  });
})();
