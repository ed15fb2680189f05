// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core, against the demo
// served by `cargo xtask test` (TREATY_MAP_URL) or by a running `cargo xtask serve`.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

export const BASE_URL = process.env.TREATY_MAP_URL ?? "http://127.0.0.1:8080/";

/**
 * The same site served with the strict policy below on every HTML page (`cargo xtask test` starts it; by hand:
 * `cargo xtask serve --port 8081 --csp`).
 */
export const CSP_URL = process.env.TREATY_MAP_CSP_URL ?? "http://127.0.0.1:8081/";

/** The policy of issue 12, which the widget must work under with no violation. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "connect-src 'self'; require-trusted-types-for 'script'";

/** Debian's Chromium, headless; `args` are added to the usual flags. */
export async function launch({ args = [] } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ...args,
    ],
  });
}

/**
 * The event listeners on `window` and `document` whose handler comes from the widget's scripts (the loader or
 * wasm-bindgen's glue), as `{ target, type }`, read with the DevTools protocol.
 */
export async function ourListeners(page) {
  const cdp = await page.context().newCDPSession(page);
  const scripts = new Map();
  cdp.on("Debugger.scriptParsed", ({ scriptId, url }) => scripts.set(scriptId, url));
  await cdp.send("Debugger.enable");
  const found = [];
  for (const target of ["window", "document"]) {
    const { result } = await cdp.send("Runtime.evaluate", { expression: target });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    for (const listener of listeners) {
      const url = scripts.get(listener.scriptId) ?? "";
      if (/treaty[-_]map/.test(url.split("/").pop())) found.push({ target, type: listener.type });
    }
  }
  await cdp.detach();
  return found;
}

/** Opens the demo page and waits until the map has drawn. Collects page errors for the caller to check. */
export async function openDemo(browser, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  recordConsole(page);
  await page.goto(BASE_URL);
  await waitForLive(page);
  return { page, errors };
}

const consoleOf = new WeakMap();

/**
 * Keeps the page's console messages and the life of its requests for data (sent, answered, finished or failed,
 * in ms since recording began), which `waitForLive` reports if the map never goes live.
 */
export function recordConsole(page) {
  const log = [];
  consoleOf.set(page, log);
  page.on("console", (message) => log.push(`${message.type()}: ${message.text().slice(0, 300)}`));
  const started = Date.now();
  const data = (request) => /\.json$/.test(new URL(request.url()).pathname);
  const note = (what, request) => {
    if (data(request)) log.push(`network: ${Date.now() - started} ms ${what} ${new URL(request.url()).pathname}`);
  };
  page.on("request", (request) => note("sent", request));
  page.on("response", (response) => note(`answered ${response.status()}`, response.request()));
  page.on("requestfinished", (request) => note("finished", request));
  page.on("requestfailed", (request) => note(`failed (${request.failure()?.errorText})`, request));
}

/**
 * Waits until the live widget has taken over from the pre-render in the map `host` (a CSS selector; default
 * the page's first map): its shapes are drawn inside `.tm-mount` and no `.tm-prerender` is left. Before that,
 * the static pre-render is on show and does not respond.
 */
export async function waitForLive(page, host = "[data-treaty-map]") {
  try {
    await page.waitForFunction((selector) => {
      const root = document.querySelector(selector)?.shadowRoot;
      // Live: the pre-render gone, and the widget drawn whole (it is drawn in stages, its map a slice per task,
      // each `aria-busy` meanwhile).
      return !!root && !root.querySelector(".tm-prerender") && !!root.querySelector(".tm-mount .tm-root:not([aria-busy]) .tm-map:not([aria-busy]) path[data-iso3]");
    }, host);
  } catch (error) {
    // Say what the page showed, so that a failure can be told from a slow machine.
    const state = await page.evaluate((selector) => {
      const root = document.querySelector(selector)?.shadowRoot;
      return {
        shadowRoot: !!root,
        prerender: !!root?.querySelector(".tm-prerender"),
        mount: !!root?.querySelector(".tm-mount"),
        liveShapes: root?.querySelectorAll(".tm-mount .tm-map path[data-iso3]").length ?? 0,
        text: root?.querySelector(".tm-mount")?.textContent.replace(/\s+/g, " ").slice(0, 300) ?? null,
        resources: performance.getEntriesByType("resource")
          .map((e) => `${e.name.split("/").pop()} ${Math.round(e.startTime)}→${Math.round(e.responseEnd)} ms`),
        marks: performance.getEntriesByType("mark").map((m) => m.name),
        sinceNavigation: Math.round(performance.now()),
      };
    }, host).catch((e) => `not readable: ${e.message}`);
    throw new Error(`${error.message}\nwidget state: ${JSON.stringify(state)}\nconsole: ${JSON.stringify(consoleOf.get(page) ?? "not recorded")}`);
  }
}

/**
 * The `data-iso3` of the focused element, or null. The widget renders in a shadow root, where
 * `document.activeElement` is only the host element: look inside open shadow roots.
 */
export const focusedIso3 = (page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.getAttribute("data-iso3") ?? null;
  });

/** Clicks the button named `name` and returns the download's file name and bytes. */
export async function download(page, name) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

const dataDir = new URL("../../data/", import.meta.url);
export const readData = (name) => JSON.parse(readFileSync(new URL(name, dataDir), "utf8"));

/** Records every Content Security Policy violation of `page` in `window.__violations` (read it with evaluate). */
export const recordCspViolations = (page) =>
  page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

/**
 * Opens the demo and mounts one map of `region` in place of its map, in a 1000 px wide host `#id`, and waits for
 * it to draw: through the loader (`treaty-map.js`, with `options`; the page keeps its handle as `window.__map`),
 * or with `direct`, through the wasm bundle itself with the site's data.
 */
export async function openMap(browser, region, { id = "map-under-test", height = 1400, direct = false, options = {} } = {}) {
  const { page, errors } = await openDemo(browser, { width: 1100, height });
  await page.evaluate(
    async ([region, id, direct, options]) => {
      const { mount } = await import(direct ? "./pkg/treaty_map.js" : "./treaty-map.js");
      const old = document.querySelector("[data-treaty-map]");
      const host = document.createElement("div");
      host.id = id;
      host.style.width = "1000px";
      old.replaceWith(host);
      const data = direct ? { dataUrl: new URL("data/", document.baseURI).href } : {};
      window.__map = mount(host, { region, ...data, ...options });
    },
    [region, id, direct, options],
  );
  // The widget drawn whole (it is drawn in stages, its map a slice per task, each `aria-busy` meanwhile).
  await page.locator(`#${id} .tm-root:not([aria-busy]) .tm-map:not([aria-busy]) path[data-iso3]`).first().waitFor();
  return { page, errors };
}
