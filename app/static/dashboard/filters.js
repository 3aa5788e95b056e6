// The four filters, kept in the page's query string so a filtered view can be bookmarked or shared.
import { h } from "./dom.js";

export const FILTERS = ["year", "country", "official", "type"];

export function writeForm(form, filters) {
  for (const name of FILTERS) {
    const field = form.elements[name];
    const value = filters[name] || "";
    // A select keeps only a value it offers: one from a shared link is added if it is missing.
    if (field.tagName === "SELECT" && value && ![...field.options].some((option) => option.value === value)) {
      field.append(h("option", { value }, value));
    }
    if (field.value.trim() !== value) field.value = value; // keeps a space just typed in the name box
  }
}

export function fromUrl() {
  const query = new URLSearchParams(window.location.search);
  return Object.fromEntries(FILTERS.map((name) => [name, (query.get(name) || "").trim()]));
}

export function toUrl(filters) {
  const url = new URL(window.location.href);
  for (const name of FILTERS) {
    if (filters[name]) url.searchParams.set(name, filters[name]);
    else url.searchParams.delete(name);
  }
  window.history.replaceState(null, "", url);
}

/** Replace a select's choices after its first ("all") option with `choices` ([{value, label}]). */
export function fillSelect(select, choices) {
  const all = select.options[0];
  select.replaceChildren(all, ...choices.map((choice) => h("option", { value: choice.value }, choice.label)));
}
