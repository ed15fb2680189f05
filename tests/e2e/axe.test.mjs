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

/** Waits (bounded, with a message naming it) until the state a scan is about is on show. */
async function shown(locator, what) {
  await locator.waitFor({ state: "visible", timeout: 10_000 }).catch((error) => {
    throw new Error(`${what} never showed: ${error.message}`);
  });
}

// Each state is confirmed on show before the scan: a scan of the wrong state would pass for the wrong reason.
for (const [name, prepare, viewport] of [
  ["with the panel closed", async (page) => {
    await shown(page.locator(".tm-map path[data-iso3]").first(), "the live map");
    assert.equal(await page.locator(".tm-panel").count(), 0, "no panel open");
  }],
  ["with a profile open", async (page) => {
    await page.locator('.tm-map path[data-iso3="PER"]').click();
    await shown(page.locator('.tm-panel[data-iso3="PER"] h2'), "Peru's profile");
  }],
  ["in the table view", async (page) => {
    await page.getByRole("button", { name: "Show as a table" }).click();
    await shown(page.locator('.tm-table tr[data-iso3="PER"]'), "the table view");
  }],
  ["with the search's suggestions open", async (page) => {
    await page.getByRole("combobox", { name: "Find a state" }).fill("col");
    await shown(page.locator('.tm-search-list li[aria-selected="true"]'), "the search's active suggestion");
  }],
  ["in dark mode with the search's suggestions open", async (page) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.getByRole("combobox", { name: "Find a state" }).fill("col");
    await shown(page.locator('.tm-search-list li[aria-selected="true"]'), "the search's active suggestion");
  }],
  ["with the chart's figures as a table", async (page) => {
    await page.locator(".tm-chart-table-toggle").click();
    await shown(page.locator(".tm-chart-table"), "the chart's table");
  }],
  ["on a phone with both tables open, each scrolling in its box", async (page) => {
    await page.locator(".tm-table-toggle").click();
    await page.locator(".tm-chart-table-toggle").click();
    await shown(page.locator(".tm-chart-table"), "the chart's table");
    const scrolls = await page.locator(".tm-scroll").evaluateAll((boxes) => boxes.map((b) => b.scrollWidth > b.clientWidth));
    assert.deepEqual(scrolls, [true, true], "both tables are wider than the phone's widget");
  }, { width: 390, height: 844 }],
  ["in dark mode with a profile open", async (page) => {
    await page.emulateMedia({ colorScheme: "dark" });
    const state = page.locator('.tm-map path[data-iso3="BGD"], .tm-map path[data-iso3="MEX"]').first();
    const iso3 = await state.getAttribute("data-iso3");
    await state.click();
    await shown(page.locator(`.tm-panel[data-iso3="${iso3}"] h2`), `the profile of ${iso3}`);
    assert.equal(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), true, "dark mode");
  }],
]) {
  it(`reports no violation ${name}`, async () => {
    const { page } = await openDemo(browser, viewport);
    await prepare(page);
    assert.deepEqual(await violations(page), []);
    await page.close();
  });
}

// axe leaves the suggestions' text unjudged (the list lies over the map, so it cannot tell their background):
// measured here, the active suggestion's status against the option's own background.
for (const scheme of ["light", "dark"]) {
  it(`shows the active suggestion's status with enough contrast (${scheme})`, async () => {
    const { page } = await openDemo(browser);
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByRole("combobox", { name: "Find a state" }).fill("col");
    const active = page.locator('.tm-search-list li[aria-selected="true"]');
    await shown(active.locator(".tm-search-status"), "the active suggestion's status");
    const ratio = await active.evaluate((option) => {
      const rgb = (css) => css.match(/[\d.]+/g).slice(0, 3).map(Number);
      const luminance = ([r, g, b]) => {
        const [R, G, B] = [r, g, b].map((c) => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * R + 0.7152 * G + 0.0722 * B;
      };
      const text = luminance(rgb(getComputedStyle(option.querySelector(".tm-search-status")).color));
      const back = luminance(rgb(getComputedStyle(option).backgroundColor));
      return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
    });
    assert.ok(ratio >= 4.5, `contrast ${ratio.toFixed(2)}:1`);
    await page.close();
  });
}
