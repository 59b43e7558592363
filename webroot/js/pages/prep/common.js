// Shared helpers of the prep pages: the stylesheet, dates and times, labels.

import { t, langTag } from '../../i18n.js';

export function useStyles() {
  if (!document.querySelector('link[data-prep-css]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = 'css/prep.css';
    link.dataset.prepCss = '1';
    document.head.append(link);
  }
}

export function when(iso) {
  const d = new Date(iso);
  return d.toLocaleString(langTag(), { month: 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

export function dayKey(iso) {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function repeatText(a) {
  if (!a.repeatDays || !a.repeatDays.length) return '';
  return t('prep.everyWeek', { days: a.repeatDays.map((d) => t(`prep.day.${d}`)).join(t('common.listSep')) });
}
