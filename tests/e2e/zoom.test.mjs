// Zoom and pan: buttons, Ctrl + wheel, dragging, and states chosen elsewhere brought into view.
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

const viewBox = (page) => page.locator(".tm-map").getAttribute("viewBox");
const width = async (page) => Number((await viewBox(page)).split(" ")[2]);

it("zooms with the buttons and Ctrl + wheel, pans by dragging, and resets", async () => {
  const { page, errors } = await openDemo(browser);
  const full = await width(page);
  assert.equal(await page.getByRole("button", { name: "Reset zoom" }).isDisabled(), true);
  // Zoomed out, a finger scrolls the page over the map; zoomed in, the map takes the drag (a grab cursor).
  const figureStyle = () => page.locator(".tm-figure").evaluate((f) => [getComputedStyle(f).cursor, getComputedStyle(f).touchAction]);
  assert.deepEqual(await figureStyle(), ["auto", "pan-x pan-y"]);
  await page.getByRole("button", { name: "Zoom in" }).click();
  assert.ok((await width(page)) < full * 0.7, "zoomed in");
  assert.deepEqual(await figureStyle(), ["grab", "none"]);
  const before = await viewBox(page);
  const box = await page.locator(".tm-map").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 6 });
  await page.mouse.up();
  assert.notEqual(await viewBox(page), before, "dragging pans");
  assert.equal(await page.locator(".tm-panel").count(), 0, "the end of a drag is not a click");
  await page.getByRole("button", { name: "Reset zoom" }).click();
  assert.equal(await width(page), full);
  assert.deepEqual(await figureStyle(), ["auto", "pan-x pan-y"]);

  // A plain wheel over the map scrolls the page; Ctrl + wheel zooms the map.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 200);
  await page.waitForFunction(() => window.scrollY > 0);
  assert.equal(await width(page), full, "no zoom without Ctrl");
  const again = await page.locator(".tm-map").boundingBox();
  await page.mouse.move(again.x + again.width / 2, again.y + again.height / 2);
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, -300);
  await page.keyboard.up("Control");
  await page.waitForFunction((full) => Number(document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-map").getAttribute("viewBox").split(" ")[2]) < full, full);
  assert.deepEqual(errors, []);
  await page.close();
});

it("brings a state chosen in the search box into view when zoomed in", async () => {
  const { page } = await openDemo(browser);
  for (let i = 0; i < 4; i++) await page.getByRole("button", { name: "Zoom in" }).click();
  const [x, y, w, h] = (await viewBox(page)).split(" ").map(Number);
  await page.getByRole("combobox", { name: "Find a state" }).fill("Chile");
  await page.getByRole("combobox", { name: "Find a state" }).press("Enter");
  await page.waitForFunction((old) => document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-map").getAttribute("viewBox") !== old, `${x.toFixed(1)} ${y.toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}`);
  const chile = await page.locator('.tm-map path[data-iso3="CHL"]').boundingBox();
  const map = await page.locator(".tm-map").boundingBox();
  const overlap = Math.min(chile.y + chile.height, map.y + map.height) - Math.max(chile.y, map.y);
  assert.ok(overlap > 0, "Chile is in view");
  await page.close();
});
