// d3-geo's side of the native comparison, run by `cargo xtask bench` right after the criterion benchmarks, on
// the same inputs (bench/inputs.mjs) and the same workload (benches/workload/mod.rs):
//
//   paths:  geoEqualEarth().fitExtent([[8, 8], [992, 492]], collection), then geoPath(projection).digits(1) for
//           every feature. Two variants: `precision(0)` (no adaptive resampling: the same points as the Rust
//           core) and d3's default (resampling at 0.5 px, what a d3 user gets).
//   parse:  JSON.parse of the GeoJSON text; and JSON.parse of the TopoJSON + topojson.feature (d3's usual input).
//   memory: heap held by the parsed GeoJSON (after a full GC), to set beside the Rust areas' heap.
//
//   node --expose-gc bench/node.mjs BENCH_DIR   → BENCH_DIR/node.json
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node --expose-gc bench/node.mjs BENCH_DIR");
  process.exit(2);
}
const SCALES = ["110m", "50m", "10m"];
const EXTENT = [[8, 8], [992, 492]];

/** Median time in ms of `fn` over runs after warm-up, with at least `minRuns` runs and about `budgetMs` in all. */
function time(fn, { minRuns = 10, budgetMs = 3000, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  const start = performance.now();
  while (samples.length < minRuns || (performance.now() - start < budgetMs && samples.length < 200)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median_ms: samples[samples.length >> 1], min_ms: samples[0], runs: samples.length };
}

export function d3Paths(collection, resample) {
  const projection = geoEqualEarth();
  if (!resample) projection.precision(0);
  projection.fitExtent(EXTENT, collection);
  const path = geoPath(projection).digits(1);
  let length = 0;
  for (const f of collection.features) length += (path(f) ?? "").length;
  return { length, projection };
}

function heldBytes(make) {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const value = make();
  globalThis.gc?.();
  const held = process.memoryUsage().heapUsed - before;
  return { held, value };
}

const results = { node: process.version, scales: {} };
for (const scale of SCALES) {
  const geoText = readFileSync(join(dir, `world-${scale}.geo.json`), "utf8");
  const topoText = readFileSync(join(dir, `world-${scale}.topo.json`), "utf8");
  const collection = JSON.parse(geoText);
  const exact = d3Paths(collection, false);
  const { held } = heldBytes(() => JSON.parse(geoText));
  results.scales[scale] = {
    paths_no_resampling: time(() => d3Paths(collection, false)),
    paths_default: time(() => d3Paths(collection, true)),
    parse_geojson: time(() => JSON.parse(geoText)),
    parse_topojson_feature: time(() => {
      const topology = JSON.parse(topoText);
      return feature(topology, topology.objects.countries);
    }),
    geojson_heap_bytes: held,
    path_length: exact.length,
    fit: [exact.projection.scale(), ...exact.projection.translate()],
  };
  console.log(`d3-geo ${scale}: ${JSON.stringify(results.scales[scale])}`);
}
writeFileSync(join(dir, "node.json"), JSON.stringify(results, null, 2));
