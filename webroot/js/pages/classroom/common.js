// Shared pieces of the classroom pages: stylesheet, page images, names, error toasts, connection badge.

import { h } from '../../dom.js';
import { t, has } from '../../i18n.js';
import { tokens } from '../../api.js';
import { toastError } from '../../toast.js';
import './strings.js';

export function ensureCss() {
  if (document.querySelector('link[data-cls-css]')) return;
  document.head.append(h('link', { rel: 'stylesheet', href: 'css/classroom.css', dataset: { clsCss: '1' } }));
}

const images = new Map();

/** The courseware page image (1-based on the server) as an object URL; null for a blank whiteboard. */
export async function pageImage(session, page) {
  if (!session.pageCount || page >= session.pageCount) return null;
  const key = `${session.id}/${page}`;
  if (!images.has(key)) {
    images.set(
      key,
      fetch(`/api/v1/classroom/sessions/${session.id}/pages/${page + 1}`, { headers: { Authorization: `Bearer ${tokens.access}` } })
        .then((r) => (r.ok ? r.blob() : null))
        .then((b) => (b ? URL.createObjectURL(b) : null))
        .catch(() => null),
    );
  }
  return images.get(key);
}

export function pageTotal(session) {
  return session.pageCount > 0 ? session.pageCount : 50;
}

export function roomName(session, id) {
  const room = session.classrooms.find((c) => c.terminalId === Number(id));
  return room ? room.name : `#${id}`;
}

export function showError(m) {
  const key = `cls.error.${m.code}`;
  toastError(has(key) ? t(key) : t('cls.error.other', { code: m.code }));
}

export function connectionBadge(sync) {
  const el = h('span', { class: 'cls-conn', role: 'status', dataset: { testid: 'cls-conn' } });
  const paint = (status) => {
    el.className = `cls-conn cls-conn-${status}`;
    el.dataset.status = status;
    el.textContent = t(`cls.conn.${status}`);
  };
  paint(sync.status);
  sync.on('status', paint);
  return el;
}

export function optionLabel(kind, i) {
  if (kind === 'truefalse') return t(i === 0 ? 'cls.quiz.true' : 'cls.quiz.false');
  return String.fromCharCode(65 + i);
}

export function timeOf(ms) {
  return new Date(ms).toLocaleTimeString();
}

/** A countdown label that ticks while mounted. */
export function timerLabel(getEndsAt, ctx) {
  const el = h('span', { class: 'cls-timer', dataset: { testid: 'cls-timer' } });
  const tick = () => {
    const left = Math.max(0, getEndsAt() - Date.now());
    el.textContent = getEndsAt() ? `${String(Math.floor(left / 60000)).padStart(2, '0')}:${String(Math.floor((left % 60000) / 1000)).padStart(2, '0')}` : '--:--';
    el.classList.toggle('cls-timer-done', getEndsAt() > 0 && left === 0);
  };
  tick();
  const id = setInterval(tick, 500);
  ctx.onCleanup(() => clearInterval(id));
  return el;
}
