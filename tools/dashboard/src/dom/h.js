// Building the DOM without markup: every text the server sends goes in through textContent
// (text nodes), never innerHTML, so a cooperative named "<img src=x onerror=…>" shows as
// those characters and runs nothing.

// h('a', {href: '#/x', class: 'link', dataset: {position: 12}, onclick: fn}, 'text', child…)
// Attributes are set with setAttribute (values as text); `on…` functions become listeners;
// children are nodes or strings (strings become text nodes); null, undefined and false are
// skipped; arrays are flattened.
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'dataset') {
      for (const [key, data] of Object.entries(value)) {
        if (data !== null && data !== undefined) element.dataset[key] = String(data);
      }
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'text') {
      element.textContent = String(value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

// Appends nodes and strings (as text nodes) to `parent`.
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

// Replaces everything inside `parent` with `children`.
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}
