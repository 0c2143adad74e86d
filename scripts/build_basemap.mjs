// Builds static/basemap/natural-earth-50m.geojson from Natural Earth shapes (npm world-atlas 2.0.2, public domain).
// Run once when the basemap should change: see scripts/README.md. Not needed to run the app.
import { readFileSync, writeFileSync } from "node:fs";
import { feature } from "topojson-client";
import bboxClip from "@turf/bbox-clip";

const REGIONS = {
  east_asia: [95, 5, 160, 56],
  europe: [-12, 34, 32, 62],
};
const DECIMALS = 3;

const round = (coords) =>
  typeof coords[0] === "number"
    ? coords.map((value) => Number(value.toFixed(DECIMALS)))
    : coords.map(round);

const topo = JSON.parse(
  readFileSync("node_modules/world-atlas/countries-50m.json", "utf8"),
);
const countries = feature(topo, topo.objects.countries).features;
const out = [];
for (const [region, box] of Object.entries(REGIONS)) {
  for (const country of countries) {
    if (!country.geometry) continue;
    const clipped = bboxClip(country, box);
    const rings = clipped.geometry.coordinates.flat(
      clipped.geometry.type === "MultiPolygon" ? 1 : 0,
    );
    if (!rings.some((ring) => ring.length > 3)) continue;
    out.push({
      type: "Feature",
      properties: { name: country.properties.name, region },
      geometry: { type: clipped.geometry.type, coordinates: round(clipped.geometry.coordinates) },
    });
  }
}
writeFileSync(
  process.argv[2] ?? "basemap.geojson",
  JSON.stringify({ type: "FeatureCollection", features: out }),
);
console.log(`${out.length} features`);
