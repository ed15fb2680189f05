// Display modes: forced colours (Windows High Contrast), dark, 200 % zoom and a 320 px wide screen.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";

import { launch, openDemo } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const fillOf = (page, iso3) => page.locator(`.tm-map path[data-iso3="${iso3}"]`).evaluate((el) => getComputedStyle(el).fill);

it("keeps the status colours apart and the focus visible in forced-colors mode", async () => {
  const { page } = await openDemo(browser);
  await page.emulateMedia({ forcedColors: "active" });
  // Peru (CAT and OPCAT party), Haiti (CAT signatory only) and Greenland (no data) stay distinguishable.
  const fills = new Set([await fillOf(page, "PER"), await fillOf(page, "HTI"), await fillOf(page, "GRL")]);
  assert.equal(fills.size, 3, [...fills].join(" | "));
  await page.locator('.tm-map path[data-iso3="PER"]').focus();
  await page.keyboard.press("ArrowLeft");
  const stroke = await page.evaluate(() => getComputedStyle(document.querySelector("[data-treaty-map]").shadowRoot.activeElement).strokeWidth);
  assert.ok(parseFloat(stroke) >= 2);
  await page.close();
});

for (const [name, viewport] of [["at 200 % zoom (640 CSS px)", { width: 640, height: 450 }], ["320 px wide", { width: 320, height: 640 }]]) {
  it(`loses nothing ${name}: no sideways scrolling, the profile readable`, async () => {
    const { page } = await openDemo(browser, viewport);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
    await page.locator('.tm-map path[data-iso3="PER"]').click();
    const panel = page.locator(".tm-panel");
    assert.match(await panel.innerText(), /OPCAT: State party since 14 September 2006/);
    const box = await panel.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= viewport.width + 1, "the profile fits the width");
    await page.getByRole("button", { name: "Close profile" }).click();
    await page.close();
  });
}
