// The filtered engagements as table rows; a row (or its title link) opens the detail panel.
import { h } from "./dom.js";
import { countryName, dateRange, humanize } from "./labels.js";

export function detailHash(id) {
  return `#engagement-${id}`;
}

/** Fill `tbody` with one row per engagement summary; `selectedId` is highlighted. */
export function renderTable(tbody, items, selectedId) {
  if (items.length === 0) {
    tbody.replaceChildren(h("tr", {}, h("td", { colspan: 6, class: "empty", "data-testid": "empty" }, "No engagements match.")));
    return;
  }
  tbody.replaceChildren(
    ...items.map((item) => {
      const row = h(
        "tr",
        { "data-testid": "engagement-row", "data-id": item.id, class: item.id === selectedId ? "selected" : null },
        h("td", { class: "nowrap" }, dateRange(item.start_date, item.end_date)),
        h("td", {}, h("a", { href: detailHash(item.id), "data-testid": "engagement-link" }, item.title)),
        h("td", {}, humanize(item.type)),
        h("td", {}, `${countryName(item.country_a)} – ${countryName(item.country_b)}`),
        h("td", {}, item.location ? item.location.name : ""),
        h("td", { class: "number" }, item.edition ?? ""),
      );
      row.addEventListener("click", (event) => {
        if (!event.target.closest("a")) window.location.hash = detailHash(item.id);
      });
      return row;
    }),
  );
}
