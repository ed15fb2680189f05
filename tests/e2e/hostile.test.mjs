// Hostile data, failing networks and a strict CSP, in real Chromium against the served demo page: each file of
// tests/fixtures/hostile/ replaces (or is added to) the data file it stands for, through request interception.
// The widget must show its message, the good states must still work, and nothing from the input may run
// (every payload would set window.__pwned).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";

import { BASE_URL, launch, readData, recordConsole, recordCspViolations, waitForLive } from "./helpers.mjs";

const hostileDir = new URL("../fixtures/hostile/", import.meta.url);
const cases = JSON.parse(readFileSync(new URL("cases.json", hostileDir), "utf8"));
const siteContent = JSON.parse(readFileSync(new URL("../../www/content.json", import.meta.url), "utf8"));

const paths = {
  status: "data/status.json",
  // The demo shows the Americas, so it fetches the Americas' geometry file.
  geometry: "data/americas.geo.json",
  regions: "data/regions.json",
  content: "content.json",
};
// Each good file is read once; a case gets its own copy to change.
const goodFiles = {
  status: readData("status.json"),
  geometry: readData("americas.geo.json"),
  regions: readData("regions.json"),
  content: siteContent,
};
const good = Object.fromEntries(Object.entries(goodFiles).map(([file, json]) => [file, () => structuredClone(json)]));

/** The body served for a case: the hostile file, or the good file with the hostile one applied. */
function bodyFor(name, { file, mode }) {
  const text = readFileSync(new URL(name, hostileDir), "utf8");
  if (mode === "replace") return text;
  const base = good[file]();
  const hostile = JSON.parse(text);
  if (mode === "append") {
    const key = base.features ? "features" : "states";
    base[key] = base[key].concat(hostile[key]);
  } else {
    Object.assign(base, hostile);
  }
  return JSON.stringify(base);
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const routeUrl = (path) => new URL(path, BASE_URL).href;

/** A page whose `routes` ({ path: handler }) are intercepted, collecting page errors and every request. */
async function openPage({ routes = {}, clock = false } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const requests = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("request", (request) => requests.push(request.url()));
  recordConsole(page);
  if (clock) await page.clock.install();
  for (const [path, handler] of Object.entries(routes)) await page.route(routeUrl(path), handler);
  return { page, errors, requests };
}

/**
 * Waits until `condition()` (or the promise it returns) holds, at most `ms` (real time); fails naming `what` it
 * waited for.
 */
async function until(condition, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await sleep(50);
  }
}

const pwned = (page) => page.evaluate(() => window.__pwned);
const widget = (page) => page.locator("#americas-map");
const diagnosticsText = (page) => page.locator(".tm-diagnostics").evaluate((el) => el.textContent);

/**
 * Clicks Peru on the live map, as a visitor would once it answers, and checks that its profile opens. It waits for
 * the live map first: while the live map is drawn beneath the pre-render, both hold a Peru, and a locator of
 * either is two elements (strict mode).
 */
async function assertPeruWorks(page) {
  await waitForLive(page);
  await page.locator('.tm-map path[data-iso3="PER"]').click();
  await page.locator('.tm-panel[data-iso3="PER"] h2').waitFor();
  assert.equal(await page.locator(".tm-panel h2").innerText(), "Peru");
}

/** No element the input could have injected: no script, img, iframe or object inside the widget. */
async function assertNothingInjected(page) {
  assert.equal(await widget(page).count(), 1, "the widget's element is there to look into");
  assert.equal(await widget(page).locator("script, img, iframe, object, embed").count(), 0);
  assert.equal(await pwned(page), undefined, "no payload ran");
}

describe("hostile data files (tests/fixtures/hostile)", () => {
  for (const [name, testCase] of Object.entries(cases)) {
    it(`${name}: ${testCase.what}`, async () => {
      const body = bodyFor(name, testCase);
      // Served as text/html, or a body that starts like markup: the loader says it got an HTML page.
      const html = name.includes("html");
      const markup = html || body.trimStart().startsWith("<");
      const { page, errors } = await openPage({
        routes: {
          [paths[testCase.file]]: (route) =>
            route.fulfill({ status: 200, contentType: html ? "text/html" : "application/json", body }),
        },
      });
      await page.goto(BASE_URL);
      if (testCase.sees === "error") {
        const alert = widget(page).locator('.tm-error[role="alert"]');
        await alert.waitFor();
        const text = await alert.innerText();
        assert.match(text, /The map could not be loaded\./);
        assert.ok(text.includes(markup ? "is an HTML page, not JSON" : testCase.expect), text);
        assert.equal(await alert.getByRole("button", { name: "Retry" }).count(), 1);
      } else {
        await waitForLive(page);
        const peruClass = await page.locator('.tm-map path[data-iso3="PER"]').getAttribute("class");
        if (testCase.sees === "map-no-status") {
          assert.match(peruClass, /\btm-c-nodata\b/);
          assert.equal(await page.locator(".tm-partial").getByRole("button", { name: "Retry" }).count(), 1);
        } else {
          assert.match(peruClass, /\btm-c-both\b/);
        }
        const expect = markup ? "is an HTML page, not JSON" : testCase.expect;
        if (expect !== null) {
          assert.ok((await diagnosticsText(page)).includes(expect), await diagnosticsText(page));
        } else {
          // No message expected: the input is drawn or shown as designed, so the map (live, its source line
          // drawn in the same render) lists no diagnostic at all.
          assert.ok(await widget(page).locator(".tm-source").first().isVisible(), "the live map's source line is drawn");
          const notes = await widget(page).locator(".tm-diagnostics li").allInnerTexts();
          assert.deepEqual(notes, [], "no diagnostic for an input the widget takes as designed");
        }
        await assertPeruWorks(page);
        if (name === "content-script-payloads.json") {
          // The content may come just after the map is live (it never holds the map back): wait for it, then
          // check again that it brought no diagnostic.
          await page.locator(".tm-panel .tm-host").waitFor();
          assert.equal(await widget(page).locator(".tm-diagnostics li").count(), 0, "no diagnostic for the content");
          const panel = await page.locator(".tm-panel").innerText();
          assert.ok(panel.includes('<script>window.__pwned=1</script>'), "the payload shows as text");
          assert.ok(panel.includes('<img src=x onerror="window.__pwned=1">'));
          await page.locator('.tm-map path[data-iso3="MEX"]').click();
          assert.ok((await page.locator(".tm-panel").innerText()).includes("<script>"));
        }
        if (name === "content-hostile-links.json") {
          const hrefs = await page.locator(".tm-panel a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
          assert.deepEqual(hrefs, ["https://example.org/good"]);
          const rel = await page.locator(".tm-panel a").getAttribute("rel");
          assert.equal(rel, "noopener noreferrer");
          assert.ok((await page.locator(".tm-panel").innerText()).includes("Alert with JS link"));
        }
      }
      await assertNothingInjected(page);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it("a 50 MB geometry file is refused with its size, without freezing the page", async () => {
    const body = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const { page, errors } = await openPage({
      routes: { [paths.geometry]: (route) => route.fulfill({ status: 200, contentType: "application/json", body }) },
    });
    await page.goto(BASE_URL);
    const alert = widget(page).locator('.tm-error[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /geometry: the file is 50 MiB, more than the limit of 16 MiB/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("a feature with 200,001 positions is skipped and named", async () => {
    const geometry = good.geometry();
    const ring = Array.from({ length: 200_001 }, (_, i) => [-60 + (i % 1000) * 0.001, 10]);
    ring.push(ring[0]);
    geometry.features.push({ type: "Feature", properties: { iso3: "ZZH", name: "Huge" }, geometry: { type: "Polygon", coordinates: [ring] } });
    const { page } = await openPage({
      routes: { [paths.geometry]: (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(geometry) }) },
    });
    await page.goto(BASE_URL);
    await waitForLive(page);
    assert.match(await diagnosticsText(page), /Huge: 200002 positions, more than the limit of 200000/);
    await assertPeruWorks(page);
    await page.close();
  });

  it("a site's own plain GeoJSON draws the map the shipped compact file draws, path for path", async () => {
    // The site ships its geometry in the compact form (a transform, positions in steps); a site may put plain
    // GeoJSON in its place, and the widget tells them apart by their content.
    const served = await (await fetch(routeUrl(paths.geometry))).text();
    assert.ok(served.startsWith('{"type":"FeatureCollection","transform":{"scale":[0.0001,0.0001]'), served.slice(0, 120));
    const shapes = (page) =>
      page.locator(".tm-map path[data-iso3]").evaluateAll((paths) => paths.map((p) => `${p.dataset.iso3} ${p.getAttribute("d")}`));
    const drawn = [];
    for (const routes of [{}, { [paths.geometry]: (route) => route.fulfill({ status: 200, contentType: "application/geo+json", body: JSON.stringify(good.geometry()) }) }]) {
      const { page, errors } = await openPage({ routes });
      await page.goto(BASE_URL);
      await waitForLive(page);
      drawn.push(await shapes(page));
      assert.deepEqual(errors, []);
      assert.equal(await page.locator(".tm-diagnostics").count(), 0, "nothing skipped");
      await page.close();
    }
    assert.ok(drawn[0].length >= 50, `${drawn[0].length} states drawn`);
    assert.deepEqual(drawn[1], drawn[0]);
  });

  it("half-megabyte strings in status and content are skipped with a short message", async () => {
    // Two of them fit the content file's 2 MiB limit.
    const big = "<script>window.__pwned=1</script>".repeat(16 * 1024);
    const status = readData("status.json");
    status.states.push({ iso3: "ZZB", name: big });
    const content = { PER: { summary: [big, "Kept."], members: [{ name: big, url: "https://example.org/" }] } };
    const { page } = await openPage({
      routes: {
        [paths.status]: (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(status) }),
        [paths.content]: (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(content) }),
      },
    });
    await page.goto(BASE_URL);
    await waitForLive(page);
    // The host content never holds the map back: its notes may come after the map is live (the map's own data
    // is asked for ahead by the loader, the content by the map once mounted). Wait for them, 5 s at most.
    const list = page.locator(".tm-diagnostics li");
    await until(async () => (await list.count()) >= 3, "the content's two notes beside the status's", 5000);
    const notes = await list.allTextContents();
    assert.equal(notes.length, 3, `three notes (the status's name, the content's summary and member): ${JSON.stringify(notes)}`);
    assert.ok(notes.every((n) => n.length < 400));
    await assertPeruWorks(page);
    assert.match(await page.locator(".tm-panel").innerText(), /Kept\./);
    await assertNothingInjected(page);
    await page.close();
  });
});

describe("failing networks", () => {
  it("a 404 gives the error state; Retry refetches and draws the map", async () => {
    let fail = true;
    const { page, errors } = await openPage({
      routes: { [paths.geometry]: (route) => (fail ? route.fulfill({ status: 404, body: "Not found" }) : route.fallback()) },
    });
    await page.goto(BASE_URL);
    const alert = widget(page).locator('.tm-error[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /data\/americas\.geo\.json: HTTP 404/);
    fail = false;
    await alert.getByRole("button", { name: "Retry" }).click();
    await assertPeruWorks(page);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("a 500 for the status draws every state as no data; Retry brings the status", async () => {
    let fail = true;
    const { page } = await openPage({
      routes: { [paths.status]: (route) => (fail ? route.fulfill({ status: 500, body: "oops" }) : route.fallback()) },
    });
    await page.goto(BASE_URL);
    const peru = page.locator('.tm-map path[data-iso3="PER"]');
    await waitForLive(page);
    assert.match(await peru.getAttribute("class"), /\btm-c-nodata\b/);
    assert.match(await diagnosticsText(page), /status\.json: HTTP 500.*every state shows as “no data”/);
    assert.match(await page.locator(".tm-source").first().innerText(), /Treaty status could not be loaded/);
    fail = false;
    await page.locator(".tm-partial").getByRole("button", { name: "Retry" }).click();
    await page.locator('.tm-map path[data-iso3="PER"].tm-c-both').waitFor();
    assert.equal(await page.locator(".tm-partial").count(), 0);
    await page.close();
  });

  it("a network failure says so; content that fails leaves the map working", async () => {
    const { page } = await openPage({
      routes: {
        [paths.regions]: (route) => route.abort("failed"),
      },
    });
    await page.goto(BASE_URL);
    const alert = widget(page).locator('.tm-error[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /regions\.json: could not be fetched/);
    await page.close();
  });

  it("a content URL on another origin that refuses CORS: the map works without the content", async () => {
    const crossOrigin = new URL("content.json", BASE_URL);
    crossOrigin.hostname = crossOrigin.hostname === "localhost" ? "127.0.0.1" : "localhost";
    const { page } = await openPage({
      routes: {
        "": async (route) => {
          const response = await route.fetch();
          const html = (await response.text()).replace('data-content="content.json"', `data-content="${crossOrigin.href}"`);
          await route.fulfill({ response, body: html });
        },
      },
    });
    await page.goto(BASE_URL);
    await waitForLive(page);
    assert.match(await diagnosticsText(page), /content\.json: could not be fetched \(offline, blocked, or not allowed by the server's CORS policy\)/);
    await assertPeruWorks(page);
    await page.close();
  });

  it("a slow answer keeps the pre-rendered map on show, then the live map takes over", async () => {
    const { page } = await openPage({
      routes: {
        [paths.geometry]: async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          await route.fallback();
        },
      },
    });
    await page.goto(BASE_URL);
    // The demo page is pre-rendered: the static map is on show while the data loads, with no loading message.
    // Looked at once the live widget is mounted and waits for its geometry.
    await widget(page).locator(".tm-mount").waitFor({ state: "attached" });
    await widget(page).locator(".tm-prerender .tm-map").waitFor();
    assert.equal(await widget(page).locator(".tm-loading").count(), 0);
    await waitForLive(page);
    await assertPeruWorks(page);
    await page.close();
  });

  it("the live map is drawn out of sight beneath the pre-render, then takes its place whole in one frame", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // As a slow phone (or a busy CI machine) loads it: frames are painted before the parser has reached the host,
    // and the live widget's work is spread over more of them.
    await (await page.context().newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: 6 });
    // Every frame from the start: what of the pre-render and of the live widget a visitor could see.
    await page.addInitScript(() => {
      const frames = (window.__frames = []);
      const look = () => {
        const root = document.querySelector("#americas-map")?.shadowRoot;
        const mount = root?.querySelector(".tm-mount");
        const live = !!mount && mount.getBoundingClientRect().height > 0 && getComputedStyle(mount).visibility === "visible";
        frames.push({
          // Until the parser reaches the host (a slow machine paints frames before), there is no shadow root.
          host: !!root,
          prerender: !!root?.querySelector(".tm-prerender"),
          prerenderShapes: root?.querySelectorAll(".tm-prerender .tm-map path.tm-shape").length ?? 0,
          live,
          shapes: mount?.querySelectorAll(".tm-map path.tm-shape").length ?? 0,
          busy: !!mount?.querySelector(".tm-map[aria-busy]"),
          chart: !!mount?.querySelector(".tm-chart"),
          latest: !!mount?.querySelector(".tm-latest"),
          exports: !!mount?.querySelector(".tm-export"),
          // Whether the live widget has a layout box, and the mount's width (the scene is built for it).
          laidOut: !!mount?.firstElementChild && mount.firstElementChild.getClientRects().length > 0,
          mountWidth: mount ? mount.getBoundingClientRect().width : 0,
        });
        if (frames.length < 2000) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.goto(BASE_URL);
    await waitForLive(page);
    const frames = await page.evaluate(() => window.__frames);
    const both = frames.filter((f) => f.prerender && f.live);
    assert.equal(both.length, 0, `a frame showed the pre-render and the live map together: ${JSON.stringify(both[0])}`);
    // From the frame the pre-render first shows to the frame the live map takes its place: the pre-render in
    // every frame, then the live widget whole in the next.
    const shown = frames.findIndex((f) => f.prerender);
    const last = frames.findLastIndex((f) => f.prerender);
    const seen = `${frames.length} frames; the host's shadow root first in frame ${frames.findIndex((f) => f.host)}, the pre-render in frames ${shown} to ${last}`;
    assert.ok(shown >= 0 && last + 1 < frames.length, seen);
    const gaps = frames.slice(shown, last + 1).filter((f) => !f.prerender);
    assert.equal(gaps.length, 0, `a frame without the pre-render before the live map took its place (${seen}): ${JSON.stringify(gaps[0])}`);
    // While it is drawn beneath the pre-render, the live widget is not laid out (only once, when it is shown), but
    // its mount is, at the width the scene is built for.
    const beneath = frames.filter((f) => f.prerender && f.shapes > 0);
    assert.ok(beneath.length > 0, `no frame showed the pre-render while the live map was being drawn (${seen})`);
    const laidOut = beneath.filter((f) => f.laidOut || f.mountWidth === 0);
    assert.equal(laidOut.length, 0, `a frame laid out the hidden live widget, or not its mount (${seen}): ${JSON.stringify(laidOut[0])}`);
    const [before, first] = [frames[last], frames[last + 1]];
    assert.ok(before.prerenderShapes > 30, `the pre-render's map: ${before.prerenderShapes} shapes`);
    assert.deepEqual(
      { live: first.live, shapes: first.shapes, busy: first.busy, chart: first.chart, latest: first.latest, exports: first.exports },
      { live: true, shapes: before.prerenderShapes, busy: false, chart: true, latest: true, exports: true },
      `the first frame without the pre-render shows the live widget whole (${seen})`,
    );
    await assertPeruWorks(page);
    await page.close();
  });

  it("no answer within 20 s gives a timeout message and a Retry button", async () => {
    const held = [];
    const { page } = await openPage({
      clock: true,
      routes: { [paths.geometry]: (route) => void held.push(route) },
    });
    const finished = [];
    page.on("requestfinished", (request) => finished.push(new URL(request.url()).pathname));
    await page.goto(BASE_URL);
    await widget(page).locator(".tm-prerender .tm-map").waitFor();
    await until(() => held.length > 0, "the geometry request to reach the route that holds it");
    // The loader asks for the geometry ahead of the module; the map's watchdog starts when it is mounted.
    await widget(page).locator(".tm-mount").waitFor({ state: "attached" });
    // The status and the regions answer, and the watchdog names only what has no complete answer when it runs
    // out. They too are asked for ahead and may still be arriving when the map is mounted (the fake clock's 20 s
    // pass at once): wait for both downloads to end, then for the map to read what came, a few of the page's
    // tasks (a MessageChannel's, which the fake clock does not hold).
    const answered = () => [paths.status, paths.regions].every((path) => finished.includes(new URL(routeUrl(path)).pathname));
    await until(answered, "the status and the regions to be answered");
    await page.evaluate(async () => {
      for (let i = 0; i < 10; i++) {
        await new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = resolve;
          channel.port2.postMessage(null);
        });
      }
    });
    const ended = finished.join(", ");
    await page.clock.runFor(21_000);
    const alert = widget(page).locator('.tm-error[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /did not load within 20 s: stalled while fetching \(no complete answer from [^)]*americas\.geo\.json\)/,
      `(downloads that had ended when the clock ran: ${ended})`);
    assert.equal(await alert.getByRole("button", { name: "Retry" }).count(), 1);
    await Promise.allSettled(held.map((r) => r.abort()));
    await page.close();
  });
});

describe("two instances on one page", () => {
  it("one fed broken data fails alone; the other and the demo's map work", async () => {
    const { page, errors } = await openPage({
      routes: {
        // Later routes take precedence: the geometry is broken, the other files are empty objects.
        "broken/*.json": (route) => route.fulfill({ status: 200, contentType: "application/json", body: "{}" }),
        "broken/americas.geo.json": (route) => route.fulfill({ status: 200, contentType: "application/json", body: '{"type":"Feature' }),
      },
    });
    await page.goto(BASE_URL);
    await waitForLive(page);
    await page.evaluate(async () => {
      const { mount } = await import("./pkg/treaty_map.js");
      for (const [id, dataUrl] of [["broken-map", "broken/"], ["africa-map", "data/"]]) {
        const div = document.createElement("div");
        div.id = id;
        document.body.append(div);
        mount(div, { region: id === "broken-map" ? "americas" : "africa", dataUrl });
      }
    });
    await page.locator('#broken-map .tm-error[role="alert"]').waitFor();
    assert.match(await page.locator("#broken-map .tm-error").innerText(), /geometry: not valid JSON/);
    await page.locator('#africa-map .tm-map path[data-iso3="KEN"]').click();
    assert.equal(await page.locator("#africa-map .tm-panel h2").innerText(), "Kenya");
    await page.locator('#americas-map .tm-map path[data-iso3="PER"]').click();
    assert.equal(await page.locator("#americas-map .tm-panel h2").innerText(), "Peru");
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe("a strict Content Security Policy", () => {
  it("renders with script-src 'self' 'wasm-unsafe-eval' and no violation, and requests nothing off 127.0.0.1", async () => {
    const csp = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";
    const { page, errors, requests } = await openPage({
      routes: {
        "": async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": csp } });
        },
      },
    });
    await recordCspViolations(page);
    const response = await page.goto(BASE_URL);
    assert.equal(response.headers()["content-security-policy"], csp);
    await assertPeruWorks(page);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(errors, []);
    const host = new URL(BASE_URL).host;
    const elsewhere = requests.filter((url) => new URL(url).host !== host);
    assert.deepEqual(elsewhere, [], "no request leaves the demo's host");
    await page.close();
  });
});
