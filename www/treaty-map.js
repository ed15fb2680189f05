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
// data files; default: data/ beside this script), height (the map's greatest height, a CSS length), disclaimer
// (the site's wording of the line on boundaries and names; empty hides it).
//
// Elements added later mount too, removed ones are destroyed; changes of region, lang, country and theme
// apply at once. From JavaScript: `import { mount } from "/path/to/treaty-map.js"` and
// `const map = mount(element, { region: "africa", lang: "fr" })`; then map.select("SEN"), map.select(null),
// map.setRegion("mena"), map.setLanguage("ar"), map.setTheme("dark"), map.destroy().
import init, { mount as mountWasm } from "./pkg/treaty_map.js";

const here = new URL(".", import.meta.url);
const SELECTOR = "[data-treaty-map], treaty-map";
/** Live options: a change of one of these attributes applies to the running map. */
const LIVE = ["region", "lang", "country", "theme"];

/** element → { handle (the wasm MapHandle), api (what `mount` returned), auto (mounted from markup) } */
const mounted = new Map();

let loadError = null;
try {
  await init();
} catch (error) {
  loadError = `treaty-map: the WebAssembly module could not be loaded: ${error}`;
  console.error(loadError);
}

/**
 * Mounts a map into `element` (replacing one mounted there before) and returns its handle: `select(iso3)`
 * (null or "" closes the profile), `setRegion(name)`, `setLanguage(code)`, `setTheme(theme)`, `destroy()`.
 * Options: region, lang, country, view, theme, height, disclaimer, contentUrl, dataUrl. Throws on a bad option.
 */
export function mount(element, options = {}) {
  return start(element, options, false);
}

function start(element, options, auto) {
  if (loadError) throw new Error(loadError);
  mounted.get(element)?.api.destroy();
  const handle = mountWasm(element, { ...options, dataUrl: options.dataUrl ?? new URL("data/", here).href });
  let destroyed = false;
  const live = (method) => (value) => {
    if (!destroyed) handle[method](value);
  };
  const api = {
    select: (iso3) => live("select")(iso3 || null),
    setRegion: live("setRegion"),
    setLanguage: live("setLanguage"),
    setTheme: (theme) => live("setTheme")(theme || null),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      handle.destroy();
      handle.free();
      mounted.delete(element);
    },
  };
  mounted.set(element, { handle, api, auto });
  return api;
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
    disclaimer: attribute(element, "disclaimer"),
    contentUrl: attribute(element, "content"),
    dataUrl: attribute(element, "data-url"),
  };
}

function fail(element, error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message);
  if (!element.shadowRoot) element.textContent = `The map could not be shown: ${message}`;
  element.dispatchEvent(new CustomEvent("treatymap:error", { bubbles: true, composed: true, detail: { message } }));
}

function autoMount(element) {
  if (mounted.has(element) || !element.isConnected) return;
  try {
    start(element, optionsOf(element), true);
  } catch (error) {
    fail(element, error);
  }
}

function autoUnmount(element) {
  const entry = mounted.get(element);
  if (entry?.auto && !element.isConnected) entry.api.destroy();
}

function applyAttribute(element, name) {
  const entry = mounted.get(element);
  if (!entry) return;
  try {
    if (name === "region") entry.api.setRegion(attribute(element, "region") ?? "world");
    if (name === "lang") entry.api.setLanguage(attribute(element, "lang") ?? "en");
    if (name === "country") entry.api.select(attribute(element, "country") ?? null);
    if (name === "theme") entry.api.setTheme(themeOf(element) ?? null);
  } catch (error) {
    fail(element, error);
  }
}

function scan(root) {
  if (root.matches?.(SELECTOR)) autoMount(root);
  for (const element of root.querySelectorAll?.(SELECTOR) ?? []) autoMount(element);
}

if (!loadError) {
  customElements.get("treaty-map") ?? customElements.define("treaty-map", class extends HTMLElement {
    static observedAttributes = LIVE.flatMap((name) => [name, `data-${name}`]);
    connectedCallback() {
      autoMount(this);
    }
    disconnectedCallback() {
      // A move (removed and inserted again in one task) keeps the map.
      queueMicrotask(() => autoUnmount(this));
    }
    attributeChangedCallback(name, before, after) {
      if (before !== after) applyAttribute(this, name.replace(/^data-/, ""));
    }
  });

  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") {
        const name = record.attributeName.replace(/^data-/, "");
        if (name === "theme") {
          // A theme on an ancestor (or <html>) applies to every map below it.
          for (const [element, entry] of mounted) if (entry.auto) applyAttribute(element, "theme");
        } else if (record.target.localName !== "treaty-map") {
          applyAttribute(record.target, name);
        }
      } else {
        for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) scan(node);
      }
    }
    for (const element of [...mounted.keys()]) autoUnmount(element);
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: LIVE.map((name) => `data-${name}`),
  });

  scan(document);
} else {
  for (const element of document.querySelectorAll(SELECTOR)) fail(element, loadError);
}
