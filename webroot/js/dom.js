// Small DOM helpers. Text always goes in through text nodes, never as HTML,
// so names coming from the API cannot inject markup.

import { t } from './i18n.js';

/**
 * Create an element: h('button', { class: 'btn', onClick: fn, dataset: { testid: 'x' } }, 'text', child).
 * Props: class, dataset, text, on<Event>, value (set after children, so selects work), boolean
 * properties (disabled, checked, required, …) and plain attributes.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  let value;
  for (const [key, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (key === 'class') el.className = v;
    else if (key === 'dataset') Object.entries(v).forEach(([k, dv]) => dv != null && (el.dataset[k] = dv));
    else if (key === 'text') el.textContent = v;
    else if (key === 'value') value = v;
    else if (key.startsWith('on') && typeof v === 'function') el.addEventListener(key.slice(2).toLowerCase(), v);
    else if (v === true) {
      if (key in el) el[key] = true;
      el.setAttribute(key, '');
    } else el.setAttribute(key, String(v));
  }
  append(el, children);
  if (value !== undefined) el.value = value;
  return el;
}

/** Append children: strings and numbers become text nodes, arrays are flattened, null skipped. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Replace an element's content. */
export function mount(el, ...children) {
  clear(el);
  return append(el, children);
}

export function loading(text = t('common.loading')) {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/** An empty state with a title and an optional helpful hint. */
export function empty(title, hint) {
  return h(
    'div',
    { class: 'empty' },
    h('div', { class: 'empty-icon', 'aria-hidden': 'true' }, '○'),
    h('p', { class: 'empty-title' }, title),
    hint ? h('p', { class: 'empty-hint' }, hint) : null,
  );
}

/** A failure panel showing the API's message, with a retry button when given one. */
export function failure(error, retry) {
  return h(
    'div',
    { class: 'failure', role: 'alert' },
    h('p', { class: 'failure-title' }, t('error.loadFailed')),
    h('p', null, error?.message || String(error)),
    retry ? h('button', { class: 'btn', type: 'button', onClick: retry }, t('common.retry')) : null,
  );
}

export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}`.trim() }, text);
}

/** Options for a <select>: [{value, label}] plus an optional leading blank option. */
export function options(list, blankLabel) {
  const opts = list.map((o) => h('option', { value: o.value }, o.label));
  if (blankLabel != null) opts.unshift(h('option', { value: '' }, blankLabel));
  return opts;
}

/** Debounce a function by ms. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A modal confirmation; resolves true when confirmed. */
export function confirmDialog(message, confirmLabel = t('common.confirm'), danger = false) {
  return new Promise((resolve) => {
    const dialog = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title', class: 'dialog-title' }, t('common.confirmTitle')),
      h('p', null, message),
      h(
        'div',
        { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn', dataset: { testid: 'confirm-cancel' }, onClick: () => dialog.close('cancel') }, t('common.cancel')),
        h(
          'button',
          { type: 'button', class: danger ? 'btn btn-danger' : 'btn btn-primary', dataset: { testid: 'confirm-ok' }, onClick: () => dialog.close('ok') },
          confirmLabel,
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A modal holding arbitrary content; returns {dialog, close}. */
export function modal(title, content) {
  const dialog = h(
    'dialog',
    { class: 'dialog dialog-wide', 'aria-label': title },
    h(
      'div',
      { class: 'dialog-head' },
      h('h2', { class: 'dialog-title' }, title),
      h('button', { type: 'button', class: 'btn-icon', 'aria-label': t('common.close'), onClick: () => dialog.close() }, '×'),
    ),
    content,
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, close: () => dialog.close() };
}
