// Locations on an offline base map: Natural Earth 1:110m countries (world-atlas 2.0.2, TopoJSON,
// served from this origin) in a plain longitude/latitude projection, zoomed to the markers.
import { h, svg } from "./dom.js";
import { countryName } from "./labels.js";

const WORLD_URL = "/static/dashboard/world-atlas/countries-110m.json";
const WIDTH = 720; // 2 units per degree of longitude
const HEIGHT = 360; // 2 units per degree of latitude
const SOUTH = 300; // y of 60°S: Antarctica is left out
const PADDING = 12; // degrees around the markers
const MIN_SPAN = 80; // degrees of longitude shown at least, so a single place keeps its context

let world = null;

function project(longitude, latitude) {
  return [((longitude + 180) * WIDTH) / 360, ((90 - latitude) * HEIGHT) / 180];
}

// TopoJSON stores each arc as quantized deltas; a ring lists arc indexes, ~i meaning arc i reversed.
function decodeArcs(topology) {
  const [scaleX, scaleY] = topology.transform.scale;
  const [moveX, moveY] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return project(x * scaleX + moveX, y * scaleY + moveY);
    });
  });
}

function ringPath(ring, arcs) {
  const points = [];
  for (const index of ring) {
    const arc = index < 0 ? [...arcs[~index]].reverse() : arcs[index];
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return `M${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L")}Z`;
}

function countryShapes(topology) {
  const arcs = decodeArcs(topology);
  return topology.objects.countries.geometries.map((geometry) => {
    const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
    return { name: geometry.properties.name, path: polygons.flatMap((rings) => rings.map((ring) => ringPath(ring, arcs))).join("") };
  });
}

function loadWorld() {
  world ??= fetch(WORLD_URL)
    .then((response) => {
      if (!response.ok) throw new Error(`base map: HTTP ${response.status}`);
      return response.json();
    })
    .then(countryShapes);
  return world;
}

// The area to show: every marker plus padding, at least MIN_SPAN wide, in a 2:1 frame.
function frame(places) {
  if (places.length === 0) return [0, 0, WIDTH, SOUTH];
  const longitudes = places.map((place) => place.longitude);
  const latitudes = places.map((place) => place.latitude);
  const span = Math.min(360, Math.max(MIN_SPAN, Math.max(...longitudes) - Math.min(...longitudes) + 2 * PADDING, 2 * (Math.max(...latitudes) - Math.min(...latitudes) + 2 * PADDING)));
  const centreLongitude = (Math.max(...longitudes) + Math.min(...longitudes)) / 2;
  const centreLatitude = (Math.max(...latitudes) + Math.min(...latitudes)) / 2;
  const west = Math.min(Math.max(centreLongitude - span / 2, -180), 180 - span);
  const north = Math.min(Math.max(centreLatitude + span / 4, -90 + span / 2), 90);
  const [x, y] = project(west, north);
  return [x, y, span * 2, span];
}

function graticule() {
  const lines = [];
  for (let longitude = -180; longitude <= 180; longitude += 30) {
    const [x] = project(longitude, 0);
    lines.push(svg("line", { x1: x, x2: x, y1: 0, y2: HEIGHT, class: "graticule" }));
  }
  for (let latitude = -60; latitude <= 90; latitude += 30) {
    const [, y] = project(0, latitude);
    lines.push(svg("line", { x1: 0, x2: WIDTH, y1: y, y2: y, class: "graticule" }));
  }
  return lines;
}

/**
 * Draw one marker per location of `rows` ([{location_id, name, country_code, latitude, longitude,
 * count}]) and list them in `legend`; the marker's area grows with the count.
 */
export async function renderMap(container, legend, rows) {
  const places = rows.filter((row) => row.latitude !== null && row.longitude !== null);
  const shapes = await loadWorld();
  const view = frame(places);
  const unit = view[2] / WIDTH; // keeps markers the same size on screen at any zoom
  const map = svg(
    "svg",
    { viewBox: view.map((value) => value.toFixed(1)).join(" "), class: "map", role: "img", "aria-label": "Map of engagement locations" },
    svg("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: "sea" }),
    graticule(),
    shapes.map((shape) => svg("path", { d: shape.path, class: "country" }, svg("title", {}, shape.name))),
  );
  for (const place of [...places].sort((a, b) => b.count - a.count)) {
    const [x, y] = project(place.longitude, place.latitude);
    map.append(
      svg(
        "circle",
        {
          cx: x.toFixed(2),
          cy: y.toFixed(2),
          r: ((3 + 3 * Math.sqrt(place.count)) * unit).toFixed(2),
          class: "marker",
          "stroke-width": unit.toFixed(2),
          "data-testid": "map-marker",
          "data-location-id": place.location_id,
          "data-count": place.count,
        },
        svg("title", {}, `${place.name}: ${place.count}`),
      ),
    );
  }
  if (rows.length === 0) legend.replaceChildren(h("li", { class: "empty" }, "No engagements match."));
  else
    legend.replaceChildren(
      ...rows.map((row) =>
        h(
          "li",
          { "data-testid": "map-legend-item", "data-location-id": row.location_id, "data-count": row.count },
          `${row.name}${row.country_code ? ` (${countryName(row.country_code)})` : ""}`,
          row.latitude === null || row.longitude === null ? " (no coordinates)" : "",
          `: ${row.count}`,
        ),
      ),
    );
  container.replaceChildren(map);
}
