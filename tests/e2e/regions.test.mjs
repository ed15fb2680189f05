// Every state can be found and hit with a pointer, in the world map and in its own region's map.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";

import { launch, openMap, readData } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const states = readData("status.json").states.map((s) => s.iso3);
const regions = readData("regions.json");

/** Mounts one map of `region` through the wasm bundle itself, and waits for it to draw. */
const openRegion = (region) => openMap(browser, region, { id: "region-under-test", height: 1600, direct: true });

/** For each code, a viewport point where a click reaches that state's shape or dot, or null. */
function findHitPoints(codes) {
  const root = document.getElementById("region-under-test").shadowRoot;
  const hits = {};
  for (const code of codes) {
    const targets = root.querySelectorAll(`[data-iso3="${code}"]:is(path, .tm-dot)`);
    hits[code] = null;
    for (const target of targets) {
      const box = target.getBoundingClientRect();
      const steps = 30;
      for (let i = 0; i <= steps && !hits[code]; i++) {
        for (let j = 0; j <= steps && !hits[code]; j++) {
          // Whole pixels: a mouse event carries whole pixels, so a point a click reaches is one.
          const x = Math.round(box.left + ((i + 0.5) / (steps + 1)) * box.width);
          const y = Math.round(box.top + ((j + 0.5) / (steps + 1)) * box.height);
          const hit = root.elementFromPoint(x, y)?.closest("[data-iso3]");
          if (hit?.getAttribute("data-iso3") === code) hits[code] = [x, y];
        }
      }
    }
  }
  return hits;
}

for (const region of ["world", "africa", "americas", "asia-pacific", "europe-central-asia", "mena"]) {
  it(`every state of ${region} is drawn and can be hit with a pointer`, async () => {
    const { page, errors } = await openRegion(region);
    const expected = states.filter((code) => region === "world" || regions[code] === region);
    const drawn = await page.locator("#region-under-test .tm-map path[data-iso3]").evaluateAll((paths) =>
      paths.map((p) => p.getAttribute("data-iso3")),
    );
    const missing = expected.filter((code) => !drawn.includes(code));
    assert.deepEqual(missing, [], "states not drawn");
    const hits = await page.evaluate(findHitPoints, expected);
    const unreachable = expected.filter((code) => !hits[code]);
    assert.deepEqual(unreachable, [], "states no pointer can reach");
    // Click a few for real: the profile opens with the right heading.
    for (const code of expected.filter((_, i) => i % Math.ceil(expected.length / 4) === 0)) {
      // Opening a panel narrows the map, so find the point again before each click.
      const point = (await page.evaluate(findHitPoints, [code]))[code];
      assert.ok(point, `${code} can still be hit with a panel open`);
      await page.mouse.click(...point);
      const panel = page.locator(`#region-under-test .tm-panel[data-iso3="${code}"]`);
      await panel.waitFor();
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}
