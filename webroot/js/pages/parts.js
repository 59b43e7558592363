// Pieces shared by the administration pages: member-cap bar, data table, tabs.

import { h } from '../dom.js';
import { t } from '../i18n.js';

/** "成员校 x / cap" with a progress bar; turns amber near the cap and red at it. */
export function capBar(count, cap) {
  const ratio = cap > 0 ? Math.min(1, count / cap) : 0;
  const state = count >= cap ? 'full' : ratio >= 0.67 ? 'near' : 'ok';
  const fill = h('div', { class: 'progress-fill' });
  fill.style.width = `${Math.round(ratio * 100)}%`;
  return h(
    'div',
    { class: `cap cap-${state}`, dataset: { testid: 'member-cap' } },
    h('div', { class: 'cap-label' }, t('schools.capProgress', { n: count, cap })),
    h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(cap), 'aria-valuenow': String(count), 'aria-label': t('schools.capProgress', { n: count, cap }) }, fill),
  );
}

/**
 * A table. columns: [{ label, cell(row) → node|string, className }]; rowProps(row) → attributes.
 */
export function table(columns, rows, { testid, rowProps, caption } = {}) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table', dataset: { testid } },
      caption ? h('caption', { class: 'sr-only' }, caption) : null,
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)))),
      h(
        'tbody',
        null,
        rows.map((row) => h('tr', rowProps ? rowProps(row) : null, columns.map((c) => h('td', { class: c.className, dataset: { label: c.label } }, c.cell(row))))),
      ),
    ),
  );
}

/** A small statistic tile. */
export function stat(labelText, value, extra, testid) {
  return h('div', { class: 'stat card', dataset: { testid } }, h('p', { class: 'stat-label' }, labelText), h('p', { class: 'stat-value' }, value ?? t('common.none')), extra || null);
}
