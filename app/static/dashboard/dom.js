// Builds elements with DOM APIs only. Record text enters the page as text nodes, never as
// markup: no script of the dashboard parses a string as HTML (tests/api/test_dashboard.py
// checks), so a title or a quote holding "<script>" is shown as those characters.
// Event-handler attributes are refused outright.
const SVG_NS = "http://www.w3.org/2000/svg";

function build(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (name.toLowerCase().startsWith("on")) throw new Error(`refusing handler attribute ${name}`);
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** An HTML element: h("td", {class: "x"}, "text", otherNode). */
export function h(tag, attributes = {}, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** An SVG element, same signature as h(). */
export function svg(tag, attributes = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

/** Replace a container's content with a short note (no data to draw). */
export function showEmpty(container, message) {
  container.replaceChildren(h("p", { class: "empty", "data-testid": "empty" }, message));
}
