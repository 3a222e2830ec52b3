// A tiny element builder. Every text goes in as a text node, never as HTML,
// so applicant names, comments and server messages cannot inject markup.

/**
 * h('button', { type: 'button', onclick: fn, disabled: true }, 'Text', child, [more])
 * Attributes that are false, null or undefined are left out; true sets an
 * empty attribute; functions under on* become event listeners.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked') el[key] = value; // properties, not attributes: they are what a form reads
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let counter = 0;
/** A document-unique id, for label/for and aria-describedby pairs. */
export function uid(prefix = 'f') {
  counter += 1;
  return `${prefix}-${counter}`;
}
