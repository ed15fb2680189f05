// The parties-over-time chart (its stops set the map's date, by pointer and by keyboard; its figures as a table)
// and the latest treaty actions, whose buttons open profiles.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, it } from "node:test";

import { launch, openDemo, openMap, readData } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Waits until the map's date slider reads `text` ("31 December 2002"). */
const dateShown = (page, text) => page.waitForFunction((text) =>
  document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-year")?.getAttribute("aria-valuetext") === text, text);

const status = readData("status.json");
const regions = readData("regions.json");

/** How many states of `states` were parties of `treaty` at the end of `day` (ISO), from the data file itself. */
const partiesOn = (states, treaty, day) => states.filter((s) => s[treaty]?.party && s[treaty].party <= day).length;
const americas = status.states.filter((s) => regions[s.iso3] === "americas");

/** The ISO date of the focused element inside the map's shadow root (the chart's stops carry `data-date`). */
const focusedDate = (page) =>
  page.evaluate(() => document.querySelector("[data-treaty-map]").shadowRoot.activeElement?.getAttribute("data-date") ?? null);

it("draws CAT and OPCAT parties in the world only on the world map, labelled at the lines' ends", async () => {
  const { page, errors } = await openMap(browser, "world");
  const chart = page.locator("#map-under-test .tm-chart");
  assert.equal(await chart.locator(".tm-chart-title").innerText(), "Parties over time");
  assert.equal(await chart.locator("path.tm-chart-line").count(), 2);
  assert.deepEqual(await chart.locator(".tm-chart-area").allTextContents(), ["World"]);
  const asOf = status.as_of;
  assert.deepEqual(await chart.locator(".tm-chart-label").allTextContents(), [
    `CAT ${partiesOn(status.states, "cat", asOf)}`,
    `OPCAT ${partiesOn(status.states, "opcat", asOf)}`,
  ]);
  // Time runs left to right, even in a right-to-left page.
  assert.equal(await chart.locator("svg").getAttribute("dir"), "ltr");
  const first = await chart.locator('.tm-chart-stop[data-date="1985-12-31"]').boundingBox();
  const last = await chart.locator(`.tm-chart-stop[data-date="${asOf}"]`).boundingBox();
  assert.ok(first.x < last.x);
  assert.deepEqual(errors, []);
  await page.close();
});

it("runs time left to right in Arabic too, its labels in Arabic beside the lines' ends", async () => {
  const { page, errors } = await openMap(browser, "americas", { options: { lang: "ar" } });
  const chart = page.locator("#map-under-test .tm-chart");
  assert.equal(await page.locator("#map-under-test .tm-root").getAttribute("dir"), "rtl");
  assert.deepEqual(await chart.locator(".tm-chart-area").allTextContents(), ["العالم", "الأمريكتان"]);
  const x = async (locator) => (await locator.boundingBox()).x;
  const years = chart.locator(".tm-chart-year");
  assert.ok(await x(years.first()) < await x(years.last()), "1985 left of 2025");
  assert.ok(await x(chart.locator('.tm-chart-stop[data-date="1985-12-31"]')) < await x(chart.locator('.tm-chart-stop[data-date="2025-12-31"]')));
  // Each direct label starts right of the plot, where its line ends; each area's name starts at the plot's left.
  const plotRight = await x(chart.locator(`.tm-chart-stop[data-date="${status.as_of}"]`));
  for (const label of await chart.locator(".tm-chart-label").all()) assert.ok(await x(label) > plotRight);
  const plotLeft = await x(chart.locator('.tm-chart-stop[data-date="1985-12-31"]'));
  for (const area of await chart.locator(".tm-chart-area").all()) assert.ok(await x(area) > plotLeft);
  assert.equal(await page.locator("#map-under-test .tm-latest-item").first().innerText(), "كولومبيا — OPCAT: انضمام، 10 نوفمبر 2025");
  assert.deepEqual(errors, []);
  await page.close();
});

it("keeps the chart's texts legible on a phone: drawn as wide as the widget, its years apart and on the screen", async () => {
  for (const [viewport, years] of [
    [{ width: 390, height: 844 }, ["1985", "1995", "2005", "2015", "2025"]],
    [{ width: 1280, height: 900 }, ["1985", "1990", "1995", "2000", "2005", "2010", "2015", "2020", "2025"]],
  ]) {
    const { page, errors } = await openDemo(browser, viewport);
    // The widget drawn whole (in stages, `aria-busy` meanwhile).
    await page.locator(".tm-root:not([aria-busy]) .tm-chart-year").first().waitFor();
    await page.locator(".tm-chart").scrollIntoViewIfNeeded();
    // Each text's size on the screen: its font size, scaled as the SVG is from its viewBox.
    const texts = await page.evaluate(() => {
      const svg = document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-chart-svg");
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return [...svg.querySelectorAll("text")].map((text) => {
        const box = text.getBoundingClientRect();
        return { text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale, left: box.left, right: box.right };
      });
    });
    const where = `at ${viewport.width} px`;
    assert.ok(texts.length >= 15, `${where}: ${texts.length} texts`);
    for (const { text, px } of texts) assert.ok(px >= 10.5, `${where}, "${text}" is drawn ${px.toFixed(1)} px high`);
    const yearTexts = texts.filter((t) => /^\d{4}$/.test(t.text));
    assert.deepEqual(yearTexts.map((t) => t.text), years, where);
    for (let i = 1; i < yearTexts.length; i++) {
      assert.ok(yearTexts[i].left >= yearTexts[i - 1].right + 2, `${where}, ${yearTexts[i].text} clear of ${yearTexts[i - 1].text}`);
    }
    for (const { text, left, right } of texts) assert.ok(left >= 0 && right <= viewport.width, `${where}, "${text}" on the screen`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

it("draws the world and the Americas on the Americas map; a click on 2002 shows the map on that day", async () => {
  const { page, errors } = await openDemo(browser);
  const chart = page.locator(".tm-chart");
  assert.equal(await chart.locator("path.tm-chart-line").count(), 4);
  assert.deepEqual(await chart.locator(".tm-chart-area").allTextContents(), ["World", "Americas"]);
  assert.deepEqual(await chart.locator(".tm-chart-label").allTextContents(), [
    `CAT ${partiesOn(status.states, "cat", status.as_of)}`,
    `OPCAT ${partiesOn(status.states, "opcat", status.as_of)}`,
    `CAT ${partiesOn(americas, "cat", status.as_of)}`,
    `OPCAT ${partiesOn(americas, "opcat", status.as_of)}`,
  ]);
  const peru = page.locator('.tm-map path[data-iso3="PER"]');
  assert.match(await peru.getAttribute("class"), /\btm-c-both\b/);
  const stop = chart.locator('.tm-chart-stop[data-date="2002-12-31"]');
  assert.match(await stop.getAttribute("aria-label"), /^31 December 2002: World: 132 CAT parties, OPCAT not yet open for signature; Americas: /);
  await stop.click();
  const slider = page.locator(".tm-year");
  await dateShown(page, "31 December 2002");
  assert.equal(await slider.getAttribute("aria-valuetext"), "31 December 2002");
  // On 31 December 2002 Peru was a CAT party, and OPCAT was not yet open.
  assert.match(await peru.getAttribute("class"), /\btm-c-cat\b/);
  assert.equal(await stop.getAttribute("aria-current"), "date");
  // The marker stands on that stop.
  const box = await stop.boundingBox();
  const marker = await chart.locator(".tm-chart-marker").boundingBox();
  assert.ok(box.x <= marker.x && marker.x + marker.width <= box.x + box.width, "the marker lies in 2002's band");
  // The latest actions follow the date: none after it.
  const items = await page.locator(".tm-latest-item").allTextContents();
  assert.equal(items.length, 5);
  for (const item of items) assert.ok(Number(item.match(/(\d{4})$/)?.[1]) <= 2002, item);
  assert.deepEqual(errors, []);
  await page.close();
});

it("keeps its lines and texts across a date step, even the one that brings OPCAT's first points", async () => {
  const { page, errors } = await openDemo(browser);
  const chart = page.locator(".tm-chart");
  await chart.locator('.tm-chart-stop[data-date="2002-12-31"]').click();
  await dateShown(page, "31 December 2002");
  assert.equal(await chart.locator(".tm-chart-point.tm-chart-opcat").count(), 0);
  const grid = await chart.locator(".tm-chart-grid").elementHandle();
  await page.evaluate(() => {
    window.removedFromChart = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.removedNodes) window.removedFromChart.push(`${n.nodeName} ${n.getAttribute?.("class") ?? ""}`);
    }).observe(document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-chart-svg"), { childList: true, subtree: true });
  });
  await chart.locator('.tm-chart-stop[data-date="2003-12-31"]').click();
  await dateShown(page, "31 December 2003");
  // OPCAT opened for signature in 2003: the marker crosses its lines in the world and in the Americas.
  assert.equal(await chart.locator(".tm-chart-point.tm-chart-opcat").count(), 2);
  // Nothing but the marker's points was redrawn: the grid, the lines and every text are the nodes they were.
  assert.deepEqual(await page.evaluate(() => window.removedFromChart), []);
  assert.ok(await grid.evaluate((g) => g.isConnected), "the same grid");
  assert.deepEqual(errors, []);
  await page.close();
});

it("is one Tab stop whose arrows move between year ends and whose Enter sets the date", async () => {
  const { page, errors } = await openDemo(browser);
  const tabStops = page.locator('.tm-chart-stop[tabindex="0"]');
  assert.equal(await tabStops.count(), 1);
  // The Tab stop is the date shown: the data's own, the last stop.
  assert.equal(await tabStops.getAttribute("data-date"), status.as_of);
  await tabStops.focus();
  await page.keyboard.press("Home");
  assert.equal(await focusedDate(page), "1985-12-31");
  await page.keyboard.press("PageUp");
  await page.keyboard.press("PageUp");
  await page.keyboard.press("PageUp");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowRight");
  assert.equal(await focusedDate(page), "2002-12-31");
  // Moving focus reads the stops without changing the map.
  const slider = page.locator(".tm-year");
  assert.match(await slider.getAttribute("aria-valuetext"), /latest data/);
  await page.keyboard.press("Enter");
  await dateShown(page, "31 December 2002");
  assert.match(await page.locator('.tm-map path[data-iso3="PER"]').getAttribute("class"), /\btm-c-cat\b/);
  // Focus stays on the stop, which is now the Tab stop.
  assert.equal(await focusedDate(page), "2002-12-31");
  assert.equal(await page.locator('.tm-chart-stop[tabindex="0"]').getAttribute("data-date"), "2002-12-31");
  await page.keyboard.press("End");
  await page.keyboard.press("Space");
  await page.waitForFunction(() =>
    /latest data/.test(document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-year")?.getAttribute("aria-valuetext")));
  assert.match(await page.locator('.tm-map path[data-iso3="PER"]').getAttribute("class"), /\btm-c-both\b/);
  assert.deepEqual(errors, []);
  await page.close();
});

it("shows the chart's figures as a table: 132 CAT parties in the world at the end of 2002", async () => {
  const { page, errors } = await openDemo(browser);
  const toggle = page.locator(".tm-chart-table-toggle");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  // With the keyboard: the focus stays on the toggle, and the chart above it is left as it was.
  const focusedToggle = () => page.evaluate(() => {
    const root = document.querySelector("[data-treaty-map]").shadowRoot;
    return root.activeElement?.classList.contains("tm-chart-table-toggle") && root.activeElement.textContent;
  });
  await page.evaluate(() => {
    window.chartSvg = document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-chart-svg");
  });
  await page.getByRole("button", { name: "Show the figures as a table" }).focus();
  await page.keyboard.press("Enter");
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  assert.equal(await toggle.innerText(), "Hide the figures");
  assert.equal(await focusedToggle(), "Hide the figures", "the toggle keeps the focus");
  assert.ok(await page.evaluate(() => window.chartSvg.isConnected), "the chart is not drawn anew");
  const table = page.locator(".tm-chart-table");
  assert.deepEqual(await table.locator("thead th").allTextContents(), [
    "Date", "CAT parties, World", "OPCAT parties, World", "CAT parties, Americas", "OPCAT parties, Americas",
  ]);
  const row = table.locator("tbody tr", { has: page.locator("th", { hasText: /^31 December 2002$/ }) });
  const cells = await row.locator("td").allTextContents();
  assert.equal(partiesOn(status.states, "cat", "2002-12-31"), 132, "the data file's own count");
  assert.deepEqual(cells, [
    "132", "Not yet open for signature", String(partiesOn(americas, "cat", "2002-12-31")), "Not yet open for signature",
  ]);
  const y2010 = await table.locator("tbody tr", { has: page.locator("th", { hasText: /^31 December 2010$/ }) }).locator("td").allTextContents();
  assert.deepEqual(y2010, [
    partiesOn(status.states, "cat", "2010-12-31"), partiesOn(status.states, "opcat", "2010-12-31"),
    partiesOn(americas, "cat", "2010-12-31"), partiesOn(americas, "opcat", "2010-12-31"),
  ].map(String));
  assert.equal(await table.locator("tbody tr").count(), 2025 - 1985 + 2);
  await page.keyboard.press("Enter");
  assert.equal(await table.count(), 0);
  assert.equal(await focusedToggle(), "Show the figures as a table", "the toggle keeps the focus");
  assert.ok(await page.evaluate(() => window.chartSvg.isConnected), "the chart is not drawn anew");
  assert.deepEqual(errors, []);
  await page.close();
});

it("lists the latest treaty actions in the Americas, each a button that opens the state's profile", async () => {
  const colombia = status.states.find((s) => s.iso3 === "COL");
  assert.equal(colombia.opcat.party, "2025-11-10", "the data file's date");
  assert.equal(colombia.opcat.act, "accession");
  const { page, errors } = await openDemo(browser);
  const latest = page.locator(".tm-latest");
  assert.equal(await latest.locator("h2").innerText(), "Latest treaty actions");
  const items = latest.getByRole("button");
  assert.equal(await items.count(), 5);
  assert.equal(await items.first().innerText(), "Colombia — OPCAT accession, 10 November 2025");
  await items.first().click();
  await page.locator('.tm-panel[data-iso3="COL"]').waitFor();
  assert.equal(await page.locator(".tm-panel h2").innerText(), "Colombia");
  assert.deepEqual(errors, []);
  await page.close();
});

for (const scheme of ["light", "dark"]) {
  it(`reports no accessibility violation on 2002 with the figures open, ${scheme}`, async () => {
    const { page, errors } = await openDemo(browser);
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator('.tm-chart-stop[data-date="2002-12-31"]').click();
    await page.getByRole("button", { name: "Show the figures as a table" }).click();
    await page.locator(".tm-chart-table tr.tm-chart-now").waitFor();
    assert.equal(await page.locator(".tm-chart-table tr.tm-chart-now th").innerText(), "31 December 2002");
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const { violations } = await window.axe.run(document.querySelector("[data-treaty-map]"), {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      });
      return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(" | ")}`);
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
