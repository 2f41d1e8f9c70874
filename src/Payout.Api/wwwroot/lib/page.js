// Small helpers shared by the operator console and the demo app. No dependencies, no inline script.

/**
 * Parses a JSON answer keeping every number as the exact text the server sent ("760.06209697"), so amounts are
 * shown as the API gives them and never pass through floating point.
 */
export function parseExact(text) {
  return JSON.parse(text, (key, value, context) => (typeof value === 'number' ? context.source : value));
}

const decimalPattern = /^(0|[1-9][0-9]{0,9})(\.[0-9]{1,8})?$/;

/** True for a plain decimal amount as typed ("12", "0.5", "760.06209697"). */
export function isDecimal(text) {
  return decimalPattern.test(text);
}

/** An amount for a JSON body, sent as a JSON number with exactly the digits typed. */
export function amount(text) {
  if (!isDecimal(text)) {
    throw new Error(`"${text}" is not an amount`);
  }
  return JSON.rawJSON(text);
}

/**
 * Builds an element. Children are nodes or text (text is never parsed as HTML). Attributes starting with "on" are
 * listeners; `class`, `for` and boolean values are handled; null and false are left out.
 */
export function h(tag, attributes = {}, ...children) {
  const svg = ['svg', 'rect', 'text', 'g', 'title', 'line'].includes(tag);
  const element = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of an element. */
export function show(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** "2026-11-23T12:00:03.123+00:00" → "2026-11-23 12:00:03 UTC" (times are not money: Date is fine here). */
export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

/** A table from rows; columns are [heading, row => cell]. */
export function table(columns, rows, attributes = {}) {
  return h('table', attributes,
    h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, 'Nothing to show.'))
      : rows.map(row => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row)))))));
}

/** A form's fields as an object of trimmed strings. */
export function fields(form) {
  return Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value).trim()]));
}
