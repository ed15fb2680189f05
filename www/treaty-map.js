// treaty-map loader. One script tag per page:
//
//   <script type="module" src="/path/to/treaty-map.js"></script>
//
// then, wherever a map goes, either of
//
//   <div data-treaty-map data-region="americas" data-lang="es" data-content="/content/americas.json"></div>
//   <treaty-map region="americas" lang="es" content="/content/americas.json"></treaty-map>
//
// Options (attributes; `data-` prefixed on a div, with or without the prefix on <treaty-map>): region (world,
// africa, americas, asia-pacific, europe-central-asia, mena), lang (en, fr, es, ar), country (ISO3 whose
// profile opens first), view (combined, cat, opcat), theme (dark, light; default: the nearest data-theme on
// an ancestor, else prefers-color-scheme), content (URL of the host's content JSON), data-url (folder of the
// data files; default: data/ beside this script), height (the map's greatest height, a CSS length), history
// (none, replace, push: whether the URL fragment follows the open profile; default none), disclaimer (the
// site's wording of the line on boundaries and names; empty hides it), as-of (the day the map shows first,
// YYYY-MM-DD; default: the data's own date), loading (eager, lazy: the map loads once it comes within half a
// screen of the viewport, its pre-render shown until then; default eager).
//
// Elements added later mount too, removed ones are destroyed (also maps mounted with mount()); changes of
// region, lang, country, theme and as-of apply at once. From JavaScript: `import { mount } from "/path/to/treaty-map.js"`
// and `const map = mount(element, { region: "africa", lang: "fr" })`; then map.select("SEN"), map.select(null),
// map.setAsOf("2002-12-31"), map.setAsOf(null), map.setRegion("mena"), map.setLanguage("ar"),
// map.setTheme("dark"), map.destroy().
//
// A guest on the host page: this file may be included more than once (caching plugins add ?ver=…); the first
// copy to run is in charge and the others hand over to it (a different version says so in the console). Every
// listener, timer and promise the widget leaves behind goes through `guard` below, so that if the WebAssembly
// module dies, everything it scheduled stops at once and every map shows a notice.

/** This build (`cargo xtask build` writes the crate's version and the wasm's hash here). */
const VERSION = "dev";
/** wasm-bindgen's glue, beside this file (`dist/` gives it a hashed name). */
const GLUE = "./pkg/treaty_map.js";
/** The widget's stylesheet, beside this file (`dist/` hashes it too): the pre-renders link the same file. */
const STYLES = "./treaty-map.css";
/** The words of the languages the wasm does not carry, `*` for the language (`dist/` hashes them too). */
const WORDS = "./pkg/treaty_map_words-*.txt";
/** Where the copy in charge is found by the others. */
const KEY = Symbol.for("treaty-map");

const SELECTOR = "[data-treaty-map], treaty-map";
/** Live options: a change of one of these attributes applies to the running map. */
const LIVE = ["region", "lang", "country", "theme", "as-of"];
const CRASHED = "treaty-map: the map stopped after an internal error; reload the page";
/** The longest the module's download waits for the page's first paint (`firstPaint`). */
const PAINT_WAIT_MS = 3000;
/** The folder of the data files unless a map names its own (`data-url`). */
const DATA = new URL("data/", import.meta.url).href;
/** The words files' URL, `*` for the language. */
const WORDS_URL = new URL(WORDS, import.meta.url).href;
/** The languages whose words the module does not carry (`core::i18n::words`): English's it does. */
const FETCHED_WORDS = ["fr", "es", "ar"];
/** The regions a map can show (`core::region::Region`'s keys), each drawn from `<region>.geo.json`. */
const REGIONS = ["world", "africa", "americas", "asia-pacific", "europe-central-asia", "mena"];
/** How long a file asked for ahead of its maps (`prefetch`) is kept for them: the bound of a map's load. */
const HOLD_MS = 20000;
/** How near the viewport a map with `loading="lazy"` comes before it loads: half a screen above or below it. */
const LAZY_MARGIN = "50% 0px";

/**
 * Mounts a map into `element` (replacing one mounted there before) and returns its handle: `select(iso3)`
 * (null or "" closes the profile), `setAsOf(date)` (null goes back to the data's own date), `setRegion(name)`,
 * `setLanguage(code)`, `setTheme(theme)`, `destroy()`.
 * Options: region, lang, country, view, theme, height, history, disclaimer, asOf, contentUrl, dataUrl. Throws on a
 * bad option. A map whose element leaves the page is destroyed.
 */
export function mount(element, options = {}) {
  return widget.mount(element, options);
}

/** The copy of the loader in charge: this one, unless another ran first. */
let widget;

function takeCharge() {
  const controller = { version: VERSION, url: import.meta.url, mount: (element, options) => start(element, options, false) };
  Object.defineProperty(globalThis, KEY, { value: controller });
  controller.ready = boot();
  return controller;
}

// ── State of the copy in charge ──────────────────────────────────────────────────────────────────────────────

/** element → { element, handle (the wasm MapHandle), api (what `mount` returned), auto, connected, lang } */
const mounted = new Map();
let glue = null;
let loadError = null;
let texts = {};
let dead = false;

// The guard (see src/ui/guard.rs): how the module schedules anything, so that its death stops everything.
const lifeline = new AbortController();
const timers = new Set();
const ticks = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => ticks.shift()?.();
const never = new Promise(() => {});
const guard = {
  signal: lifeline.signal,
  guard: (f) => (...args) => call(f, args),
  settle: (promise) => promise.then((value) => (dead ? never : value), (error) => (dead ? never : Promise.reject(error))),
  tick: () => new Promise((resolve) => {
    ticks.push(resolve);
    channel.port2.postMessage(null);
  }),
  later(f, ms) {
    const id = setTimeout(() => {
      timers.delete(id);
      call(f, []);
    }, ms);
    timers.add(id);
    return id;
  },
  cancel(id) {
    clearTimeout(id);
    timers.delete(id);
  },
  crashed: (message) => crash(message),
  fetch: fetchShared,
};

// One request per URL at a time for the page's maps: a map that needs a file another map is fetching (every
// map needs status.json and regions.json; maps of one language its names and words) joins that request, and
// each map reads its own branch of the body (the last to join the response itself, the others clones, so that
// when every map has cancelled its branch the download is cancelled). A map's `signal` ends its wait at once;
// the request is cancelled when no map waits for it, and forgotten once answered, so a later load (a retry)
// asks the server again. A request the loader made ahead of its maps (`prefetch`) is `held` for the maps it
// was made for: its answer is kept until each of them has asked (or for HOLD_MS), and not cancelled while one
// of them has still to ask.
const flights = new Map();

function fetchShared(url, signal) {
  url = resolved(url);
  const flight = flights.get(url) ?? startFlight(url);
  if (flight.held > 0) flight.held--;
  if (flight.answer) {
    if (flight.held > 0) return Promise.resolve(flight.answer.clone());
    forget(url, flight);
    return Promise.resolve(flight.answer);
  }
  flight.waiting++;
  return new Promise((resolve, reject) => {
    const waiter = { resolve, reject };
    flight.waiters.add(waiter);
    signal?.addEventListener("abort", () => {
      flight.waiters.delete(waiter);
      reject(signal.reason);
      if (--flight.waiting === 0 && flight.held === 0) flight.controller.abort();
    }, { once: true });
  });
}

/**
 * The page's request for `url`: `waiters` are the maps still waiting for its answer, `waiting` the maps that
 * joined it and have not stopped (some may be reading their branch of the body after the answer), `held` the
 * maps it was made for ahead of them that have not asked yet, and `answer` the answer kept for those.
 */
function startFlight(url) {
  const flight = { controller: new AbortController(), waiters: new Set(), waiting: 0, held: 0, answer: null, release: 0 };
  const answered = (answer, settle) => {
    const waiters = [...flight.waiters];
    flight.waiters.clear();
    if (answer && flight.held > 0) {
      flight.answer = answer;
      flight.release = setTimeout(() => forget(url, flight), HOLD_MS);
      waiters.forEach((waiter) => waiter.resolve(answer.clone()));
      return;
    }
    forget(url, flight);
    waiters.forEach((waiter, i) => settle(waiter, i === waiters.length - 1));
  };
  fetch(url, { signal: flight.controller.signal }).then(
    (answer) => answered(answer, (waiter, last) => waiter.resolve(last ? answer : answer.clone())),
    (error) => answered(null, (waiter) => waiter.reject(error)),
  );
  flights.set(url, flight);
  return flight;
}

/** `url` resolved against the page, as `fetch` resolves it; as it is if it is no URL (`fetch` then refuses it). */
function resolved(url) {
  try {
    return new URL(url, document.baseURI).href;
  } catch {
    return url;
  }
}

/** A language option's primary subtag, lower case ("fr" of "fr-CA"), as `core::i18n::Lang::from_code` reads it. */
function languageOf(lang) {
  return lang == null ? undefined : String(lang).trim().split(/[-_]/)[0].toLowerCase();
}

function forget(url, flight) {
  clearTimeout(flight.release);
  if (flights.get(url) === flight) flights.delete(url);
}

/**
 * Asks at once for the files each map on the page is first drawn with (the status data, the regions, its
 * region's geometry, and in a language whose words the module does not carry, those words and its country
 * names: `core::load`, `ui::app::optional`), so that they download beside the module instead of after it has
 * started and asked for them itself; each map's own request then joins the one made here. A map of a region not
 * in REGIONS is refused when mounted, and nothing is asked for it.
 */
function prefetch() {
  const maps = new Map();
  for (const element of document.querySelectorAll(SELECTOR)) {
    // The options the map will be mounted with, read as the module reads them (`web::options`).
    const options = optionsOf(element);
    const region = options.region?.trim().toLowerCase() || "world";
    const lang = languageOf(options.lang);
    const folder = (options.dataUrl ?? DATA).trim().replace(/\/?$/, "/");
    if (insideWidget(element) || !REGIONS.includes(region) || folder === "/" || loadingOf(element) !== "eager") continue;
    const files = ["status.json", "regions.json", `${region}.geo.json`].map((file) => folder + file);
    if (FETCHED_WORDS.includes(lang)) files.push(`${folder}names.${lang}.json`, WORDS_URL.replace(/\*(?=[^*]*$)/, lang));
    for (const url of files.map(resolved)) maps.set(url, (maps.get(url) ?? 0) + 1);
  }
  for (const [url, held] of maps) (flights.get(url) ?? startFlight(url)).held += held;
}

/** Calls into the module unless it has died; an exception escaping it is its death. */
function call(f, args) {
  if (dead) return undefined;
  try {
    return f(...args);
  } catch (error) {
    crash(error);
    return undefined;
  }
}

async function boot() {
  try {
    if (prerendered()) await firstPaint();
    prefetch();
    const styles = stylesheet();
    glue = await import(GLUE);
    await glue.default();
    glue.setGuard(guard);
    glue.setStyles(await styles);
    texts = glue.crashTexts();
  } catch (error) {
    loadError = `treaty-map: the widget could not be loaded: ${error}`;
    console.error(loadError);
    for (const element of document.querySelectorAll(SELECTOR)) fail(element, loadError);
    return;
  }
  // A trap that escapes through the page's event loop (a listener the module registered through Yew) is seen
  // here; the guard sees the others.
  addEventListener("error", onError, true);
  addEventListener("unhandledrejection", onRejection, true);
  customElements.get("treaty-map") ?? customElements.define("treaty-map", class extends HTMLElement {
    static observedAttributes = LIVE.flatMap((name) => [name, `data-${name}`]);
    connectedCallback() {
      autoMount(this);
    }
    disconnectedCallback() {
      // A move (removed and inserted again in one task) keeps the map.
      queueMicrotask(sweep);
    }
    attributeChangedCallback(name, before, after) {
      if (before !== after) applyAttribute(this, name.replace(/^data-/, ""));
    }
  });
  observe(document);
  scan(document);
}

/**
 * The widget's stylesheet, made from STYLES as a constructed stylesheet, which each map adopts (a strict
 * Content Security Policy allows it, unlike a `<style>` element). Asked for beside the module; where a map is
 * pre-rendered, the page has it already. Given up after HOLD_MS, as a map's data files are: every load ends.
 */
function stylesheet() {
  const url = new URL(STYLES, import.meta.url).href;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${HOLD_MS / 1000} s`)), HOLD_MS);
  const styles = fetch(url, { signal: controller.signal })
    .then(async (answer) => {
      if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(await answer.text());
      return sheet;
    })
    .catch((error) => {
      throw new Error(`${url}: ${error?.message ?? error}`);
    })
    .finally(() => clearTimeout(timer));
  // Awaited once the module is in; a failure before then is not the page's unhandled rejection.
  styles.catch(() => {});
  return styles;
}

/** Whether a map on the page shows its pre-render, which is on screen at the first paint without the module. */
function prerendered() {
  return [...document.querySelectorAll(SELECTOR)].some((element) => element.shadowRoot?.querySelector(".tm-prerender"));
}

/**
 * Resolves once the page has painted content (at once if it has), at once if it is hidden (it paints nothing
 * then), and after PAINT_WAIT_MS at the latest. Where a pre-rendered map shows, the module is not needed for
 * that paint, so its download waits for it: it takes no bandwidth from the page's own first paint, and
 * Lighthouse's simulated largest paint, which counts every download that ended before it, does not count the
 * module's (README, "Deploying"). Every browser that runs the module reports paint timing.
 */
function firstPaint() {
  return new Promise((resolve) => {
    if (document.visibilityState === "hidden") {
      resolve();
      return;
    }
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName("first-contentful-paint").length > 0) done();
    });
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, PAINT_WAIT_MS);
    observer.observe({ type: "paint", buffered: true });
  });
}

// ── Mounting ─────────────────────────────────────────────────────────────────────────────────────────────────

function start(element, options, auto) {
  if (loadError) throw new Error(loadError);
  if (dead) throw new Error(CRASHED);
  mounted.get(element)?.api.destroy();
  const urls = { dataUrl: options.dataUrl ?? DATA, wordsUrl: WORDS_URL };
  const handle = wasm(() => glue.mount(element, { ...options, ...urls }));
  const entry = { element, handle, auto, connected: element.isConnected, lang: options.lang };
  let destroyed = false;
  const live = (method) => (value) => {
    if (destroyed || dead) return;
    wasm(() => handle[method](value));
    if (method === "setLanguage") entry.lang = value;
  };
  entry.api = {
    select: (iso3) => live("select")(iso3 || null),
    setAsOf: (date) => live("setAsOf")(date || null),
    setRegion: live("setRegion"),
    setLanguage: live("setLanguage"),
    setTheme: (theme) => live("setTheme")(theme || null),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      mounted.delete(element);
      if (dead) return;
      wasm(() => {
        handle.destroy();
        handle.free();
      });
    },
  };
  mounted.set(element, entry);
  if (entry.connected) observeRootsOf(element);
  return entry.api;
}

/** Runs a call into the module: a refused option (a string it throws) becomes an Error; anything else is a crash. */
function wasm(f) {
  try {
    return f();
  } catch (error) {
    if (typeof error === "string" && error.startsWith("treaty-map:")) throw new Error(error);
    crash(error);
    throw new Error(CRASHED);
  }
}

/** An option from the element's attributes: `data-NAME`, or `NAME` on a <treaty-map> element. */
function attribute(element, name) {
  const plain = element.localName === "treaty-map" ? element.getAttribute(name) : null;
  return plain ?? element.getAttribute(`data-${name}`) ?? undefined;
}

/** The element's own theme, else the nearest ancestor's `data-theme` (a site's dark mode on <html>). */
function themeOf(element) {
  return attribute(element, "theme") ?? element.parentElement?.closest("[data-theme]")?.dataset.theme;
}

function optionsOf(element) {
  return {
    region: attribute(element, "region"),
    lang: attribute(element, "lang"),
    country: attribute(element, "country"),
    view: attribute(element, "view"),
    theme: themeOf(element),
    height: attribute(element, "height"),
    history: attribute(element, "history"),
    disclaimer: attribute(element, "disclaimer"),
    asOf: attribute(element, "as-of"),
    contentUrl: attribute(element, "content"),
    dataUrl: attribute(element, "data-url"),
  };
}

function dispatch(element, type, detail) {
  element.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
}

function fail(element, error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message);
  if (!element.shadowRoot) element.textContent = `The map could not be shown: ${message}`;
  dispatch(element, "treatymap:error", { message });
}

/**
 * Elements found on the page and not mounted yet, in the order found. They are mounted one per task: a mount
 * restyles its element's shadow tree (the widget's stylesheet adopted beside the pre-render's), about 9 ms for
 * a pre-rendered map here, and a page of ten maps mounted in one task made one task of 170-190 ms of it
 * (traced). A crash shows its notice in those still waiting too.
 */
const waiting = [];

function autoMount(element) {
  if (distant.has(element)) return;
  if (loadingOf(element) === "lazy" && !mounted.has(element)) {
    distant.add(element);
    nearby.observe(element);
    return;
  }
  queueMount(element);
}

function queueMount(element) {
  if (waiting.includes(element)) return;
  waiting.push(element);
  if (waiting.length === 1) guard.tick().then(mountWaiting);
}

/**
 * Maps with `loading="lazy"` not yet near the viewport: none of their files is asked for, and each is mounted
 * (in turn, as any other) once it comes within LAZY_MARGIN of the viewport. One removed from the page first is
 * forgotten (`sweep`).
 */
const distant = new Set();
const nearby = new IntersectionObserver((entries) => {
  for (const { target, isIntersecting } of entries) {
    if (!isIntersecting || !distant.delete(target)) continue;
    nearby.unobserve(target);
    queueMount(target);
  }
}, { rootMargin: LAZY_MARGIN });

/**
 * When the element's map loads: "eager" (as soon as it can, also when unset), "lazy" (once near the viewport), or
 * null for any other value, which `mountNow` refuses and `prefetch` asks nothing for.
 */
function loadingOf(element) {
  const value = attribute(element, "loading")?.trim().toLowerCase() ?? "eager";
  return value === "eager" || value === "lazy" ? value : null;
}

function mountWaiting() {
  mountNow(waiting[0]);
  waiting.shift();
  if (waiting.length > 0) guard.tick().then(mountWaiting);
}

function mountNow(element) {
  if (mounted.has(element) || !element.isConnected || insideWidget(element)) return;
  try {
    if (loadingOf(element) === null) {
      throw new Error(`treaty-map: unknown loading ${JSON.stringify(attribute(element, "loading").slice(0, 40))}; use eager or lazy`);
    }
    start(element, optionsOf(element), true);
  } catch (error) {
    fail(element, error);
  }
}

function applyAttribute(element, name) {
  const entry = mounted.get(element);
  if (!entry) return;
  try {
    if (name === "region") entry.api.setRegion(attribute(element, "region") ?? "world");
    if (name === "lang") entry.api.setLanguage(attribute(element, "lang") ?? "en");
    if (name === "country") entry.api.select(attribute(element, "country") ?? null);
    if (name === "theme") entry.api.setTheme(themeOf(element) ?? null);
    if (name === "as-of") entry.api.setAsOf(attribute(element, "as-of") ?? null);
  } catch (error) {
    fail(element, error);
  }
}

function scan(root) {
  if (root.matches?.(SELECTOR)) autoMount(root);
  for (const element of root.querySelectorAll?.(SELECTOR) ?? []) autoMount(element);
}

/**
 * The widget's own DOM, when an element cannot hold a shadow root and the map lives in its light DOM: the
 * observer must not take the widget's own changes (a `data-theme` on its mount point) for the page's.
 */
function insideWidget(node) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return !!element?.closest(".tm-mount, .tm-prerender");
}

// ── Following the page ───────────────────────────────────────────────────────────────────────────────────────

const observer = new MutationObserver((records) => {
  for (const record of records) {
    if (insideWidget(record.target)) continue;
    if (record.type === "attributes") {
      const name = record.attributeName.replace(/^data-/, "");
      if (mounted.has(record.target)) {
        if (record.target.localName !== "treaty-map") applyAttribute(record.target, name);
      } else if (name === "theme") {
        // A theme on an ancestor (or <html>) applies to every map; a map's setTheme writes only a change.
        for (const [element, entry] of mounted) if (entry.auto) applyAttribute(element, "theme");
      }
    } else {
      for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) scan(node);
    }
  }
  sweep();
});
const observedRoots = new WeakSet();

function observe(root) {
  if (observedRoots.has(root)) return;
  observedRoots.add(root);
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: LIVE.map((name) => `data-${name}`) });
}

/** Watches every shadow root between `element` and the document, so that its removal from any of them is seen. */
function observeRootsOf(element) {
  for (let root = element.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) observe(root);
}

/** Destroys every map whose element has left the page (auto-mounted or not); notes those that have joined it. */
function sweep() {
  for (const element of distant) {
    if (!element.isConnected) {
      distant.delete(element);
      nearby.unobserve(element);
    }
  }
  for (const entry of [...mounted.values()]) {
    if (entry.element.isConnected) {
      if (!entry.connected) {
        entry.connected = true;
        observeRootsOf(entry.element);
      }
    } else if (entry.connected) {
      entry.api.destroy();
    }
  }
}

// ── A crash ──────────────────────────────────────────────────────────────────────────────────────────────────

/** A trap of the module (WebAssembly.RuntimeError) thrown from its own code, not a host error passing through. */
function fromModule(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return false;
  const frame = String(error.stack).split("\n").find((line) => line.trim().startsWith("at "));
  return /treaty_map_bg[^/]*\.wasm/.test(frame ?? "");
}

function onError(event) {
  if (!fromModule(event.error)) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  crash(event.error);
}

function onRejection(event) {
  if (!fromModule(event.reason)) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  crash(event.reason);
}

/**
 * The module has died (a panic, an allocation failure, a trap): stop everything it scheduled, without calling
 * it, and show every map's notice. Once this task is over, the loader's own listeners go too: a trap thrown by
 * a callback already queued in this task is still caught until then.
 */
function crash(cause) {
  if (dead) return;
  dead = true;
  console.error("treaty-map: the map stopped after an internal error (a bug; please report it):", cause);
  lifeline.abort();
  for (const id of timers) clearTimeout(id);
  timers.clear();
  ticks.length = 0;
  channel.port1.close();
  for (const [url, flight] of flights) {
    flight.controller.abort();
    forget(url, flight);
  }
  nearby.disconnect();
  for (const element of [...waiting.splice(0), ...distant]) {
    if (!mounted.has(element) && element.isConnected && !insideWidget(element)) {
      showCrashed({ element, lang: attribute(element, "lang") });
    }
  }
  distant.clear();
  for (const entry of mounted.values()) showCrashed(entry);
  mounted.clear();
  setTimeout(() => {
    removeEventListener("error", onError, true);
    removeEventListener("unhandledrejection", onRejection, true);
  }, 0);
}

/** Replaces the map (live or pre-rendered) with the notice, in the map's language, and tells the page. */
function showCrashed({ element, lang }) {
  const root = element.shadowRoot ?? element;
  for (const node of [...root.children]) if (node.matches(".tm-mount, .tm-prerender")) node.remove();
  const code = languageOf(lang) ?? "en";
  const { text, dir } = texts[code] ?? texts.en ?? { text: CRASHED, dir: "ltr" };
  const notice = document.createElement("div");
  notice.className = "tm-root tm-error tm-crashed";
  notice.setAttribute("role", "alert");
  notice.lang = texts[code] ? code : "en";
  notice.dir = dir;
  notice.textContent = text;
  root.append(notice);
  dispatch(element, "treatymap:error", { message: CRASHED });
}

// ── Taking charge, or handing over ───────────────────────────────────────────────────────────────────────────
// Last, once everything above is initialised: the first copy boots the module; a later copy uses the first.

const running = globalThis[KEY];
widget = running ?? takeCharge();
if (running && running.version !== VERSION) {
  console.warn(`treaty-map: ${import.meta.url} (version ${VERSION}) is not used: version ${running.version} from ${running.url} is already running and stays in charge`);
}
await widget.ready;
