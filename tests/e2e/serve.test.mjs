// The demo as `cargo xtask serve` serves it, as a CDN would: the widget's files arrive compressed with brotli,
// the demo's stable names are revalidated, a few connections carry every request, and the page loads
// without an error in the console (no missing favicon).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { BASE_URL, launch, recordConsole, waitForLive } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe("the demo as served", () => {
  it("arrives compressed, over kept-alive connections, with no console error", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const responses = new Map();
    cdp.on("Network.responseReceived", ({ requestId, response }) => {
      const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      responses.set(requestId, { path: new URL(response.url).pathname, status: response.status, headers, connection: response.connectionId });
    });
    const problems = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("requestfailed", (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
    recordConsole(page);
    await page.goto(BASE_URL);
    await waitForLive(page);
    // Headless Chromium fetches no icon by itself: fetch the page's and the one other browsers ask for.
    const icons = await page.evaluate(async () => {
      const link = document.querySelector('link[rel="icon"]')?.href;
      return Promise.all([link, "/favicon.ico"].map(async (url) => {
        const response = await fetch(url);
        return `${response.status} ${response.headers.get("content-type")} ${(await response.arrayBuffer()).byteLength > 0}`;
      }));
    });
    assert.deepEqual(icons, ["200 image/svg+xml true", "200 image/x-icon true"]);
    const all = [...responses.values()];
    const byPath = (path) => all.find((r) => r.path === path);
    const wasm = byPath("/pkg/treaty_map_bg.wasm");
    assert.ok(wasm, `the wasm was fetched: ${all.map((r) => r.path)}`);
    for (const path of ["/", "/pkg/treaty_map_bg.wasm", "/pkg/treaty_map.js", "/treaty-map.js", "/data/americas.geo.json", "/data/status.json"]) {
      const response = byPath(path);
      assert.equal(response?.headers["content-encoding"], "br", `${path} arrives in brotli`);
      assert.match(response.headers.vary ?? "", /Accept-Encoding/i, `${path} varies by encoding`);
      assert.equal(response.headers["cache-control"], "no-cache", `${path} has a stable name: revalidated`);
    }
    // The glue and the loader arrive minified, each naming its source map, which the server has (brotli too).
    const maps = await page.evaluate(async () => {
      const out = [];
      for (const script of ["pkg/treaty_map.js", "treaty-map.js"]) {
        const text = await (await fetch(script)).text();
        const name = /\n\/\/# sourceMappingURL=(\S+)\n$/.exec(text)?.[1];
        const map = name ? await fetch(new URL(name, new URL(script, location.href))) : null;
        const json = map?.ok ? await map.json() : {};
        out.push(`${script} ${text.split("\n").length <= 4} ${name} ${map?.headers.get("content-type")} ${json.sourcesContent?.[0]?.length > text.length}`);
      }
      return out;
    });
    assert.deepEqual(maps, [
      "pkg/treaty_map.js true treaty_map.js.map application/json true",
      "treaty-map.js true treaty-map.js.map application/json true",
    ]);
    assert.deepEqual(all.filter((r) => r.status >= 400).map((r) => `${r.status} ${r.path}`), [], "nothing missing");
    assert.deepEqual(problems, [], "no console error, no failed request");
    // Chromium opens at most six connections to one origin; without keep-alive each request needs its own.
    const connections = new Set(all.map((r) => r.connection));
    assert.ok(connections.size < all.length, `${all.length} responses over ${connections.size} connections`);
    await context.close();
  });
});
