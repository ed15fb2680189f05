// The browser half of `cargo xtask bench`, in Debian's headless Chromium (playwright-core, never a downloaded
// browser):
//
// 1. wasm vs d3-geo in one page (bench/page.html): the core compiled to wasm (bench/wasm) and d3-geo, timed
//    alternately on the same inputs: projection + paths, parsing, and the widget's Scene::build per region.
// 2. The served demo (TREATY_MAP_URL): when the map is drawn after navigation, for 1 and 10 widgets on a page;
//    click → panel painted, Escape → closed, hover → tooltip, over many states.
// 3. A CPU profile of the click path (Chrome DevTools Protocol), on a copy of the site whose wasm keeps its
//    function names (SITE_NAMES_DIR): the costliest functions by self time.
//
//   node bench/browser.mjs BENCH_DIR   (env TREATY_MAP_URL, SITE_NAMES_DIR)  → BENCH_DIR/browser.json
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const benchDir = process.argv[2];
const siteUrl = process.env.TREATY_MAP_URL;
const namesDir = process.env.SITE_NAMES_DIR;
if (!benchDir || !siteUrl) {
  console.error("usage: TREATY_MAP_URL=… [SITE_NAMES_DIR=…] node bench/browser.mjs BENCH_DIR");
  process.exit(2);
}
const repo = fileURLToPath(new URL("..", import.meta.url));
const CLICKS = Number(process.env.BENCH_CLICKS ?? 100);
const PARTS = (process.env.BENCH_PARTS ?? "compare,load,interaction,profile").split(",");

const TYPES = {
  ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
  ".wasm": "application/wasm", ".css": "text/css",
};

/** Serves `origin` + path from the first directory of `mounts` (prefix → directory) that matches. */
async function serve(page, origin, mounts) {
  await page.route(`${origin}/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    for (const [prefix, dir] of mounts) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      // A mount is a directory, or a single file when the prefix is the whole path.
      const file = rest === "" && statSync(dir).isFile() ? dir : join(dir, rest || "index.html");
      if (existsSync(file)) {
        return route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? "application/octet-stream" });
      }
    }
    return route.fulfill({ status: 404, body: "not found" });
  });
}

// The browser; launched at the end of the file, once every function and constant below is defined.
let browser;

async function compare() {
  const page = await browser.newPage();
  const origin = "http://bench.treaty-map.test";
  await serve(page, origin, [
    ["/page.html", join(repo, "bench/page.html")],
    ["/pkg/", join(benchDir, "wasm-pkg")],
    ["/inputs/", benchDir],
    ["/data/", join(repo, "data")],
    ["/lib/d3-array.js", join(repo, "node_modules/d3-array/dist/d3-array.min.js")],
    ["/lib/d3-geo.js", join(repo, "node_modules/d3-geo/dist/d3-geo.min.js")],
    ["/lib/topojson-client.js", join(repo, "node_modules/topojson-client/dist/topojson-client.min.js")],
  ]);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && console.error(`bench page: ${m.text()}`));
  await page.goto(`${origin}/page.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const out = await page.evaluate((args) => window.runBench(args), {
    scales: ["110m", "50m", "10m"],
    runs: { "110m": 30, "50m": 15, "10m": 7 },
  });
  if (errors.length) throw new Error(`bench page: ${errors.join("; ")}`);
  await page.close();
  return out;
}

/** Navigation to map drawn: the demo, ten widgets on a page, and the world map at three scales; medians. */
async function loadTimes() {
  const out = {};
  const tenPage = readFileSync(join(repo, "www/index.html"), "utf8").replace(
    /<div id="americas-map"[^>]*><\/div>/,
    ["world", "africa", "americas", "asia-pacific", "europe-central-asia", "mena", "world", "americas", "africa", "mena"]
      .map((r) => `<div data-treaty-map data-region="${r}" data-content="content.json"></div>`).join("\n"),
  );
  const worldPage = (scale) => readFileSync(join(repo, "www/index.html"), "utf8").replace(
    /<div id="americas-map"[^>]*><\/div>/,
    `<div data-treaty-map data-region="world" data-data-url="world-${scale}/"></div>`,
  );
  // Page name, widgets on it, page HTML (null: the demo itself), geometry file served in place of the shipped one.
  const pages = [
    ["1 widget", 1, null, null],
    ["10 widgets", 10, tenPage, null],
    ["world map, shipped geometry", 1, worldPage("shipped"), null],
    ["world map, 1:50m geometry", 1, worldPage("50m"), "world-50m.geo.json"],
    ["world map, 1:10m geometry", 1, worldPage("10m"), "world-10m.geo.json"],
  ];
  const failures = [];
  out.failures = failures;
  for (const [name, count, html, geometry] of pages) {
    const samples = [];
    for (let i = 0; i < (geometry === "world-10m.geo.json" ? 3 : 5); i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.addInitScript((expected) => {
        window.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
        }).observe({ type: "longtask", buffered: true });
        new MutationObserver((_, observer) => {
          if (document.querySelectorAll(".tm-map").length >= expected
              && [...document.querySelectorAll(".tm-map")].every((m) => m.querySelector("path.tm-shape"))) {
            window.__drawn = performance.now();
            requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); }, 0));
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      }, count);
      if (html) {
        await page.route(`${siteUrl}bench.html`, (route) => route.fulfill({ body: html, contentType: "text/html" }));
        // world-<scale>/ holds the shipped status and regions, and the geometry at that scale.
        await page.route(`${siteUrl}world-*/*`, (route) => {
          const file = new URL(route.request().url()).pathname.split("/").pop();
          const path = file === "world.geo.json" && geometry ? join(benchDir, geometry) : join(repo, "data", file);
          return route.fulfill({ body: readFileSync(path), contentType: "application/json" });
        });
      }
      await page.goto(html ? `${siteUrl}bench.html` : siteUrl);
      try {
        await page.waitForFunction(() => window.__painted !== undefined, null, { timeout: 60000 });
      } catch (error) {
        // Recorded, not fatal: one stuck load should not cost the rest of the run its figures.
        const state = await page.evaluate(() => [...document.querySelectorAll("[data-treaty-map]")]
          .map((e) => e.querySelectorAll("path.tm-shape").length
            || [...e.children].filter((c) => c.localName !== "style").map((c) => c.textContent).join(" ").slice(0, 200)));
        failures.push(`${name}: not all maps drawn within 60 s: ${JSON.stringify(state)}`);
        await page.close();
        continue;
      }
      const sample = await page.evaluate(() => {
        const paint = Object.fromEntries(performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]));
        const longTasks = window.__longTasks;
        return {
          map_drawn_ms: window.__drawn,
          map_painted_ms: window.__painted,
          first_contentful_paint_ms: paint["first-contentful-paint"] ?? null,
          js_heap_bytes: performance.memory?.usedJSHeapSize ?? null,
          long_tasks: longTasks,
        };
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Performance.enable");
      const { metrics } = await cdp.send("Performance.getMetrics");
      const metric = (n) => metrics.find((m) => m.name === n)?.value ?? null;
      sample.js_heap_used_bytes = metric("JSHeapUsedSize");
      sample.nodes = metric("Nodes");
      samples.push(sample);
      await page.close();
    }
    if (samples.length === 0) continue;
    const med = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[samples.length >> 1];
    out[name] = {
      map_drawn_ms: med("map_drawn_ms"), map_painted_ms: med("map_painted_ms"),
      first_contentful_paint_ms: med("first_contentful_paint_ms"), js_heap_used_bytes: med("js_heap_used_bytes"),
      nodes: med("nodes"),
      longest_task_ms: Math.max(0, ...samples.flatMap((s) => s.long_tasks)),
      samples,
    };
  }
  return out;
}

/** Runs in the page: click → panel, Escape → closed, hover → tooltip, over `count` states. */
function measureInPage(count) {
  const task = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });
  // The next frame's rAF callback runs before that frame's style, layout and paint; a task posted from it runs
  // after them.
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => task().then(resolve)));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  // Codes, not elements: a re-render may replace the elements (the view is not keyed everywhere).
  const codes = [...document.querySelectorAll(".tm-map path.tm-shape[data-iso3]")]
    .filter((p) => p.getAttribute("d") && p.getBoundingClientRect().width > 2)
    .map((p) => p.dataset.iso3);
  const shapeOf = (iso3) => document.querySelector(`.tm-map path.tm-shape[data-iso3="${iso3}"]`);
  let replaced = 0;
  // DOM churn: <path> elements added or removed under the map during each interaction.
  let churn = 0;
  const countPaths = (nodes) => [...nodes].reduce((n, node) =>
    n + (node.nodeName === "path" ? 1 : 0) + (node.querySelectorAll?.("path").length ?? 0), 0);
  new MutationObserver((records) => {
    for (const r of records) churn += countPaths(r.addedNodes) + countPaths(r.removedNodes);
  }).observe(document.querySelector(".tm-root") ?? document.body, { childList: true, subtree: true });
  const out = { click: { script: [], paint: [] }, escape: { script: [], paint: [] }, hover: { script: [], paint: [] }, ok: { click: 0, escape: 0, hover: 0 } };
  out.churn = { click: [], escape: [], hover: [] };
  return (async () => {
    for (let i = 0; i < count; i++) {
      const iso3 = codes[(i * 7) % codes.length];
      let shape = shapeOf(iso3);
      const box = shape.getBoundingClientRect();
      const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
      await sleep(5 + (i % 4) * 4);

      churn = 0;
      let t0 = performance.now();
      shape.dispatchEvent(new MouseEvent("mousemove", { bubbles: true, cancelable: true, view: window, ...at }));
      let t1 = await task();
      const shown = !!document.querySelector(".tm-tooltip");
      let t2 = await painted();
      out.churn.hover.push(churn);
      if (shown) {
        out.ok.hover++;
        out.hover.script.push(t1 - t0);
        out.hover.paint.push(t2 - t0);
      }

      if (!shape.isConnected) replaced++;
      shape = shapeOf(iso3);
      churn = 0;
      t0 = performance.now();
      shape.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window, ...at }));
      t1 = await task();
      if (document.querySelector(`.tm-panel[data-iso3="${iso3}"]`)) out.ok.click++;
      t2 = await painted();
      out.click.script.push(t1 - t0);
      out.click.paint.push(t2 - t0);
      out.churn.click.push(churn);
      await sleep(5 + (i % 3) * 5);

      churn = 0;
      t0 = performance.now();
      (document.activeElement ?? document.body).dispatchEvent(
        new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
      t1 = await task();
      if (!document.querySelector(".tm-panel")) out.ok.escape++;
      t2 = await painted();
      out.escape.script.push(t1 - t0);
      out.escape.paint.push(t2 - t0);
      out.churn.escape.push(churn);
    }
    out.replaced_on_hover = replaced;
    out.paths = document.querySelectorAll(".tm-map path").length;
    return out;
  })();
}

/** Runs in the page: clicks `count` states in turn (the panel switches from one to the next), a frame apart. */
function clickLoop(count) {
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const codes = [...document.querySelectorAll(".tm-map path.tm-shape[data-iso3]")]
    .filter((p) => p.getAttribute("d")).map((p) => p.dataset.iso3);
  return (async () => {
    for (let i = 0; i < count; i++) {
      const shape = document.querySelector(`.tm-map path.tm-shape[data-iso3="${codes[(i * 7) % codes.length]}"]`);
      shape.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window }));
      await painted();
    }
  })();
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : null;
};
const summarise = (xs) => ({ n: xs.length, p50_ms: quantile(xs, 0.5), p95_ms: quantile(xs, 0.95), max_ms: quantile(xs, 1) });

async function interaction(url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.locator(".tm-map path.tm-shape").first().waitFor();
  const raw = await page.evaluate(measureInPage, CLICKS);
  await page.close();
  const out = { ok: raw.ok, clicks: CLICKS, replaced_on_hover: raw.replaced_on_hover, paths: raw.paths };
  out.paths_churned_p50 = Object.fromEntries(Object.entries(raw.churn).map(([k, v]) => [k, quantile(v, 0.5)]));
  out.paths_churned_max = Object.fromEntries(Object.entries(raw.churn).map(([k, v]) => [k, quantile(v, 1)]));
  for (const kind of ["click", "escape", "hover"]) {
    out[kind] = { script: summarise(raw[kind].script), paint: summarise(raw[kind].paint) };
  }
  return out;
}

/** An anonymous function named by its place, and the start of its source line when it is one of the site's. */
function anonymous({ url, lineNumber, columnNumber }) {
  const file = url.startsWith("http://names.treaty-map.test/") ? join(namesDir, new URL(url).pathname) : null;
  const line = file && existsSync(file) ? readFileSync(file, "utf8").split("\n")[lineNumber] ?? "" : "";
  // wasm-bindgen's glue names each import on the line where its wrapper function starts.
  const code = line.trim().slice(0, 70);
  return `(anonymous ${url.split("/").pop()}:${lineNumber + 1}:${columnNumber + 1}${code ? ` ${code}` : ""})`;
}

async function profileClicks() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const origin = "http://names.treaty-map.test";
  await serve(page, origin, [["/", namesDir]]);
  await page.goto(`${origin}/`);
  await page.locator(".tm-map path.tm-shape").first().waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  await page.evaluate(clickLoop, 80);
  const { profile } = await cdp.send("Profiler.stop");
  await page.close();
  // Self time per function: each sample is charged to the node on top of the stack.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const name = node.callFrame.functionName || anonymous(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + dt);
  }
  const busy = [...self].filter(([name]) => name !== "(idle)");
  const total = busy.reduce((sum, [, ms]) => sum + ms, 0);
  return {
    busy_ms: total,
    top: busy.sort((a, b) => b[1] - a[1]).slice(0, 15).map(([name, ms]) => ({ name, self_ms: ms, share: ms / total })),
  };
}

browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const results = { chromium: browser.version() };
try {
  if (PARTS.includes("compare")) results.compare = await compare();
  if (PARTS.includes("load")) results.load = await loadTimes();
  if (PARTS.includes("interaction")) results.interaction = await interaction(siteUrl);
  if (namesDir && PARTS.includes("profile")) results.profile = await profileClicks();
} finally {
  await browser.close();
}
writeFileSync(join(benchDir, "browser.json"), JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 1).slice(0, 4000));
