// Prep activities: upcoming and past, a two-week agenda of sessions, and scheduling (research leads).

import { h, mount, loading, failure, empty, badge } from '../../dom.js';
import { t } from '../../i18n.js';
import { api, query } from '../../api.js';
import { href, navigate } from '../../router.js';
import { currentUser, loadMe } from '../../session.js';
import { toastSuccess, toastError } from '../../toast.js';
import { useStyles, when, dayKey, repeatText } from './common.js';

export async function render(view, params, ctx) {
  useStyles();
  mount(view, loading());
  const now = new Date();
  const from = new Date(now.getTime() - 60 * 86400000).toISOString();
  const to = new Date(now.getTime() + 120 * 86400000).toISOString();
  let data;
  try {
    data = await api('/prep/activities' + query({ from, to }));
    await loadMe();
  } catch (error) {
    if (ctx.alive()) mount(view, failure(error, () => render(view, params, ctx)));
    return;
  }
  if (!ctx.alive()) return;
  const items = data.items || [];
  const upcoming = items.filter((a) => (a.occurrences || []).some((o) => new Date(o) >= now)).reverse();
  const past = items.filter((a) => !upcoming.includes(a));
  const leads = (currentUser()?.teams || []).filter((tm) => tm.memberRole === 'LEAD');
  mount(
    view,
    h(
      'div',
      { class: 'page prep' },
      h('header', { class: 'page-head' }, h('h1', null, t('prep.title')), h('p', { class: 'muted' }, t('prep.intro'))),
      leads.length ? newActivityCard(leads) : null,
      agenda(items, now),
      h('section', { class: 'card' }, h('h2', null, t('prep.upcoming')), activityList(upcoming, 'prep-upcoming')),
      h('section', { class: 'card' }, h('h2', null, t('prep.past')), activityList(past, 'prep-past')),
    ),
  );
}

function activityList(list, testid) {
  if (!list.length) return empty(t('prep.none'), t('prep.noneHint'));
  return h(
    'ul',
    { class: 'prep-list', dataset: { testid } },
    list.map((a) =>
      h(
        'li',
        { dataset: { activityId: a.id } },
        h('a', { href: href(`/prep/activities/${a.id}`), class: 'prep-topic', dataset: { testid: 'activity-link' } }, a.topic),
        ' ',
        badge(t(`prep.status.${a.status}`)),
        h('div', { class: 'muted' }, [a.teamName, a.contentUnit, when(a.startsAt), repeatText(a), a.online ? t('prep.onlineShort') : a.place, `${t('prep.lead')}：${a.leadName}`].filter(Boolean).join(' · ')),
      ),
    ),
  );
}

function agenda(items, now) {
  const days = [];
  for (let i = 0; i < 14; i++) days.push(new Date(now.getFullYear(), now.getMonth(), now.getDate() + i));
  const byDay = new Map();
  for (const a of items) for (const o of a.occurrences || []) {
    const k = dayKey(o);
    if (!byDay.has(k)) byDay.set(k, []);
    byDay.get(k).push({ a, at: o });
  }
  return h(
    'section',
    { class: 'card' },
    h('h2', null, t('prep.calendar')),
    h(
      'div',
      { class: 'prep-agenda', dataset: { testid: 'prep-calendar' } },
      days.map((d) => {
        const k = dayKey(d.toISOString());
        const list = byDay.get(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`) || [];
        return h(
          'div',
          { class: 'prep-day' + (list.length ? ' busy' : ''), dataset: { day: k } },
          h('div', { class: 'prep-day-head' }, `${d.getMonth() + 1}/${d.getDate()} ${t(`prep.day.${d.getDay() === 0 ? 7 : d.getDay()}`)}`),
          list.map(({ a, at }) => h('a', { href: href(`/prep/activities/${a.id}`), class: 'prep-chip' }, `${new Date(at).toTimeString().slice(0, 5)} ${a.topic}`)),
        );
      }),
    ),
  );
}

function field(label, input) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input);
}

function newActivityCard(leads) {
  const team = h('select', { id: 'prep-new-team' }, leads.map((tm) => h('option', { value: tm.id }, tm.name)));
  const topic = h('input', { id: 'prep-new-topic', required: true, maxlength: 200 });
  const unit = h('input', { id: 'prep-new-unit', maxlength: 200 });
  const startsAt = h('input', { id: 'prep-new-starts', type: 'datetime-local', required: true });
  const place = h('input', { id: 'prep-new-place', maxlength: 200 });
  const online = h('input', { id: 'prep-new-online', type: 'checkbox' });
  const days = [1, 2, 3, 4, 5, 6, 7].map((d) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: d, dataset: { day: d } }), t(`prep.day.${d}`)));
  const until = h('input', { id: 'prep-new-until', type: 'date' });
  const people = h('div', { class: 'prep-people', id: 'prep-new-people' });
  const leadSel = h('select', { id: 'prep-new-lead' });
  async function loadPeople() {
    const teamInfo = await api(`/teams/${team.value}`);
    const members = teamInfo.members || [];
    mount(leadSel, members.map((m) => h('option', { value: m.userId ?? m.id }, m.displayName)));
    leadSel.value = String(currentUser()?.id ?? '');
    mount(people, members.map((m) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: m.userId ?? m.id, checked: true }), m.displayName, m.schoolName ? `（${m.schoolName}）` : '')));
  }
  team.addEventListener('change', loadPeople);
  loadPeople().catch(() => {});
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'prep-new-submit' }, t('prep.create'));
  const form = h(
    'form',
    { class: 'prep-form', novalidate: true },
    field(t('prep.team'), team),
    field(t('prep.topic'), topic),
    field(t('prep.unit'), unit),
    field(t('prep.startsAt'), startsAt),
    field(t('prep.place'), place),
    h('label', { class: 'check' }, online, t('prep.online')),
    field(t('prep.repeat'), h('div', { class: 'prep-days' }, days)),
    field(t('prep.repeatUntil'), until),
    field(t('prep.lead'), leadSel),
    field(t('prep.participants'), people),
    submit,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    try {
      const body = {
        teamId: Number(team.value),
        topic: topic.value,
        contentUnit: unit.value,
        startsAt: startsAt.value ? new Date(startsAt.value).toISOString() : '',
        place: place.value,
        online: online.checked,
        repeatDays: days.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => Number(i.value)),
        leadId: Number(leadSel.value),
        participantIds: [...people.querySelectorAll('input:checked')].map((i) => Number(i.value)),
      };
      if (until.value) body.repeatUntil = until.value;
      const created = await api('/prep/activities', { method: 'POST', body });
      toastSuccess(t('prep.created'));
      navigate(`/prep/activities/${created.id}`);
    } catch (error) {
      toastError(error.message);
    } finally {
      submit.disabled = false;
    }
  });
  return h('details', { class: 'card', dataset: { testid: 'prep-new' } }, h('summary', null, t('prep.new')), form);
}
