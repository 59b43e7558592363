// The page board: courseware image, the master's strokes, the laser pointer and (on terminals) a local
// annotation layer. Coordinates are 0..10000 on both axes so every screen agrees.

import { h } from '../../dom.js';
import { pageImage } from './common.js';

const UNIT = 10000;
const MAX_PAIRS = 2000;

function drawStroke(g, w, hgt, s) {
  const p = s.points;
  if (p.length < 2) return;
  g.save();
  g.globalCompositeOperation = s.tool === 'eraser' ? 'destination-out' : 'source-over';
  g.globalAlpha = s.tool === 'highlighter' ? 0.35 : 1;
  g.strokeStyle = s.color;
  g.lineWidth = Math.max(1, (s.width * w) / 1000);
  g.lineCap = 'round';
  g.lineJoin = 'round';
  g.beginPath();
  g.moveTo((p[0] * w) / UNIT, (p[1] * hgt) / UNIT);
  for (let i = 2; i < p.length; i += 2) g.lineTo((p[i] * w) / UNIT, (p[i + 1] * hgt) / UNIT);
  if (p.length === 2) g.lineTo((p[0] * w) / UNIT + 0.1, (p[1] * hgt) / UNIT);
  g.stroke();
  g.restore();
}

/**
 * options: session, input: 'send' (master draws and points), 'local' (terminal's own notes) or 'none';
 * onStroke(stroke), onPointer({page,x,y}).
 */
export function createBoard({ session, input = 'none', onStroke, onPointer }) {
  const img = h('img', { class: 'cls-page-img', alt: '' });
  const blank = h('div', { class: 'cls-page-blank' });
  const ink = h('canvas', { class: 'cls-ink', dataset: { testid: 'cls-ink' } });
  const local = h('canvas', { class: 'cls-ink cls-local' });
  const live = h('canvas', { class: 'cls-live-ink' });
  const pointerDot = h('div', { class: 'cls-pointer', hidden: true, dataset: { testid: 'cls-pointer' } });
  const el = h('div', { class: 'cls-board', dataset: { testid: 'cls-board' } }, blank, img, ink, local, live, pointerDot);
  let page = -1;
  let strokes = [];
  const localStrokes = {};
  let tool = 'pen';
  let color = '#d9645a';
  let width = 4;
  let drawing = null;
  let lastPointerSent = 0;

  function size() {
    const r = el.getBoundingClientRect();
    const w = Math.max(1, Math.round(r.width));
    const hh = Math.max(1, Math.round(r.height));
    [ink, local, live].forEach((c) => {
      if (c.width !== w || c.height !== hh) {
        c.width = w;
        c.height = hh;
      }
    });
    return [w, hh];
  }

  function paint() {
    const [w, hh] = size();
    const g = ink.getContext('2d');
    g.clearRect(0, 0, w, hh);
    strokes.forEach((s) => drawStroke(g, w, hh, s));
    const l = local.getContext('2d');
    l.clearRect(0, 0, w, hh);
    (localStrokes[page] || []).forEach((s) => drawStroke(l, w, hh, s));
  }

  const observer = new ResizeObserver(() => paint());
  observer.observe(el);

  async function setPage(n) {
    if (n === page) return;
    page = n;
    el.dataset.page = String(n);
    const url = await pageImage(session, n);
    if (page !== n) return;
    if (url) {
      img.src = url;
      img.hidden = false;
      blank.hidden = true;
      img.onload = () => {
        el.style.aspectRatio = `${img.naturalWidth} / ${img.naturalHeight}`;
        el.style.setProperty('--ar', String(img.naturalWidth / img.naturalHeight));
        paint();
      };
    } else {
      img.hidden = true;
      blank.hidden = false;
      el.style.aspectRatio = '4 / 3';
      el.style.setProperty('--ar', String(4 / 3));
    }
    paint();
  }

  function setStrokes(list) {
    strokes = list || [];
    el.dataset.strokes = String(strokes.length);
    paint();
  }

  function setPointer(p) {
    if (!p || p.page !== page || p.page < 0) {
      pointerDot.hidden = true;
      return;
    }
    pointerDot.hidden = false;
    pointerDot.style.left = `${(p.x / UNIT) * 100}%`;
    pointerDot.style.top = `${(p.y / UNIT) * 100}%`;
  }

  function toUnits(ev) {
    const r = live.getBoundingClientRect();
    const x = Math.round(Math.min(1, Math.max(0, (ev.clientX - r.left) / r.width)) * UNIT);
    const y = Math.round(Math.min(1, Math.max(0, (ev.clientY - r.top) / r.height)) * UNIT);
    return [x, y];
  }

  function down(ev) {
    if (input === 'none') return;
    if (tool === 'pointer') return;
    live.setPointerCapture(ev.pointerId);
    drawing = { id: `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`, page, tool, color, width: tool === 'highlighter' ? 18 : tool === 'eraser' ? 24 : width, points: toUnits(ev) };
  }

  function move(ev) {
    if (input === 'send' && tool === 'pointer') {
      const now = performance.now();
      if (now - lastPointerSent > 33) {
        lastPointerSent = now;
        const [x, y] = toUnits(ev);
        onPointer?.({ page, x, y });
        setPointer({ page, x, y });
      }
      return;
    }
    if (!drawing || drawing.points.length >= MAX_PAIRS * 2) return;
    drawing.points.push(...toUnits(ev));
    const [w, hh] = size();
    const g = live.getContext('2d');
    g.clearRect(0, 0, w, hh);
    drawStroke(g, w, hh, drawing);
  }

  function up() {
    if (!drawing) return;
    const s = drawing;
    drawing = null;
    const [w, hh] = size();
    live.getContext('2d').clearRect(0, 0, w, hh);
    if (input === 'local') {
      localStrokes[s.page] = [...(localStrokes[s.page] || []), s];
      paint();
    } else {
      strokes = [...strokes, s];
      paint();
      onStroke?.(s);
    }
  }

  function leave() {
    if (input === 'send' && tool === 'pointer') onPointer?.({ page: -1, x: 0, y: 0 });
  }

  live.addEventListener('pointerdown', down);
  live.addEventListener('pointermove', move);
  live.addEventListener('pointerup', up);
  live.addEventListener('pointercancel', up);
  live.addEventListener('pointerleave', leave);
  el.classList.toggle('cls-board-input', input !== 'none');

  return {
    el,
    setPage,
    setStrokes,
    setPointer,
    get page() {
      return page;
    },
    setTool(next) {
      tool = next;
      el.dataset.tool = next;
    },
    setColor(next) {
      color = next;
    },
    clearLocal() {
      delete localStrokes[page];
      paint();
    },
    destroy() {
      observer.disconnect();
    },
  };
}
