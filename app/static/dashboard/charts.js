// Horizontal bar charts in SVG: one row per category, the bar's length proportional to its count.
import { showEmpty, svg } from "./dom.js";

const ROW = 26;
const WIDTH = 340;
const LABEL = 100; // room for the category name, right-aligned before the bar
const COUNT = 40; // room for the number after the longest bar

/**
 * Draw `rows` ([{key, label, count}]) into `container`. With `onSelect`, a bar whose key is not
 * empty can be clicked (or chosen with Enter) to filter by it; the `selected` key is highlighted.
 */
export function barChart(container, rows, { testid, selected = "", onSelect = null, empty = "Nothing to show." } = {}) {
  if (rows.length === 0) {
    showEmpty(container, empty);
    return;
  }
  const most = Math.max(...rows.map((row) => row.count), 1);
  const room = WIDTH - LABEL - COUNT;
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${rows.length * ROW}`, class: "bars", role: "list" });
  rows.forEach((row, index) => {
    const length = row.count > 0 ? Math.max((row.count / most) * room, 2) : 0;
    const selectable = onSelect && row.key !== "";
    const bar = svg(
      "g",
      {
        class: String(row.key) === String(selected) && selected !== "" ? "bar selected" : "bar",
        transform: `translate(0 ${index * ROW})`,
        role: selectable ? "button" : "listitem",
        tabindex: selectable ? 0 : null,
        "data-testid": testid,
        "data-key": row.key,
        "data-count": row.count,
      },
      svg("title", {}, `${row.label}: ${row.count}`),
      svg("text", { x: LABEL - 8, y: ROW / 2, class: "label", "text-anchor": "end", "dominant-baseline": "middle" }, row.label),
      svg("rect", { x: LABEL, y: 4, width: length, height: ROW - 8, rx: 2 }),
      svg("text", { x: LABEL + length + 6, y: ROW / 2, class: "count", "dominant-baseline": "middle" }, row.count),
    );
    if (selectable) {
      const choose = () => onSelect(String(row.key) === String(selected) ? "" : String(row.key));
      bar.addEventListener("click", choose);
      bar.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          choose();
        }
      });
    }
    chart.append(bar);
  });
  container.replaceChildren(chart);
}
