// Side panels of the live views: quiz, hands, chat, tiles, timer, notes. Each takes the Sync connection and
// repaints itself from the state; commands go through sync.send.

import { h, mount, clear } from '../../dom.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { loadECharts, PALETTE } from '../../charts.js';
import { openQuiz } from './state.js';
import { roomName, optionLabel, timeOf, timerLabel } from './common.js';

function panel(title, testid, ...body) {
  return h('section', { class: 'cls-panel', dataset: { testid } }, h('h3', null, title), ...body);
}

/** Live quiz results as a stacked bar chart (per classroom) with totals in the labels. */
function resultsChart(session, ctx) {
  const el = h('div', { class: 'cls-chart', dataset: { testid: 'cls-quiz-chart' } });
  let chart = null;
  let last = null;
  loadECharts()
    .then((echarts) => {
      if (!ctx.alive()) return;
      chart = echarts.init(el, null, { renderer: 'canvas' });
      const ro = new ResizeObserver(() => chart.resize());
      ro.observe(el);
      ctx.onCleanup(() => {
        ro.disconnect();
        chart.dispose();
      });
      if (last) update(last);
    })
    .catch(() => {});
  function update(quiz) {
    last = quiz;
    el.dataset.totals = quiz ? quiz.totals.join(',') : '';
    if (!chart || !quiz) return;
    const cats = Array.from({ length: quiz.spec.options }, (_, i) => optionLabel(quiz.spec.kind, i));
    const series = Object.entries(quiz.perClassroom || quiz.answers).map(([cid, counts]) => ({ name: roomName(session, cid), type: 'bar', stack: 'all', data: counts, emphasis: { focus: 'series' } }));
    series.push({ name: t('cls.quiz.total'), type: 'bar', stack: 'all', data: quiz.totals.map(() => 0), label: { show: true, position: 'top', fontSize: 16, formatter: (p) => String(quiz.totals[p.dataIndex]) } });
    chart.setOption(
      {
        color: PALETTE,
        animation: false,
        legend: { top: 0, textStyle: { fontSize: 13 } },
        grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', renderMode: 'richText' },
        xAxis: {
          type: 'category',
          data: cats,
          axisLabel: { fontSize: 16, color: (v, i) => (quiz.revealed && quiz.spec.correct.includes(i) ? '#1a7f37' : '#333') },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series,
      },
      true,
    );
  }
  return { el, update };
}

export function quizPanel(sync, session, ctx, role) {
  const body = h('div');
  const chart = resultsChart(session, ctx);
  const launch = role === 'master' ? launchForm(sync) : null;
  let answering = null; // { id, form } while this classroom answers an open quiz: kept, so typing is not lost
  const repaint = (state) => {
    const open = openQuiz(state);
    const last = state.quizzes[state.quizzes.length - 1];
    const shown = open || last;
    if (role === 'classroom' && open && answering?.id === open.spec.id) {
      answering.form.update(open);
      return;
    }
    answering = null;
    clear(body);
    if (!shown) {
      body.append(h('p', { class: 'muted' }, t('cls.quiz.none')));
    } else {
      body.append(h('p', { class: 'cls-question' }, t(`cls.quiz.${shown.spec.kind}`), shown.spec.question ? ` · ${shown.spec.question}` : ''));
      if (role === 'classroom' && open) {
        answering = { id: open.spec.id, form: answerForm(sync, open) };
        body.append(answering.form.el);
      } else if (role === 'classroom' && shown.revealed) {
        body.append(h('p', null, t('cls.quiz.revealed')));
      }
      // classrooms see the totals once the master reveals them, so rooms do not copy each other
      const showTotals = role !== 'classroom' || shown.revealed;
      if (showTotals) body.append(h('p', { class: 'cls-totals', dataset: { testid: 'cls-quiz-totals' } }, shown.totals.map((n, i) => h('span', { class: shown.revealed && shown.spec.correct.includes(i) ? 'cls-correct' : '' }, `${optionLabel(shown.spec.kind, i)}: ${n}`))));
      if (role === 'master' && open) body.append(h('button', { class: 'btn btn-primary', dataset: { testid: 'cls-quiz-reveal' }, onClick: () => sync.send({ type: 'quiz.reveal', quizId: open.spec.id }) }, t('cls.quiz.reveal')));
    }
    chart.el.hidden = role === 'classroom' && !!shown && !shown.revealed;
    chart.update(shown);
    if (launch) launch.hidden = !!open || state.ended;
  };
  sync.on('state', ({ state, event }) => (!event || event.type.startsWith('quiz') ? repaint(state) : null));
  repaint(sync.state);
  return panel(t('cls.quiz'), 'cls-quiz', launch, body, chart.el);
}

function launchForm(sync) {
  const kind = h('select', { class: 'input', dataset: { testid: 'cls-quiz-kind' } }, ['single', 'multiple', 'truefalse'].map((k) => h('option', { value: k }, t(`cls.quiz.${k}`))));
  const options = h('input', { class: 'input', type: 'number', min: 2, max: 10, value: '4', dataset: { testid: 'cls-quiz-options' } });
  const question = h('input', { class: 'input', maxlength: 500, placeholder: t('cls.quiz.question') });
  const correctBox = h('div', { class: 'cls-correct-box' });
  const paintCorrect = () => {
    const n = kind.value === 'truefalse' ? 2 : Math.min(10, Math.max(2, Number(options.value) || 4));
    options.disabled = kind.value === 'truefalse';
    mount(correctBox, Array.from({ length: n }, (_, i) => h('label', { class: 'cls-pick-inline' }, h('input', { type: kind.value === 'multiple' ? 'checkbox' : 'radio', name: 'cls-correct', value: String(i) }), ` ${optionLabel(kind.value, i)}`)));
  };
  kind.addEventListener('change', paintCorrect);
  options.addEventListener('input', paintCorrect);
  paintCorrect();
  const form = h(
    'form',
    { class: 'cls-launch' },
    h('div', { class: 'cls-row' }, kind, options),
    question,
    h('div', { class: 'muted' }, t('cls.quiz.correct')),
    correctBox,
    h('button', { class: 'btn btn-primary', type: 'submit', dataset: { testid: 'cls-quiz-launch' } }, t('cls.quiz.launch')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const correct = [...correctBox.querySelectorAll('input:checked')].map((i) => Number(i.value));
    const payload = { type: 'quiz.launch', id: `q${Date.now().toString(36)}`, kind: kind.value, options: kind.value === 'truefalse' ? 2 : Number(options.value), correct };
    if (question.value.trim()) payload.question = question.value.trim();
    sync.send(payload);
  });
  return form;
}

function answerForm(sync, quiz) {
  const earlier = quiz.answers[sync.classroom];
  const inputs = Array.from({ length: quiz.spec.options }, (_, i) => h('input', { class: 'input cls-count', type: 'number', min: 0, max: 1000, value: String(earlier ? earlier[i] : 0), 'aria-label': t('cls.quiz.count', { o: optionLabel(quiz.spec.kind, i) }), dataset: { testid: `cls-answer-${i}` } }));
  const note = h('p', { class: 'muted', dataset: { testid: 'cls-answered' } });
  const el = h(
    'form',
    { class: 'cls-answer' },
    h('div', { class: 'cls-answer-grid' }, inputs.map((input, i) => h('label', null, h('span', { class: 'cls-opt' }, optionLabel(quiz.spec.kind, i)), input))),
    h('button', { class: 'btn btn-primary btn-block', type: 'submit', dataset: { testid: 'cls-answer-submit' } }, t('cls.quiz.answer')),
    note,
  );
  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    sync.send({ type: 'quiz.answer', quizId: quiz.spec.id, counts: inputs.map((i) => Math.max(0, Math.min(1000, Math.round(Number(i.value) || 0)))) });
  });
  const update = (q) => {
    const mine = q.answers[sync.classroom];
    note.textContent = mine ? t('cls.quiz.answered') : '';
  };
  update(quiz);
  return { el, update };
}

export function handsPanel(sync, session, role) {
  const body = h('div');
  const repaint = (state) => {
    clear(body);
    if (state.speaking) {
      body.append(h('p', { class: 'cls-speaking', dataset: { testid: 'cls-speaking' } }, t('cls.hands.speaking', { name: roomName(session, state.speaking) }), role === 'master' || (role === 'classroom' && state.speaking === Number(sync.classroom)) ? h('button', { class: 'btn btn-small', onClick: () => sync.send({ type: 'hand.lower', classroom: role === 'master' ? state.speaking : 0 }) }, t('cls.hands.stopSpeaking')) : null));
    }
    if (role === 'classroom') {
      const raised = state.hands.includes(Number(sync.classroom));
      body.append(h('button', { class: `btn btn-block ${raised ? '' : 'btn-primary'} cls-big`, dataset: { testid: 'cls-raise' }, disabled: state.ended, onClick: () => sync.send(raised ? { type: 'hand.lower' } : { type: 'hand.raise' }) }, raised ? `${t('cls.hands.raised')} · ${t('cls.hands.lower')}` : `✋ ${t('cls.hands.raise')}`));
      return;
    }
    if (!state.hands.length) body.append(h('p', { class: 'muted' }, t('cls.hands.none')));
    body.append(
      h(
        'ol',
        { class: 'cls-hands', dataset: { testid: 'cls-hands' } },
        state.hands.map((c) =>
          h(
            'li',
            { dataset: { classroom: String(c) } },
            h('span', null, roomName(session, c)),
            role === 'master'
              ? h('span', { class: 'cls-row' }, h('button', { class: 'btn btn-small btn-primary', onClick: () => sync.send({ type: 'hand.grant', classroom: c }) }, t('cls.hands.grant')), h('button', { class: 'btn btn-small btn-quiet', onClick: () => sync.send({ type: 'hand.lower', classroom: c }) }, t('cls.hands.lower')))
              : null,
          ),
        ),
      ),
    );
  };
  sync.on('state', ({ state, event }) => (!event || event.type.startsWith('hand') || event.type === 'end' ? repaint(state) : null));
  repaint(sync.state);
  return panel(t('cls.hands'), 'cls-hands-panel', body);
}

export function chatPanel(sync, session, role) {
  const list = h('ol', { class: 'cls-chat', dataset: { testid: 'cls-chat' } });
  const input = h('input', { class: 'input', maxlength: 500, placeholder: t('cls.chat.placeholder'), dataset: { testid: 'cls-chat-input' } });
  const muteBtn = role === 'master' ? h('button', { class: 'btn btn-small', type: 'button', dataset: { testid: 'cls-mute' } }) : null;
  const form = role === 'observer' ? null : h('form', { class: 'cls-row' }, input, h('button', { class: 'btn', type: 'submit' }, t('cls.chat.send')));
  form?.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    sync.send({ type: 'chat', text });
    input.value = '';
  });
  muteBtn?.addEventListener('click', () => sync.send({ type: 'mute', muted: !sync.state.chatMuted }));
  let shown = 0;
  const repaint = (state) => {
    if (state.chat.length < shown) {
      clear(list);
      shown = 0;
    }
    state.chat.slice(shown).forEach((c) => list.append(h('li', null, h('span', { class: 'cls-chat-who' }, c.classroom ? roomName(session, c.classroom) : t('cls.master')), h('span', { class: 'muted' }, ` ${timeOf(c.at)} `), h('span', null, c.text))));
    shown = state.chat.length;
    list.scrollTop = list.scrollHeight;
    if (muteBtn) muteBtn.textContent = state.chatMuted ? t('cls.chat.unmute') : t('cls.chat.mute');
    if (role === 'classroom') {
      input.disabled = state.chatMuted || state.ended;
      input.placeholder = state.chatMuted ? t('cls.chat.muted') : t('cls.chat.placeholder');
    }
  };
  sync.on('state', ({ state, event }) => (!event || event.type === 'chat' || event.type === 'mute' ? repaint(state) : null));
  repaint(sync.state);
  return panel(t('cls.chat'), 'cls-chat-panel', muteBtn, list, form);
}

/** The master's classroom tiles: connected devices, weak network, following, attendance. */
export function tilesPanel(sync, session) {
  const grid = h('div', { class: 'cls-tiles', dataset: { testid: 'cls-tiles' } });
  let devices = [];
  const repaint = () => {
    const state = sync.state;
    mount(
      grid,
      session.classrooms.map((c) => {
        const mine = devices.filter((d) => d.classroom === c.terminalId);
        const online = state.connected[c.terminalId] || 0;
        const weak = mine.some((d) => d.weak);
        const following = mine.length === 0 || mine.every((d) => d.following);
        const present = state.attendance[c.terminalId];
        return h(
          'div',
          { class: `cls-tile ${online ? 'on' : 'off'} ${weak ? 'weak' : ''}`, dataset: { testid: 'cls-tile', classroom: String(c.terminalId), online: String(online) } },
          h('strong', null, c.name),
          h('span', null, online ? t('cls.tile.connected', { n: online }) : t('cls.tile.offline')),
          weak ? h('span', { class: 'cls-weak' }, t('cls.tile.weak')) : null,
          online ? h('span', null, following ? t('cls.tile.following') : t('cls.tile.browsing')) : null,
          present != null ? h('span', null, t('cls.tile.present', { n: present })) : null,
        );
      }),
    );
  };
  sync.on('message', (m) => {
    if (m.type === 'tiles') {
      devices = m.devices;
      repaint();
    }
  });
  sync.on('state', ({ event }) => (!event || event.type.startsWith('presence') || event.type === 'attendance' ? repaint() : null));
  repaint();
  return panel(t('cls.tiles'), 'cls-tiles-panel', grid);
}

export function timerPanel(sync, ctx, role) {
  const label = timerLabel(() => sync.state.timerEndsAt, ctx);
  const buttons = role === 'master' ? h('div', { class: 'cls-row' }, [1, 3, 5].map((m) => h('button', { class: 'btn btn-small', onClick: () => sync.send({ type: 'timer', seconds: m * 60 }) }, t('cls.timer.start', { m }))), h('button', { class: 'btn btn-small btn-quiet', onClick: () => sync.send({ type: 'timer', seconds: 0 }) }, t('cls.timer.stop'))) : null;
  return panel(t('cls.timer'), 'cls-timer-panel', label, buttons);
}

export function notesPanel(sync, session) {
  const list = h('ol', { class: 'cls-notes' });
  const text = h('textarea', { class: 'input', rows: 3, maxlength: 2000, placeholder: t('cls.notes.placeholder'), dataset: { testid: 'cls-note-text' } });
  const form = h('form', null, text, h('button', { class: 'btn btn-primary', type: 'submit' }, t('cls.notes.add')));
  const load = async () => {
    try {
      const notes = (await api(`/classroom/sessions/${session.id}/notes`)).items;
      mount(list, notes.map((n) => h('li', null, h('span', { class: 'muted' }, `${n.authorName} · #${n.atSeq} `), n.body)));
    } catch {
      /* notes are optional */
    }
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!text.value.trim()) return;
    await api(`/classroom/sessions/${session.id}/notes`, { method: 'POST', body: { body: text.value.trim(), atSeq: sync.state.seq } });
    text.value = '';
    load();
  });
  load();
  return panel(t('cls.notes'), 'cls-notes-panel', form, list);
}
