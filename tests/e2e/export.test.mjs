// Downloads and print, on the demo page: "Download SVG", "Download PNG" and "Download CSV" save the current view,
// and the print stylesheet keeps the map, legend and profile while leaving the controls out.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { download, launch, openDemo, readData } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The ISO3 codes of the states drawn on the live map. */
const drawnCodes = (page) =>
  page.locator(".tm-map path.tm-shape").evaluateAll((paths) => paths.map((p) => p.getAttribute("data-iso3")));

describe("downloads", () => {
  it("saves the map as a standalone SVG with every state of the region", async () => {
    const { page, errors } = await openDemo(browser);
    const { name, bytes } = await download(page, "Download SVG");
    assert.equal(name, "treaty-map-americas.svg");
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      return {
        error: doc.querySelector("parsererror")?.textContent ?? null,
        root: doc.documentElement.localName,
        codes: [...doc.querySelectorAll("path[data-iso3]")].map((p) => p.getAttribute("data-iso3")),
        peruFill: doc.querySelector('path[data-iso3="PER"]')?.getAttribute("fill"),
        title: doc.querySelector("svg > title")?.textContent,
        styles: doc.querySelectorAll("style, link").length,
      };
    }, bytes.toString("utf8"));
    assert.equal(parsed.error, null, "the SVG parses as XML");
    assert.equal(parsed.root, "svg");
    assert.deepEqual(parsed.codes.toSorted(), (await drawnCodes(page)).toSorted());
    assert.ok(parsed.codes.includes("PER"));
    assert.equal(parsed.peruFill, "#3a7dc9", "fills are inlined: Peru is a CAT and OPCAT party");
    assert.match(parsed.title, /^Americas/);
    assert.equal(parsed.styles, 0, "no stylesheet: the file stands alone");
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("saves the region's data as CSV with a BOM, one row per state and Peru's CAT date", async () => {
    const { page, errors } = await openDemo(browser);
    const { name, bytes } = await download(page, "Download CSV");
    assert.equal(name, "treaty-map-americas.csv");
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
    const lines = bytes.toString("utf8").slice(1).split("\r\n").filter((l) => l !== "");
    assert.equal(lines[0], "ISO3,Name,CAT status,CAT date,CAT act,OPCAT status,OPCAT date,OPCAT act,Last review,Status on");
    assert.equal(lines.length - 1, (await drawnCodes(page)).length, "one row per area of the map");
    const peru = lines.find((l) => l.startsWith("PER,"));
    const status = readData("status.json").states.find((s) => s.iso3 === "PER");
    assert.equal(status.cat.party, "1988-07-07");
    assert.match(peru, /^PER,Peru,party,1988-07-07,ratification,party,.*,2026-02-03$/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("saves the map and data of an earlier day as of that day", async () => {
    const { page, errors } = await openDemo(browser);
    await page.locator("input.tm-date-field").fill("2002-12-31");
    await page.locator("input.tm-date-field").dispatchEvent("change");
    const csv = await download(page, "Download CSV");
    assert.equal(csv.name, "treaty-map-americas-2002-12-31.csv");
    const peru = csv.bytes.toString("utf8").split("\r\n").find((l) => l.startsWith("PER,"));
    assert.equal(peru, "PER,Peru,party,1988-07-07,ratification,not yet open for signature,,,,2002-12-31");
    const svg = await download(page, "Download SVG");
    assert.equal(svg.name, "treaty-map-americas-2002-12-31.svg");
    const text = svg.bytes.toString("utf8");
    assert.match(text, /<title>Americas: status under the Convention against Torture and its Optional Protocol — 31 December 2002<\/title>/);
    assert.match(text, /Status on 31 December 2002 \(data as at 3 February 2026\)/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("saves the map as a PNG twice the SVG's size", async () => {
    const { page, errors } = await openDemo(browser);
    const svg = await download(page, "Download SVG");
    const { name, bytes } = await download(page, "Download PNG");
    assert.equal(name, "treaty-map-americas.png");
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
    const svgWidth = Number(/<svg[^>]* width="(\d+)"/.exec(svg.bytes.toString("utf8"))[1]);
    assert.equal(bytes.readUInt32BE(16), svgWidth * 2, "IHDR width is twice the SVG's");
    assert.ok(bytes.length > 20_000, `a drawn map, not a blank canvas (${bytes.length} bytes)`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("the download buttons are keyboard operable and named", async () => {
    const { page } = await openDemo(browser);
    const group = page.getByRole("group", { name: "Download the map or its data" });
    assert.equal(await group.getByRole("button").count(), 3);
    await group.getByRole("button", { name: "Download CSV" }).focus();
    const [file] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    assert.equal(file.suggestedFilename(), "treaty-map-americas.csv");
    await page.close();
  });

  it("speaks the map's language: a French map's SVG has its title and source line in French", async () => {
    const { page } = await openDemo(browser);
    // The loader applies a changed data-lang to the running map.
    await page.locator("[data-treaty-map]").evaluate((host) => host.setAttribute("data-lang", "fr"));
    const { bytes } = await download(page, "Télécharger en SVG");
    const text = bytes.toString("utf8");
    assert.match(text, /<title>Amériques/);
    // The data's date and source, in French (the widget writes "1er" for the first of a month).
    const { as_of: asOf, source } = readData("status.json");
    const date = new Intl.DateTimeFormat("fr", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
      .format(new Date(`${asOf}T00:00:00Z`)).replace(/^1 /, "1er ");
    assert.ok(text.includes(`Situation au ${date} — ${source}`), `source line in French: ${date}`);
    assert.doesNotMatch(text, /Status as at/);
    await page.close();
  });

  it("follows the treaty view: an OPCAT-only SVG labels its legend by OPCAT", async () => {
    const { page } = await openDemo(browser);
    await page.getByRole("radio", { name: "OPCAT only" }).check();
    const { bytes } = await download(page, "Download SVG");
    assert.match(bytes.toString("utf8"), />OPCAT party \(\d+\)<\/text>/);
    await page.close();
  });
});

describe("print", () => {
  it("hides the controls, keeps map and legend, and puts the open profile below the map", async () => {
    const { page } = await openDemo(browser);
    await page.locator('.tm-map path[data-iso3="PER"]').click();
    await page.locator(".tm-panel").waitFor();
    const mapBox = await page.locator(".tm-map").boundingBox();
    const panelBox = await page.locator(".tm-panel").boundingBox();
    assert.ok(panelBox.x > mapBox.x + mapBox.width - 1, "on screen the profile is beside the map");

    const controls = [".tm-view-switch", ".tm-search", ".tm-table-toggle", ".tm-zoom", ".tm-export", ".tm-close"];
    // Each control is there and on screen first: "not printed" must not mean "missing".
    for (const control of controls) {
      assert.equal(await page.locator(control).first().isVisible(), true, `${control} is on screen`);
    }
    await page.emulateMedia({ media: "print" });
    for (const control of controls) {
      assert.equal(await page.locator(control).count() >= 1, true, `${control} is still in the page`);
      assert.equal(await page.locator(control).first().isVisible(), false, `${control} is not printed`);
    }
    assert.ok(await page.locator(".tm-map").isVisible());
    assert.ok(await page.locator(".tm-legend").isVisible());
    assert.ok(await page.locator('.tm-map path[data-iso3="PER"]').isVisible());
    const printedMap = await page.locator(".tm-map").boundingBox();
    const printedPanel = await page.locator(".tm-panel").boundingBox();
    assert.ok(printedPanel.y >= printedMap.y + printedMap.height, "the profile follows the map");
    assert.match(await page.locator(".tm-panel").innerText(), /CAT: State party since 7 July 1988/);
    // Colours print as they are (textures included), so the classes stay apart in black and white.
    const adjust = await page.locator('.tm-map path[data-iso3="PER"]')
      .evaluate((el) => getComputedStyle(el).printColorAdjust);
    assert.equal(adjust, "exact");
    await page.close();
  });
});
