// One engagement in full: its officials with rank, title and organization as of then, the
// agreed actions, and every source document with the quotes that support the facts.
import { h } from "./dom.js";
import { countryName, dateRange, humanize } from "./labels.js";

function facts(detail) {
  const rows = [
    ["When", dateRange(detail.start_date, detail.end_date)],
    ["Countries", `${countryName(detail.country_a)} – ${countryName(detail.country_b)}`],
    ["Type", `${humanize(detail.type)}, ${humanize(detail.mode)}, ${humanize(detail.status)}`],
    ["Where", detail.location ? `${detail.location.name} (${countryName(detail.location.country_code)})` : "not given"],
    ["Series", detail.series ? `${detail.series.name}${detail.edition ? `, edition ${detail.edition}` : ""}` : ""],
    ["Agreed actions reported", detail.agreed_actions_reported ?? ""],
    ["Review", `${humanize(detail.review_state)} (${humanize(detail.origin)})`],
  ];
  return h("dl", { class: "facts" }, rows.filter(([, value]) => value !== "").flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

function participants(detail, onOfficial) {
  if (detail.participants.length === 0) return h("p", { class: "empty" }, "No officials recorded.");
  return h(
    "table",
    { "data-testid": "detail-participants" },
    h("thead", {}, h("tr", {}, ["Official", "Country", "Rank", "Title", "Organization", "Role", ""].map((name) => h("th", {}, name)))),
    h(
      "tbody",
      {},
      detail.participants.map((part) => {
        const organization = part.organization ? `${part.organization.name}${part.organization.acronym ? ` (${part.organization.acronym})` : ""}` : "";
        const only = h("button", { type: "button", class: "link", "data-testid": "filter-by-official" }, "only this official");
        only.addEventListener("click", () => onOfficial(part.person.name));
        return h(
          "tr",
          { "data-testid": "detail-participant", "data-person-id": part.person.id },
          h("td", {}, h("a", { href: `/participants/${part.person.id}`, "data-testid": "participant-link" }, part.person.name)),
          h("td", {}, countryName(part.country_code || part.person.country_code)),
          h("td", {}, part.rank ?? ""),
          h("td", {}, part.title ?? ""),
          h("td", {}, organization),
          h("td", {}, humanize(part.role)),
          h("td", {}, only),
        );
      }),
    ),
  );
}

function agreedActions(detail) {
  if (detail.agreed_actions.length === 0) return h("p", { class: "empty" }, "No agreed actions recorded.");
  return h(
    "ul",
    { "data-testid": "detail-actions" },
    detail.agreed_actions.map((action) =>
      h("li", {}, action.description, " ", h("span", { class: `tag ${action.status}` }, humanize(action.status)), action.horizon ? ` (${action.horizon})` : ""),
    ),
  );
}

function sources(detail) {
  if (detail.sources.length === 0) return h("p", { class: "empty" }, "No source documents.");
  return h("div", { class: "sources" }, detail.sources.map((source) => {
    const documentName = source.document.title || source.document.source_ref;
    return h(
      "article",
      { class: "source", "data-testid": "detail-source", "data-document-id": source.document.id },
      h(
        "h4",
        {},
        h("a", { href: `/documents/${source.document.id}`, "data-testid": "document-link" }, documentName),
        source.document.publisher ? `, ${source.document.publisher}` : "",
        source.document.published_date ? `, ${source.document.published_date}` : "",
      ),
      source.evidence.map((evidence) =>
        h(
          "blockquote",
          { "data-testid": "detail-evidence", "data-evidence-id": evidence.id },
          h("p", {}, evidence.quote),
          h("footer", {}, `${humanize(evidence.fact_type)} · rule ${evidence.rule ?? "none"} · characters ${evidence.start}–${evidence.end}`),
        ),
      ),
    );
  }));
}

function warnings(detail) {
  if (detail.warnings.length === 0) return "";
  return h("div", {}, h("h3", {}, "Data-quality warnings"), h("ul", { "data-testid": "detail-warnings" }, detail.warnings.map((warning) => h("li", {}, warning.message))));
}

/** Show `detail` (GET /engagements/{id}) in `section`. */
export function renderDetail(section, detail, { onClose, onOfficial }) {
  const close = h("button", { type: "button", class: "close", "data-testid": "detail-close" }, "Close");
  close.addEventListener("click", onClose);
  section.replaceChildren(
    h("header", {}, h("h2", { "data-testid": "detail-title" }, detail.title), close),
    h("p", {}, h("a", { href: `/engagements/${detail.id}`, "data-testid": "detail-json" }, `GET /engagements/${detail.id}`), " (JSON)"),
    facts(detail),
    detail.summary ? h("p", { class: "summary" }, detail.summary) : "",
    h("h3", {}, "Officials"),
    participants(detail, onOfficial),
    h("h3", {}, "Agreed actions"),
    agreedActions(detail),
    h("h3", {}, "Sources and evidence"),
    sources(detail),
    warnings(detail),
  );
  section.hidden = false;
  section.dataset.id = detail.id;
}
