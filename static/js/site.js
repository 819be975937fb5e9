// scorebook: small enhancements. Every page reads fully without this file.
(function () {
  "use strict";

  // Search: the full-text index of search/index.js, loaded with <script>
  // elements (never fetch) so that it works from a plain folder too. Its
  // files call the functions below; term shards and page chunks load only
  // when a query needs them.
  var search = (function () {
    var api = window.scorebookSearch = window.scorebookSearch || {};
    var entry = null, shards = {}, chunks = {}, loading = {}, root = "";
    api.index = function (e) { entry = e; };
    api.shard = function (n, terms) { shards[n] = terms; };
    api.pages = function (n, rows) { chunks[n] = rows; };
    var load = function (path) {
      if (!loading[path]) {
        loading[path] = new Promise(function (resolve, reject) {
          var el = document.createElement("script");
          el.src = root + path;
          el.onload = resolve;
          el.onerror = function () { reject(new Error("cannot load " + path)); };
          document.head.appendChild(el);
        });
      }
      return loading[path];
    };
    // words splits a query as the index splits text: lowercase runs of
    // letters and digits, of two or more characters.
    var words = function (q) {
      return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return Array.from(w).length > 1; });
    };
    // run finds the pages holding every word (each as the start of a
    // term), best first: a title match over a heading match over the body.
    var run = function (q, limit) {
      var ws = words(q);
      if (!ws.length) return Promise.resolve({ words: ws, hits: [] });
      return load("search/index.js").then(function () {
        // A shard holds the terms from its first to its last in sorted
        // order; the terms a word begins lie from the word to the word
        // followed by the highest character.
        var need = [];
        if (!entry.terms) {
          ws.forEach(function (w) {
            var end = w + "\uffff";
            entry.shards.forEach(function (r, n) {
              if (r[0] <= end && r[1] >= w && need.indexOf(n) < 0) need.push(n);
            });
          });
        }
        return Promise.all(need.map(function (n) { return load("search/t-" + entry.shards[n][2] + ".js"); }));
      }).then(function () {
        var total = null;
        ws.forEach(function (w) {
          var best = {};
          var scan = function (terms) {
            Object.keys(terms).forEach(function (term) {
              if (term.indexOf(w) !== 0) return;
              var post = terms[term];
              for (var i = 0; i < post.length; i += 2) {
                var s = term === w ? post[i + 1] : Math.floor(post[i + 1] / 2);
                if (!(best[post[i]] >= s)) best[post[i]] = s;
              }
            });
          };
          if (entry.terms) scan(entry.terms); else Object.keys(shards).forEach(function (p) { scan(shards[p]); });
          if (total === null) { total = best; return; }
          var next = {};
          Object.keys(total).forEach(function (page) { if (page in best) next[page] = total[page] + best[page]; });
          total = next;
        });
        var pages = Object.keys(total).map(Number).sort(function (a, b) { return total[b] - total[a] || a - b; });
        var count = pages.length;
        pages = pages.slice(0, limit);
        var need = [];
        pages.forEach(function (p) { var n = Math.floor(p / entry.chunk); if (need.indexOf(n) < 0) need.push(n); });
        return Promise.all(need.map(function (n) { return load("search/p-" + n + ".js"); })).then(function () {
          return {
            words: ws, count: count,
            hits: pages.map(function (p) {
              var row = chunks[Math.floor(p / entry.chunk)][p % entry.chunk];
              return { url: row[0], title: row[1], section: row[2], text: row[3] };
            })
          };
        });
      });
    };
    // marked appends text to el with each word that starts with a query
    // word wrapped in <mark>; text is never parsed as HTML.
    var marked = function (el, text, ws) {
      var esc = ws.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
      var re = new RegExp("(?<![\\p{L}\\p{N}])(?:" + esc.join("|") + ")[\\p{L}\\p{N}]*", "giu");
      var last = 0, m;
      while ((m = re.exec(text)) !== null) {
        if (m.index > last) el.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        el.appendChild(mark);
        last = m.index + m[0].length;
      }
      if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
      return el;
    };
    // snippet is the part of a page's text around the first query word,
    // or its opening when no word is in the text.
    var snippet = function (text, ws, size) {
      var esc = ws.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
      var m = new RegExp("(?<![\\p{L}\\p{N}])(?:" + esc.join("|") + ")", "iu").exec(text);
      var at = m ? m.index : 0;
      var start = Math.max(0, at - Math.floor(size / 3));
      if (start > 0) { var sp = text.indexOf(" ", start); if (sp >= 0 && sp < at) start = sp + 1; }
      var end = Math.min(text.length, start + size);
      if (end < text.length) { var sp2 = text.lastIndexOf(" ", end); if (sp2 > at) end = sp2; }
      return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
    };
    // href is a page's address; opened from a folder, a folder's address
    // would list the folder, so it names the folder's index.html.
    var href = function (url) {
      var h = root + url.replace(/^\//, "");
      return window.location.protocol === "file:" ? h.replace(/\/(#|$)/, "/index.html$1") : h;
    };
    // item renders one hit as a list item: the title linked, the section,
    // and the snippet with the words marked.
    var item = function (hit, ws, size) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = href(hit.url);
      marked(a, hit.title, ws);
      li.appendChild(a);
      if (hit.section) {
        var small = document.createElement("small");
        small.textContent = hit.section;
        li.appendChild(small);
      }
      if (hit.text) {
        var p = document.createElement("p");
        p.className = "snippet";
        marked(p, snippet(hit.text, ws, size), ws);
        li.appendChild(p);
      }
      return li;
    };
    // keys lets the arrow keys move between the input and the results'
    // links; Enter on a link follows it, as links do.
    var keys = function (input, list, onEscape) {
      var links = function () { return Array.prototype.slice.call(list.querySelectorAll("a")); };
      var move = function (ev, from) {
        var all = links();
        if (!all.length) return;
        var i = all.indexOf(from);
        if (ev.key === "ArrowDown") { ev.preventDefault(); all[Math.min(i + 1, all.length - 1)].focus(); }
        if (ev.key === "ArrowUp") { ev.preventDefault(); if (i <= 0) input.focus(); else all[i - 1].focus(); }
      };
      input.addEventListener("keydown", function (ev) {
        if (ev.key === "ArrowDown") move(ev, null);
        if (ev.key === "Escape" && onEscape) onEscape();
      });
      list.addEventListener("keydown", function (ev) {
        if (ev.key === "ArrowDown" || ev.key === "ArrowUp") move(ev, document.activeElement);
        if (ev.key === "Escape" && onEscape) { onEscape(); input.focus(); }
      });
    };
    return { run: run, item: item, keys: keys, setRoot: function (r) { root = r; } };
  })();

  var form = document.querySelector("form.search");
  var index = form && form.getAttribute("data-search");
  if (index) {
    // The site's root as an absolute address, from the entry file's
    // relative one: pages and index files are addressed from it.
    search.setRoot(new URL(index, window.location.href).href.replace(/search\/index\.js$/, ""));
    var input = form.querySelector("input");
    var list = form.querySelector(".search-results");
    var seq = 0;
    var close = function () { list.hidden = true; };
    input.addEventListener("input", function () {
      var mine = ++seq, q = input.value;
      search.run(q, 8).then(function (r) {
        if (mine !== seq) return;
        list.textContent = "";
        if (!r.words.length) { close(); return; }
        r.hits.forEach(function (h) { list.appendChild(search.item(h, r.words, 90)); });
        if (!r.hits.length) {
          var none = document.createElement("li");
          none.className = "none";
          none.textContent = "No page matches.";
          list.appendChild(none);
        }
        list.hidden = false;
        list.setAttribute("data-query", q);
      }).catch(function () {});
    });
    search.keys(input, list, close);

    // The search page, /search/?q=WORDS: every match, ranked, with snippets.
    var page = document.querySelector("[data-search-page]");
    if (page) {
      var pageInput = page.querySelector("input");
      var hits = page.querySelector(".search-hits");
      var status = page.querySelector(".search-status");
      var q = new URLSearchParams(window.location.search).get("q") || "";
      pageInput.value = q;
      search.keys(pageInput, hits, null);
      if (q) {
        search.run(q, 50).then(function (r) {
          hits.textContent = "";
          r.hits.forEach(function (h) { hits.appendChild(search.item(h, r.words, 220)); });
          hits.setAttribute("data-query", q);
          status.textContent = !r.words.length ? "Type at least two letters." :
            r.count === 0 ? "No page matches “" + q + "”." :
            r.count + (r.count === 1 ? " page matches" : " pages match") + " “" + q + "”" +
            (r.count > r.hits.length ? "; the first " + r.hits.length + " are shown." : ".");
        }).catch(function (err) { status.textContent = "Search is unavailable: " + err.message; });
      }
    }
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
