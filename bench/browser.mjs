// The browser half of `cargo xtask bench`, in Debian's headless Chromium (playwright-core, never a downloaded
// browser):
//
// 1. wasm vs d3-geo in one page (bench/page.html): the core compiled to wasm (bench/wasm) and d3-geo, timed
//    alternately on the same inputs: projection + paths, parsing, and the widget's Scene::build per region.
// 2. The served demo (TREATY_MAP_URL; the widget renders in the open shadow root of each [data-treaty-map]):
//    after navigation, first contentful paint, the static pre-render shown, the live map drawn and painted,
//    the `treatymap:interactive` mark, long tasks and memory, for the pre-rendered demo, ten pre-rendered
//    widgets on a page and the world map at three scales; click → panel painted, Escape → closed,
//    hover → tooltip over many states, and pans (pointer drags on the zoomed-in map).
// 3. The click path phase by phase (script, style, layout, paint) from a Chromium trace of frame-aligned clicks;
//    a CPU profile of the click path (Chrome DevTools Protocol), on a copy of the site whose wasm keeps its
//    function names (SITE_NAMES_DIR): the costliest functions by self time.
// 4. The worst inputs the limits allow (core::limits): the load of each, traced, and its longest main-thread
//    task, which should stay under 50 ms (BENCH_PARTS=worst runs this part alone).
// 5. The stages of the demo's load: the `treatymap:stage:*` marks, ms after navigation, and where the main thread's
//    time goes before the module's first stage and after it, from traced loads (BENCH_PARTS=stages).
// 6. Time on the world map: date steps (the slider's keys, each at the start of a frame, timed until that frame
//    has painted, with the `<path>` elements whose `d` or other attributes changed) and playback (the interval
//    between frames while it plays) (BENCH_PARTS=time).
//
//   node bench/browser.mjs BENCH_DIR   (env TREATY_MAP_URL, SITE_NAMES_DIR, BENCH_SITE_DIR)  → BENCH_DIR/browser.json
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { TEN_REGIONS, tenMapsPage, withMaps } from "./pages.mjs";

const benchDir = process.argv[2];
const siteUrl = process.env.TREATY_MAP_URL;
const namesDir = process.env.SITE_NAMES_DIR;
/** The served site's folder (a private copy), where the worst inputs are written to be served as files. */
const siteDir = process.env.BENCH_SITE_DIR;
if (!benchDir || !siteUrl) {
  console.error("usage: TREATY_MAP_URL=… [SITE_NAMES_DIR=…] node bench/browser.mjs BENCH_DIR");
  process.exit(2);
}
const repo = fileURLToPath(new URL("..", import.meta.url));
const CLICKS = Number(process.env.BENCH_CLICKS ?? 100);
const PANS = Number(process.env.BENCH_PANS ?? 60);
const PARTS = (process.env.BENCH_PARTS ?? "compare,load,interaction,profile,worst,stages,time").split(",");

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

/** Debian's Chromium, and the flags of every browser the bench starts (each adds its own headless mode). */
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

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

/**
 * Waits until `condition` (a script expression) holds in the page, polled by the page's own timers through the
 * DevTools protocol. Not Playwright's `waitForFunction`: that first installs Playwright's utility script in the
 * page, whose compilation (8.4 ms on this machine, an `EvaluateScript` in a trace) lands in the middle of the
 * load being timed, a task no visitor's page has.
 */
async function waitInPage(page, condition, timeoutMs) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { exceptionDetails } = await cdp.send("Runtime.evaluate", {
      expression: `new Promise((resolve, reject) => {
        const start = performance.now();
        const check = () => (${condition}) ? resolve(true)
          : performance.now() - start > ${timeoutMs} ? reject(new Error("not within ${timeoutMs} ms"))
          : setTimeout(check, 50);
        check();
      })`,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`${condition}: not true within ${timeoutMs} ms`);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Navigation to map drawn: the demo (one widget, pre-rendered), ten pre-rendered widgets on a page, and the world
 * map at three scales (no pre-render: the live load alone); medians.
 *
 * The widget renders in an open shadow root of each `[data-treaty-map]` host; the demo's host holds a static
 * pre-render (a declarative shadow root, `.tm-prerender`) that the live widget (`.tm-mount`) replaces once the data
 * is in. A script injected before the page's own checks every animation frame which of the two is present in
 * every host: *pre-render shown* is the first frame with every pre-rendered map laid out, *live* the first frame
 * with every host's live map drawn and no pre-render left, *painted* a task posted from that frame (its style,
 * layout and paint are done). *Interactive* is the `treatymap:interactive` performance mark of the last instance.
 */
async function loadTimes() {
  const out = {};
  // The built demo page (its pre-render filled in by `cargo xtask build`), with the demo's map replaced.
  const demo = await (await fetch(siteUrl)).text();
  const prerender = async (region) => {
    const response = await fetch(`${siteUrl}prerender/${region}.en.html`);
    if (!response.ok) throw new Error(`no pre-render of ${region}: HTTP ${response.status}`);
    return response.text();
  };
  const fragments = Object.fromEntries(await Promise.all([...new Set(TEN_REGIONS)].map(async (r) => [r, await prerender(r)])));
  const tenPage = tenMapsPage(demo, (r) => fragments[r]);
  const worldPage = (scale) =>
    withMaps(demo, `<div data-treaty-map data-region="world" data-data-url="world-${scale}/"></div>`);
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
      await page.addInitScript(watchLoad, count);
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
        await waitInPage(page, "window.__bench.painted !== null", 60000);
      } catch (error) {
        // Recorded, not fatal: one stuck load should not cost the rest of the run its figures.
        const state = await page.evaluate(() => [...document.querySelectorAll("[data-treaty-map]")].map((e) => {
          const root = e.shadowRoot;
          if (!root) return "no shadow root";
          const live = root.querySelectorAll(".tm-mount .tm-map path.tm-shape").length;
          const pre = root.querySelectorAll(".tm-prerender .tm-map path.tm-shape").length;
          return live || pre ? `live ${live}, pre-render ${pre}` : root.textContent.replace(/\s+/g, " ").slice(0, 160);
        }));
        failures.push(`${name}: not all live maps drawn within 60 s: ${JSON.stringify(state)}`);
        await page.close();
        continue;
      }
      // A map is interactive once its widget is drawn whole, a few tasks after its first shapes show where no
      // pre-render hides the stages (src/ui/widget.rs).
      await waitInPage(page, `performance.getEntriesByName("treatymap:interactive", "mark").length >= ${count}`, 10000)
        .catch(() => failures.push(`${name}: fewer than ${count} treatymap:interactive marks within 10 s of the live maps`));
      const sample = await page.evaluate(() => {
        const b = window.__bench;
        const paint = Object.fromEntries(performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]));
        const marks = performance.getEntriesByName("treatymap:interactive", "mark").map((m) => m.startTime);
        return {
          first_contentful_paint_ms: paint["first-contentful-paint"] ?? null,
          content_shown_ms: b.contentShown,
          prerender_shown_ms: b.prerenderShown,
          live_drawn_ms: b.liveDrawn,
          map_painted_ms: b.painted,
          interactive_first_ms: marks.length ? Math.min(...marks) : null,
          interactive_ms: marks.length ? Math.max(...marks) : null,
          both_shown: b.bothShown,
          long_tasks: b.longTasks,
        };
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Performance.enable");
      const { metrics } = await cdp.send("Performance.getMetrics");
      const metric = (n) => metrics.find((m) => m.name === n)?.value ?? null;
      sample.js_heap_used_bytes = metric("JSHeapUsedSize");
      sample.nodes = metric("Nodes");
      // Array buffers outside the JS heap: mostly the wasm module's linear memory (one per page, shared by
      // every instance on it).
      const usage = await cdp.send("Runtime.getHeapUsage").catch(() => ({}));
      sample.backing_store_bytes = usage.backingStorageSize ?? null;
      samples.push(sample);
      await page.close();
    }
    if (samples.length === 0) continue;
    const med = (key) => {
      const xs = samples.map((s) => s[key]).filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
      return xs.length ? xs[xs.length >> 1] : null;
    };
    out[name] = {
      first_contentful_paint_ms: med("first_contentful_paint_ms"),
      prerender_shown_ms: med("prerender_shown_ms"),
      live_drawn_ms: med("live_drawn_ms"),
      map_painted_ms: med("map_painted_ms"),
      interactive_first_ms: med("interactive_first_ms"),
      interactive_ms: med("interactive_ms"),
      js_heap_used_bytes: med("js_heap_used_bytes"),
      backing_store_bytes: med("backing_store_bytes"),
      nodes: med("nodes"),
      longest_task_ms: Math.max(0, ...samples.flatMap((s) => s.long_tasks)),
      both_shown: samples.some((s) => s.both_shown),
      navigations: samples.length,
      // Navigations whose pre-rendered map(s) were in the page's first frame with content.
      prerender_in_first_frame: samples.filter((s) => s.prerender_shown_ms !== null
        && s.prerender_shown_ms === s.content_shown_ms).length,
      samples,
    };
  }
  return out;
}

/** Injected before the page's scripts (see loadTimes): watches every frame until all live maps are painted. */
function watchLoad(expected) {
  const b = (window.__bench = {
    longTasks: [], contentShown: null, prerenderShown: null, liveDrawn: null, painted: null,
    bothShown: false,
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push(Math.round(e.duration));
  }).observe({ type: "longtask", buffered: true });
  const frame = () => {
    const now = performance.now();
    // The first frame with any text of the page: the frame of the first contentful paint.
    if (b.contentShown === null && document.body?.textContent.trim()) b.contentShown = now;
    const roots = [...document.querySelectorAll("[data-treaty-map]")].map((h) => h.shadowRoot);
    if (roots.length >= expected) {
      const pre = roots.map((r) => r?.querySelector(".tm-prerender svg.tm-map"));
      if (b.prerenderShown === null && pre.every((svg) => svg && svg.getBoundingClientRect().width > 0)) {
        b.prerenderShown = now;
      }
      const live = roots.map((r) => !!r?.querySelector(".tm-mount .tm-map path.tm-shape"));
      // The live map is drawn beneath a pre-render, unseen (`data-drawn-hidden`), until it is whole: only a
      // live map on show beside a pre-render is both shown.
      const seen = roots.map((r) => !!r?.querySelector(".tm-mount:not([data-drawn-hidden]) .tm-map path.tm-shape"));
      if (roots.some((r, i) => seen[i] && r.querySelector(".tm-prerender"))) b.bothShown = true;
      if (live.every(Boolean) && roots.every((r) => !r.querySelector(".tm-prerender"))) {
        b.liveDrawn = now;
        setTimeout(() => { b.painted = performance.now(); }, 0);
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Runs in the page: click → panel, Escape → closed, hover → tooltip over `count` states, then `pans` drag steps. */
function measureInPage({ count, pans }) {
  // The widget lives in the open shadow root of the page's first map host.
  const root = document.querySelector("[data-treaty-map]").shadowRoot;
  const task = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });
  // The next frame's rAF callback runs before that frame's style, layout and paint; a task posted from it runs
  // after them.
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => task().then(resolve)));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const event = (Kind, type, init = {}) => new Kind(type, { bubbles: true, cancelable: true, composed: true, view: window, ...init });
  // Codes, not elements: a re-render may replace the elements.
  const codes = [...root.querySelectorAll(".tm-mount .tm-map path.tm-shape[data-iso3]")]
    .filter((p) => p.getAttribute("d") && p.getBoundingClientRect().width > 2)
    .map((p) => p.dataset.iso3);
  const shapeOf = (iso3) => root.querySelector(`.tm-mount .tm-map path.tm-shape[data-iso3="${iso3}"]`);
  let replaced = 0;
  // DOM churn: <path> elements added or removed under the widget during each interaction, and <path> elements
  // whose attributes changed (a re-render that touches every shape shows here).
  let churn = 0;
  const touched = new Set();
  const countPaths = (nodes) => [...nodes].reduce((n, node) =>
    n + (node.nodeName === "path" ? 1 : 0) + (node.querySelectorAll?.("path").length ?? 0), 0);
  new MutationObserver((records) => {
    for (const r of records) {
      churn += countPaths(r.addedNodes) + countPaths(r.removedNodes);
      if (r.type === "attributes" && r.target.nodeName === "path") touched.add(r.target);
    }
  }).observe(root.querySelector(".tm-mount"), { childList: true, subtree: true, attributes: true });
  const kinds = ["click", "escape", "hover", "pan"];
  const out = Object.fromEntries(kinds.map((k) => [k, { script: [], paint: [], frame: [] }]));
  out.ok = Object.fromEntries(kinds.map((k) => [k, 0]));
  out.churn = Object.fromEntries(kinds.map((k) => [k, []]));
  out.touched = Object.fromEntries(kinds.map((k) => [k, []]));
  // Two ways to time one interaction:
  // - "wall": the event at an arbitrary moment; *script* until a task posted after it runs, *paint* until a task
  //   posted from the next animation frame runs (so it includes the wait for that frame, 0–16.7 ms);
  // - "frame": the event fired at the start of a frame (from a requestAnimationFrame callback, where Chromium
  //   delivers real pointer moves), *frame* until a task posted right after it runs, which is after that same
  //   frame's style, layout and paint: the work between the event and its pixels, without the wait.
  const wall = async (fire) => {
    churn = 0;
    touched.clear();
    const t0 = performance.now();
    fire();
    const t1 = await task();
    const seen = fire.check();
    const t2 = await painted();
    return { seen, script: t1 - t0, paint: t2 - t0 };
  };
  const framed = (fire) => new Promise((resolve) => requestAnimationFrame(() => {
    churn = 0;
    touched.clear();
    const t0 = performance.now();
    fire();
    task().then((t1) => resolve({ seen: fire.check(), frame: t1 - t0 }));
  }));
  const record = (kind, r) => {
    if (!r.seen) return;
    out.ok[kind]++;
    for (const part of ["script", "paint", "frame"]) if (part in r) out[kind][part].push(r[part]);
    out.churn[kind].push(churn);
    out.touched[kind].push(touched.size);
  };
  const withCheck = (fire, check) => Object.assign(fire, { check });
  return (async () => {
    for (let i = 0; i < count; i++) {
      const iso3 = codes[(i * 7) % codes.length];
      for (const mode of [wall, framed]) {
        let shape = shapeOf(iso3);
        const box = shape.getBoundingClientRect();
        const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
        await sleep(5 + (i % 4) * 4);
        record("hover", await mode(withCheck(
          () => shape.dispatchEvent(event(MouseEvent, "mousemove", at)),
          () => !!root.querySelector(".tm-tooltip:not([hidden])"))));
        if (!shape.isConnected) replaced++;
        shape = shapeOf(iso3);
        record("click", await mode(withCheck(
          () => shape.dispatchEvent(event(MouseEvent, "click", at)),
          () => !!root.querySelector(`.tm-panel[data-iso3="${iso3}"]`))));
        await sleep(5 + (i % 3) * 5);
        // The widget listens on the document; the event starts where focus is (after a synthetic click: the body).
        record("escape", await mode(withCheck(
          () => (root.activeElement ?? document.activeElement ?? document.body).dispatchEvent(
            event(KeyboardEvent, "keydown", { key: "Escape" })),
          () => !root.querySelector(".tm-panel"))));
      }
    }
    out.replaced_on_hover = replaced;
    out.paths = root.querySelectorAll(".tm-mount .tm-map path").length;

    // Pans: zoom in once (a map at full extent does not pan), then drags of 20 pointer moves each, round a
    // circle so that no step is stopped at the map's edge; each move is one measured pan, timed both ways.
    root.querySelector(".tm-zoom button").click();
    await painted();
    const svg = root.querySelector(".tm-mount .tm-map");
    const box = svg.getBoundingClientRect();
    let x = box.left + box.width / 2;
    let y = box.top + box.height / 2;
    const pointer = (type) => event(PointerEvent, type, {
      pointerId: 7, pointerType: "mouse", isPrimary: true, clientX: x, clientY: y, buttons: type === "pointerup" ? 0 : 1,
    });
    for (let i = 0; i < 2 * pans; i++) {
      if (i % 20 === 0) svg.dispatchEvent(pointer("pointerdown"));
      await sleep(4);
      const angle = (i % 20) * (Math.PI / 10);
      x += 12 * Math.cos(angle);
      y += 12 * Math.sin(angle);
      let before;
      const fire = withCheck(() => {
        before = svg.getAttribute("viewBox");
        svg.dispatchEvent(pointer("pointermove"));
      }, () => svg.getAttribute("viewBox") !== before);
      record("pan", await (i % 2 ? framed : wall)(fire));
      if (i % 20 === 19 || i === 2 * pans - 1) {
        svg.dispatchEvent(pointer("pointerup"));
        // The click that ends a drag is ignored by the widget, and clears its "dragged" flag.
        svg.dispatchEvent(event(MouseEvent, "click", { clientX: x, clientY: y }));
      }
    }
    root.querySelector(".tm-zoom button:last-child").click();
    return out;
  })();
}

/** Runs in the page: clicks `count` states in turn (the panel switches from one to the next), a frame apart.
 * `aligned`: each click at the start of a frame (from a rAF callback, marked `bench:click`), so that the click
 * and that frame's style, layout and paint are one task of a trace. */
function clickLoop({ count, aligned }) {
  const root = document.querySelector("[data-treaty-map]").shadowRoot;
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const codes = [...root.querySelectorAll(".tm-mount .tm-map path.tm-shape[data-iso3]")]
    .filter((p) => p.getAttribute("d")).map((p) => p.dataset.iso3);
  const click = (iso3) => root.querySelector(`.tm-mount .tm-map path.tm-shape[data-iso3="${iso3}"]`)
    .dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, composed: true, view: window }));
  return (async () => {
    for (let i = 0; i < count; i++) {
      const iso3 = codes[(i * 7) % codes.length];
      if (aligned) {
        await new Promise((resolve) => requestAnimationFrame(() => {
          performance.mark("bench:click");
          click(iso3);
          resolve();
        }));
        await sleep(30);
      } else {
        click(iso3);
        await painted();
      }
    }
  })();
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : null;
};
const summarise = (xs) => ({ n: xs.length, p50_ms: quantile(xs, 0.5), p95_ms: quantile(xs, 0.95), max_ms: quantile(xs, 1) });

/** Waits until the live widget has replaced the pre-render in the page's first map host. */
const waitForLive = (page) => page.waitForFunction(() => {
  const root = document.querySelector("[data-treaty-map]")?.shadowRoot;
  return !!root && !root.querySelector(".tm-prerender") && !!root.querySelector(".tm-mount .tm-map path.tm-shape");
}, null, { timeout: 60000 });

async function interaction(url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await waitForLive(page);
  const raw = await page.evaluate(measureInPage, { count: CLICKS, pans: PANS });
  await page.close();
  if (errors.length) throw new Error(`demo page: ${errors.join("; ")}`);
  const out = { ok: raw.ok, clicks: CLICKS, pans: PANS, timed: 2 * CLICKS, pan_moves: 2 * PANS, replaced_on_hover: raw.replaced_on_hover, paths: raw.paths };
  out.paths_churned_p50 = Object.fromEntries(Object.entries(raw.churn).map(([k, v]) => [k, quantile(v, 0.5)]));
  out.paths_churned_max = Object.fromEntries(Object.entries(raw.churn).map(([k, v]) => [k, quantile(v, 1)]));
  out.paths_touched_p50 = Object.fromEntries(Object.entries(raw.touched).map(([k, v]) => [k, quantile(v, 0.5)]));
  out.paths_touched_max = Object.fromEntries(Object.entries(raw.touched).map(([k, v]) => [k, quantile(v, 1)]));
  for (const kind of ["click", "escape", "hover", "pan"]) {
    out[kind] = Object.fromEntries(["script", "paint", "frame"].map((part) => [part, summarise(raw[kind][part])]));
  }
  return out;
}

/** The click path phase by phase, from a Chromium trace of frame-aligned clicks: for each click, the main-thread
 * task that ran it (the frame's task), split into script (the rAF callback: the event, Yew, wasm) and the
 * frame's rendering phases; medians per click, and the tasks of the same clicks that ran later (the deferred
 * history entry). */
async function traceClicks(url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await waitForLive(page);
  const count = 60;
  await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline", "blink.user_timing"] });
  await page.evaluate(clickLoop, { count, aligned: true });
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  await page.close();
  const marks = traceEvents.filter((e) => e.name === "bench:click");
  if (marks.length === 0) throw new Error("click trace: no click marks");
  const pid = marks[0].pid;
  const thread = traceEvents.find((e) => e.name === "thread_name" && e.pid === pid && e.args.name === "CrRendererMain");
  const events = traceEvents.filter((e) => e.pid === pid && e.tid === thread.tid && e.ph === "X" && e.dur);
  const tasks = events.filter((e) => /RunTask$/.test(e.name));
  const inside = (outer, e) => e.ts >= outer.ts && e.ts + (e.dur ?? 0) <= outer.ts + outer.dur;
  const phases = {
    script: ["FireAnimationFrame"],
    style: ["UpdateLayoutTree"],
    layout: ["Layout"],
    "pre-paint": ["PrePaint"],
    paint: ["Paint"],
    "layerize and commit": ["Layerize", "Commit"],
  };
  const perClick = [];
  for (const mark of marks) {
    const task = tasks.find((t) => inside(t, mark));
    if (!task) continue;
    const row = { task: task.dur / 1000 };
    for (const [phase, names] of Object.entries(phases)) {
      row[phase] = events.filter((e) => names.includes(e.name) && inside(task, e)).reduce((ms, e) => ms + e.dur / 1000, 0);
    }
    row.other = row.task - Object.keys(phases).reduce((ms, phase) => ms + row[phase], 0);
    perClick.push(row);
  }
  const timer = events.filter((e) => e.name === "TimerFire" && marks.some((m) => e.ts > m.ts && e.ts - m.ts < 25000));
  const median = (key) => quantile(perClick.map((r) => r[key]), 0.5);
  return {
    clicks: perClick.length,
    median_ms: Object.fromEntries(["task", ...Object.keys(phases), "other"].map((key) => [key, median(key)])),
    p95_task_ms: quantile(perClick.map((r) => r.task), 0.95),
    later_timer_tasks_ms: quantile(timer.map((e) => e.dur / 1000), 0.5),
    later_timer_tasks: timer.length,
  };
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
  await waitForLive(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  await page.evaluate(clickLoop, { count: 80, aligned: false });
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

/** A deterministic pseudo-random number in [0, 1) (xorshift), so that the worst inputs are the same each run. */
function random(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** A made-up ISO3-shaped code for the `i`-th fake state: ZAA, ZAB, … (no real code starts with Z but ZAF, ZMB, ZWE). */
const fakeCode = (i) => `Q${String.fromCharCode(65 + Math.floor(i / 26) % 26)}${String.fromCharCode(65 + (i % 26))}`;

/**
 * The worst inputs the limits allow, as { name: { file: body } } (files of the data folder; the others are the
 * shipped ones): the geometry at every limit (16 MiB, 1,000 features, 500 states, 500,000 positions, the 500
 * states tiny and crowded, so each gets a dot to spread), a geometry file of bad features (each read to its
 * end before it fails), and the tables at their size limit.
 */
function worstInputs() {
  const status = JSON.parse(readFileSync(join(repo, "data/status.json"), "utf8"));
  const template = status.states.find((s) => s.iso3 === "PER");
  const rand = random(12);
  const position = (x, y) => `[${x.toFixed(2)},${y.toFixed(2)}]`;
  /** A ring of `n` positions around (x, y), `r` degrees wide, closed. */
  const ring = (n, x, y, r) => {
    const points = Array.from({ length: n - 1 }, (_, k) => {
      const a = (2 * Math.PI * k) / (n - 1);
      return position(x + r * Math.cos(a), y + r * Math.sin(a));
    });
    return `[[${points.join(",")},${points[0]}]]`;
  };
  const feature = (iso3, name, coordinates) =>
    `{"type":"Feature","properties":{"iso3":${iso3 ? `"${iso3}"` : "null"},"name":"${name}"},"geometry":{"type":"Polygon","coordinates":${coordinates}}}`;
  const collection = (features, padding = 0) =>
    `{"type":"FeatureCollection","_padding":"${" ".repeat(padding)}","features":[\n${features.join(",\n")}\n]}`;

  // 500 tiny states crowded in the Caribbean (each 990 positions: 495,000), and 500 areas without a code.
  const states = Array.from({ length: 500 }, (_, i) => feature(fakeCode(i), `State ${i}`,
    ring(990, -70 + rand() * 8, 12 + rand() * 6, 0.02)));
  const context = Array.from({ length: 500 }, (_, i) => feature(null, `Area ${i}`, ring(10, -30 + (i % 25), -40 + Math.floor(i / 25), 0.3)));
  // Padded with a member the reader skips, to the size limit.
  const unpadded = collection([...states, ...context]);
  const limits = collection([...states, ...context], 16 * 1024 * 1024 - unpadded.length - 1024);
  const statusRows = { ...status, states: Array.from({ length: 500 }, (_, i) => ({ ...template, iso3: fakeCode(i), name: `State ${i}` })) };

  // 1,000 features of about 16 KiB, each with a position out of range at its very end.
  const bad = collection(Array.from({ length: 1000 }, (_, i) => {
    const points = Array.from({ length: 1180 }, (_, k) => position(10 + (k % 100) / 10, 10 + (i % 50) / 10));
    return feature(fakeCode(i % 500), `Bad ${i}`, `[[${points.join(",")},[0,95]]]`);
  }));

  // The tables at their limit (2 MiB, core::limits::MAX_TABLE_BYTES): a status row per made-up code, and
  // content of long paragraphs.
  const TABLE_LIMIT = 2 * 1024 * 1024;
  const bigStatus = { ...status, states: [...status.states] };
  for (let i = 0; JSON.stringify(bigStatus).length < TABLE_LIMIT - 20_000; i++) {
    bigStatus.states.push({ ...template, iso3: `X${String.fromCharCode(65 + Math.floor(i / 26) % 26)}${String.fromCharCode(65 + (i % 26))}`, name: "N".repeat(16_000) });
  }
  const content = {};
  for (const s of status.states) content[s.iso3] = { summary: ["P".repeat(16_000)], members: [{ name: "M", url: "https://example.org/" }] };
  const bigContent = JSON.stringify(content).slice(0, TABLE_LIMIT - 100);
  const contentBody = bigContent.slice(0, bigContent.lastIndexOf(',"')) + "}";

  for (const [name, text] of [["limits", limits], ["bad", bad]]) {
    if (text.length > 16 * 1024 * 1024) throw new Error(`the worst ${name} geometry is over the limit: ${text.length} bytes`);
  }
  return {
    "geometry at every limit": { region: "world", shapes: 500, files: { "world.geo.json": limits, "status.json": JSON.stringify(statusRows) } },
    "16 MiB of bad features": { region: "world", shapes: 0, files: { "world.geo.json": bad } },
    "status and content at 2 MiB": { region: "americas", files: { "status.json": JSON.stringify(bigStatus) }, content: contentBody },
  };
}

/**
 * Loads each worst input into a page of its own (to check what it drew), then three times more, each in a Chromium
 * of its own traced from its start, and reports the longest task of the page's main thread from the loader's
 * first task until a second after the map is live (or its error) in each, each load's tasks over 50 ms, the
 * longest of the page's own tasks before the loader ran, and how long the load took. The page has a heading,
 * as a host page has text, so that the browser's first layout of text is the page's.
 */
async function worstCase(url) {
  if (!siteDir) throw new Error("the worst inputs are traced in a browser of their own: set BENCH_SITE_DIR (cargo xtask bench does)");
  const out = {};
  for (const [name, input] of Object.entries(worstInputs())) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const origin = new URL(url).origin;
    const sizes = Object.fromEntries(Object.entries(input.files).map(([file, body]) => [file, body.length]));
    const dir = `worst/${Object.keys(out).length}`;
    const pageHtml = `<!doctype html><html><head><script type="module" src="../../treaty-map.js"></script></head><body><h1>${name}</h1><div data-treaty-map data-region="${input.region}" data-data-url="data/"${input.content ? ' data-content="content.json"' : ""}></div></body></html>`;
    // Served by the bench's server, as a site serves files: the body arrives as the network delivers it.
    mkdirSync(join(siteDir, dir, "data"), { recursive: true });
    writeFileSync(join(siteDir, dir, "page.html"), pageHtml);
    // The shipped files' precompressed siblings stay behind: the server would send a shipped file's `.br` in
    // place of the worst input written under its name.
    for (const file of readdirSync(join(siteDir, "data")).filter((f) => !/\.(br|gz)$/.test(f))) {
      writeFileSync(join(siteDir, dir, "data", file), input.files[file] ?? readFileSync(join(siteDir, "data", file)));
    }
    if (input.content) writeFileSync(join(siteDir, dir, "content.json"), input.content);
    const started = Date.now();
    await page.goto(`${origin}/${dir}/page.html`);
    await page.waitForFunction(() => {
      const root = document.querySelector("[data-treaty-map]")?.shadowRoot;
      return !!root?.querySelector(".tm-mount .tm-map, .tm-mount .tm-error");
    }, null, { timeout: 120000 }).catch((error) => console.log(`worst input "${name}": ${error.message.split("\n")[0]}`));
    // The frame that shows the map, then a quiet moment for the content and what follows.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
    const elapsed = Date.now() - started;
    const state = await page.evaluate(() => {
      const root = document.querySelector("[data-treaty-map]").shadowRoot;
      return {
        shapes: root.querySelectorAll(".tm-map path.tm-shape").length,
        dots: root.querySelectorAll(".tm-dot").length,
        error: root.querySelector(".tm-error")?.textContent.slice(0, 200) ?? null,
        notes: root.querySelectorAll(".tm-diagnostics li").length,
      };
    });
    await page.close();
    // The timing comes from later loads, each in a Chromium of its own traced from its start with no DevTools
    // protocol attached: Playwright's network instrumentation decodes every response body as text on the page's
    // main thread (a task of about 55 ms for a 16 MiB body) that a visitor's browser never runs. Three loads, and
    // the one with the median longest task described: one load's longest task on this shared machine varies
    // by 1.5-2x from run to run.
    const runs = [];
    for (let run = 0; run < WORST_RUNS; run++) runs.push(tracedLoad(name, await traceWithoutDevtools(`${origin}/${dir}/page.html`)));
    const byLongest = [...runs].sort((a, b) => (a.durations[0] ?? 0) - (b.durations[0] ?? 0));
    const { durations, anatomy, longTasks } = byLongest[Math.floor(byLongest.length / 2)];
    out[name] = {
      bytes: sizes,
      longest_task_ms: durations[0] ?? null,
      longest_task_ms_runs: runs.map((r) => r.durations[0] ?? null),
      tasks_over_50_ms: durations.filter((d) => d > 50).length,
      top_tasks_ms: durations.slice(0, 5),
      longest_task_events_ms: Object.fromEntries(Object.entries(anatomy).sort((a, b) => b[1] - a[1]).slice(0, 8)),
      long_tasks: longTasks,
      // Every load's, so that a load far from the others says what it was doing.
      long_tasks_runs: runs.map((r) => r.longTasks),
      // The longest task before the loader ran (the browser's navigation and the page's parsing), each load.
      page_task_ms_runs: runs.map((r) => r.pageOwn),
      tasks: durations.length,
      to_live_ms: elapsed,
      ...state,
    };
    // A load that drew something else than the input (a stale file served in its place) measured nothing.
    if (input.shapes !== undefined && state.shapes !== input.shapes) {
      throw new Error(`worst input "${name}": ${state.shapes} shapes drawn where the input has ${input.shapes}`);
    }
    console.log(`worst input "${name}": longest task ${durations[0]?.toFixed(1)} ms (median of ${runs.map((r) => r.durations[0]?.toFixed(1)).join(", ")}), ${out[name].tasks_over_50_ms} over 50 ms`);
  }
  return out;
}

/** How many traced loads of each worst input the figures are taken from. */
const WORST_RUNS = 3;

/**
 * The tasks of one traced load of the worst input `name`: every task's duration (longest first), what the longest
 * did (its events by name, the costliest first), and each task over 50 ms with its stage and costliest event.
 */
function tracedLoad(name, traceEvents) {
  const liveMark = traceEvents.find((e) => e.name === "treatymap:stage:live");
  const until = (liveMark?.ts ?? Infinity) + 1_000_000;
  // The page's main thread: the one that made the load's marks (not another renderer of the browser's own,
  // such as a component extension's page, which runs long module evaluations of its own), until a second
  // after the map was live.
  const stageMark = traceEvents.find((e) => /^treatymap:stage:/.test(e.name));
  if (!stageMark) throw new Error(`worst input "${name}": no treatymap:stage mark in its trace`);
  const allTasks = traceEvents.filter((e) => e.pid === stageMark.pid && e.tid === stageMark.tid && e.ph === "X"
    && /RunTask$/.test(e.name) && e.dur && e.ts <= until);
  // The widget's tasks begin with the loader's: the first module evaluated on the page's main thread (the
  // loader is the page's only module script). Before it, the browser commits the navigation and parses the
  // page, as it does for any page; those tasks are reported apart, as the page's own.
  const loader = traceEvents.find((e) => e.pid === stageMark.pid && e.tid === stageMark.tid && e.name === "v8.evaluateModule");
  const from = loader ? allTasks.find((t) => t.ts <= loader.ts && loader.ts <= t.ts + t.dur)?.ts ?? loader.ts : 0;
  const tasks = allTasks.filter((e) => e.ts >= from);
  const pageOwn = allTasks.filter((e) => e.ts < from).map((e) => e.dur / 1000).sort((a, b) => b - a);
  const durations = tasks.map((e) => e.dur / 1000).sort((a, b) => b - a);
  const inside = (task) => traceEvents.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ph === "X"
    && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && e !== task);
  const longest = tasks.reduce((a, b) => (b.dur > (a?.dur ?? 0) ? b : a), null);
  const anatomy = {};
  for (const e of longest ? inside(longest) : []) anatomy[e.name] = (anatomy[e.name] ?? 0) + e.dur / 1000;
  // Each task over 50 ms, with the stage of the load it ran in (the last `treatymap:stage:*` mark before it).
  const marks = traceEvents.filter((e) => e.cat?.includes("blink.user_timing") && /^treatymap:stage:/.test(e.name))
    .sort((a, b) => a.ts - b.ts);
  const stageAt = (ts) => marks.filter((m) => m.ts <= ts).pop()?.name.slice("treatymap:stage:".length) ?? "the loader, before fetch";
  const longTasks = tasks.filter((t) => t.dur > 50_000).sort((a, b) => a.ts - b.ts).map((t) => {
    const top = inside(t).filter((e) => e.dur).sort((a, b) => b.dur - a.dur)[0];
    // A layout says how many layout objects it went through, of how many.
    const objects = top?.name === "Layout" && top.args?.beginData
      ? ` (${top.args.beginData.dirtyObjects} of ${top.args.beginData.totalObjects} objects)` : "";
    return { ms: t.dur / 1000, stage: stageAt(t.ts), doing: top ? `${top.name} ${(top.dur / 1000).toFixed(1)} ms${objects}` : "?" };
  });
  return { durations, anatomy, longTasks, pageOwn: pageOwn[0] ?? null };
}

/**
 * The trace events of one load of `url` in a Chromium started for it with `--trace-startup` (toplevel tasks, the
 * timeline and user timing, for 10 s), never attached to by the DevTools protocol.
 */
async function traceWithoutDevtools(url) {
  const file = join(tmpdir(), `treaty-map-trace-${process.pid}-${Date.now()}.json`);
  const child = spawn(CHROMIUM, [
    "--headless=new", ...CHROMIUM_FLAGS, "--window-size=1280,900",
    `--user-data-dir=${file}.profile`,
    "--trace-startup=toplevel,devtools.timeline,blink.user_timing", "--trace-startup-format=json",
    `--trace-startup-file=${file}`, "--trace-startup-duration=10", url,
    // A process group of its own, so that its renderer and utility processes are stopped with it.
  ], { stdio: "ignore", detached: true });
  try {
    // The trace is written when its 10 s are up; wait for a whole file (at most a minute).
    for (let waited = 0; waited < 60_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (!existsSync(file)) continue;
      try {
        const parsed = JSON.parse(readFileSync(file, "utf8"));
        return parsed.traceEvents ?? parsed;
      } catch {
        // Still being written.
      }
    }
    throw new Error(`no startup trace of ${url} within a minute`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      killGroup(child.pid);
      await exited;
    }
    // Its child processes write to the profile until they are gone: the whole group is stopped and waited for
    // (removing the profile while one still wrote to it failed the bench with ENOTEMPTY).
    killGroup(child.pid);
    for (let waited = 0; groupAlive(child.pid) && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    rmSync(file, { force: true });
    rmSync(`${file}.profile`, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

/** Stops the process group `pid` leads, if any of it is left. */
function killGroup(pid) {
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}

/** Whether any process of the group `pid` leads is still running. */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The demo's load, five times: the median time of each `treatymap:stage:*` mark, ms after navigation start. */
async function stages(url) {
  const samples = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    await waitInPage(page, `performance.getEntriesByName("treatymap:interactive").length > 0`, 60000);
    samples.push(await page.evaluate(() => Object.fromEntries(performance.getEntriesByType("mark")
      .filter((m) => m.name.startsWith("treatymap:stage:"))
      .map((m) => [m.name.slice("treatymap:stage:".length), m.startTime]))));
    await page.close();
  }
  const names = Object.keys(samples[0]);
  const loads = [];
  for (let i = 0; i < ANATOMY_LOADS; i++) loads.push(await tracedDemoLoad(url));
  const median = (of) => quantile(loads.map(of), 0.5);
  const kinds = Object.keys(loads[0].before);
  return {
    navigations: samples.length, median_ms: Object.fromEntries(names.map((n) => [n, quantile(samples.map((s) => s[n]), 0.5)])), samples,
    // Where the main thread's time goes, before the module's first stage and after it (medians of each figure).
    anatomy: {
      loads: loads.length,
      interactive_ms: median((l) => l.interactive_ms),
      fetch_ms: median((l) => l.fetch_ms),
      before: Object.fromEntries(kinds.map((k) => [k, median((l) => l.before[k])])),
      after: Object.fromEntries(kinds.map((k) => [k, median((l) => l.after[k])])),
      // Every load's, so that a long task in one of them says what it was.
      longest_task_ms_runs: loads.map((l) => l.longest_task_ms),
      page_task_ms_runs: loads.map((l) => l.page_task_ms),
      long_tasks_runs: loads.map((l) => l.long_tasks),
    },
  };
}

/** How many traced loads of the demo the main thread's anatomy is the median of. */
const ANATOMY_LOADS = 3;

/**
 * The main thread's kinds of work in a load, each an event of Chromium's trace counted where no other counted
 * event encloses it: V8 compiling a function of the wasm when it is first called (`--wasm-lazy-compilation`, on
 * by default: a function is compiled on the thread that calls it, the first time it runs), the HTML parser,
 * style and layout, and paint. What is left of the tasks' time is the rest: scripts (the loader, the glue, the
 * widget's code and Yew's, and the DOM calls they make), garbage collection and the browser's own dispatch.
 */
const ANATOMY_KINDS = {
  "wasm.CompileLazy": "compile_on_first_call",
  ParseHTML: "parse_html",
  UpdateLayoutTree: "style_layout",
  Layout: "style_layout",
  PrePaint: "paint",
  Paint: "paint",
  Layerize: "paint",
  Commit: "paint",
};

/**
 * One load of the demo in a page of the bench's browser, traced through the DevTools protocol (tasks, timeline,
 * user timing and V8's wasm events), cut in two at the module's first stage (`treatymap:stage:fetch`): from the
 * navigation to it (the page, the loader, the module's download and instantiation) and from it to
 * `treatymap:interactive` (the data read, the scene, the widget drawn). For each, the main thread's busy time
 * (its tasks) and what of it went to each of `ANATOMY_KINDS`, in ms.
 */
async function tracedDemoLoad(url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline", "blink.user_timing", "v8.wasm"] });
  await page.goto(url);
  await waitInPage(page, `performance.getEntriesByName("treatymap:interactive").length > 0`, 60000);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  await page.close();
  const mark = (name) => traceEvents.find((e) => e.name === name && e.cat?.includes("blink.user_timing"));
  const interactive = mark("treatymap:interactive");
  const fetch = mark("treatymap:stage:fetch");
  if (!interactive || !fetch) throw new Error("load anatomy: the trace has no treatymap:stage:fetch or treatymap:interactive mark");
  // The navigation the marks belong to (the trace holds the page's earlier about:blank too).
  const navigation = traceEvents.find((e) => e.name === "navigationStart" && e.args?.data?.navigationId === interactive.args?.data?.navigationId);
  if (!navigation) throw new Error("load anatomy: no navigationStart of the marks' navigation in the trace");
  const events = traceEvents.filter((e) => e.pid === interactive.pid && e.tid === interactive.tid && e.ph === "X" && e.dur != null)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // The main thread's time between `from` and `to` (trace timestamps), by kind.
  const between = (from, to) => {
    const out = { busy: 0, compile_on_first_call: 0, functions_compiled: 0, parse_html: 0, style_layout: 0, paint: 0 };
    let countedUntil = -Infinity;
    for (const e of events) {
      const overlap = Math.max(0, Math.min(e.ts + e.dur, to) - Math.max(e.ts, from)) / 1000;
      if (overlap === 0) continue;
      if (e.name === "ThreadControllerImpl::RunTask") out.busy += overlap;
      const kind = ANATOMY_KINDS[e.name];
      if (!kind || e.ts < countedUntil) continue;
      out[kind] += overlap;
      if (kind === "compile_on_first_call") out.functions_compiled++;
      countedUntil = e.ts + e.dur;
    }
    out.rest = out.busy - out.compile_on_first_call - out.parse_html - out.style_layout - out.paint;
    return out;
  };
  // The load's tasks, as the worst inputs' are read: its longest from the loader on, each over 50 ms with the
  // stage it ran in and its costliest event, and the page's own longest before the loader ran.
  const tasks = tracedLoad("the demo", traceEvents);
  return {
    fetch_ms: (fetch.ts - navigation.ts) / 1000,
    interactive_ms: (interactive.ts - navigation.ts) / 1000,
    before: between(navigation.ts, fetch.ts),
    after: between(fetch.ts, interactive.ts),
    longest_task_ms: tasks.durations[0] ?? null,
    long_tasks: tasks.longTasks,
    page_task_ms: tasks.pageOwn,
  };
}

/** Runs in the page: `steps` date steps on the map in host `selector` (ArrowLeft/ArrowRight on the slider, each
 * at the start of a frame), then `seconds` of playback from 1985; the frame figures and the paths touched. */
function measureTime({ selector, steps, seconds }) {
  const root = document.querySelector(selector).shadowRoot;
  const slider = root.querySelector("input.tm-year");
  const task = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });
  let dWrites = 0;
  const touched = new Set();
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.nodeName !== "path") continue;
      touched.add(r.target);
      if (r.attributeName === "d") dWrites++;
    }
  }).observe(root.querySelector(".tm-mount .tm-map"), { subtree: true, attributes: true });
  const key = (k) => slider.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, composed: true }));
  const out = { frame: [], touched: [], d_writes: 0, changed: 0 };
  return (async () => {
    key("Home");
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < steps; i++) {
      // Forward through the years, then back: every step recolours some states.
      const k = Math.floor(i / 20) % 2 ? "ArrowLeft" : "ArrowRight";
      const before = slider.getAttribute("aria-valuetext");
      touched.clear();
      const frame = await new Promise((resolve) => requestAnimationFrame(() => {
        const t0 = performance.now();
        key(k);
        task().then((t1) => resolve(t1 - t0));
      }));
      if (slider.getAttribute("aria-valuetext") !== before) out.changed++;
      out.frame.push(frame);
      out.touched.push(touched.size);
      await new Promise((r) => setTimeout(r, 30));
    }
    out.d_writes = dWrites;
    // Playback from the first stop: every frame's interval while it plays.
    key("Home");
    await new Promise((r) => setTimeout(r, 300));
    const play = root.querySelector("button.tm-play");
    const intervals = [];
    let last = null;
    let playing = true;
    const tick = (t) => {
      if (last !== null) intervals.push(t - last);
      last = t;
      if (playing) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const startText = slider.getAttribute("aria-valuetext");
    play.click();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    playing = false;
    play.click();
    out.playback = { seconds, from: startText, to: slider.getAttribute("aria-valuetext"), intervals };
    return out;
  })();
}

async function timeSteps(url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await waitForLive(page);
  // The world map, in place of the demo's, through the loader.
  await page.evaluate(async () => {
    const { mount } = await import("./treaty-map.js");
    const old = document.querySelector("[data-treaty-map]");
    const host = document.createElement("div");
    host.id = "bench-world";
    host.style.width = "1000px";
    old.replaceWith(host);
    mount(host, { region: "world" });
  });
  await page.waitForFunction(() => !!document.querySelector("#bench-world")?.shadowRoot?.querySelector(".tm-mount input.tm-year"), null, { timeout: 60000 });
  const raw = await page.evaluate(measureTime, { selector: "#bench-world", steps: 80, seconds: 8 });
  const paths = await page.evaluate(() => document.querySelector("#bench-world").shadowRoot.querySelectorAll(".tm-map path").length);
  await page.close();
  if (errors.length) throw new Error(`time: ${errors.join("; ")}`);
  const intervals = raw.playback.intervals;
  return {
    paths,
    steps: raw.frame.length,
    changed: raw.changed,
    step_frame: summarise(raw.frame),
    touched_p50: quantile(raw.touched, 0.5),
    touched_max: quantile(raw.touched, 1),
    d_writes: raw.d_writes,
    playback: {
      seconds: raw.playback.seconds,
      from: raw.playback.from,
      to: raw.playback.to,
      frames: intervals.length,
      interval: summarise(intervals),
      // A frame that took longer than one and a half 60 Hz frames: one frame at least was dropped.
      late_frames: intervals.filter((t) => t > 25).length,
    },
  };
}

browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", ...CHROMIUM_FLAGS] });
const results = { chromium: browser.version() };
try {
  if (PARTS.includes("compare")) results.compare = await compare();
  if (PARTS.includes("load")) results.load = await loadTimes();
  if (PARTS.includes("interaction")) results.interaction = await interaction(siteUrl);
  if (PARTS.includes("profile")) results.click_trace = await traceClicks(siteUrl);
  if (namesDir && PARTS.includes("profile")) results.profile = await profileClicks();
  if (PARTS.includes("worst")) results.worst = await worstCase(siteUrl);
  if (PARTS.includes("stages")) results.stages = await stages(siteUrl);
  if (PARTS.includes("time")) results.time = await timeSteps(siteUrl);
} finally {
  await browser.close();
}
writeFileSync(join(benchDir, "browser.json"), JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 1).slice(0, 4000));
