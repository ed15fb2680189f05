// The deployable bundle in dist/ (written by `cargo xtask build`), served as a site root: the example page loads
// the widget through the snippet's integrity-checked scripts under a strict Content Security Policy, shows the
// pre-rendered map and table without JavaScript, and takes over without moving the map.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";

import { download, launch, recordCspViolations, waitForLive } from "./helpers.mjs";

const distDir = new URL("../../dist/", import.meta.url);
/** dist/ is served at this origin through request interception: the page sees an ordinary site root. */
const ORIGIN = "http://dist.treaty-map.test/";
const TYPES = { html: "text/html", js: "text/javascript", wasm: "application/wasm", json: "application/json", css: "text/css", txt: "text/plain; charset=utf-8" };

let browser;
before(async () => {
  assert.ok(existsSync(new URL("example.html", distDir)), "dist/ exists: run `cargo xtask build` first");
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A page (in a context with or without JavaScript) whose requests to ORIGIN are answered from dist/. */
async function openExample({ javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  const violations = [];
  const missing = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (/Content Security Policy|integrity/i.test(message.text())) violations.push(message.text());
  });
  await recordCspViolations(page);
  await page.route(`${ORIGIN}**`, async (route) => {
    const path = new URL(route.request().url()).pathname.slice(1) || "example.html";
    const file = new URL(path, distDir);
    if (path.includes("..") || !existsSync(file)) {
      missing.push(path);
      return route.fulfill({ status: 404, body: "not found" });
    }
    const type = TYPES[path.split(".").pop()] ?? "application/octet-stream";
    return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
  });
  await page.goto(`${ORIGIN}example.html`);
  return { context, page, errors, violations, missing };
}

const sri = (path) => `sha384-${createHash("sha384").update(readFileSync(new URL(path, distDir))).digest("base64")}`;

describe("dist/", () => {
  it("has a snippet whose integrity hashes match the files, and the example page uses it", () => {
    const snippet = readFileSync(new URL("snippet.html", distDir), "utf8");
    const example = readFileSync(new URL("example.html", distDir), "utf8");
    const script = /<script type="module" src="(treaty-map\.[0-9a-f]{8}\.js)" integrity="([^"]+)" crossorigin="anonymous"><\/script>/.exec(snippet);
    const preload = /<link rel="modulepreload" href="(treaty_map\.[0-9a-f]{8}\.js)" integrity="([^"]+)" crossorigin="anonymous">/.exec(snippet);
    assert.ok(script && preload, snippet);
    assert.equal(script[2], sri(script[1]), "the loader's SRI hash is its file's");
    assert.equal(preload[2], sri(preload[1]), "the glue's SRI hash is its file's");
    assert.ok(example.includes(script[0]) && example.includes(preload[0]), "the example page uses the snippet");
    const loader = readFileSync(new URL(script[1], distDir), "utf8");
    assert.ok(loader.includes(`"./${preload[1]}"`), "the loader imports the glue by its hashed name");
    const glue = readFileSync(new URL(preload[1], distDir), "utf8");
    const wasm = /new URL\(["'](treaty_map_bg\.[0-9a-f]{8}\.wasm)["'],\s*import\.meta\.url\)/.exec(glue);
    assert.ok(wasm && existsSync(new URL(wasm[1], distDir)), "the glue finds the hashed wasm");
    // Both scripts ship minified, each pointing to a source map beside it that carries the original text.
    for (const [file, text, original] of [[script[1], loader, "treaty-map loader"], [preload[1], glue, "__wbg"]]) {
      const mapName = /\n\/\/# sourceMappingURL=((treaty[-_]map)\.[0-9a-f]{8}\.map)\n$/.exec(text);
      assert.ok(mapName, `${file} ends with its sourceMappingURL`);
      const map = JSON.parse(readFileSync(new URL(mapName[1], distDir), "utf8"));
      assert.ok(!/^\s/m.test(text) && !text.includes("/**") && text.length < 0.6 * map.sourcesContent[0].length, `${file} is minified`);
      assert.equal(map.version, 3);
      assert.deepEqual(map.sources, [`source/${mapName[2]}.js`]);
      assert.ok(map.sourcesContent[0].includes(original) && map.mappings.length > 100, `${mapName[1]} maps ${file} to its source`);
    }
    for (const file of [script[1], preload[1], wasm[1], "example.html", "data/status.json", "prerender/americas.en.html"]) {
      assert.ok(existsSync(new URL(`${file}.gz`, distDir)) && existsSync(new URL(`${file}.br`, distDir)), `${file} has .gz and .br`);
    }
  });

  it("loads under the strict CSP with no violation, and the map draws and works", async () => {
    const { context, page, errors, violations, missing } = await openExample();
    await waitForLive(page);
    const peru = page.locator('.tm-map path[data-iso3="PER"]');
    await peru.click();
    await page.locator('.tm-panel[data-iso3="PER"]').waitFor();
    assert.equal(await page.locator(".tm-map path.tm-shape").count() > 30, true);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(missing, []);
    await context.close();
  });

  it("speaks French with the words file it finds by its hashed name, under the strict CSP", async () => {
    const { context, page, errors, violations, missing } = await openExample();
    const words = [];
    page.on("requestfinished", (request) => {
      const name = new URL(request.url()).pathname.slice(1);
      if (name.startsWith("treaty_map_words")) words.push(name);
    });
    await waitForLive(page);
    // A site switches the language: the loader follows the attribute, and the wasm fetches the French words.
    await page.evaluate(() => document.querySelector("#map").setAttribute("data-lang", "fr"));
    await page.waitForFunction(() => document.querySelector("#map").shadowRoot.querySelector(".tm-view-switch legend")?.textContent === "Colorer la carte selon");
    assert.equal(await page.locator("#map .tm-mount .tm-root").getAttribute("lang"), "fr");
    assert.equal(words.length, 1, words.join(", "));
    assert.match(words[0], /^treaty_map_words-fr\.[0-9a-f]{8}\.txt$/);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(missing, []);
    await context.close();
  });

  it("exports a PNG under the strict CSP", async () => {
    const { context, page, errors } = await openExample();
    await waitForLive(page);
    const { bytes: png } = await download(page, "Download PNG");
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("shows the pre-rendered map, legend and table without JavaScript", async () => {
    const { context, page } = await openExample({ javaScriptEnabled: false });
    const prerender = page.locator(".tm-prerender");
    await prerender.waitFor();
    assert.ok(await prerender.locator('.tm-map path[data-iso3="PER"]').isVisible());
    assert.ok(await prerender.locator(".tm-legend").isVisible());
    // The table is in the page under a closed disclosure, so that a page of many maps does not lay out every
    // table at once; its summary opens it without any script.
    const row = prerender.locator('.tm-table tr[data-iso3="PER"]');
    assert.equal(await row.count(), 1, "the table is in the page");
    assert.equal(await row.isVisible(), false, "the table is closed");
    const summary = prerender.locator(".tm-prerender-table summary");
    assert.match(await summary.innerText(), /^Americas: treaty status by state \(\d+ shown\)$/);
    await summary.focus();
    await page.keyboard.press("Enter");
    assert.ok(await row.isVisible(), "the table is open");
    assert.match(await row.innerText(), /State party since 7 July 1988 \(ratification\)/);
    await row.scrollIntoViewIfNeeded();
    const box = await row.boundingBox();
    assert.ok(box && box.height > 10 && box.y >= 0 && box.y < 900, `the row scrolled to: ${JSON.stringify(box)}`);
    assert.ok(await prerender.locator('.tm-table tr[data-iso3="URY"]').isVisible(), "the rest of the table too");
    // The controls that need the script keep their place but are not shown.
    assert.equal(await prerender.locator(".tm-search").count(), 1, "the search is in the pre-render");
    assert.equal(await prerender.locator(".tm-search").isVisible(), false);
    await context.close();
  });

  it("takes over without moving the map", async () => {
    const still = await openExample({ javaScriptEnabled: false });
    const before = await still.page.locator(".tm-prerender .tm-map").boundingBox();
    await still.context.close();
    const live = await openExample();
    await waitForLive(live.page);
    const after = await live.page.locator(".tm-map").boundingBox();
    for (const key of ["x", "y", "width", "height"]) {
      assert.ok(Math.abs(before[key] - after[key]) <= 2, `map ${key}: ${before[key]} before, ${after[key]} after`);
    }
    await live.context.close();
  });
});
