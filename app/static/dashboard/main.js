// Wires the dashboard: filters -> one round of API reads -> charts, timeline, map and table
// together; a row, bar or link naming "#engagement-<id>" opens that engagement's detail.
import { ApiError, getAll, getJson, storeKey } from "./api.js";
import { barChart } from "./charts.js";
import { renderDetail } from "./detail.js";
import { h } from "./dom.js";
import { FILTERS, fillSelect, fromUrl, toUrl, writeForm } from "./filters.js";
import { countryName, humanize } from "./labels.js";
import { renderMap } from "./map.js";
import { renderTable } from "./table.js";
import { timeline } from "./timeline.js";

const byId = (id) => document.getElementById(id);
const page = {
  dashboard: byId("dashboard"),
  form: byId("filters"),
  status: byId("status-message"),
  total: byId("engagement-total"),
  years: byId("year-chart"),
  statuses: byId("status-chart"),
  types: byId("type-chart"),
  timeline: byId("timeline"),
  map: byId("map"),
  legend: byId("map-legend"),
  rows: document.querySelector("#engagement-table tbody"),
  detail: byId("engagement-detail"),
  officials: byId("official-names"),
  keyPanel: byId("api-key-panel"),
  keyForm: byId("api-key-form"),
};

let filters = fromUrl();
let generation = 0; // answers to an older filter are dropped when a newer one was asked
let selectedId = null;

function setStatus(message, kind = "") {
  page.status.textContent = message;
  page.status.className = `status ${kind}`;
}

function showError(error) {
  page.dashboard.dataset.state = "error";
  if (error instanceof ApiError && error.status === 401) {
    setStatus("This server needs an API key to read: enter one under “API key” above.", "error");
    page.keyPanel.open = true;
  } else {
    setStatus(`Could not load the data: ${error.message}`, "error");
  }
}

const byYear = (a, b) => (a.year === null) - (b.year === null) || a.year - b.year;

async function loadChoices() {
  const [years, types, pairs, people] = await Promise.all([
    getJson("/stats/engagements/by-year"),
    getJson("/stats/engagements/by-type"),
    getJson("/stats/engagements/by-country-pair"),
    getJson("/participants", { limit: 200 }),
  ]);
  const yearsKnown = years.filter((row) => row.year !== null).map((row) => String(row.year));
  fillSelect(page.form.elements.year, yearsKnown.reverse().map((year) => ({ value: year, label: year })));
  const countries = [...new Set(pairs.flatMap((pair) => [pair.country_a, pair.country_b]))];
  const named = countries.map((code) => ({ value: code, label: `${countryName(code)} (${code})` }));
  fillSelect(page.form.elements.country, named.sort((a, b) => a.label.localeCompare(b.label)));
  fillSelect(page.form.elements.type, types.map((row) => ({ value: row.type, label: humanize(row.type) })));
  page.officials.replaceChildren(...people.items.map((person) => h("option", { value: person.name })));
  writeForm(page.form, filters);
}

async function refresh() {
  const mine = ++generation;
  toUrl(filters);
  page.dashboard.dataset.state = "loading";
  setStatus("Loading…");
  try {
    await draw(mine);
  } catch (error) {
    if (mine === generation) showError(error);
  }
}

async function draw(mine) {
  const [list, years, places, statuses, types] = await Promise.all([
    getAll("/engagements", filters),
    getJson("/stats/engagements/by-year", filters),
    getJson("/stats/engagements/by-location", filters),
    getJson("/stats/agreed-actions/by-status", filters),
    getJson("/stats/engagements/by-type", filters),
  ]);
  if (mine !== generation) return;
  page.total.textContent = String(list.total);
  barChart(
    page.years,
    [...years].sort(byYear).map((row) => ({ key: row.year ?? "", label: row.year ?? "undated", count: row.count })),
    { testid: "year-bar", selected: filters.year, onSelect: (year) => setFilter("year", year), empty: "No engagements match." },
  );
  barChart(
    page.statuses,
    statuses.map((row) => ({ key: row.status, label: humanize(row.status), count: row.count })),
    { testid: "status-bar", empty: "No agreed actions recorded." },
  );
  barChart(
    page.types,
    types.map((row) => ({ key: row.type, label: humanize(row.type), count: row.count })),
    { testid: "type-bar", selected: filters.type, onSelect: (type) => setFilter("type", type), empty: "No engagements match." },
  );
  timeline(page.timeline, list.items, { onOpen: (id) => (window.location.hash = `#engagement-${id}`) });
  renderTable(page.rows, list.items, selectedId);
  await renderMap(page.map, page.legend, places);
  if (mine !== generation) return;
  const shown = list.items.length;
  setStatus(shown < list.total ? `The table and timeline show the first ${shown} of ${list.total}: narrow the filters to see the rest.` : "");
  page.dashboard.dataset.state = "ready";
}

function setFilter(name, value) {
  if (filters[name] === value) return; // the name box reports both while typing and on leaving it
  filters = { ...filters, [name]: value };
  writeForm(page.form, filters);
  refresh();
}

function closeDetail() {
  selectedId = null;
  page.detail.hidden = true;
  page.detail.replaceChildren();
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  for (const row of page.rows.querySelectorAll("tr.selected")) row.classList.remove("selected");
}

async function openDetail() {
  const match = /^#engagement-(\d+)$/.exec(window.location.hash);
  if (!match) return;
  selectedId = Number(match[1]);
  page.detail.dataset.state = "loading";
  for (const row of page.rows.querySelectorAll("tr")) row.classList.toggle("selected", row.dataset.id === match[1]);
  try {
    const detail = await getJson(`/engagements/${selectedId}`);
    renderDetail(page.detail, detail, { onClose: closeDetail, onOfficial: (name) => setFilter("official", name) });
    page.detail.dataset.state = "ready";
    page.detail.scrollIntoView({ block: "start" });
  } catch (error) {
    page.detail.dataset.state = "error";
    showError(error);
  }
}

let typing = null;
page.form.addEventListener("input", (event) => {
  if (event.target.name !== "official") return;
  clearTimeout(typing);
  typing = setTimeout(() => setFilter("official", event.target.value.trim()), 300);
});
page.form.addEventListener("change", (event) => {
  if (FILTERS.includes(event.target.name)) {
    clearTimeout(typing);
    setFilter(event.target.name, event.target.value.trim());
  }
});
page.form.addEventListener("submit", (event) => event.preventDefault());
page.form.addEventListener("reset", (event) => {
  event.preventDefault();
  filters = Object.fromEntries(FILTERS.map((name) => [name, ""]));
  writeForm(page.form, filters);
  refresh();
});
page.keyForm.addEventListener("submit", (event) => {
  event.preventDefault();
  storeKey(page.keyForm.elements.key.value.trim());
  page.keyForm.elements.key.value = "";
  start();
});
byId("api-key-forget").addEventListener("click", () => {
  storeKey("");
  start();
});
window.addEventListener("hashchange", openDetail);

function start() {
  loadChoices().catch(showError);
  refresh();
  openDetail();
}

writeForm(page.form, filters);
start();
