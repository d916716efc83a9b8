// strata live reload: added to pages by `strata serve`, never by `strata build`.
(() => {
  "use strict";
  const script = document.currentScript;
  const base = script ? script.dataset.base : "/";
  const overlayId = "strata-error-overlay";
  let build = null;

  const here = () => {
    let path = decodeURI(location.pathname);
    if (path.endsWith("/index.html")) path = path.slice(0, -"index.html".length);
    return path;
  };

  const showError = (message) => {
    let overlay = document.getElementById(overlayId);
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = overlayId;
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0b0e;color:#ffe9e9;border-top:4px solid #ff5c5c;padding:1rem 1.25rem;font:14px/1.5 ui-monospace,monospace;";
      const title = document.createElement("strong");
      title.textContent = "strata: the last change did not build; the page shows the last good version.";
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:.5rem 0 0;";
      overlay.append(title, pre);
      document.body.append(overlay);
    }
    overlay.querySelector("pre").textContent = message;
  };

  const clearError = () => {
    const overlay = document.getElementById(overlayId);
    if (overlay) overlay.remove();
  };

  const swapStylesheets = () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("strata", Date.now().toString());
      link.href = url.toString();
    }
  };

  const source = new EventSource(base + "__strata/events");
  source.addEventListener("hello", (event) => {
    const data = JSON.parse(event.data);
    // A new server (restarted while this page was open) may have built something else.
    if (build !== null && data.build !== build) location.reload();
    build = data.build;
    if (data.error) showError(data.error); else clearError();
  });
  source.addEventListener("reload", (event) => {
    const data = JSON.parse(event.data);
    build = data.build;
    clearError();
    const page = here();
    const shown = data.paths.some((p) => p === page || /\.(png|jpe?g|gif|svg|webp|avif|js)$/i.test(p));
    if (shown) location.reload();
    else if (data.paths.some((p) => p.endsWith(".css"))) swapStylesheets();
  });
  source.addEventListener("failed", (event) => showError(JSON.parse(event.data).message));
})();
