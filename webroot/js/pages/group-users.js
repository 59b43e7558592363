// 人员 tab: the group's people with filters (school, role, search), "add person" and "edit person".

import { h, mount, badge, loading, failure, empty, options, debounce, modal } from '../dom.js';
import { t, label } from '../i18n.js';
import { api, query } from '../api.js';
import { buildForm } from '../forms.js';
import { toastSuccess } from '../toast.js';
import { canAddUsers, canEditUser, isGroupAdmin, adminSchoolIds, assignableRoles, currentUser, loadMe } from '../session.js';
import { table } from './parts.js';

export async function render(panel, g) {
  let schools = [];
  try {
    schools = (await api(`/groups/${g.groupId}/schools`)).items || [];
  } catch (error) {
    if (g.alive()) mount(panel, failure(error, () => render(panel, g)));
    return;
  }
  if (!g.alive()) return;

  const schoolFilter = h('select', { id: 'users-filter-school', dataset: { testid: 'users-filter-school' } }, options(schools.map((s) => ({ value: s.id, label: s.name })), t('common.all')));
  const roleFilter = h('select', { id: 'users-filter-role', dataset: { testid: 'users-filter-role' } }, options(g.meta.roles.map((r) => ({ value: r, label: label('role', r) })), t('common.all')));
  const search = h('input', { id: 'users-search', type: 'search', placeholder: t('users.searchPlaceholder'), 'aria-label': t('common.search'), dataset: { testid: 'users-search' } });
  const total = h('p', { class: 'muted total', 'aria-live': 'polite' });
  const list = h('div', null, loading());
  const canAdd = canAddUsers(g.groupId);

  const filters = h(
    'div',
    { class: 'filters' },
    h('label', { class: 'filter' }, h('span', null, t('users.filterSchool')), schoolFilter),
    h('label', { class: 'filter' }, h('span', null, t('users.filterRole')), roleFilter),
    h('label', { class: 'filter filter-grow' }, h('span', null, t('common.search')), search),
  );

  mount(
    panel,
    h(
      'div',
      { class: canAdd ? 'main-side' : '' },
      h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('users.title')), filters, total, list),
      canAdd ? h('aside', { class: 'side-col' }, h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('users.add')), addUserForm().el)) : null,
    ),
  );

  let request = 0;
  async function load() {
    const mine = ++request;
    list.classList.add('is-loading');
    try {
      const answer = await api(`/groups/${g.groupId}/users${query({ schoolId: schoolFilter.value, role: roleFilter.value, q: search.value.trim() })}`);
      if (!g.alive() || mine !== request) return;
      const users = answer.items || [];
      total.textContent = t('users.total', { n: users.length });
      mount(list, users.length ? usersTable(users) : empty(t('users.empty'), canAdd ? t('users.emptyHint') : null));
    } catch (error) {
      if (g.alive() && mine === request) mount(list, failure(error, load));
    } finally {
      if (mine === request) list.classList.remove('is-loading');
    }
  }

  schoolFilter.addEventListener('change', load);
  roleFilter.addEventListener('change', load);
  search.addEventListener('input', debounce(load, 300));

  function usersTable(users) {
    return table(
      [
        { label: t('users.displayName'), cell: (u) => [h('span', { class: 'strong' }, u.displayName), u.disabled ? badge(t('badge.disabled'), 'muted-badge') : null] },
        { label: t('users.username'), cell: (u) => h('code', null, u.username) },
        { label: t('users.school'), cell: (u) => u.schoolName || t('common.none') },
        { label: t('users.roles'), cell: (u) => h('span', { class: 'chip-row' }, (u.roles || []).map((r) => badge(label('role', r), 'role'))) },
        { label: t('users.stage'), cell: (u) => label('stage', u.stage) },
        { label: t('users.subjects'), cell: (u) => (u.subjects || []).join(t('common.listSep')) || t('common.none') },
        {
          label: t('common.actions'),
          className: 'actions',
          cell: (u) => (canEditUser(g.groupId, u) ? h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'edit-user' }, onClick: () => editUser(u) }, t('common.edit')) : null),
        },
      ],
      users,
      { testid: 'users-table', rowProps: (u) => ({ dataset: { userId: u.id }, class: u.disabled ? 'row-disabled' : null }) },
    );
  }

  function addUserForm() {
    const admin = isGroupAdmin(g.groupId);
    const mySchools = admin ? schools : schools.filter((s) => adminSchoolIds(g.groupId).includes(s.id));
    const roles = assignableRoles(g.groupId, g.meta.roles);
    const form = buildForm({
      testid: 'create-user-form',
      fields: [
        { name: 'username', label: t('users.username'), required: true, testid: 'create-user-username', autocomplete: 'off' },
        { name: 'displayName', label: t('users.displayName'), required: true, testid: 'create-user-display-name' },
        { name: 'password', label: t('users.initialPassword'), type: 'password', required: true, minLength: 8, minMessage: t('settings.tooShort'), hint: t('users.passwordHint'), testid: 'create-user-password' },
        {
          name: 'schoolId',
          label: t('users.school'),
          type: 'select',
          required: !admin,
          testid: 'create-user-school',
          options: mySchools.map((s) => ({ value: String(s.id), label: s.name })),
          blank: admin ? t('users.noSchool') : undefined,
          value: mySchools[0] ? String(mySchools[0].id) : '',
          hint: admin ? null : t('users.schoolAdminScope'),
        },
        { name: 'role', label: t('users.role'), type: 'select', required: true, testid: 'create-user-role', options: roles.map((r) => ({ value: r, label: label('role', r) })), value: roles.includes('TEACHER') ? 'TEACHER' : roles[0] },
        { name: 'subjects', label: t('users.subjects'), type: 'checks', testid: 'create-user-subjects', options: g.meta.subjects.map((s) => ({ value: s, label: s })) },
        { name: 'stage', label: t('users.stage'), type: 'select', testid: 'create-user-stage', options: g.meta.stages.map((s) => ({ value: s, label: label('stage', s) })), blank: t('common.none') },
      ],
      submitLabel: t('common.add'),
      busyLabel: t('common.adding'),
      submitTestid: 'create-user-submit',
      async onSubmit(v, f) {
        const body = { username: v.username, displayName: v.displayName, password: v.password, role: v.role };
        if (v.schoolId) body.schoolId = Number(v.schoolId);
        if (v.subjects.length) body.subjects = v.subjects;
        if (v.stage) body.stage = v.stage;
        const user = await api(`/groups/${g.groupId}/users`, { method: 'POST', body });
        f.reset();
        toastSuccess(t('users.added', { name: user.displayName || user.username }));
        await Promise.all([load(), g.reloadGroup().catch(() => null)]);
      },
    });
    form.el.querySelector('.form-error').dataset.testid = 'create-user-error';
    return form;
  }

  function editUser(user) {
    const form = buildForm({
      testid: 'edit-user-form',
      fields: [
        { name: 'displayName', label: t('users.displayName'), required: true, value: user.displayName, testid: 'edit-user-display-name' },
        { name: 'stage', label: t('users.stage'), type: 'select', value: user.stage || '', options: g.meta.stages.map((s) => ({ value: s, label: label('stage', s) })), blank: t('common.none'), testid: 'edit-user-stage' },
        { name: 'subjects', label: t('users.subjects'), type: 'checks', value: user.subjects || [], options: g.meta.subjects.map((s) => ({ value: s, label: s })), testid: 'edit-user-subjects' },
        // Nobody disables their own account from here.
        { name: 'disabled', label: t('users.disabled'), type: 'checkbox', value: !!user.disabled, hidden: user.id === currentUser()?.id, testid: 'edit-user-disabled' },
      ],
      submitLabel: t('common.save'),
      busyLabel: t('common.saving'),
      submitTestid: 'edit-user-submit',
      async onSubmit(v) {
        const body = { displayName: v.displayName, subjects: v.subjects };
        if (v.stage) body.stage = v.stage;
        if ('disabled' in v) body.disabled = v.disabled;
        await api(`/users/${user.id}`, { method: 'PATCH', body });
        dialog.close();
        toastSuccess(t('users.updated'));
        if (user.id === currentUser()?.id) await loadMe().catch(() => null);
        await load();
      },
    });
    const dialog = modal(`${t('users.editTitle')} · ${user.displayName}`, form.el);
  }

  await load();
}
