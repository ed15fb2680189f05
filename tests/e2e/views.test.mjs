// Hover tooltips, legend toggles and the table view: other ways to read the same map.
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

it("shows a tooltip with name and class on hover, beside the pointer, which Escape and a click dismiss", async () => {
  const { page } = await openDemo(browser);
  await page.locator('.tm-map path[data-iso3="BRA"]').hover();
  const tooltip = page.locator('[role="tooltip"]:not([hidden])');
  assert.equal(await tooltip.innerText(), "Brazil\nCAT and OPCAT party");
  await page.keyboard.press("Escape");
  await tooltip.waitFor({ state: "hidden" });
  const mexico = await page.locator('.tm-map path[data-iso3="MEX"]').boundingBox();
  const at = { x: mexico.x + mexico.width / 2, y: mexico.y + mexico.height / 2 };
  await page.mouse.move(at.x, at.y);
  assert.match(await tooltip.innerText(), /^Mexico/);
  // Just below and after the pointer, so that it never covers what the pointer is on.
  const box = await tooltip.boundingBox();
  assert.ok(Math.abs(box.x - (at.x + 12)) <= 1.5 && Math.abs(box.y - (at.y + 12)) <= 1.5,
    `tooltip at ${box.x},${box.y} for a pointer at ${at.x},${at.y}`);
  await page.mouse.move(at.x + 10, at.y + 4);
  await page.waitForFunction(([x, y]) => {
    const tip = document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-tooltip").getBoundingClientRect();
    return Math.abs(tip.x - x) <= 1.5 && Math.abs(tip.y - y) <= 1.5;
  }, [at.x + 22, at.y + 16]);
  // A click opens the profile (the map may move under the pointer): the tooltip closes.
  await page.mouse.click(at.x + 10, at.y + 4);
  await page.locator(".tm-panel h2", { hasText: "Mexico" }).waitFor();
  await tooltip.waitFor({ state: "hidden" });
  await page.mouse.move(5, 5);
  await page.close();
});

it("switches a class off and on from the legend", async () => {
  const { page } = await openDemo(browser);
  const toggle = page.locator('.tm-legend li[data-class="tm-c-nodata"] button');
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  assert.match(await page.locator('.tm-map path[data-iso3="GRL"]').getAttribute("class"), /tm-filtered/);
  assert.doesNotMatch(await page.locator('.tm-map path[data-iso3="PER"]').getAttribute("class"), /tm-filtered/);
  await page.getByRole("button", { name: "Show as a table" }).click();
  // The table is open (Peru's row is there) before Greenland's absence means anything.
  await page.locator('.tm-table tr[data-iso3="PER"]').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('.tm-table tr[data-iso3="GRL"]').count(), 0, "filtered out of the table too");
  await toggle.click();
  await page.locator('.tm-table tr[data-iso3="GRL"]').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('.tm-table tr[data-iso3="GRL"]').count(), 1);
  await page.close();
});

/** Switches the demo's map to Arabic, as a site does (`data-lang`), and waits until `shown` is drawn right to left. */
async function inArabic(page, shown) {
  await page.evaluate(() => document.querySelector("[data-treaty-map]").setAttribute("data-lang", "ar"));
  await page.locator(`.tm-root[dir="rtl"]:not([aria-busy]) ${shown}`).first().waitFor();
}

it("on a phone, starts each legend label's lines at its start, wrapped or not, in English and in Arabic", async () => {
  const { page, errors } = await openDemo(browser, { width: 390, height: 844 });
  for (const lang of ["en", "ar"]) {
    if (lang === "ar") await inArabic(page, ".tm-legend-label");
    // Each line of each label: where it starts, against where the label's box starts (its right in Arabic).
    const labels = await page.evaluate(() => [...document.querySelector("[data-treaty-map]").shadowRoot
      .querySelectorAll(".tm-legend-label")].map((label) => {
      const range = document.createRange();
      range.selectNodeContents(label);
      const box = label.getBoundingClientRect();
      const rtl = getComputedStyle(label).direction === "rtl";
      // A line may hold several boxes (a Latin run within Arabic): each line starts where its first box does.
      const starts = new Map();
      for (const r of range.getClientRects()) {
        const line = Math.round(r.top);
        starts.set(line, rtl ? Math.max(starts.get(line) ?? -Infinity, r.right) : Math.min(starts.get(line) ?? Infinity, r.left));
      }
      const gaps = [...starts.values()].map((start) => Math.round(rtl ? box.right - start : start - box.left));
      return { text: label.textContent, lines: starts.size, gaps };
    }));
    assert.ok(labels.some((l) => l.lines > 1), `${lang}: a label wraps at this width: ${JSON.stringify(labels)}`);
    for (const { text, gaps } of labels) assert.ok(gaps.every((gap) => Math.abs(gap) <= 1), `${lang}: "${text}" starts each line at its start: ${gaps}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

it("on a phone, scrolls each open table sideways in its own box, never the page, its every column in reach and its caption whole, in English and in Arabic", async () => {
  const { page, errors } = await openDemo(browser, { width: 390, height: 844 });
  await page.locator(".tm-root:not([aria-busy]) .tm-chart-table-toggle").waitFor();
  await page.locator(".tm-table-toggle").click();
  await page.locator(".tm-chart-table-toggle").click();
  for (const lang of ["en", "ar"]) {
    if (lang === "ar") await inArabic(page, ".tm-chart-table");
    const seen = await page.evaluate(() => {
      const root = document.querySelector("[data-treaty-map]").shadowRoot;
      const inside = (cell, box) => {
        const r = cell.getBoundingClientRect();
        return r.left >= box.left - 1 && r.right <= box.right + 1;
      };
      const tables = [];
      for (const table of root.querySelectorAll(".tm-table, .tm-chart-table")) {
        const scroller = table.parentElement;
        const box = scroller.getBoundingClientRect();
        const head = table.querySelector("thead tr");
        const rtl = getComputedStyle(scroller).direction === "rtl";
        // At its start, the first column shows; scrolled to its end (leftwards, right to left), the last. The
        // caption is read whole at both.
        const first = inside(head.firstElementChild, box);
        let caption = inside(table.caption, box);
        scroller.scrollLeft = rtl ? -scroller.scrollWidth : scroller.scrollWidth;
        const last = inside(head.lastElementChild, box);
        caption &&= inside(table.caption, box);
        scroller.scrollLeft = 0;
        tables.push({ table: table.className, scrolls: scroller.scrollWidth > scroller.clientWidth, first, last, caption,
          withinWidget: box.left >= 0 && box.right <= innerWidth });
      }
      // The chart's dates each on one line (the table scrolls rather than stand each row three lines high).
      const lines = (cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      };
      const datesOnTwoLines = [...root.querySelectorAll(".tm-chart-table th[scope=row]")].filter((th) => lines(th) > 1)
        .map((th) => th.textContent);
      return { pageWidth: document.documentElement.scrollWidth, viewport: innerWidth, tables, datesOnTwoLines };
    });
    assert.equal(seen.pageWidth, seen.viewport, `${lang}: the page is no wider than the screen`);
    assert.equal(seen.tables.length, 2, lang);
    assert.deepEqual(seen.datesOnTwoLines, [], lang);
    for (const t of seen.tables) {
      assert.deepEqual(t, { table: t.table, scrolls: true, first: true, last: true, caption: true, withinWidget: true }, lang);
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

it("lists every state in a sortable table before the map, whose rows open profiles", async () => {
  const { page } = await openDemo(browser);
  const button = page.getByRole("button", { name: "Show as a table" });
  // Reading order: the table's button comes before the map.
  const order = await page.evaluate(() => {
    const root = document.querySelector("[data-treaty-map]").shadowRoot;
    const button = root.querySelector(".tm-table-toggle");
    const map = root.querySelector(".tm-map");
    return button.compareDocumentPosition(map) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, "the table toggle precedes the map");
  await button.click();
  const table = page.getByRole("table");
  const rows = table.locator("tbody tr");
  assert.equal(await rows.count(), await page.locator(".tm-map path[data-iso3]").count());
  const peru = table.locator('tr[data-iso3="PER"]');
  assert.match(await peru.innerText(), /CAT and OPCAT party\s+State party since 7 July 1988 \(ratification\)\s+State party since 14 September 2006 \(accession\)\s+2018/);
  const status = page.getByRole("columnheader", { name: "Status" });
  await status.getByRole("button").click();
  assert.equal(await status.getAttribute("aria-sort"), "ascending");
  const first = await rows.first().getAttribute("data-iso3");
  const classOfFirst = await page.locator(`.tm-map path[data-iso3="${first}"]`).getAttribute("class");
  assert.match(classOfFirst, /tm-c-both/, "most engaged first");
  await status.getByRole("button").click();
  assert.equal(await status.getAttribute("aria-sort"), "descending");
  await peru.getByRole("button", { name: "Peru" }).click();
  assert.equal(await page.locator(".tm-panel h2").innerText(), "Peru");
  await page.close();
});

it("finds a state by name with the search combobox, ignoring case", async () => {
  const { page } = await openDemo(browser);
  const box = page.getByRole("combobox", { name: "Find a state" });
  await box.fill("peru");
  const list = page.getByRole("listbox", { name: "States" });
  assert.equal(await box.getAttribute("aria-expanded"), "true");
  assert.equal(await list.getByRole("option").first().innerText(), "Peru — CAT and OPCAT party");
  await box.press("Enter");
  assert.equal(await page.locator(".tm-panel h2").innerText(), "Peru");
  assert.equal(await box.getAttribute("aria-expanded"), "false");
  // Case does not matter (accents neither: see core::navigate::fold); arrows move the active option.
  await box.fill("MEXICO");
  assert.equal(await list.getByRole("option").first().innerText(), "Mexico — CAT and OPCAT party");
  await box.fill("canada");
  await box.press("Escape");
  assert.equal(await box.getAttribute("aria-expanded"), "false");
  await box.fill("ar");
  await box.press("ArrowDown");
  const active = await box.getAttribute("aria-activedescendant");
  assert.equal(await page.locator(`#${active}`).getAttribute("aria-selected"), "true");
  await page.close();
});

it("switches the map between both treaties, CAT only and OPCAT only", async () => {
  const { page } = await openDemo(browser);
  const mexico = page.locator('.tm-map path[data-iso3="MEX"]');
  const usa = page.locator('.tm-map path[data-iso3="USA"]');
  assert.equal(await usa.getAttribute("aria-label"), "United States of America: CAT party only");
  await page.getByRole("radio", { name: "OPCAT only", exact: true }).check();
  assert.equal(await usa.getAttribute("aria-label"), "United States of America: No action on OPCAT");
  assert.equal(await mexico.getAttribute("aria-label"), "Mexico: OPCAT party");
  const labels = await page.locator(".tm-legend .tm-legend-label").allInnerTexts();
  assert.deepEqual(labels, [
    "OPCAT party",
    "OPCAT signatory only",
    "No action on OPCAT",
    "Disputed area or Non-Self-Governing Territory",
    "No data",
  ]);
  assert.equal(await page.locator(".tm-legend-title").innerText(), "Status under OPCAT only");
  await page.getByRole("radio", { name: "CAT only", exact: true }).check();
  assert.equal(await usa.getAttribute("aria-label"), "United States of America: CAT party");
  await page.getByRole("radio", { name: "CAT and OPCAT", exact: true }).check();
  assert.equal(await mexico.getAttribute("aria-label"), "Mexico: CAT and OPCAT party");
  await page.close();
});
