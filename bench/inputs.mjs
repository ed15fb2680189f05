// Writes the benchmark inputs: the world-atlas countries at 1:110m, 1:50m and 1:10m (Natural Earth 4.1.0), as
// GeoJSON FeatureCollections the widget can read (`iso3` and `name` properties), plus the TopoJSON they come from.
//
//   node bench/inputs.mjs OUT_DIR
//
// Coordinates are rounded to 1e-4° (about 11 m, far below a pixel) so that the 1:10m file stays under the
// widget's 16 MiB geometry limit. Rings are taken as topojson-client gives them: unlike data/world.geo.json
// they are not cut at the antimeridian (d3-geo clips there; the Rust core draws the few crossing rings as they
// are), which changes a handful of paths but not the work measured. Both sides read exactly these files.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const outDir = process.argv[2];
if (!outDir) {
  console.error("usage: node bench/inputs.mjs OUT_DIR");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const SCALES = ["110m", "50m", "10m"];
const codes = require("i18n-iso-countries/codes.json");
const numericToAlpha3 = new Map(codes.map(([, alpha3, numeric]) => [numeric, alpha3]));
const round = (v) => Math.round(v * 1e4) / 1e4;

const summary = {};
for (const scale of SCALES) {
  const topoPath = require.resolve(`world-atlas/countries-${scale}.json`);
  const topology = JSON.parse(readFileSync(topoPath, "utf8"));
  const collection = feature(topology, topology.objects.countries);
  const seen = new Set();
  let positions = 0;
  const features = [];
  for (const f of collection.features) {
    if (!f.geometry) continue;
    let iso3 = numericToAlpha3.get(f.id) ?? null;
    // A code drawn twice would be skipped by the widget's reader; keep the area, without a code.
    if (iso3 && seen.has(iso3)) iso3 = null;
    if (iso3) seen.add(iso3);
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const coordinates = polygons.map((rings) =>
      rings.map((ring) => ring.map(([lon, lat]) => [round(lon), round(lat)])).filter((r) => r.length >= 4),
    ).filter((rings) => rings.length > 0);
    if (coordinates.length === 0) continue;
    for (const rings of coordinates) for (const ring of rings) positions += ring.length;
    features.push({
      type: "Feature",
      properties: { iso3, name: f.properties.name },
      geometry: { type: "MultiPolygon", coordinates },
    });
  }
  const text = JSON.stringify({ type: "FeatureCollection", features });
  writeFileSync(join(outDir, `world-${scale}.geo.json`), text);
  writeFileSync(join(outDir, `world-${scale}.topo.json`), readFileSync(topoPath));
  summary[scale] = { features: features.length, positions, geojson_bytes: text.length };
}
writeFileSync(join(outDir, "inputs.json"), JSON.stringify(summary, null, 2));
console.log(JSON.stringify(summary));
