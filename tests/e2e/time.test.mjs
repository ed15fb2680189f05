// Time: the map on any date since 1985 — the date control, what follows the date, the profile on a date, and
// the deep link, attribute and API that set it.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";

import { BASE_URL, launch, openDemo, openMap, readData, recordConsole, waitForLive } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const classOf = (page, iso3) => page.locator(`.tm-map path.tm-shape[data-iso3="${iso3}"]`).getAttribute("class");
const valueText = (page) => page.locator("input.tm-year").getAttribute("aria-valuetext");

/** Types a day into the date field and commits it, as a reader does. */
async function setDay(page, day) {
  await page.locator("input.tm-date-field").fill(day);
  await page.locator("input.tm-date-field").dispatchEvent("change");
}

it("steps through the year ends with the slider's keys", async () => {
  const { page, errors } = await openDemo(browser);
  const slider = page.locator("input.tm-year");
  assert.equal(await valueText(page), "3 February 2026 (latest data)");
  assert.equal(await page.getByRole("slider", { name: "Year end" }).count(), 1, "a labelled slider");
  // The colours fade from one date to the next, not when the map first shows, nor for a reader who asks for
  // reduced motion.
  const fade = () => page.locator('.tm-map path.tm-shape[data-iso3="PER"]').evaluate((p) => getComputedStyle(p).transitionDuration);
  assert.equal(await fade(), "0s");
  await slider.focus();
  await page.keyboard.press("Home");
  assert.equal(await valueText(page), "31 December 1985");
  assert.equal(await fade(), "0.25s");
  await page.emulateMedia({ reducedMotion: "reduce" });
  assert.equal(await fade(), "0s");
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.keyboard.press("PageUp");
  assert.equal(await valueText(page), "31 December 1990");
  await page.keyboard.press("ArrowRight");
  assert.equal(await valueText(page), "31 December 1991");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("PageDown");
  assert.equal(await valueText(page), "31 December 1985");
  await page.keyboard.press("End");
  assert.equal(await valueText(page), "3 February 2026 (latest data)");
  assert.deepEqual(errors, []);
  await page.close();
});

it("recolours on the day a state acted, and not the day before", async () => {
  const { page } = await openDemo(browser);
  // Peru acceded to OPCAT on 14 September 2006.
  await setDay(page, "2006-09-13");
  assert.match(await classOf(page, "PER"), /\btm-c-cat\b/);
  assert.equal(await page.locator('.tm-map path[data-iso3="PER"]').getAttribute("aria-label"), "Peru: CAT party only");
  await setDay(page, "2006-09-14");
  assert.match(await classOf(page, "PER"), /\btm-c-both\b/);
  // Colombia acceded to OPCAT on 10 November 2025.
  await setDay(page, "2025-11-09");
  assert.doesNotMatch(await classOf(page, "COL"), /\btm-c-both\b/);
  await setDay(page, "2025-11-10");
  assert.match(await classOf(page, "COL"), /\btm-c-both\b/);
  await page.close();
});

it("has Tuvalu take no CAT action before 25 March 2024", async () => {
  const { page } = await openMap(browser, "asia-pacific", { options: { view: "cat" } });
  await setDay(page, "2024-03-24");
  assert.match(await classOf(page, "TUV"), /\btm-c-none\b/);
  await setDay(page, "2024-03-25");
  assert.match(await classOf(page, "TUV"), /\btm-c-both\b/, "a CAT party, in the CAT view's party colour");
  await page.close();
});

it("follows the date in legend, table, summary, source line and live region, and rebuilds no path", async () => {
  const { page } = await openDemo(browser);
  // Count every change to a path's `d` while the date moves (the map must only recolour).
  await page.evaluate(() => {
    const root = document.querySelector("[data-treaty-map]").shadowRoot;
    window.__pathWrites = 0;
    window.__observer = new MutationObserver((records) => {
      window.__pathWrites += records.filter((r) => r.attributeName === "d").length;
    });
    window.__observer.observe(root.querySelector(".tm-map"), { attributes: true, subtree: true, attributeFilter: ["d"] });
  });
  await page.getByRole("radio", { name: "OPCAT only" }).check();
  await setDay(page, "2002-12-31");
  const legend = await page.locator(".tm-legend").innerText();
  assert.match(legend, /OPCAT not yet open for signature/);
  assert.doesNotMatch(legend, /OPCAT party/, "no class of an action not yet possible");
  assert.match(await page.locator(".tm-source").first().innerText(), /^Status on 31 December 2002 \(data as at 3 February 2026\)/);
  // Announced once the date has settled.
  await page.waitForFunction(() => /^31 December 2002: World: 132 CAT parties, OPCAT not yet open for signature; Americas: /
    .test(document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-live").textContent), null, { timeout: 3000 });
  await page.getByRole("radio", { name: "CAT and OPCAT" }).check();
  assert.equal(await page.locator('.tm-map path[data-iso3="PER"]').getAttribute("aria-label"),
    "Peru: CAT party (OPCAT not yet open for signature)");
  assert.match(await page.locator(".tm-map desc").first().textContent(), /OPCAT not yet open for signature/);
  await page.getByRole("button", { name: "Show as a table" }).click();
  const row = await page.locator('.tm-table tr[data-iso3="PER"]').innerText();
  assert.match(row, /Not yet open for signature/);
  await setDay(page, "1990-12-31");
  await page.getByRole("combobox", { name: "Find a state" }).fill("peru");
  assert.equal(await page.getByRole("listbox", { name: "States" }).getByRole("option").first().innerText(),
    "Peru — CAT party (OPCAT not yet open for signature)", "search results give the status on the date");
  assert.equal(await page.evaluate(() => window.__pathWrites), 0, "a date step rebuilds no path");
  await page.close();
});

it("paints each date step whole, the map recoloured in the frame the controls move, on a slow device too", async () => {
  const { page, errors } = await openDemo(browser);
  // A device six times slower: a step's renders then take longer than the 16 ms after which yew lets the browser
  // paint between two of them (vendor/README.md), the first step above all, whose code runs for the first time.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
  // Each step: how many frames began between its first change to the widget's DOM and the first change to a
  // state's path (the map's recolouring), from a mutation observer and a frame loop in the page.
  const frames = await page.evaluate(async () => {
    const root = document.querySelector("[data-treaty-map]").shadowRoot;
    let log = [];
    new MutationObserver((records) => log.push(records.some((r) => r.target.classList?.contains("tm-shape")) ? "map" : "dom"))
      .observe(root, { subtree: true, attributes: true, childList: true, characterData: true });
    let looping = true;
    const frame = () => {
      log.push("frame");
      if (looping) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const between = [];
    // The first step is the first after the load, whose code runs for the first time.
    for (const date of ["2002-12-31", "2006-12-31", "1990-12-31"]) {
      log = [];
      root.querySelector(`.tm-chart-stop[data-date="${date}"]`).dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
      // Until the map is recoloured (3 s at most; a step that never reaches it counts as -1).
      for (let waited = 0; !log.includes("map") && waited < 3000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      const first = log.findIndex((e) => e !== "frame");
      const map = log.indexOf("map");
      between.push(first < 0 || map < 0 ? -1 : log.slice(first, map).filter((e) => e === "frame").length);
    }
    looping = false;
    return between;
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  assert.deepEqual(frames, [0, 0, 0], "frames painted between a date step's first change and the map's recolouring");
  assert.deepEqual(errors, []);
  await page.close();
});

it("shows on a profile what was true on the date beside today, and the state's timeline", async () => {
  const { page } = await openDemo(browser);
  await setDay(page, "2000-12-31");
  await page.locator('.tm-map path[data-iso3="PER"]').click();
  const panel = page.locator('.tm-panel[data-iso3="PER"]');
  await panel.waitFor();
  const text = await panel.innerText();
  assert.match(text, /On 31 December 2000\nCAT: State party since 7 July 1988 \(ratification\)\nOPCAT: Not yet open for signature/);
  assert.match(text, /Today \(data as at 3 February 2026\)\nCAT: State party since 7 July 1988 \(ratification\)\nOPCAT: State party since 14 September 2006 \(accession\)/);
  const marker = panel.locator('.tm-timeline li[aria-current="date"]');
  assert.equal(await marker.innerText(), "Date shown on the map: 31 December 2000");
  const items = await panel.locator(".tm-timeline li").allInnerTexts();
  const at = items.findIndex((t) => t.startsWith("Date shown"));
  assert.ok(items.slice(0, at).some((t) => t.includes("CAT ratification")), items.join(" | "));
  assert.ok(items.slice(at + 1).some((t) => t.includes("OPCAT accession")), items.join(" | "));
  assert.match(text, /Reviews by the Committee before November 2005 are not listed\./);
  await page.close();
});

it("gives on a date the last review whose year had ended: Colombia's of 2009 on 31 December 2010", async () => {
  const colombia = readData("status.json").states.find((s) => s.iso3 === "COL");
  const ended = colombia.reviews.filter((r) => r.year <= 2010).map((r) => r.year);
  assert.deepEqual(ended, [2009], "the data file's own reviews up to 2010");
  assert.ok(colombia.last_review > 2010);
  const { page } = await openDemo(browser);
  await setDay(page, "2010-12-31");
  await page.locator('.tm-map path[data-iso3="COL"]').click();
  const panel = page.locator('.tm-panel[data-iso3="COL"]');
  await panel.waitFor();
  assert.match(await panel.innerText(), /On 31 December 2010\n(.*\n){2}Last reviewed by the Committee against Torture: 2009\n/);
  await page.close();
});

it("draws a territory in its party's class, with the territories' texture, only once the party was a party", async () => {
  const status = readData("status.json");
  const uk = status.states.find((s) => s.iso3 === "GBR");
  assert.deepEqual([uk.cat.signed, uk.cat.party], ["1985-03-15", "1988-12-08"], "the data file's own dates");
  assert.equal(status.areas.find((a) => a.iso3 === "BMU").party, "GBR");
  const { page } = await openDemo(browser);
  const bermuda = page.locator('.tm-map path.tm-shape[data-iso3="BMU"]');
  /** Bermuda's class, its texture (the path after it) and its name; and the legend's count of territories. */
  const seen = () => page.evaluate(() => {
    const root = document.querySelector("[data-treaty-map]").shadowRoot;
    const shape = root.querySelector('.tm-map path.tm-shape[data-iso3="BMU"]');
    return {
      class: shape.getAttribute("class").split(" ").find((c) => c.startsWith("tm-c-")),
      texture: !!shape.nextElementSibling?.matches(".tm-territory"),
      name: shape.getAttribute("aria-label"),
      territories: Number(root.querySelector(".tm-legend-key .tm-count")?.textContent ?? 0),
    };
  });
  const today = await seen();
  assert.equal(today.texture, true);
  assert.match(today.name, /territory; State party: United Kingdom/);
  // Watched from here: the state's own path must stay the same element, its outline never written again.
  await bermuda.evaluate((shape) => {
    window.bermuda = shape;
    window.outlinesWritten = 0;
    new MutationObserver((records) => { window.outlinesWritten += records.length; })
      .observe(shape.closest("svg"), { attributes: true, attributeFilter: ["d"], subtree: true });
  });
  // While the United Kingdom had only signed, its Convention did not apply to Bermuda.
  await setDay(page, "1987-12-31");
  await page.waitForFunction(() => !window.bermuda.nextElementSibling?.matches(".tm-territory"));
  const signed = await seen();
  assert.deepEqual({ class: signed.class, texture: signed.texture }, { class: "tm-c-disputed", texture: false });
  assert.doesNotMatch(signed.name, /United Kingdom/);
  assert.ok(signed.territories < today.territories, `${signed.territories} territories in 1987, ${today.territories} today`);
  await setDay(page, "1988-12-31");
  await page.waitForFunction(() => !!window.bermuda.nextElementSibling?.matches(".tm-territory"));
  const party = await seen();
  assert.deepEqual({ class: party.class, texture: party.texture }, { class: "tm-c-cat", texture: true });
  assert.match(party.name, /territory; State party: United Kingdom/);
  assert.ok(await page.evaluate(() => window.bermuda.isConnected), "Bermuda's path is the same element throughout");
  assert.equal(await page.evaluate(() => window.outlinesWritten), 0, "no outline is written again");
  await page.close();
});

it("plays a year at a time and pauses", async () => {
  const { page } = await openDemo(browser);
  const slider = page.locator("input.tm-year");
  await slider.focus();
  await page.keyboard.press("Home");
  const play = page.locator("button.tm-play");
  await play.click();
  assert.equal(await play.getAttribute("aria-pressed"), "true");
  assert.equal(await play.innerText(), "Pause");
  await page.waitForFunction(() => document.querySelector("[data-treaty-map]").shadowRoot
    .querySelector("input.tm-year").getAttribute("aria-valuetext") === "31 December 1987", null, { timeout: 5000 });
  await play.click();
  assert.equal(await play.getAttribute("aria-pressed"), "false");
  const paused = await valueText(page);
  await page.waitForTimeout(1300);
  assert.equal(await valueText(page), paused, "paused playback stays");
  await page.close();
});

it("refuses a day out of range in the date field", async () => {
  const { page } = await openDemo(browser);
  // Typed by hand (a date picker would not offer it): Playwright's fill keeps to the field's range.
  await page.evaluate(() => {
    const field = document.querySelector("[data-treaty-map]").shadowRoot.querySelector("input.tm-date-field");
    field.value = "1970-01-01";
    field.dispatchEvent(new Event("change", { bubbles: true }));
  });
  assert.match(await page.locator(".tm-date-error").innerText(), /^Enter a date from 1 January 1985 to 3 February 2026\.$/);
  assert.equal(await page.locator("input.tm-date-field").getAttribute("aria-invalid"), "true");
  assert.equal(await valueText(page), "3 February 2026 (latest data)");
  await page.close();
});

it("opens a deep link's date with no flash of today's colours, and keeps it in the copied link", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  recordConsole(page);
  // Record every class Peru's live shape ever has, from the first frame the live map shows.
  await page.addInitScript(() => {
    window.__peru = new Set();
    const look = () => {
      const shape = document.querySelector("[data-treaty-map]")?.shadowRoot
        ?.querySelector('.tm-mount .tm-map path.tm-shape[data-iso3="PER"]');
      if (shape) window.__peru.add(shape.getAttribute("class"));
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.goto(`${BASE_URL}#section-2&asof=2002-12-31&country=PER&region=americas`);
  await waitForLive(page);
  await page.locator('.tm-panel[data-iso3="PER"]').waitFor();
  assert.equal(await valueText(page), "31 December 2002");
  const seen = await page.evaluate(() => [...window.__peru]);
  assert.ok(seen.length > 0 && seen.every((c) => /\btm-c-cat\b/.test(c)), `Peru's classes: ${seen.join(" | ")}`);
  // The widget never wrote the URL (history is off by default).
  assert.equal(new URL(page.url()).hash, "#section-2&asof=2002-12-31&country=PER&region=americas");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /#section-2&country=PER&region=americas&asof=2002-12-31$/);
  const status = page.locator(".tm-panel .tm-copy-status");
  assert.equal(await status.innerText(), "Link copied");
  // What "Copy link" said was of Peru's profile: Mexico's starts without it.
  await page.locator('.tm-map path[data-iso3="MEX"]').click();
  await page.locator('.tm-panel[data-iso3="MEX"]').waitFor();
  assert.equal(await status.innerText(), "");
  await page.close();
});

it("takes data-as-of, asOf and setAsOf, refuses a bad date, and tells the page with treatymap:asof", async () => {
  const { page } = await openMap(browser, "americas", { options: { asOf: "2010-12-31" } });
  assert.equal(await valueText(page), "31 December 2010");
  const detail = await page.evaluate(async () => {
    const host = document.querySelector("#map-under-test");
    const heard = new Promise((resolve) => host.addEventListener("treatymap:asof", (e) => resolve(e.detail), { once: true }));
    window.__map.setAsOf("2002-12-31");
    return heard;
  });
  assert.equal(detail.date, "2002-12-31");
  assert.equal(detail.latest, false);
  assert.equal(detail.counts.world.catParties, 132);
  assert.equal(detail.counts.world.opcatParties, 0);
  assert.equal(typeof detail.counts.region.catParties, "number");
  assert.equal(await valueText(page), "31 December 2002");
  const back = await page.evaluate(async () => {
    const host = document.querySelector("#map-under-test");
    const heard = new Promise((resolve) => host.addEventListener("treatymap:asof", (e) => resolve(e.detail), { once: true }));
    window.__map.setAsOf(null);
    return heard;
  });
  assert.deepEqual([back.date, back.latest], ["2026-02-03", true]);
  const refused = await page.evaluate(() => {
    try {
      window.__map.setAsOf("2002-13-01");
      return null;
    } catch (error) {
      return error.message;
    }
  });
  assert.match(refused, /^treaty-map: the date "2002-13-01" is not a day from 1985-01-01 on/);
  // The attribute on an element, live.
  const attribute = await page.evaluate(async () => {
    const host = document.createElement("div");
    host.setAttribute("data-treaty-map", "");
    host.setAttribute("data-region", "africa");
    host.setAttribute("data-as-of", "1999-12-31");
    host.style.width = "800px";
    document.body.append(host);
    const root = () => host.shadowRoot?.querySelector("input.tm-year");
    while (!root()) await new Promise((r) => setTimeout(r, 50));
    const first = root().getAttribute("aria-valuetext");
    host.setAttribute("data-as-of", "2004-12-31");
    await new Promise((r) => setTimeout(r, 300));
    const later = root().getAttribute("aria-valuetext");
    const bad = document.createElement("div");
    bad.setAttribute("data-treaty-map", "");
    bad.setAttribute("data-as-of", "last year");
    const error = new Promise((resolve) => bad.addEventListener("treatymap:error", (e) => resolve(e.detail.message), { once: true }));
    document.body.append(bad);
    return { first, later, error: await error };
  });
  assert.equal(attribute.first, "31 December 1999");
  assert.equal(attribute.later, "31 December 2004");
  assert.match(attribute.error, /the date "last year" is not a day/);
  await page.close();
});
