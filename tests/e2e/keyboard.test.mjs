// A keyboard-only visitor: one Tab stop into the map, arrows between neighbours, letters to jump, Enter to
// open, Escape to close with focus back on the state.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";

import { focusedIso3, launch, openDemo } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const live = (page) => page.locator(".tm-live").innerText();

it("reaches Peru from Ecuador with the down arrow, reads its OPCAT date, and Escape returns focus", async () => {
  const { page, errors } = await openDemo(browser);
  // Tab from the top of the page: the map is one Tab stop, its first state by name.
  await page.locator("body").focus();
  let tabs = 0;
  while ((await focusedIso3(page)) == null && tabs < 20) {
    await page.keyboard.press("Tab");
    tabs += 1;
  }
  // (The shapes are drawn larger first; the keyboard follows the names.)
  assert.equal(await focusedIso3(page), "AIA", "the map's Tab stop is its first area by name, Anguilla");
  await page.keyboard.type("ec");
  assert.equal(await focusedIso3(page), "ECU");
  assert.match(await live(page), /^Ecuador — CAT party since 1988/);
  await page.keyboard.press("ArrowDown");
  assert.equal(await focusedIso3(page), "PER");
  assert.equal(await live(page), "Peru — CAT party since 1988, OPCAT party since 2006, last reviewed 2018");
  await page.keyboard.press("Enter");
  const panel = page.locator('.tm-panel[role="region"]');
  assert.match(await panel.innerText(), /OPCAT: State party since 14 September 2006/);
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "detached" });
  assert.equal(await focusedIso3(page), "PER");
  // One Tab stop: Tab leaves the map at once.
  await page.keyboard.press("Tab");
  assert.equal(await focusedIso3(page), null);
  assert.deepEqual(errors, []);
  await page.close();
});

it("moves with Home, End and arrows, and draws a visible focus outline", async () => {
  const { page } = await openDemo(browser);
  await page.locator('.tm-map path[data-iso3="BRA"]').focus();
  await page.keyboard.press("ArrowLeft");
  assert.equal(await focusedIso3(page), "PER");
  await page.keyboard.press("End");
  assert.equal(await focusedIso3(page), "VEN", "the last area by name");
  await page.keyboard.press("Home");
  assert.equal(await focusedIso3(page), "AIA");
  const stroke = await page.locator('.tm-map path[data-iso3="AIA"]').evaluate((el) => {
    const style = getComputedStyle(el);
    return { color: style.stroke, width: parseFloat(style.strokeWidth) };
  });
  assert.equal(stroke.color, "rgb(0, 0, 0)");
  assert.ok(stroke.width >= 2, `focus outline ${stroke.width}px`);
  await page.close();
});

it("gives tiny Caribbean states a dot that opens their profile", async () => {
  const { page } = await openDemo(browser);
  const dot = page.locator('.tm-dot[data-iso3="KNA"]');
  const box = await dot.boundingBox();
  assert.ok(box.width >= 24 && box.height >= 24, `target ${box.width}×${box.height}`);
  await dot.click();
  assert.equal(await page.locator(".tm-panel h2").innerText(), "St. Kitts and Nevis");
  await page.close();
});
