// Building the page from data. Every value from a captured message (subject, address, header, body, file name)
// becomes a text node: nothing here parses a string as HTML, and the page's Trusted Types policy would refuse it.

/**
 * An element: `el('span', {class: 'pill', title: 'TLS'}, 'text', child)`. Strings become text nodes; `null`
 * children are skipped.
 */
export function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else {
      parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** An icon from the page's sprite. */
export function icon(name, extraClass) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', extraClass ? 'icon ' + extraClass : 'icon');
  svg.setAttribute('aria-hidden', 'true');
  const use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
  use.setAttribute('href', '#i-' + name);
  svg.append(use);
  return svg;
}

/** Replaces the children of `parent`. */
export function fill(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

export const byId = (id) => document.getElementById(id);

let toastTimer = 0;

/** A short notice at the bottom of the page. */
export function toast(message, kind) {
  const node = byId('toast');
  node.textContent = message;
  node.dataset.kind = kind || 'info';
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, kind === 'error' ? 8000 : 4000);
}
