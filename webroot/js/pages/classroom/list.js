// The schedule: sessions I take part in, and (for teachers) a form to schedule one and upload courseware.

import { h, mount, loading, failure, empty, badge } from '../../dom.js';
import { t, formatDate } from '../../i18n.js';
import { api, tokens } from '../../api.js';
import { currentUser } from '../../session.js';
import { href, navigate } from '../../router.js';
import { toastSuccess, toastError } from '../../toast.js';
import { ensureCss } from './common.js';

export async function render(view, params, ctx) {
  ensureCss();
  mount(view, loading());
  let list;
  try {
    list = (await api('/classroom/sessions')).items;
  } catch (error) {
    if (ctx.alive()) mount(view, failure(error, () => render(view, params, ctx)));
    return;
  }
  if (!ctx.alive()) return;
  const me = currentUser();
  const canSchedule = (me?.roles || []).some((r) => r.role === 'TEACHER' || r.role === 'GROUP_ADMIN');
  const formSlot = h('div');
  mount(
    view,
    h(
      'div',
      { class: 'page cls-page' },
      h('header', { class: 'page-head' }, h('h1', null, t('cls.title')), h('p', { class: 'muted' }, t('cls.intro'))),
      canSchedule ? h('div', null, h('button', { class: 'btn btn-primary', dataset: { testid: 'cls-new' }, onClick: () => showForm(formSlot, me) }, t('cls.new'))) : null,
      formSlot,
      list.length
        ? h('div', { class: 'cls-list', dataset: { testid: 'cls-list' } }, list.map(card))
        : h('div', { class: 'card' }, empty(t('cls.none'), t('cls.noneHint'))),
    ),
  );
}

function card(s) {
  return h(
    'section',
    { class: 'card cls-card', dataset: { testid: 'cls-session', id: String(s.id) } },
    h('div', { class: 'cls-card-head' }, h('h2', null, s.title), badge(t(`cls.status.${s.status}`), `cls-status-${s.status.toLowerCase()}`), badge(t(`cls.role.${s.myRole}`))),
    h('p', { class: 'muted' }, `${s.subject || ''} · ${formatDate(s.startsAt)} ${new Date(s.startsAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} · ${s.durationMinutes}′ · ${t('cls.master')}：${s.masterName}`),
    h('p', null, s.pageCount ? `${s.coursewareName || ''} · ${t('cls.pages', { n: s.pageCount })}` : t('cls.noCourseware')),
    h('ul', { class: 'cls-rooms' }, s.classrooms.map((c) => h('li', null, c.name, c.joinCode ? h('span', { class: 'cls-code' }, ` ${t('cls.joinCode')} ${c.joinCode}`) : null))),
    h(
      'div',
      { class: 'cls-actions' },
      h('a', { class: 'btn btn-primary', href: href(`/classroom/${s.id}`), dataset: { testid: 'cls-enter' } }, t('cls.enter')),
      h('a', { class: 'btn', href: href(`/classroom/${s.id}/summary`) }, t('cls.summary')),
      h('a', { class: 'btn', href: href(`/classroom/${s.id}/playback`) }, t('cls.playback')),
      s.myRole === 'master' ? uploadButton(s) : null,
    ),
  );
}

function uploadButton(s) {
  const input = h('input', { type: 'file', accept: 'application/pdf', class: 'visually-hidden', dataset: { testid: 'cls-upload-input' } });
  const button = h('button', { class: 'btn', onClick: () => input.click() }, t('cls.upload'));
  input.addEventListener('change', async () => {
    if (!input.files.length) return;
    const form = new FormData();
    form.append('file', input.files[0]);
    button.disabled = true;
    button.textContent = t('cls.uploading');
    try {
      const res = await fetch(`/api/v1/classroom/sessions/${s.id}/courseware`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${tokens.access}` } });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error?.message || res.status);
      toastSuccess(t('cls.uploaded', { n: body.pageCount }));
      navigate('/classroom');
    } catch (e) {
      toastError(e.message);
    } finally {
      button.disabled = false;
      button.textContent = t('cls.upload');
    }
  });
  return h('span', null, button, input);
}

async function showForm(slot, me) {
  const groupId = me.groupId ?? me.groups?.[0]?.id;
  mount(slot, loading());
  let people;
  try {
    people = (await api(`/classroom/candidates?groupId=${groupId}`)).items;
  } catch (error) {
    mount(slot, failure(error));
    return;
  }
  const terminals = people.filter((p) => p.role === 'TERMINAL');
  const teachers = people.filter((p) => p.role === 'TEACHER');
  const observers = people.filter((p) => p.role === 'OBSERVER' || p.role === 'TEACHER');
  const start = new Date(Date.now() + 10 * 60000);
  start.setSeconds(0, 0);
  const local = new Date(start.getTime() - start.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  const title = h('input', { class: 'input', required: true, maxlength: 100, dataset: { testid: 'cls-f-title' } });
  const subject = h('input', { class: 'input', maxlength: 30, value: (me.subjects || [])[0] || '' });
  const startsAt = h('input', { class: 'input', type: 'datetime-local', value: local });
  const duration = h('input', { class: 'input', type: 'number', min: 5, max: 480, value: '45' });
  const roomRows = terminals.map((p) => {
    const check = h('input', { type: 'checkbox', value: String(p.id), dataset: { testid: `cls-f-room-${p.id}` } });
    const assistant = h('select', { class: 'input' }, h('option', { value: '' }, '—'), teachers.filter((x) => x.schoolId === p.schoolId).map((x) => h('option', { value: String(x.id) }, x.name)));
    return { p, check, assistant, row: h('label', { class: 'cls-pick' }, check, ` ${p.name} `, h('span', { class: 'muted' }, t('cls.field.assistant')), assistant) };
  });
  const obsRows = observers.map((p) => {
    const check = h('input', { type: 'checkbox', value: String(p.id) });
    return { p, check, row: h('label', { class: 'cls-pick' }, check, ` ${p.name}`, p.schoolName ? h('span', { class: 'muted' }, ` · ${p.schoolName}`) : null) };
  });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', dataset: { testid: 'cls-f-submit' } }, t('cls.create'));
  const form = h(
    'form',
    { class: 'card cls-form', dataset: { testid: 'cls-form' } },
    field(t('cls.field.title'), title),
    field(t('cls.field.subject'), subject),
    field(t('cls.field.startsAt'), startsAt),
    field(t('cls.field.duration'), duration),
    h('fieldset', null, h('legend', null, t('cls.field.classrooms')), roomRows.map((r) => r.row)),
    h('fieldset', null, h('legend', null, t('cls.field.observers')), obsRows.map((r) => r.row)),
    submit,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = {
      groupId,
      title: title.value,
      subject: subject.value,
      startsAt: new Date(startsAt.value).toISOString(),
      durationMinutes: Number(duration.value),
      classrooms: roomRows.filter((r) => r.check.checked).map((r) => (r.assistant.value ? { terminalId: r.p.id, assistantId: Number(r.assistant.value) } : { terminalId: r.p.id })),
      observers: obsRows.filter((r) => r.check.checked).map((r) => r.p.id),
    };
    submit.disabled = true;
    try {
      await api('/classroom/sessions', { method: 'POST', body });
      toastSuccess(t('cls.created'));
      navigate('/classroom');
    } catch (e) {
      toastError(e.message);
    } finally {
      submit.disabled = false;
    }
  });
  mount(slot, form);
}

function field(labelText, input) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, labelText), input);
}
