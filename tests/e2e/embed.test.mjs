// Embedding on a host page (www/embed.html): three instances (Americas/es, Africa/fr, MENA/ar) under hostile
// host CSS, each in its own shadow root; DOM events, the JS API, live attributes, themes and custom properties.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { BASE_URL, focusedIso3, launch, readData, waitForLive } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const regions = readData("regions.json");
const states = readData("status.json").states;
const statesIn = (region) => states.filter((s) => regions[s.iso3] === region).length;
const ARABIC_MONTHS = /يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر/;

/** Opens the embedding page with every treatymap:* event recorded, and waits for the three maps. */
async function openEmbed({ colorScheme = "light" } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
  const errors = [];
  const geometryRequests = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("request", (request) => {
    if (request.url().endsWith(".geo.json")) geometryRequests.push(new URL(request.url()).pathname.split("/").pop());
  });
  await page.addInitScript(() => {
    window.__events = [];
    for (const type of ["treatymap:ready", "treatymap:select", "treatymap:error"]) {
      document.addEventListener(type, (event) => {
        window.__events.push({ type, id: event.target.id, detail: event.detail, bubbles: event.bubbles, composed: event.composed });
      });
    }
  });
  await page.goto(new URL("embed.html", BASE_URL).href);
  await page.waitForFunction(() => window.__events.filter((e) => e.type === "treatymap:ready").length >= 3);
  return { page, errors, geometryRequests };
}

const events = (page, type) => page.evaluate((type) => window.__events.filter((e) => e.type === type), type);
const fill = (locator) => locator.evaluate((el) => getComputedStyle(el).fill);
const background = (locator) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);

describe("three instances on a hostile host page", () => {
  let page, errors, geometryRequests;
  before(async () => {
    ({ page, errors, geometryRequests } = await openEmbed());
  });
  after(async () => {
    await page?.close();
  });

  it("all three render, in shadow roots, although the host unsets every style and hides every SVG", async () => {
    assert.equal(await page.locator("#host-icon").count(), 1, "the host page has its own SVG");
    assert.equal(await page.locator("#host-icon").isVisible(), false, "the host's own SVG is hidden by its CSS");
    for (const id of ["map-americas", "map-africa", "map-mena"]) {
      const map = page.locator(`#${id} .tm-map`);
      assert.ok(await map.isVisible(), `${id}: map visible`);
      const box = await map.boundingBox();
      assert.ok(box.width > 500 && box.height > 200, `${id}: map drawn at size (${box.width} × ${box.height})`);
      assert.ok(await page.evaluate((id) => document.getElementById(id).shadowRoot?.querySelector(".tm-map") !== null, id),
        `${id}: the map is inside the element's open shadow root`);
      assert.equal(await page.evaluate((id) => document.getElementById(id).querySelector(".tm-map"), id), null,
        `${id}: nothing in the light DOM`);
    }
    // The widget's stylesheet stays inside: the host page's own buttons and paths are not styled by it.
    assert.equal(await page.evaluate(() => [...document.styleSheets].length), 1, "no stylesheet added to the document");
    assert.deepEqual(errors, []);
  });

  it("each instance announces itself with treatymap:ready, bubbling and composed", async () => {
    const ready = await events(page, "treatymap:ready");
    const byId = Object.fromEntries(ready.map((e) => [e.id, e]));
    assert.deepEqual(Object.keys(byId).sort(), ["map-africa", "map-americas", "map-mena"]);
    assert.deepEqual(byId["map-americas"].detail, { region: "americas", lang: "es", states: statesIn("americas") });
    assert.deepEqual(byId["map-africa"].detail, { region: "africa", lang: "fr", states: statesIn("africa") });
    assert.deepEqual(byId["map-mena"].detail, { region: "mena", lang: "ar", states: statesIn("mena") });
    assert.ok(ready.every((e) => e.bubbles && e.composed));
    const marks = await page.evaluate(() => performance.getEntriesByName("treatymap:interactive").map((m) => m.detail.id));
    assert.deepEqual(marks.sort(), ["map-africa", "map-americas", "map-mena"], "one interactive mark per instance");
  });

  it("selecting a state in each opens the panel in that instance only, and tells the host", async () => {
    for (const [id, iso3] of [["map-americas", "PER"], ["map-africa", "KEN"], ["map-mena", "TUN"]]) {
      await page.locator(`#${id} .tm-map path[data-iso3="${iso3}"]`).click();
      await page.locator(`#${id} .tm-panel[data-iso3="${iso3}"]`).waitFor();
    }
    for (const id of ["map-americas", "map-africa", "map-mena"]) {
      assert.equal(await page.locator(`#${id} .tm-panel`).count(), 1, `${id}: one panel, its own`);
    }
    const selected = (await events(page, "treatymap:select")).map((e) => [e.id, e.detail.iso3]);
    assert.deepEqual(selected, [["map-americas", "PER"], ["map-africa", "KEN"], ["map-mena", "TUN"]]);
    const names = (await events(page, "treatymap:select")).map((e) => e.detail.name);
    for (const [index, id] of ["map-americas", "map-africa", "map-mena"].entries()) {
      assert.equal(names[index], await page.locator(`#${id} .tm-panel h2`).innerText(), "the event names the state as the panel does");
    }
    // Escape inside one instance closes only that instance's panel.
    await page.locator("#map-africa .tm-panel .tm-close").focus();
    await page.keyboard.press("Escape");
    await page.locator("#map-africa .tm-panel").waitFor({ state: "detached" });
    assert.equal(await page.locator("#map-americas .tm-panel").count(), 1);
    assert.equal(await page.locator("#map-mena .tm-panel").count(), 1);
    const last = (await events(page, "treatymap:select")).at(-1);
    assert.deepEqual([last.id, last.detail], ["map-africa", { iso3: null, name: null }]);
    assert.equal(await focusedIso3(page), "KEN", "focus returns to the state's shape inside the shadow root");
  });

  it("the Arabic instance is mirrored and reads its dates in Arabic", async () => {
    await page.locator('#map-mena .tm-map path[data-iso3="TUN"]').click();
    const panel = page.locator("#map-mena .tm-panel");
    const panelBox = await panel.boundingBox();
    const mapBox = await page.locator("#map-mena .tm-map").boundingBox();
    assert.ok(panelBox.x + panelBox.width <= mapBox.x + 1, `panel (${panelBox.x}) left of the map (${mapBox.x})`);
    assert.match(await panel.innerText(), ARABIC_MONTHS);
    const spanishPanel = await page.locator("#map-americas .tm-panel").boundingBox();
    const spanishMap = await page.locator("#map-americas .tm-map").boundingBox();
    assert.ok(spanishPanel.x >= spanishMap.x + spanishMap.width - 1, "the Spanish instance keeps its panel on the right");
  });

  it("a live data-country opens that profile; data-theme and custom properties restyle one instance", async () => {
    await page.evaluate(() => document.getElementById("map-americas").setAttribute("data-country", "MEX"));
    await page.locator('#map-americas .tm-panel[data-iso3="MEX"]').waitFor();

    // Africa has data-theme="dark" on its element; the others follow the (light) colour scheme.
    const [light, dark] = [await background(page.locator("#map-americas .tm-map")), await background(page.locator("#map-africa .tm-map"))];
    assert.equal(light, "rgb(232, 238, 243)");
    assert.equal(dark, "rgb(31, 42, 51)");

    const both = page.locator("#map-americas .tm-map path.tm-c-both").first();
    const africaBoth = page.locator("#map-africa .tm-map path.tm-c-both").first();
    const before = await fill(africaBoth);
    await page.evaluate(() => document.getElementById("map-americas").style.setProperty("--treaty-map-fill-both", "rgb(0, 128, 0)"));
    assert.equal(await fill(both), "rgb(0, 128, 0)");
    assert.equal(await fill(africaBoth), before, "the other instances keep their fill");
  });

  it("fetched each instance's own region's geometry, once", () => {
    assert.deepEqual([...geometryRequests].sort(), ["africa.geo.json", "americas.geo.json", "mena.geo.json"]);
    assert.deepEqual(errors, []);
  });
});

describe("themes", () => {
  it("a dark colour scheme darkens the maps; data-theme on <html> or on the element wins", async () => {
    const { page, errors } = await openEmbed({ colorScheme: "dark" });
    const americas = page.locator("#map-americas .tm-map");
    assert.equal(await background(americas), "rgb(31, 42, 51)", "follows prefers-color-scheme");
    await page.evaluate(() => { document.documentElement.dataset.theme = "light"; });
    await page.waitForFunction(() => document.getElementById("map-americas").shadowRoot.querySelector(".tm-mount").dataset.theme === "light");
    assert.equal(await background(americas), "rgb(232, 238, 243)", "follows the page's data-theme");
    assert.equal(await background(page.locator("#map-africa .tm-map")), "rgb(31, 42, 51)", "the element's own data-theme wins");
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe("the JavaScript API and elements added later", () => {
  let page, errors, geometryRequests;
  before(async () => {
    ({ page, errors, geometryRequests } = await openEmbed());
  });
  after(async () => {
    await page?.close();
  });

  it("mount() returns a handle: select, setRegion (fetching only that region's geometry), setLanguage, destroy", async () => {
    await page.evaluate(async () => {
      const { mount } = await import("./treaty-map.js");
      const host = document.createElement("div");
      host.id = "api-map";
      document.body.append(host);
      window.__map = mount(host, { region: "africa", lang: "fr" });
    });
    await page.waitForFunction(() => window.__events.some((e) => e.id === "api-map" && e.type === "treatymap:ready"));
    const fetched = geometryRequests.length;

    await page.evaluate(() => window.__map.select("SEN"));
    await page.locator('#api-map .tm-panel[data-iso3="SEN"]').waitFor();
    await page.evaluate(() => window.__map.select(null));
    await page.locator("#api-map .tm-panel").waitFor({ state: "detached" });
    const selections = (await events(page, "treatymap:select")).filter((e) => e.id === "api-map").map((e) => e.detail.iso3);
    assert.deepEqual(selections, ["SEN", null]);

    assert.equal(await page.locator('#api-map .tm-map path[data-iso3="SEN"]').count(), 1, "Senegal is on the African map");
    await page.evaluate(() => window.__map.setRegion("americas"));
    await page.locator('#api-map .tm-map path[data-iso3="PER"]').waitFor();
    assert.equal(await page.locator('#api-map .tm-map path[data-iso3="SEN"]').count(), 0);
    assert.deepEqual(geometryRequests.slice(fetched), ["americas.geo.json"], "a new region fetches its own geometry");
    const fetchedRegion = geometryRequests.length;

    const legendBefore = await page.locator("#api-map .tm-view-switch legend").innerText();
    await page.evaluate(() => window.__map.setLanguage("es"));
    await page.waitForFunction(() => window.__events.some((e) => e.id === "api-map" && e.type === "treatymap:ready" && e.detail.lang === "es"));
    assert.notEqual(await page.locator("#api-map .tm-view-switch legend").innerText(), legendBefore, "the widget's words change language");
    assert.equal(geometryRequests.length, fetchedRegion, "a new language reuses the loaded data");

    const refused = await page.evaluate(() => {
      try {
        window.__map.setRegion("atlantis");
        return null;
      } catch (error) {
        return String(error);
      }
    });
    assert.match(refused ?? "", /unknown region "atlantis"/);

    assert.equal(await page.locator("#api-map .tm-map").count(), 1, "the map is there before destroy()");
    await page.evaluate(() => window.__map.destroy());
    assert.equal(await page.evaluate(() => document.getElementById("api-map").shadowRoot.querySelector(".tm-mount")), null);
    assert.equal(await page.locator("#api-map .tm-map").count(), 0);
    await page.evaluate(() => window.__map.select("PER")); // after destroy: nothing happens, nothing throws
    assert.deepEqual(errors, []);
  });

  it("a <treaty-map> added later mounts; removing it destroys it", async () => {
    await page.evaluate(() => {
      const element = document.createElement("treaty-map");
      element.id = "late-map";
      element.setAttribute("region", "europe-central-asia");
      element.setAttribute("country", "FRA");
      document.body.append(element);
    });
    await page.locator('#late-map .tm-panel[data-iso3="FRA"]').waitFor();
    // The profile is drawn with the first stage of the widget; the host hears it is ready once it is whole.
    await page.waitForFunction(() => window.__events.some((e) => e.id === "late-map" && e.type === "treatymap:ready"));
    const ready = (await events(page, "treatymap:ready")).filter((e) => e.id === "late-map");
    assert.equal(ready.length, 1);
    assert.equal(ready[0].detail.region, "europe-central-asia");

    await page.evaluate(() => document.getElementById("late-map").setAttribute("region", "asia-pacific"));
    await page.locator('#late-map .tm-map path[data-iso3="JPN"]').waitFor();

    const mount = await page.evaluate(() => {
      const element = document.getElementById("late-map");
      const mountPoint = element.shadowRoot.querySelector(".tm-mount");
      element.remove();
      window.__removed = { element, mountPoint };
      return mountPoint !== null;
    });
    assert.ok(mount);
    await page.waitForFunction(() => !window.__removed.mountPoint.isConnected);
    assert.equal(await page.evaluate(() => window.__removed.element.shadowRoot.childElementCount), 0, "the widget is gone");

    // A data-treaty-map div added by a CMS mounts too; a bad option is reported as treatymap:error.
    await page.evaluate(() => {
      document.body.insertAdjacentHTML("beforeend",
        '<div id="cms-map" data-treaty-map data-region="world"></div><div id="bad-map" data-treaty-map data-region="mars"></div>');
    });
    await page.locator('#cms-map .tm-map path[data-iso3="PER"]').waitFor();
    const failures = (await events(page, "treatymap:error")).filter((e) => e.id === "bad-map");
    assert.equal(failures.length, 1);
    assert.match(failures[0].detail.message, /unknown region "mars"/);
    assert.deepEqual(errors, []);
  });
});

describe("taking over a pre-render", () => {
  it("keeps the pre-rendered map on show while loading, then replaces it in place", async () => {
    // The demo page's element holds the declarative shadow root `cargo xtask build` writes in place of its
    // `<!--treaty-map-prerender americas en-->`. Hold the WebAssembly back to look at the page before it runs.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route("**/treaty_map_bg.wasm", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(BASE_URL, { waitUntil: "domcontentloaded" });
    const prerendered = page.locator("#americas-map .tm-prerender .tm-map");
    await prerendered.waitFor();
    // Watch the widget's own shadow root (observers do not see into it from the document) from now on.
    await page.evaluate(() => {
      const root = document.getElementById("americas-map").shadowRoot;
      window.__loadingSeen = false;
      new MutationObserver(() => {
        if (root.querySelector(".tm-loading")) window.__loadingSeen = true;
      }).observe(root, { childList: true, subtree: true });
    });
    const before = await prerendered.boundingBox();
    assert.equal(await page.locator("#americas-map .tm-mount").count(), 0, "no live widget yet");

    release();
    await waitForLive(page, "#americas-map");
    const afterBox = await page.locator("#americas-map .tm-mount .tm-map").boundingBox();
    for (const key of ["x", "y", "width", "height"]) {
      assert.ok(Math.abs(afterBox[key] - before[key]) <= 1, `the map does not move: ${key} ${before[key]} → ${afterBox[key]}`);
    }
    assert.equal(await page.evaluate(() => window.__loadingSeen), false, "no loading message over a pre-render");
    await page.locator('#americas-map .tm-mount .tm-map path[data-iso3="PER"]').click();
    await page.locator('#americas-map .tm-panel[data-iso3="PER"]').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
});
