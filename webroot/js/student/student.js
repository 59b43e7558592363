// The student answer page: join with code + seat (no account), see the open quiz, tap an answer, see 已提交.
// Standalone (no app shell, no login). Uses the session reducer to follow the quiz from the event stream.

import { initial, apply, openQuiz } from '../pages/classroom/state.js';

const STRINGS = {
  zh: {
    title: '课堂答题', code: '课堂加入码（6 位数字）', seat: '座位号', join: '加入', connecting: '正在连接…',
    waiting: '等待老师发布题目…', submitted: '已提交（揭晓前可以修改）', revealed: '老师已揭晓答案', ended: '课堂已结束',
    refused: '加入码或座位号不正确', retry: '连接中断，正在重连…', single: '单选题', multiple: '多选题（可多选，点“提交”）',
    truefalse: '判断题', submit: '提交', t: '对', f: '错', busy: '操作太频繁，请稍后再试', seatHint: '座位号 1–999',
  },
  en: {
    title: 'Class quiz', code: 'Classroom join code (6 digits)', seat: 'Seat number', join: 'Join', connecting: 'Connecting…',
    waiting: 'Waiting for the teacher to launch a question…', submitted: 'Submitted (you may change it until the reveal)',
    revealed: 'The teacher revealed the answer', ended: 'The lesson has ended', refused: 'Wrong join code or seat number',
    retry: 'Connection lost, reconnecting…', single: 'Single choice', multiple: 'Multiple choice (pick several, then Submit)',
    truefalse: 'True or false', submit: 'Submit', t: 'True', f: 'False', busy: 'Too fast, try again in a moment', seatHint: 'Seat 1–999',
  },
};
// Chinese first, like the app (js/i18n.js): English only when chosen there ('tongbei.lang') or with ?lang=en.
function pickLang() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  try {
    return localStorage.getItem('tongbei.lang') === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}
const lang = pickLang();
const t = (k) => STRINGS[lang][k] ?? STRINGS.zh[k];
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';

const app = document.getElementById('st-app');
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => (k.startsWith('on') ? e.addEventListener(k.slice(2).toLowerCase(), v) : e.setAttribute(k, v)));
  children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return e;
}

let ws = null;
let state = initial();
let session = 0;
let seat = 0;
let code = '';
let submitted = null; // { quizId, choice } acknowledged
let picked = [];
let counter = 0;
let stopped = false;
let backoff = 500;
const status = el('p', { id: 'st-status', class: 'st-status' });

function joinForm() {
  const params = new URLSearchParams(location.search);
  const codeIn = el('input', { id: 'st-code', inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: '6', autocomplete: 'off', value: params.get('code') || localStorage.getItem('st.code') || '' });
  const seatIn = el('input', { id: 'st-seat', inputmode: 'numeric', type: 'number', min: '1', max: '999', placeholder: t('seatHint'), value: localStorage.getItem('st.seat') || '' });
  const form = el('form', {}, el('label', { class: 'st-field' }, t('code'), codeIn), el('label', { class: 'st-field' }, t('seat'), seatIn), el('button', { id: 'st-join', class: 'st-btn st-primary', type: 'submit' }, t('join')), status);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    code = codeIn.value.trim();
    seat = Number(seatIn.value);
    if (!/^[0-9]{6}$/.test(code) || !(seat >= 1 && seat <= 999)) {
      status.textContent = t('refused');
      status.className = 'st-status st-error';
      return;
    }
    localStorage.setItem('st.code', code);
    localStorage.setItem('st.seat', String(seat));
    stopped = false;
    connect();
  });
  app.replaceChildren(el('h1', {}, t('title')), form);
}

function connect() {
  status.textContent = t('connecting');
  status.className = 'st-status';
  ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/classroom`);
  ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', role: 'student', joinCode: code, seat, lastSeq: state.seq }));
  ws.onmessage = (m) => onMessage(JSON.parse(m.data));
  ws.onclose = (ev) => {
    if (ev.code === 1008) {
      stopped = true;
      joinForm();
      status.textContent = t(ev.reason === 'rate_limited' ? 'busy' : 'refused');
      status.className = 'st-status st-error';
      return;
    }
    if (!stopped) {
      status.textContent = t('retry');
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 10000);
    }
  };
}

function onMessage(m) {
  if (m.type === 'welcome') {
    backoff = 500;
    session = m.session;
    state = m.snapshot ? m.snapshot : state;
    (m.events || []).forEach((e) => (state = e.seq === state.seq + 1 ? apply(state, e) : state));
    render();
  } else if (m.type === 'ack') {
    if (m.cmdId && m.cmdId.startsWith('v')) submitted = pendingVote;
    render();
  } else if (m.type === 'error') {
    if (m.code === 'rate_limited') status.textContent = t('busy');
  } else if (typeof m.seq === 'number') {
    if (m.seq === state.seq + 1) {
      state = apply(state, m);
      if (m.type.startsWith('quiz') || m.type === 'end') render();
    } else if (m.seq > state.seq + 1) {
      ws.close(); // a gap: reconnect and replay
    }
  }
}

let pendingVote = null;
function vote(quiz, choice) {
  pendingVote = { quizId: quiz.spec.id, choice };
  ws.send(JSON.stringify({ type: 'quiz.vote', session, cmdId: `v${Date.now().toString(36)}${counter++}`, quizId: quiz.spec.id, choice }));
}

function label(kind, i) {
  if (kind === 'truefalse') return t(i === 0 ? 't' : 'f');
  return String.fromCharCode(65 + i);
}

function render() {
  const quiz = openQuiz(state);
  const last = state.quizzes[state.quizzes.length - 1];
  const body = [el('h1', {}, t('title'))];
  if (state.ended) {
    body.push(el('p', { class: 'st-status' }, t('ended')));
    stopped = true;
    ws.close();
  } else if (!quiz) {
    body.push(el('p', { class: 'st-status' }, last && last.revealed ? t('revealed') : t('waiting')));
  } else {
    const mine = submitted && submitted.quizId === quiz.spec.id ? submitted.choice : [];
    if (!picked.quiz || picked.quiz !== quiz.spec.id) picked = Object.assign([...mine], { quiz: quiz.spec.id });
    body.push(el('p', { class: 'st-status' }, t(quiz.spec.kind)));
    if (quiz.spec.question) body.push(el('p', { id: 'st-question', class: 'st-question' }, quiz.spec.question));
    for (let i = 0; i < quiz.spec.options; i++) {
      const chosen = (quiz.spec.kind === 'multiple' ? picked : mine).includes(i);
      body.push(el('button', { class: `st-btn st-option${chosen ? ' st-chosen' : ''}`, 'data-option': String(i), onClick: () => {
        if (quiz.spec.kind === 'multiple') {
          picked = Object.assign(picked.includes(i) ? picked.filter((x) => x !== i) : [...picked, i], { quiz: quiz.spec.id });
          render();
        } else {
          vote(quiz, [i]);
        }
      } }, label(quiz.spec.kind, i)));
    }
    if (quiz.spec.kind === 'multiple') body.push(el('button', { class: 'st-btn st-primary', onClick: () => picked.length && vote(quiz, [...picked].sort()) }, t('submit')));
    if (mine.length) body.push(el('p', { id: 'st-submitted', class: 'st-ok' }, t('submitted')));
  }
  status.textContent = '';
  app.replaceChildren(...body, status);
}

joinForm();
