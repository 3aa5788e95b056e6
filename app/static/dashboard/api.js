// Reads the API on this page's own origin; an API key, when the server closes reading, is
// kept in sessionStorage (this tab only) and sent as a bearer token.
const KEY_STORAGE = "engagements.apiKey";
const MAX_ROWS = 5000; // a dashboard, not an export: stop following `next` past this

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

export function storedKey() {
  return sessionStorage.getItem(KEY_STORAGE) || "";
}

export function storeKey(key) {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

/** A same-origin URL for `path` with the non-empty `params` as its query. */
export function apiUrl(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) url.searchParams.set(name, value);
  }
  return url;
}

async function fetchJson(url) {
  const headers = { Accept: "application/json" };
  const key = storedKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  const response = await fetch(url, { headers, credentials: "same-origin" });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(response.status, problem && problem.detail);
  }
  return response.json();
}

export function getJson(path, params) {
  return fetchJson(apiUrl(path, params));
}

/** Every item of a paginated list, following `next` (kept on this origin whatever host it names). */
export async function getAll(path, params) {
  let page = await getJson(path, { ...params, limit: 200 });
  const items = [...page.items];
  while (page.next && items.length < MAX_ROWS) {
    const next = new URL(page.next, window.location.origin);
    page = await fetchJson(new URL(next.pathname + next.search, window.location.origin));
    items.push(...page.items);
  }
  return { items, total: page.total };
}
