// Playback: the persisted log replayed with the same reducer, on a timeline (pages, strokes, quizzes, chat).

import { h, mount, loading, failure, empty } from '../../dom.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { href } from '../../router.js';
import { initial, apply, openQuiz } from './state.js';
import { createBoard } from './board.js';
import { ensureCss, roomName, timeOf, optionLabel } from './common.js';

async function loadLog(id) {
  const events = [];
  let after = 0;
  for (let i = 0; i < 200; i++) {
    const page = await api(`/classroom/sessions/${id}/events?after=${after}&limit=5000`);
    events.push(...page.items);
    if (!page.more || !page.items.length) break;
    after = page.items[page.items.length - 1].seq;
  }
  return events;
}

export async function render(view, params, ctx) {
  ensureCss();
  mount(view, loading());
  let session;
  let events;
  try {
    [session, events] = await Promise.all([api(`/classroom/sessions/${params.id}`), loadLog(params.id)]);
  } catch (error) {
    if (ctx.alive()) mount(view, failure(error, () => render(view, params, ctx)));
    return;
  }
  if (!ctx.alive()) return;
  const back = h('a', { class: 'btn btn-quiet btn-small', href: href('/classroom') }, '‹ ', t('cls.back'));
  if (!events.length) {
    mount(view, h('div', { class: 'page cls-page' }, back, h('div', { class: 'card' }, empty(t('cls.playback.empty')))));
    return;
  }
  const board = createBoard({ session, input: 'none' });
  ctx.onCleanup(() => board.destroy());
  const slider = h('input', { type: 'range', min: 0, max: events.length, value: '0', class: 'cls-slider', dataset: { testid: 'cls-slider' } });
  const position = h('span', { class: 'muted' });
  const clock = h('strong', { class: 'cls-clock' });
  const chat = h('ol', { class: 'cls-chat' });
  const quiz = h('div');
  const play = h('button', { class: 'btn btn-primary', dataset: { testid: 'cls-play' } }, t('cls.playback.play'));
  let state = initial();
  let index = 0;
  let timer = null;
  const seek = (target) => {
    if (target < index) {
      state = initial();
      index = 0;
    }
    while (index < target) state = apply(state, events[index++]);
    slider.value = String(index);
    position.textContent = t('cls.playback.position', { i: index, n: events.length });
    clock.textContent = index ? timeOf(events[index - 1].at) : '';
    board.setPage(state.page);
    board.setStrokes(state.strokes[state.page]);
    mount(chat, state.chat.slice(-30).map((c) => h('li', null, h('span', { class: 'cls-chat-who' }, c.classroom ? roomName(session, c.classroom) : t('cls.master')), ` ${timeOf(c.at)} `, c.text)));
    const q = openQuiz(state) || state.quizzes[state.quizzes.length - 1];
    mount(quiz, q ? h('p', null, `${t(`cls.quiz.${q.spec.kind}`)} ${q.spec.question || ''} — `, q.totals.map((n, i) => `${optionLabel(q.spec.kind, i)}: ${n}  `)) : h('p', { class: 'muted' }, t('cls.quiz.none')));
  };
  const stop = () => {
    clearInterval(timer);
    timer = null;
    play.textContent = t('cls.playback.play');
  };
  play.addEventListener('click', () => {
    if (timer) return stop();
    if (index >= events.length) seek(0);
    play.textContent = t('cls.playback.pause');
    // real-time gaps between events, capped so long pauses do not stall the replay
    const step = () => {
      if (index >= events.length) return stop();
      seek(index + 1);
      const gap = index < events.length ? Math.min(1500, Math.max(30, events[index].at - events[index - 1].at)) : 0;
      timer = setTimeout(step, gap);
    };
    timer = setTimeout(step, 0);
  });
  slider.addEventListener('input', () => {
    stop();
    seek(Number(slider.value));
  });
  ctx.onCleanup(() => clearTimeout(timer));
  mount(
    view,
    h(
      'div',
      { class: 'page cls-page cls-playback', dataset: { testid: 'cls-playback' } },
      h('header', { class: 'cls-head' }, back, h('h1', null, `${t('cls.playback')} · ${session.title}`)),
      h('div', { class: 'cls-row' }, play, slider, position, clock),
      h('div', { class: 'cls-main' }, h('div', { class: 'cls-stage' }, board.el), h('aside', { class: 'cls-side' }, h('section', { class: 'cls-panel' }, h('h3', null, t('cls.quiz')), quiz), h('section', { class: 'cls-panel' }, h('h3', null, t('cls.chat')), chat))),
    ),
  );
  seek(events.length);
}
