// The bench's host pages, made from the built demo page: the demo with its one map replaced by others. Shared by
// bench/browser.mjs (which serves them through Playwright's request routing) and by the Lighthouse part of
// `cargo xtask bench`, which audits the ten-map page as a file of its copy of the site:
//
//   node bench/pages.mjs SITE_DIR   → SITE_DIR/ten-maps.html, with the .br and .gz siblings a site serves
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** The ten-map page's maps, in order: every region, the world and three regions again. */
export const TEN_REGIONS = ["world", "africa", "americas", "asia-pacific", "europe-central-asia", "mena", "world", "americas", "africa", "mena"];

/** The name the ten-map page is written under in a site's folder. */
export const TEN_MAPS_FILE = "ten-maps.html";

/** The demo's page with its map's block (the Americas, to the end of its section) replaced by `html`. */
export function withMaps(demo, html) {
  const mapBlock = /<div id="americas-map"[\s\S]*?<\/section>/;
  if (!mapBlock.test(demo)) throw new Error("the demo page has no americas-map block to replace");
  return demo.replace(mapBlock, () => `${html}\n</section>`);
}

/** The demo's page with ten maps, each carrying its region's English pre-render (`prerender(region)`). */
export function tenMapsPage(demo, prerender) {
  return withMaps(demo, TEN_REGIONS
    .map((r) => `<div data-treaty-map data-region="${r}" data-content="content.json">${prerender(r)}</div>`).join("\n"));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = process.argv[2];
  if (!site) {
    console.error("usage: node bench/pages.mjs SITE_DIR");
    process.exit(2);
  }
  const page = tenMapsPage(readFileSync(join(site, "index.html"), "utf8"),
    (region) => readFileSync(join(site, "prerender", `${region}.en.html`), "utf8"));
  const file = join(site, TEN_MAPS_FILE);
  const br = brotliCompressSync(page, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  writeFileSync(file, page);
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gzipSync(page, { level: 9 }));
  console.log(`wrote ${file}: ${Buffer.byteLength(page)} B, ${br.length} B brotli`);
}
