// The map as the UN draws and writes it: every state's own anchor point hits that state (small states drawn
// above large ones), at the default zoom (its shape, for a state that has no dot there) and at the deepest (what a
// pointer reaches); territories in their party's class with their own
// texture and the note; disputed areas muted with theirs; the Line of Control dotted; the line on boundaries and
// names; old names found by the search.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, it } from "node:test";

import { download, launch, openMap, readData } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (ownAnchorsFile) rmSync(ownAnchorsFile, { force: true });
});

/**
 * Every state's anchor per map, as the core computes it: `cargo xtask anchors` writes them (to the file named by
 * TREATY_MAP_ANCHORS, if set, else once per run to a temporary file), from the same data/ the site is built from.
 */
let anchorsByMap;
/** The temporary file this run wrote its anchors to (none when TREATY_MAP_ANCHORS names one), removed after. */
let ownAnchorsFile;
function anchors() {
  if (anchorsByMap) return anchorsByMap;
  let file = process.env.TREATY_MAP_ANCHORS;
  if (!file) {
    file = join(tmpdir(), `treaty-map-anchors-${process.pid}.json`);
    ownAnchorsFile = file;
    const repo = fileURLToPath(new URL("../..", import.meta.url));
    execFileSync("cargo", ["run", "-q", "-p", "xtask", "--", "anchors", file], { cwd: repo, stdio: "inherit" });
  }
  anchorsByMap = JSON.parse(readFileSync(file, "utf8"));
  return anchorsByMap;
}

/** Mounts one map of `region` (with the loader's `options`), 1000 px wide, and waits for it. */
const mapOf = (region, options = {}) => openMap(browser, region, { options });

/**
 * For each code, what lies at the code's anchor (viewBox pixels, mapped to the viewport through the SVG's own
 * transform): `top`, the `data-iso3` of what a pointer reaches there, and `shape`, that of the topmost map shape
 * (the SVG's stacking, under the dots). Codes whose anchor is out of the map or under its zoom buttons are left
 * out when `visibleOnly`, else reported as such.
 */
function hitsAtAnchors([codes, points, visibleOnly]) {
  const root = document.getElementById("map-under-test").shadowRoot;
  const svg = root.querySelector(".tm-map");
  const matrix = svg.getScreenCTM();
  const box = svg.getBoundingClientRect();
  const zoom = root.querySelector(".tm-zoom").getBoundingClientRect();
  const hits = {};
  for (const code of codes) {
    const p = new DOMPoint(points[code][0], points[code][1]).matrixTransform(matrix);
    const inside =
      p.x > Math.max(box.left, 0) + 1 &&
      p.x < Math.min(box.right, innerWidth) - 1 &&
      p.y > Math.max(box.top, 0) + 1 &&
      p.y < Math.min(box.bottom, innerHeight) - 1;
    const underButtons = p.x >= zoom.left - 2 && p.x <= zoom.right + 2 && p.y >= zoom.top - 2 && p.y <= zoom.bottom + 2;
    if (!inside || underButtons) {
      const where = underButtons ? "under the zoom buttons" : "out of view";
      if (!visibleOnly) hits[code] = { top: where, shape: where };
      continue;
    }
    const stack = root.elementsFromPoint(p.x, p.y);
    const code_of = (element) => element?.closest("[data-iso3]")?.getAttribute("data-iso3") ?? "nothing";
    hits[code] = { top: code_of(stack[0]), shape: code_of(stack.find((e) => e.matches(".tm-shape"))) };
  }
  return hits;
}

const viewBoxWidth = (page) =>
  page.evaluate(() =>
    Number(document.getElementById("map-under-test").shadowRoot.querySelector(".tm-map").getAttribute("viewBox").split(" ")[2]),
  );

for (const region of ["world", "africa", "americas", "asia-pacific", "europe-central-asia", "mena"]) {
  it(`every state's own anchor point hits it on the ${region} map, at the default zoom and at the deepest`, async () => {
    const map = anchors()[region];
    const codes = Object.keys(map.anchors);
    const { page, errors } = await mapOf(region);
    // At the default zoom a state under 16 px is reached by its dot (a 24 px target over the map, at its anchor
    // or pushed aside, which regions.test.mjs checks); there every other state's anchor is checked against the
    // map's shapes, stacked smaller above larger.
    const dots = await page.evaluate(() =>
      [...document.getElementById("map-under-test").shadowRoot.querySelectorAll(".tm-dot")].map((d) => d.getAttribute("data-iso3")),
    );
    const atDefault = {};
    for (let top = 0; ; top += 600) {
      // The map may be taller than the window: look at it a window at a time.
      const more = await page.evaluate((top) => {
        scrollTo(0, top);
        return top + innerHeight < document.documentElement.scrollHeight;
      }, top);
      const hits = await page.evaluate(hitsAtAnchors, [codes.filter((c) => !atDefault[c]), map.anchors, true]);
      Object.assign(atDefault, hits);
      if (!more) break;
    }
    const wrong = codes
      .filter((code) => !dots.includes(code) && atDefault[code]?.shape !== code)
      .map((code) => `${code} → ${atDefault[code]?.shape ?? "never in view"}`);
    assert.deepEqual(wrong, [], "anchors under another state's shape at the default zoom");
    assert.ok(codes.length - dots.length > 0.5 * codes.length, "most states are checked without a dot");

    // Zoomed in as far as the map goes (Ctrl + wheel over an anchor keeps it still); every anchor then in view is
    // looked at, until each has been.
    const full = await viewBoxWidth(page);
    const checked = new Map();
    for (const code of codes) {
      if (checked.has(code)) continue;
      await page.getByRole("button", { name: "Reset zoom" }).evaluate((b) => b.disabled || b.click());
      // The anchor in the middle of the window, then the map zoomed in as far as it goes around it. A mouse
      // event carries whole pixels: the pointer goes to the whole pixel on the map's edge side of the anchor, so
      // that, twelve times magnified, the anchor lands inside the map and not past its edge (Tuvalu, at 179° E).
      const [x, y] = await page.evaluate(([code, points]) => {
        const svg = document.getElementById("map-under-test").shadowRoot.querySelector(".tm-map");
        const at = () => new DOMPoint(points[code][0], points[code][1]).matrixTransform(svg.getScreenCTM());
        scrollBy(0, at().y - innerHeight / 2);
        const p = at();
        const box = svg.getBoundingClientRect();
        const edgeward = (v, middle) => (v > middle ? Math.ceil(v) : Math.floor(v));
        return [edgeward(p.x, (box.left + box.right) / 2), edgeward(p.y, (box.top + box.bottom) / 2)];
      }, [code, map.anchors]);
      await page.mouse.move(x, y);
      await page.keyboard.down("Control");
      await page.mouse.wheel(0, -2000);
      await page.keyboard.up("Control");
      await page.waitForFunction(
        (full) => {
          const svg = document.getElementById("map-under-test").shadowRoot.querySelector(".tm-map");
          return Number(svg.getAttribute("viewBox").split(" ")[2]) <= full / 11.99;
        },
        full,
      );
      await page.mouse.move(0, 0);
      const hits = await page.evaluate(hitsAtAnchors, [codes.filter((c) => !checked.has(c)), map.anchors, true]);
      for (const [hit, what] of Object.entries(hits)) checked.set(hit, what.top);
      if (!checked.has(code)) checked.set(code, "not in view when zoomed in on it");
    }
    // A state still under 2 px at the deepest zoom of the world map (the Holy See, Tuvalu, Monaco) is reached by
    // its dot there; its anchor is checked on its region's map.
    const tiny = (code) => region === "world" && map.anchors[code][2] * 12 < 2;
    assert.deepEqual(codes.filter(tiny).filter((code) => !dots.includes(code)), [], "a state too small to hit has a dot");
    const wrongDeep = codes
      .filter((code) => !tiny(code) && checked.get(code) !== code)
      .map((code) => `${code} → ${checked.get(code)}`);
    assert.deepEqual(wrongDeep, [], "anchors a pointer does not reach their state at the deepest zoom");
    assert.deepEqual(errors, []);
    await page.close();
  });
}

it("territories are drawn in their party's class with their own texture, and the panel cites the UNTC note", async () => {
  const { page, errors } = await mapOf("europe-central-asia");
  const root = page.locator("#map-under-test");
  const gibraltar = root.locator('.tm-map path.tm-shape[data-iso3="GIB"]');
  assert.match(await gibraltar.getAttribute("class"), /\btm-c-cat\b/, "the United Kingdom's CAT class");
  assert.equal(
    await gibraltar.getAttribute("aria-label"),
    "Gibraltar: CAT party only — territory; State party: United Kingdom of Great Britain and Northern Ireland — Non-Self-Governing Territory (United Nations list)",
  );
  assert.equal(await root.locator(".tm-map path.tm-territory").count() > 0, true, "territories have their texture");
  assert.match(await root.locator(".tm-legend-key").textContent(), /Territory to which a State party’s treaty applies/);
  await page.evaluate(() => window.__map.select("GIB"));
  const panel = root.locator('.tm-panel[data-iso3="GIB"]');
  await panel.waitFor();
  assert.match(
    await panel.textContent(),
    /CAT: applies to this territory through the ratification of the State party United Kingdom of Great Britain and Northern Ireland \(UNTC, CAT note 12\)/,
  );
  assert.deepEqual(errors, []);
  await page.close();
});

it("disputed areas are muted with their UN note, the Line of Control is dotted and undetermined boundaries dashed", async () => {
  const { page, errors } = await mapOf("asia-pacific", { lang: "fr" });
  const root = page.locator("#map-under-test");
  const kashmir = root.locator('.tm-map path.tm-shape[data-iso3="XJK"]');
  assert.match(await kashmir.getAttribute("class"), /\btm-c-disputed\b/);
  assert.match(await kashmir.getAttribute("aria-label"), /^Jammu-et-Cachemire\u00a0: Zone contestée ou territoire non autonome — La ligne en pointillé représente approximativement la ligne de contrôle/);
  assert.equal(await root.locator(".tm-lines path.tm-line-dotted").count(), 1);
  assert.ok((await root.locator(".tm-lines path.tm-line-dashed").count()) >= 3);
  // The dotted line is drawn dotted: its computed dash array is the stylesheet's.
  const dash = await root.locator(".tm-lines path.tm-line-dotted").evaluate((p) => getComputedStyle(p).strokeDasharray);
  assert.match(dash, /^1(px)?,? 2(px)?$/);
  await page.evaluate(() => window.__map.select("XJK"));
  const panel = root.locator('.tm-panel[data-iso3="XJK"]');
  await panel.waitFor();
  assert.match(await panel.textContent(), /Le statut définitif du Jammu-et-Cachemire n’a pas encore été arrêté par les parties/);
  assert.deepEqual(errors, []);
  await page.close();
});

it("the line on boundaries and names shows in every language, in the SVG download, and as the host words it", async () => {
  const { page, errors } = await mapOf("world");
  const line = page.locator("#map-under-test .tm-disclaimer");
  assert.equal(
    await line.textContent(),
    "Boundaries and names follow United Nations practice; they imply no opinion on the legal status of any territory.",
  );
  const svg = (await download(page, "Download SVG")).bytes.toString("utf8");
  assert.ok(svg.includes("Boundaries and names follow United Nations practice"), "in the SVG download");
  assert.ok(svg.includes('stroke-dasharray="1 2"'), "the Line of Control, dotted, in the SVG download");
  assert.ok(svg.includes('fill="url(#p-territory)"'), "the territories' texture in the SVG download");
  await page.evaluate(() => window.__map.setLanguage("ar"));
  await page.waitForFunction(() =>
    document.getElementById("map-under-test").shadowRoot.querySelector(".tm-disclaimer")?.textContent.startsWith("تتبع الحدود"),
  );
  await page.close();

  const custom = await mapOf("world", { disclaimer: "Our own words <b>here</b>." });
  assert.equal(await custom.page.locator("#map-under-test .tm-disclaimer").textContent(), "Our own words <b>here</b>.");
  await custom.page.close();
  const hidden = await mapOf("world", { disclaimer: "" });
  assert.equal(await hidden.page.locator("#map-under-test .tm-disclaimer").count(), 0);
  await hidden.page.close();
  assert.deepEqual([...errors, ...custom.errors, ...hidden.errors], []);
});

it("the search finds states by their former and familiar names", async () => {
  const { page, errors } = await mapOf("world");
  const box = page.getByRole("combobox", { name: "Find a state" });
  for (const [typed, iso3] of [["Turquie", "TUR"], ["Moldavie", "MDA"], ["Ivory Coast", "CIV"], ["Czech Republic", "CZE"], ["Costa de Marfil", "CIV"], ["سوازيلاند", "SWZ"]]) {
    await box.fill(typed);
    const first = page.locator("#map-under-test .tm-search-list li").first();
    await first.waitFor();
    assert.equal(await first.getAttribute("data-iso3"), iso3, typed);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

it("a succession says what its date is, and Montenegro's OPCAT signature by succession is shown", async () => {
  const { page, errors } = await mapOf("europe-central-asia");
  await page.evaluate(() => window.__map.select("MNE"));
  const panel = page.locator('#map-under-test .tm-panel[data-iso3="MNE"]');
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /CAT: State party by succession, notified on 23 October 2006/);
  assert.match(text, /OPCAT: State party since 6 March 2009 \(ratification\); signatory by succession, notified on 23 October 2006/);
  assert.match(text, /For a succession, the date shown is that of the notification of succession/);
  assert.equal(readData("status.json").states.find((s) => s.iso3 === "MNE").opcat.signed_act, "succession");
  assert.deepEqual(errors, []);
  await page.close();
});
