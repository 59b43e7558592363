// Toasts in the #toast live region: short notices for success and failure.

import { h, append } from './dom.js';
import { t } from './i18n.js';

const DURATION = { success: 3500, info: 3500, error: 7000 };

/** Show a toast; kind is 'success', 'info' or 'error'. */
export function toast(message, kind = 'info') {
  const area = document.getElementById('toast');
  if (!area) return;
  const item = h(
    'div',
    { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status', dataset: { kind } },
    h('span', { class: 'toast-text' }, message),
  );
  const dismiss = () => {
    item.classList.add('toast-leaving');
    setTimeout(() => item.remove(), 200);
  };
  append(item, [h('button', { type: 'button', class: 'toast-close', 'aria-label': t('common.close'), onClick: dismiss }, '×')]);
  area.append(item);
  setTimeout(dismiss, DURATION[kind] || 4000);
}

export const toastSuccess = (m) => toast(m, 'success');
export const toastError = (m) => toast(m, 'error');
