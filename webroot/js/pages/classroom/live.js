// The live views of a session: master console, classroom terminal, observer. Which one opens depends on the
// seat the server gives (myRole); the server checks every action again.

import { h, mount, loading, failure, confirmDialog } from '../../dom.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { href } from '../../router.js';
import { Sync } from './sync.js';
import { createBoard } from './board.js';
import { ensureCss, connectionBadge, showError, pageTotal, timerLabel } from './common.js';
import { masterMedia, classroomMedia } from './media.js';
import { quizPanel, handsPanel, chatPanel, tilesPanel, timerPanel, notesPanel } from './panels.js';

export async function render(view, params, ctx) {
  ensureCss();
  mount(view, loading());
  let session;
  try {
    session = await api(`/classroom/sessions/${params.id}`);
  } catch (error) {
    if (ctx.alive()) mount(view, failure(error, () => render(view, params, ctx)));
    return;
  }
  if (!ctx.alive()) return;
  const role = session.myRole;
  const sync = new Sync(session.id, role, role === 'classroom' ? session.myClassroom : null);
  sync.on('error', (m) => m.code !== 'no_such_peer' && showError(m));
  ctx.onCleanup(() => sync.stop());
  const build = role === 'master' ? master : role === 'classroom' ? terminal : observer;
  mount(view, build(session, sync, ctx));
  sync.start();
}

function header(session, sync, ...extra) {
  return h(
    'header',
    { class: 'cls-top' },
    h('a', { class: 'btn btn-quiet btn-small', href: href('/classroom') }, '‹ ', t('cls.back')),
    h('h1', { class: 'cls-title' }, session.title),
    connectionBadge(sync),
    ...extra,
  );
}

function endedBanner(sync) {
  const el = h('div', { class: 'cls-ended', hidden: true, dataset: { testid: 'cls-ended' } }, t('cls.ended'));
  sync.on('state', ({ state }) => (el.hidden = !state.ended));
  return el;
}

function followPointer(sync, board) {
  sync.on('message', (m) => m.type === 'pointer' && board.setPointer(m));
}

function master(session, sync, ctx) {
  const board = createBoard({
    session,
    input: 'send',
    onStroke: (s) => sync.send({ type: 'stroke', ...s }),
    onPointer: (p) => sync.volatile({ type: 'pointer', ...p }),
  });
  ctx.onCleanup(() => board.destroy());
  const total = pageTotal(session);
  const pageLabel = h('span', { class: 'cls-page-label', dataset: { testid: 'cls-page-label' } });
  const go = (n) => n >= 0 && n < total && sync.send({ type: 'page', page: n });
  const tools = ['pen', 'highlighter', 'eraser', 'pointer'].map((tool) => h('button', { class: 'btn btn-small cls-tool', dataset: { tool, testid: `cls-tool-${tool}` }, onClick: () => pick(tool) }, t(`cls.tool.${tool}`)));
  const pick = (tool) => {
    board.setTool(tool);
    tools.forEach((b) => b.classList.toggle('active', b.dataset.tool === tool));
  };
  pick('pen');
  const colors = ['#d9645a', '#3b82c4', '#1a7f37', '#222222'].map((c) => h('button', { class: 'cls-swatch', title: c, 'aria-label': c, dataset: { color: c }, onClick: () => board.setColor(c) }));
  colors.forEach((b) => (b.style.background = b.dataset.color));
  const browse = h('button', { class: 'btn btn-small', dataset: { testid: 'cls-browse' }, onClick: () => sync.send({ type: 'browse', free: !sync.state.freeBrowse }) });
  const paint = (state) => {
    board.setPage(state.page);
    board.setStrokes(state.strokes[state.page]);
    pageLabel.textContent = t('cls.page', { n: state.page + 1, total });
    browse.textContent = state.freeBrowse ? t('cls.follow') : t('cls.free');
  };
  sync.on('state', ({ state }) => paint(state));
  paint(sync.state);
  const endBtn = h('button', { class: 'btn btn-danger btn-small', dataset: { testid: 'cls-end' }, onClick: async () => (await confirmDialog(t('cls.end.confirm'), t('cls.end'), true)) && sync.send({ type: 'end' }) }, t('cls.end'));
  const toolbar = h(
    'div',
    { class: 'cls-toolbar' },
    h('button', { class: 'btn', dataset: { testid: 'cls-prev' }, onClick: () => go(sync.state.page - 1) }, '◀ ', t('cls.prev')),
    pageLabel,
    h('button', { class: 'btn', dataset: { testid: 'cls-next' }, onClick: () => go(sync.state.page + 1) }, t('cls.next'), ' ▶'),
    h('span', { class: 'cls-sep' }),
    tools,
    colors,
    h('button', { class: 'btn btn-small btn-quiet', dataset: { testid: 'cls-clear' }, onClick: () => sync.send({ type: 'clear', page: sync.state.page }) }, t('cls.clear')),
    h('span', { class: 'cls-sep' }),
    browse,
    h('button', { class: 'btn btn-small', dataset: { testid: 'cls-pullback' }, onClick: () => sync.send({ type: 'pullback' }) }, t('cls.pullBack')),
  );
  return h(
    'div',
    { class: 'cls-live cls-master', dataset: { testid: 'cls-master' } },
    header(session, sync, timerLabel(() => sync.state.timerEndsAt, ctx), endBtn),
    endedBanner(sync),
    h('div', { class: 'cls-main' }, h('div', { class: 'cls-stage' }, toolbar, board.el), h('aside', { class: 'cls-side' }, masterMedia(sync, session, ctx), tilesPanel(sync, session), quizPanel(sync, session, ctx, 'master'), handsPanel(sync, session, 'master'), chatPanel(sync, session, 'master'), timerPanel(sync, ctx, 'master'))),
  );
}

/** The classroom's student answer link (code + page), shown on the terminal so that students can type it. */
function studentLink(session, sync) {
  const room = (session.classrooms || []).find((c) => c.terminalId === sync.classroom);
  if (!room || !room.joinCode) return '';
  const url = `${location.origin}/student.html?code=${room.joinCode}`;
  return h('section', { class: 'cls-panel', dataset: { testid: 'cls-student-link' } }, h('h3', null, t('cls.students.title')), h('p', null, t('cls.students.hint')), h('p', { class: 'cls-totals' }, `${t('cls.students.code')}: ${room.joinCode}`), h('p', null, h('a', { href: url, target: '_blank', rel: 'noopener' }, url)));
}

function terminal(session, sync, ctx) {
  const board = createBoard({ session, input: 'local' });
  ctx.onCleanup(() => board.destroy());
  followPointer(sync, board);
  const total = pageTotal(session);
  let viewPage = 0;
  let following = true;
  let pullBacks = sync.state.pullBacks;
  const pageLabel = h('span', { class: 'cls-page-label', dataset: { testid: 'cls-page-label' } });
  const modeLabel = h('span', { class: 'cls-mode' });
  const prev = h('button', { class: 'btn', onClick: () => browseTo(viewPage - 1) }, '◀');
  const next = h('button', { class: 'btn', onClick: () => browseTo(viewPage + 1) }, '▶');
  const back = h('button', { class: 'btn btn-primary', onClick: () => follow() }, t('cls.backToMaster'));
  const show = () => {
    const state = sync.state;
    board.setPage(viewPage);
    board.setStrokes(state.strokes[viewPage]);
    pageLabel.textContent = t('cls.page', { n: viewPage + 1, total });
    prev.hidden = next.hidden = !state.freeBrowse;
    back.hidden = !state.freeBrowse || following;
    modeLabel.textContent = state.freeBrowse ? t('cls.freeOn') : t('cls.following');
    sync.volatile({ type: 'view', page: viewPage, following });
  };
  const follow = () => {
    following = true;
    viewPage = sync.state.page;
    show();
  };
  const browseTo = (n) => {
    if (n < 0 || n >= total || !sync.state.freeBrowse) return;
    following = n === sync.state.page;
    viewPage = n;
    show();
  };
  sync.on('state', ({ state }) => {
    if (!state.freeBrowse || state.pullBacks !== pullBacks || following) {
      pullBacks = state.pullBacks;
      following = true;
      viewPage = state.page;
    }
    show();
  });
  const banner = h('div', { class: 'cls-reconnecting', hidden: true, role: 'alert', dataset: { testid: 'cls-reconnecting' } }, t('cls.conn.reconnecting'));
  sync.on('status', (s) => (banner.hidden = s !== 'reconnecting' && s !== 'connecting'));
  const present = h('input', { class: 'input cls-count', type: 'number', min: 0, max: 1000, dataset: { testid: 'cls-attendance' } });
  const attendance = h('form', { class: 'cls-row' }, present, h('button', { class: 'btn', type: 'submit' }, t('cls.attendance.save')));
  attendance.addEventListener('submit', (ev) => {
    ev.preventDefault();
    sync.send({ type: 'attendance', present: Math.max(0, Math.min(1000, Math.round(Number(present.value) || 0))) });
  });
  sync.on('state', ({ state }) => {
    const mine = state.attendance[sync.classroom];
    if (mine != null && document.activeElement !== present) present.value = String(mine);
  });
  const root = h(
    'div',
    { class: 'cls-live cls-terminal', dataset: { testid: 'cls-terminal' } },
    header(
      session,
      sync,
      timerLabel(() => sync.state.timerEndsAt, ctx),
      h('button', { class: 'btn btn-small', onClick: () => (document.fullscreenElement ? document.exitFullscreen() : root.requestFullscreen?.()) }, t('cls.fullscreen')),
    ),
    banner,
    endedBanner(sync),
    h(
      'div',
      { class: 'cls-main' },
      h('div', { class: 'cls-stage' }, h('div', { class: 'cls-toolbar' }, prev, pageLabel, next, modeLabel, back, h('span', { class: 'cls-sep' }), h('span', { class: 'muted' }, t('cls.local')), h('button', { class: 'btn btn-small btn-quiet', onClick: () => board.clearLocal() }, t('cls.local.clear'))), board.el),
      h('aside', { class: 'cls-side' }, classroomMedia(sync, session, ctx), studentLink(session, sync), quizPanel(sync, session, ctx, 'classroom'), handsPanel(sync, session, 'classroom'), h('section', { class: 'cls-panel' }, h('h3', null, t('cls.attendance')), attendance), chatPanel(sync, session, 'classroom')),
    ),
  );
  show();
  return root;
}

function observer(session, sync, ctx) {
  const board = createBoard({ session, input: 'none' });
  ctx.onCleanup(() => board.destroy());
  followPointer(sync, board);
  const pageLabel = h('span', { class: 'cls-page-label', dataset: { testid: 'cls-page-label' } });
  sync.on('state', ({ state }) => {
    board.setPage(state.page);
    board.setStrokes(state.strokes[state.page]);
    pageLabel.textContent = t('cls.page', { n: state.page + 1, total: pageTotal(session) });
  });
  return h(
    'div',
    { class: 'cls-live cls-observer', dataset: { testid: 'cls-observer' } },
    header(session, sync, h('span', { class: 'badge' }, t('cls.readOnly')), timerLabel(() => sync.state.timerEndsAt, ctx)),
    endedBanner(sync),
    h('div', { class: 'cls-main' }, h('div', { class: 'cls-stage' }, h('div', { class: 'cls-toolbar' }, pageLabel), board.el), h('aside', { class: 'cls-side' }, notesPanel(sync, session), tilesPanel(sync, session), quizPanel(sync, session, ctx, 'observer'), handsPanel(sync, session, 'observer'), chatPanel(sync, session, 'observer'))),
  );
}
