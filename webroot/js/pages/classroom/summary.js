// After the session: attendance and join/leave per classroom, quiz results per classroom, questions; CSV export.

import { h, mount, loading, failure, empty } from '../../dom.js';
import { t } from '../../i18n.js';
import { api, tokens } from '../../api.js';
import { href } from '../../router.js';
import { toastError } from '../../toast.js';
import { ensureCss, optionLabel } from './common.js';

export async function render(view, params, ctx) {
  ensureCss();
  mount(view, loading());
  let summary;
  let session;
  try {
    [session, summary] = await Promise.all([api(`/classroom/sessions/${params.id}`), api(`/classroom/sessions/${params.id}/summary`)]);
  } catch (error) {
    if (ctx.alive()) mount(view, failure(error, () => render(view, params, ctx)));
    return;
  }
  if (!ctx.alive()) return;
  const name = (id) => summary.classrooms.find((c) => c.classroom === id)?.name ?? `#${id}`;
  const time = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
  mount(
    view,
    h(
      'div',
      { class: 'page cls-page', dataset: { testid: 'cls-summary' } },
      h('header', { class: 'cls-head' }, h('a', { class: 'btn btn-quiet btn-small', href: href('/classroom') }, '‹ ', t('cls.back')), h('h1', null, `${t('cls.summary')} · ${session.title}`), h('button', { class: 'btn', dataset: { testid: 'cls-csv' }, onClick: () => downloadCsv(session.id) }, t('cls.summary.csv'))),
      h(
        'section',
        { class: 'card' },
        h('h2', null, t('cls.summary.attendance')),
        table(
          [t('cls.summary.classroom'), t('cls.summary.school'), t('cls.summary.present'), t('cls.summary.firstJoin'), t('cls.summary.lastLeave'), t('cls.summary.hands')],
          summary.classrooms.map((c) => [c.name, c.school, c.present, time(c.firstJoin), time(c.lastLeave), c.handsRaised]),
          'cls-attendance-table',
        ),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', null, t('cls.summary.quizzes')),
        summary.quizzes.length
          ? summary.quizzes.map((q) => {
              const head = [t('cls.summary.classroom'), ...Array.from({ length: q.options }, (_, i) => optionLabel(q.kind, i) + (q.correct.includes(i) ? ' ✓' : ''))];
              const rows = q.classrooms.map((c) => [name(c.classroom), ...c.counts]);
              rows.push([t('cls.quiz.total'), ...q.totals]);
              return h('div', null, h('h3', null, `${t(`cls.quiz.${q.kind}`)} ${q.question || ''}`), table(head, rows, 'cls-quiz-table'));
            })
          : empty(t('cls.summary.noQuiz')),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', null, t('cls.summary.questions')),
        summary.questions.length ? h('ol', { class: 'cls-chat' }, summary.questions.map((q) => h('li', null, h('span', { class: 'cls-chat-who' }, q.name), ` ${time(q.at)} `, q.kind === 'hand' ? `✋ ${t('cls.hands.raise')}` : q.text))) : empty(t('cls.summary.noQuestions')),
      ),
    ),
  );
}

function table(head, rows, testid) {
  return h('table', { class: 'table', dataset: { testid } }, h('thead', null, h('tr', null, head.map((c) => h('th', null, c)))), h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, c))))));
}

async function downloadCsv(id) {
  try {
    const res = await fetch(`/api/v1/classroom/sessions/${id}/summary/csv`, { headers: { Authorization: `Bearer ${tokens.access}` } });
    if (!res.ok) throw new Error(String(res.status));
    const url = URL.createObjectURL(await res.blob());
    const a = h('a', { href: url, download: `classroom-${id}-summary.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch (e) {
    toastError(e.message);
  }
}
