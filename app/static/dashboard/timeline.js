// Each engagement as a bar on one time axis, from its earliest to its latest possible day, so
// a date known only to the month or the year is drawn as that whole month or year.
import { h, showEmpty, svg } from "./dom.js";

const WIDTH = 900;
const LABEL = 300; // the title column, left of the axis
const ROW = 20;
const AXIS = 24; // height of the year labels on top
const DAY = 86_400_000;
const MAX_TITLE = 40;
const RIGHT = 24; // room for the last year's label

function day(iso) {
  return Date.parse(`${iso}T00:00:00Z`);
}

function shorten(text) {
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text;
}

function yearTicks(firstYear, lastYear) {
  const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 12));
  const ticks = [];
  for (let year = firstYear; year <= lastYear + 1; year += step) ticks.push(year);
  return ticks;
}

/** Draw `items` (engagement summaries) into `container`; clicking one calls `onOpen(id)`. */
export function timeline(container, items, { onOpen }) {
  const dated = items
    .filter((item) => item.earliest_date && item.latest_date)
    .sort((a, b) => a.earliest_date.localeCompare(b.earliest_date) || a.id - b.id);
  const undated = items.filter((item) => !(item.earliest_date && item.latest_date));
  if (items.length === 0) {
    showEmpty(container, "No engagements match.");
    return;
  }
  const parts = [];
  if (dated.length > 0) {
    const firstYear = Math.min(...dated.map((item) => Number(item.earliest_date.slice(0, 4))));
    const lastYear = Math.max(...dated.map((item) => Number(item.latest_date.slice(0, 4))));
    const start = Date.UTC(firstYear, 0, 1);
    const end = Date.UTC(lastYear + 1, 0, 1);
    const x = (time) => LABEL + ((time - start) / (end - start)) * (WIDTH - LABEL - RIGHT);
    const height = AXIS + dated.length * ROW + 4;
    const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, class: "timeline", role: "list" });
    for (const year of yearTicks(firstYear, lastYear)) {
      const at = x(Date.UTC(year, 0, 1));
      chart.append(
        svg("line", { x1: at, x2: at, y1: AXIS - 6, y2: height, class: "tick" }),
        svg("text", { x: at, y: AXIS - 10, class: "tick-label", "text-anchor": "middle" }, year),
      );
    }
    dated.forEach((item, index) => {
      const from = x(day(item.earliest_date));
      const width = Math.max(x(day(item.latest_date) + DAY) - from, 3);
      const row = svg(
        "g",
        {
          class: "timeline-item",
          transform: `translate(0 ${AXIS + index * ROW})`,
          role: "button",
          tabindex: 0,
          "data-testid": "timeline-item",
          "data-id": item.id,
          "data-earliest": item.earliest_date,
          "data-latest": item.latest_date,
        },
        svg("title", {}, `${item.title} (${item.earliest_date} – ${item.latest_date})`),
        svg("text", { x: LABEL - 8, y: ROW / 2, class: "label", "text-anchor": "end", "dominant-baseline": "middle" }, shorten(item.title)),
        svg("rect", { x: from, y: 4, width, height: ROW - 8, rx: 2 }),
      );
      row.addEventListener("click", () => onOpen(item.id));
      row.addEventListener("keydown", (event) => event.key === "Enter" && onOpen(item.id));
      chart.append(row);
    });
    parts.push(chart);
  }
  if (undated.length > 0) {
    parts.push(
      h(
        "p",
        { class: "undated", "data-testid": "timeline-undated" },
        `Undated (${undated.length}): `,
        undated.flatMap((item, index) => [index ? ", " : "", h("a", { href: `#engagement-${item.id}` }, item.title)]),
      ),
    );
  }
  container.replaceChildren(...parts);
}
