// What a visitor of the demo page sees and does: the Americas coloured by status, a profile on click.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { focusedIso3, launch, openDemo, readData } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const panel = (page) => page.locator('.tm-panel[role="region"]');

describe("the demo page", () => {
  it("fills Peru with the CAT and OPCAT party colour", async () => {
    const { page, errors } = await openDemo(browser);
    const peru = page.locator('.tm-map path[data-iso3="PER"]');
    assert.match(await peru.getAttribute("class"), /\btm-c-both\b/);
    const fill = await peru.evaluate((el) => getComputedStyle(el).fill);
    const swatch = await page.locator('.tm-legend li[data-class="tm-c-both"] .tm-swatch')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(fill, swatch, "Peru's fill is the legend's CAT and OPCAT party colour");
    assert.equal(await peru.getAttribute("aria-label"), "Peru: CAT and OPCAT party");
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("opens Peru's profile on click, switches to Mexico, and closes on Escape", async () => {
    const { page, errors } = await openDemo(browser);
    await page.locator('.tm-map path[data-iso3="PER"]').click();
    const profile = panel(page);
    await profile.waitFor();
    assert.equal(await profile.getByRole("heading", { level: 2 }).innerText(), "Peru");
    // The host's content is asked for by the map once mounted and never holds it back: it may come just after.
    await profile.locator(".tm-host").waitFor();
    const text = await profile.innerText();
    assert.match(text, /CAT: State party since 7 July 1988 \(ratification\)/);
    assert.match(text, /OPCAT: State party since 14 September 2006 \(accession\)/);
    assert.match(text, /Last reviewed by the Committee against Torture: 2018/);
    assert.match(text, /Peru's internal armed conflict/, "the host's summary follows the treaty facts");
    assert.equal(await page.getByRole("region", { name: "Peru" }).count(), 1, "the panel is a region labelled by its heading");

    await page.locator('.tm-map path[data-iso3="MEX"]').click();
    assert.equal(await profile.getByRole("heading", { level: 2 }).innerText(), "Mexico");
    assert.match(await profile.innerText(), /OPCAT: State party since 11 April 2005 \(ratification\)/);
    assert.equal(await page.locator(".tm-panel").count(), 1, "one panel, switched");

    await page.keyboard.press("Escape");
    await page.locator(".tm-panel").waitFor({ state: "detached" });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("closes the profile with its close button and returns focus to the state", async () => {
    const { page } = await openDemo(browser);
    await page.locator('.tm-map path[data-iso3="COL"]').click();
    await page.getByRole("button", { name: "Close profile" }).click();
    await page.locator(".tm-panel").waitFor({ state: "detached" });
    assert.equal(await focusedIso3(page), "COL");
    await page.close();
  });

  it("opens a profile from the keyboard with Enter", async () => {
    const { page } = await openDemo(browser);
    await page.locator('.tm-map path[data-iso3="ARG"]').focus();
    await page.keyboard.press("Enter");
    assert.equal(await panel(page).getByRole("heading", { level: 2 }).innerText(), "Argentina");
    await page.close();
  });

  it("shows a state with no host content cleanly, and Bangladesh's alert is not in the Americas", async () => {
    const { page } = await openDemo(browser);
    await page.locator('.tm-map path[data-iso3="URY"]').click();
    const text = await panel(page).innerText();
    assert.match(text, /^Uruguay/);
    assert.doesNotMatch(text, /Member organisations|Latest alerts|undefined|null/);
    assert.equal(await page.locator('.tm-map path[data-iso3="BGD"]').count(), 0);
    await page.close();
  });

  it("counts every class in the legend as the data does", async () => {
    const { page } = await openDemo(browser);
    // Expected counts, computed here from the data files independently of the widget's code.
    const status = new Map(readData("status.json").states.map((s) => [s.iso3, s]));
    const regions = readData("regions.json");
    const drawn = readData("americas.geo.json").features
      .map((f) => f.properties.iso3)
      .filter((iso3) => iso3 && regions[iso3] === "americas");
    // An area that is not a state: drawn in its party's class where a party's treaty applies to it (counted in
    // the legend's key, not among the parties), muted with its UN note, or no data.
    const areas = new Map(readData("status.json").areas.map((a) => [a.iso3, a]));
    const areaClass = (a) => {
      if (a?.party && [a.cat, a.opcat].some((t) => t?.effect === "applies")) return null;
      return a?.notes?.length ? "tm-c-disputed" : "tm-c-nodata";
    };
    const classOf = (s, iso3) => {
      if (!s) return areaClass(areas.get(iso3));
      const party = (t) => Boolean(t?.party);
      if (party(s.cat) && party(s.opcat)) return "tm-c-both";
      if (party(s.cat) && s.opcat?.signed) return "tm-c-cat-opsig";
      if (party(s.cat)) return "tm-c-cat";
      if (s.cat?.signed) return "tm-c-catsig";
      return "tm-c-none";
    };
    const expected = {};
    for (const iso3 of drawn) {
      const cls = classOf(status.get(iso3), iso3);
      if (cls) expected[cls] = (expected[cls] ?? 0) + 1;
    }
    const shown = {};
    for (const item of await page.locator(".tm-legend li").all()) {
      shown[await item.getAttribute("data-class")] = Number(await item.locator(".tm-count").innerText());
    }
    for (const cls of Object.keys(shown)) if (shown[cls] === 0) delete shown[cls];
    assert.deepEqual(shown, expected);
    assert.equal(await page.locator(".tm-map path[data-iso3]").count(), drawn.length);
    // All 35 UN member states of the Americas are drawn.
    const americanStates = [...status.keys()].filter((iso3) => regions[iso3] === "americas");
    assert.equal(americanStates.length, 35);
    for (const iso3 of americanStates) assert.ok(drawn.includes(iso3), `${iso3} is drawn`);
    await page.close();
  });

  it("shows the profile beside the map on a wide screen, the map narrowing to make room", async () => {
    const { page } = await openDemo(browser);
    const alone = await page.locator(".tm-figure").boundingBox();
    await page.locator('.tm-map path[data-iso3="BRA"]').click();
    const panelBox = await page.locator(".tm-panel").boundingBox();
    const beside = await page.locator(".tm-figure").boundingBox();
    assert.ok(beside.width < alone.width - 200, `the map narrows (${alone.width} → ${beside.width} px)`);
    assert.ok(panelBox.x >= beside.x + beside.width, "the panel is to the map's right");
    assert.ok(panelBox.y < beside.y + beside.height, "beside it, not under it");
    await page.getByRole("button", { name: "Close profile" }).click();
    await page.locator(".tm-panel").waitFor({ state: "detached" });
    await page.waitForFunction((w) => document.querySelector("[data-treaty-map]").shadowRoot.querySelector(".tm-figure").getBoundingClientRect().width === w, alone.width);
    await page.close();
  });

  it("shows the profile as a bottom sheet on a narrow screen", async () => {
    const { page } = await openDemo(browser, { width: 390, height: 844 });
    await page.locator('.tm-map path[data-iso3="BRA"]').click();
    const box = await page.locator(".tm-panel").boundingBox();
    assert.ok(Math.abs(box.y + box.height - 844) < 2, "the sheet sits on the bottom edge");
    assert.ok(box.height <= 844 * 0.56, "and takes at most about half the screen");
    assert.ok(Math.abs(box.width - 390) < 2, "across the whole width");
    await page.getByRole("button", { name: "Close profile" }).click();
    await page.locator(".tm-panel").waitFor({ state: "detached" });
    await page.close();
  });
});
