// Live reload for `scorebook serve`. The server injects this script into the
// HTML it serves; the built files never contain it. It listens to
// /__scorebook/events and reloads the page, swaps its stylesheets, or shows
// and clears the build-error overlay (#scorebook-error) the server renders.
// Tests can wait for <html data-scorebook="connected">.
(() => {
  "use strict";
  if (window.__scorebook) return;
  window.__scorebook = true;

  const root = document.documentElement;
  const me = document.currentScript;
  let build = (me && me.dataset.build) || "";
  let wait = 1000;

  const clearError = () => {
    const el = document.getElementById("scorebook-error");
    if (el) el.remove();
  };

  const showError = (html) => {
    clearError();
    // The server built this markup and escaped everything in it.
    const t = document.createElement("template");
    t.innerHTML = html;
    (document.body || root).appendChild(t.content);
  };

  // Load each same-origin stylesheet again under a new query, dropping the
  // old link only once the new one is in, so the page never shows unstyled.
  const swapStylesheets = () => {
    for (const old of document.querySelectorAll('link[rel~="stylesheet"][href]')) {
      const url = new URL(old.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("scorebook", Date.now().toString(36));
      const next = old.cloneNode(false);
      next.href = url.href;
      next.onload = next.onerror = () => old.remove();
      old.after(next);
    }
  };

  // The output file this page was served from: /a/b/ is a/b/index.html.
  const ownPath = () => {
    let p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (p === "" || p.endsWith("/")) p += "index.html";
    return p;
  };

  // affected reports whether a rebuild that wrote the given files calls for
  // reloading this page: its own file changed, or a script or image any
  // page may use, or the page is the not-found page (the address it asked
  // for may exist now). When only stylesheets and other pages changed, the
  // stylesheets are swapped in place.
  const affected = (data) => {
    let d;
    try { d = JSON.parse(data || "{}"); } catch (err) { return true; }
    if (d.all || !Array.isArray(d.paths)) return true;
    if (document.body && document.body.classList.contains("kind-404")) return true;
    const own = ownPath();
    if (d.paths.some((p) => p === own || /\.(js|svg|png|jpe?g|gif|webp|ico)$/i.test(p))) return true;
    if (d.paths.some((p) => /\.css$/i.test(p))) swapStylesheets();
    return false;
  };

  const connect = () => {
    const events = new EventSource("/__scorebook/events?build=" + encodeURIComponent(build));
    const on = (name, handle) => events.addEventListener(name, (e) => {
      build = e.lastEventId || build;
      handle(e);
    });
    events.onopen = () => {
      root.dataset.scorebook = "connected";
      wait = 1000;
    };
    on("reload", (e) => {
      if (!affected(e.data)) return;
      root.dataset.scorebook = "reloading";
      events.close();
      location.reload();
    });
    on("css", swapStylesheets);
    on("build-error", (e) => showError(JSON.parse(e.data).html));
    on("ok", clearError);
    events.onerror = () => {
      root.dataset.scorebook = "disconnected";
      // The browser retries dropped streams by itself; one it gave up on
      // (the server answered with an error) is retried here, more slowly.
      if (events.readyState === EventSource.CLOSED) {
        setTimeout(connect, wait);
        wait = Math.min(wait * 2, 10000);
      }
    };
  };

  document.addEventListener("click", (e) => {
    if (e.target instanceof Element && e.target.closest("[data-scorebook-dismiss]")) clearError();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") clearError();
  });
  connect();
})();
