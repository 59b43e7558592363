// One prep activity: when and where, participants from the group's schools, discussion notes, its plans.

import { h, mount, loading, failure, badge } from '../../dom.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { href } from '../../router.js';
import { toastSuccess, toastError } from '../../toast.js';
import { useStyles, when, repeatText } from './common.js';

export async function render(view, params, ctx) {
  useStyles();
  mount(view, loading());
  let a;
  try {
    a = await api(`/prep/activities/${encodeURIComponent(params.activityId)}`);
  } catch (error) {
    if (ctx.alive()) mount(view, failure(error, () => render(view, params, ctx)));
    return;
  }
  if (!ctx.alive()) return;
  const notes = h('textarea', { id: 'prep-notes', rows: 6, maxlength: 20000, value: a.notes });
  const save = h('button', { type: 'button', class: 'btn', id: 'prep-notes-save' }, t('prep.saveNotes'));
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      await api(`/prep/activities/${a.id}`, { method: 'PATCH', body: { notes: notes.value } });
      toastSuccess(t('prep.saved'));
    } catch (error) {
      toastError(error.message);
    } finally {
      save.disabled = false;
    }
  });
  mount(
    view,
    h(
      'div',
      { class: 'page prep' },
      h('p', null, h('a', { href: href('/prep') }, '← ', t('prep.title'))),
      h('header', { class: 'page-head' }, h('h1', { dataset: { testid: 'activity-topic' } }, a.topic), ' ', badge(t(`prep.status.${a.status}`))),
      h(
        'section',
        { class: 'card' },
        h('dl', { class: 'inline-dl' },
          item(t('prep.team'), a.teamName),
          item(t('prep.unit'), a.contentUnit || '—'),
          item(t('prep.startsAt'), `${when(a.startsAt)} ${repeatText(a)}`),
          item(t('prep.place'), a.online ? t('prep.onlineShort') : a.place || '—'),
          item(t('prep.lead'), a.leadName)),
      ),
      h('section', { class: 'card' }, h('h2', null, t('prep.plans')), h('ul', { class: 'prep-list', dataset: { testid: 'activity-plans' } }, (a.plans || []).map((p) =>
        h('li', null, h('a', { href: href(`/prep/plans/${p.id}`), dataset: { testid: 'plan-link', kind: p.kind } }, p.kind === 'COMMON' ? t('prep.commonPlan') : `${t('prep.personalPlan')} · ${p.ownerName}`), ' ', badge(t(`prep.state.${p.state}`)), ' ', h('span', { class: 'muted' }, p.title))))),
      h('section', { class: 'card' }, h('h2', null, t('prep.participants')), h('ul', { class: 'prep-people-list' }, (a.participants || []).map((p) => h('li', null, h('span', { class: 'avatar' }, [...p.name][0]), ` ${p.name}`, p.school ? h('span', { class: 'muted' }, ` ${p.school}`) : null)))),
      h('section', { class: 'card' }, h('h2', null, t('prep.notes')), notes, a.participant || a.leadPreparer ? save : null),
    ),
  );
  if (!(a.participant || a.leadPreparer)) notes.readOnly = true;
}

function item(label, value) {
  return h('div', null, h('dt', null, label), h('dd', null, value));
}
