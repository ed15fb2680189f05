// axe-core (injected into the demo page) finds no accessibility violation in the widget, in every state a
// visitor can put it in.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, it } from "node:test";

import { launch, openDemo } from "./helpers.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function violations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    const { violations } = await window.axe.run(document.querySelector("[data-treaty-map]"), {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(" | ")}`);
  });
  return result;
}

for (const [name, prepare] of [
  ["with the panel closed", async () => {}],
  ["with a profile open", async (page) => page.locator('.tm-map path[data-iso3="PER"]').click()],
  ["in the table view", async (page) => page.getByRole("button", { name: "Show as a table" }).click()],
  ["in dark mode with a profile open", async (page) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.locator('.tm-map path[data-iso3="BGD"], .tm-map path[data-iso3="MEX"]').first().click();
  }],
]) {
  it(`reports no violation ${name}`, async () => {
    const { page } = await openDemo(browser);
    await prepare(page);
    assert.deepEqual(await violations(page), []);
    await page.close();
  });
}
