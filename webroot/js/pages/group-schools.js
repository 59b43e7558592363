// 学校 tab: the group's schools (lead first), the member cap, "add member school" and "edit school".

import { h, mount, badge, loading, failure, empty, modal } from '../dom.js';
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { buildForm, compact } from '../forms.js';
import { toastSuccess, toastError } from '../toast.js';
import { canAddSchool, canEditSchool } from '../session.js';
import { capBar, table } from './parts.js';

export async function render(panel, g) {
  const capBox = h('div', { class: 'cap-box' });
  const list = h('div', null, loading());
  const canAdd = canAddSchool(g.groupId);
  const addForm = canAdd ? addSchoolForm() : null;

  mount(
    panel,
    h(
      'div',
      { class: canAdd ? 'main-side' : '' },
      h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('schools.title')), capBox, list),
      canAdd ? h('aside', { class: 'side-col' }, h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('schools.add')), addForm.el)) : null,
    ),
  );

  function drawCap(group) {
    const cap = group.memberCap ?? g.meta.memberCaps?.[group.mode];
    if (cap == null) return mount(capBox);
    const full = (group.memberCount ?? 0) >= cap;
    mount(capBox, capBar(group.memberCount ?? 0, cap), full ? h('p', { class: 'notice notice-warn', dataset: { testid: 'cap-full' } }, t('schools.capFull', { mode: label('mode', group.mode) })) : null);
  }

  async function load() {
    try {
      const answer = await api(`/groups/${g.groupId}/schools`);
      if (!g.alive()) return;
      const schools = answer.items || [];
      mount(list, schools.length ? schoolsTable(schools) : empty(t('schools.empty')));
    } catch (error) {
      if (g.alive()) mount(list, failure(error, load));
    }
  }

  function schoolsTable(schools) {
    return table(
      [
        { label: t('schools.name'), cell: (s) => [h('span', { class: 'strong' }, s.name), s.lead ? badge(t('badge.lead'), 'lead') : null] },
        { label: t('schools.kind'), cell: (s) => badge(label('kind', s.kind), `kind kind-${String(s.kind).toLowerCase()}`) },
        { label: t('schools.address'), cell: (s) => s.address || t('common.none') },
        { label: t('schools.users'), cell: (s) => String(s.userCount ?? 0), className: 'num' },
        {
          label: t('common.actions'),
          className: 'actions',
          cell: (s) => (canEditSchool(g.groupId, s.id) ? h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'edit-school' }, onClick: () => editSchool(s) }, t('common.edit')) : null),
        },
      ],
      schools,
      { testid: 'schools-table', rowProps: (s) => ({ dataset: { schoolId: s.id } }) },
    );
  }

  function addSchoolForm() {
    const form = buildForm({
      testid: 'create-school-form',
      fields: [
        { name: 'name', label: t('schools.name'), required: true, testid: 'create-school-name' },
        { name: 'kind', label: t('schools.kind'), type: 'select', required: true, testid: 'create-school-kind', options: kindOptions(), value: g.meta.schoolKinds[0] },
        { name: 'address', label: t('schools.address'), testid: 'create-school-address' },
      ],
      submitLabel: t('common.add'),
      busyLabel: t('common.adding'),
      submitTestid: 'create-school-submit',
      async onSubmit(v, f) {
        try {
          const school = await api(`/groups/${g.groupId}/schools`, { method: 'POST', body: compact(v) });
          f.reset();
          toastSuccess(t('schools.added', { name: school.name }));
        } catch (error) {
          // member_cap_reached (409) and others: the message stays under the form and pops up.
          if (error.code === 'member_cap_reached' || error.status === 409 || error.status === 403) toastError(error.message);
          throw error;
        }
        await Promise.all([load(), g.reloadGroup().then(drawCap).catch(() => null)]);
      },
    });
    form.el.querySelector('.form-error').dataset.testid = 'create-school-error';
    return form;
  }

  function editSchool(school) {
    const form = buildForm({
      testid: 'edit-school-form',
      fields: [
        { name: 'name', label: t('schools.name'), required: true, value: school.name, testid: 'edit-school-name' },
        { name: 'kind', label: t('schools.kind'), type: 'select', required: true, value: school.kind, options: kindOptions(), testid: 'edit-school-kind' },
        { name: 'address', label: t('schools.address'), value: school.address || '', testid: 'edit-school-address' },
      ],
      submitLabel: t('common.save'),
      busyLabel: t('common.saving'),
      submitTestid: 'edit-school-submit',
      async onSubmit(v) {
        await api(`/schools/${school.id}`, { method: 'PATCH', body: { name: v.name, kind: v.kind, address: v.address } });
        dialog.close();
        toastSuccess(t('schools.updated'));
        await Promise.all([load(), g.reloadGroup().catch(() => null)]);
      },
    });
    const dialog = modal(t('schools.editTitle'), form.el);
  }

  function kindOptions() {
    return g.meta.schoolKinds.map((k) => ({ value: k, label: label('kind', k) }));
  }

  drawCap(g.group);
  await load();
}
