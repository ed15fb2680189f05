// Deep links: the URL fragment opens a state's profile; back and forward move between profiles; "Copy link".
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

it("with data-history=\"push\": opens the state and view a link names, follows back and forward, and copies a link to the profile", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(BASE_URL).origin });
  const page = await context.newPage();
  // The demo page, whose map opts in to history.
  await page.route(BASE_URL, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('id="americas-map" data-treaty-map', 'id="americas-map" data-treaty-map data-history="push"');
    await route.fulfill({ response, body: html });
  });
  await page.goto(`${BASE_URL}#country=PER&view=opcat&region=americas&unknown=<b>`);
  const heading = page.locator(".tm-panel h2");
  // Visible once the live map has taken the pre-render's place (it is drawn out of sight beneath it).
  await heading.waitFor();
  assert.equal(await heading.innerText(), "Peru");
  assert.equal(await page.getByRole("radio", { name: "OPCAT only", exact: true }).isChecked(), true);

  await page.locator('.tm-map path[data-iso3="MEX"]').click();
  assert.equal(await heading.innerText(), "Mexico");
  // The history entry is written in a task after the panel's (the click's paint comes first).
  await page.waitForFunction(() => location.hash === "#unknown=%3Cb%3E&country=MEX&region=americas&view=opcat");
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-panel h2")?.textContent === "Peru");
  await page.goForward();
  await page.waitForFunction(() => document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-panel h2")?.textContent === "Mexico");

  await page.getByRole("button", { name: "Copy link" }).click();
  await page.getByRole("status").filter({ hasText: "Link copied" }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // The page's own parts of the fragment are kept, the widget's are replaced.
  assert.equal(copied, `${new URL(BASE_URL).origin}/#unknown=%3Cb%3E&country=MEX&region=americas&view=opcat`);

  await page.keyboard.press("Escape");
  await page.locator(".tm-panel").waitFor({ state: "detached" });
  await page.waitForFunction(() => location.hash === "#unknown=%3Cb%3E&region=americas&view=opcat");
  await context.close();
});

it("ignores a link to a state that is not on this map", async () => {
  const page = await browser.newPage();
  // The same page follows a link to a state it draws, by the time the map is live: so no panel below, once
  // live, means the link was read and ignored.
  await page.goto(`${BASE_URL}#country=PER`);
  await waitForLive(page);
  assert.equal(await page.locator('.tm-panel[data-iso3="PER"]').count(), 1, "a link to Peru opens Peru");
  await page.goto("about:blank");
  await page.goto(`${BASE_URL}#country=FRA`);
  await waitForLive(page);
  assert.equal(await page.locator('.tm-map path[data-iso3="FRA"]').count(), 0, "France is not on the demo's map");
  assert.equal(await page.locator(".tm-panel").count(), 0);
  await page.close();
});
