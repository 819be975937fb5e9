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
    on("reload", () => {
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
