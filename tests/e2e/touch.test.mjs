// A phone visitor: a tap on a Caribbean dot opens its profile; a swipe over the map still scrolls the page.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";

import { BASE_URL, launch, waitForLive } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

it("opens a micro-state's profile with a tap and lets a swipe over the map scroll the page", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(BASE_URL);
  await waitForLive(page);
  const dot = page.locator('.tm-dot[data-iso3="GRD"]');
  const box = await dot.boundingBox();
  assert.ok(box.width >= 24 && box.height >= 24);
  await dot.tap();
  assert.equal(await page.locator(".tm-panel h2").innerText(), "Grenada");
  await page.getByRole("button", { name: "Close profile" }).click();

  // Swipe up over the middle of the map: the page scrolls (the map does not trap it).
  await page.evaluate(() => window.scrollTo(0, 0));
  // The map's middle in view, with room left to scroll (the controls above it may push it below the fold).
  await page.evaluate(() => {
    const top = document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-map").getBoundingClientRect().top;
    if (top > 400) window.scrollTo(0, top - 200);
  });
  const map = await page.locator(".tm-map").boundingBox();
  const cdp = await context.newCDPSession(page);
  const x = Math.round(map.x + map.width / 2);
  const y = Math.round(Math.min(map.y + map.height / 2, 700));
  assert.match(await page.evaluate(([x, y]) => document.querySelector("[data-treaty-map]").shadowRoot.elementFromPoint(x, y).closest(".tm-figure")?.className ?? "", [x, y]), /tm-figure/,
    "the swipe starts on the map");
  const start = await page.evaluate(() => window.scrollY);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: y - i * 30 }] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await page.waitForFunction((start) => window.scrollY > start, start);
  const scrolled = (await page.evaluate(() => window.scrollY)) - start;
  assert.ok(scrolled > 100, `the page scrolled (by ${scrolled} px)`);
  await context.close();
});
