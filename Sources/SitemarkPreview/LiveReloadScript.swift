/// The browser side of the preview: reloads the page after a rebuild, swaps stylesheets in
/// place when only CSS changed, and lays the build's errors over the page while the build is
/// failing. It exists only in preview output: the preview build adds `headTag` through
/// `BuildOptions.extraHead`; `sitemark build` never does.
public enum LiveReloadScript {
    /// Where the server answers; nothing in a site can live under this folder.
    public static let prefix = "/__sitemark/"
    public static let eventsPath = prefix + "events"
    public static let statusPath = prefix + "status"
    public static let scriptPath = prefix + "live.js"

    /// Absolute from the server root: the preview always serves the site at `/`.
    public static let headTag = "<script src=\"\(scriptPath)\" defer></script>"

    /// Messages are set with textContent, never innerHTML: a diagnostic quoting `<script>`
    /// from a page stays text.
    public static let source = #"""
    // Sitemark preview: live reload and build errors. Served by `sitemark serve` only.
    (() => {
      "use strict";
      let build = null, overlay = null;
      const when = (f) => document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", f) : f();
      const el = (tag, text, style) => { const e = document.createElement(tag); e.textContent = text; e.style.cssText = style; return e; };
      const hide = () => { if (overlay) { overlay.remove(); overlay = null; } };
      const apply = (s) => when(() => s.state === "failed" ? show(s) : hide());

      function show(s) {
        hide();
        overlay = el("div", "", "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
          "background:rgba(22,22,26,.96);color:#eee;font:14px/1.55 ui-monospace,Menlo,Consolas,monospace");
        overlay.id = "sitemark-build-errors";
        overlay.setAttribute("role", "alertdialog");
        overlay.setAttribute("aria-label", "Build failed");
        overlay.append(
          el("h2", "Build failed: the last good version of the site is still shown underneath.",
             "margin:0 0 .4rem;font:600 1.2rem/1.3 system-ui,sans-serif;color:#ff8a80"),
          el("p", s.summary + " Save a fix and this page updates by itself.", "margin:0 0 1.5rem;color:#bbb"));
        const list = el("ol", "", "list-style:none;margin:0;padding:0");
        for (const p of s.problems) {
          const item = el("li", "", "margin:0 0 1rem;white-space:pre-wrap");
          item.append(el("span", p.location + ": ", "color:#8ab4f8"),
                      el("span", p.severity + ": ", "font-weight:bold;color:" + (p.severity === "error" ? "#ff8a80" : "#ffd54f")),
                      document.createTextNode(p.message));
          if (p.hint) item.append(el("div", "hint: " + p.hint, "color:#aaa;padding-left:2ch"));
          list.append(item);
        }
        const close = el("button", "Dismiss (Esc)", "margin-top:1rem;font:inherit;padding:.3rem .8rem");
        close.onclick = hide;
        overlay.append(list, close);
        document.body.append(overlay);
      }
      document.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });

      function swapStylesheets(paths) {
        let swapped = 0;
        for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
          const url = new URL(link.href, location.href);
          if (url.origin !== location.origin || !paths.includes(url.pathname.slice(1))) continue;
          url.searchParams.set("sitemark", Date.now());
          const fresh = link.cloneNode();
          fresh.href = url.href;
          fresh.onload = fresh.onerror = () => link.remove();
          link.after(fresh);
          swapped++;
        }
        if (!swapped) location.reload(); // reached some other way (@import): reload to be sure
      }

      // On load, so a page opened while the build is failing shows why.
      fetch("\#(statusPath)", { cache: "no-store" }).then((r) => r.json()).then(apply).catch(() => {});

      const events = new EventSource("\#(eventsPath)");
      events.addEventListener("hello", (e) => {
        const s = JSON.parse(e.data);
        // Reconnected after missing a rebuild (or after a server restart): catch up.
        if (build !== null && s.build !== build && s.state === "ok") { location.reload(); return; }
        build = s.build;
        document.documentElement.dataset.sitemarkBuild = build; // connected (tests wait for it)
        apply(s);
      });
      events.addEventListener("reload", () => location.reload());
      events.addEventListener("css", (e) => { const d = JSON.parse(e.data); build = d.build; hide(); swapStylesheets(d.paths); });
      events.addEventListener("failed", (e) => { const s = JSON.parse(e.data); build = s.build; apply(s); });
    })();
    """#
}
