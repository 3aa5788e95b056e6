// Words shown for codes: country names from the browser's own ICU data (no download).
const regions = new Intl.DisplayNames(["en"], { type: "region" });

export function countryName(code) {
  if (!code) return "";
  try {
    return regions.of(code) || code;
  } catch {
    return code; // not a region code the browser knows
  }
}

/** "staff_talks" -> "staff talks". */
export function humanize(value) {
  return value === null || value === undefined ? "" : String(value).replaceAll("_", " ");
}

/** A partial ISO date and its end, as precise as known: "2025-05-05 – 2025-05-09", "2021", "undated". */
export function dateRange(start, end) {
  if (!start) return "undated";
  return end && end !== start ? `${start} – ${end}` : start;
}
