// One subject group or prep group: its members (from any school of the group), add member,
// appoint or unappoint the lead (组长), remove member.

import { h, mount, badge, loading, failure, empty, confirmDialog } from '../dom.js';
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { toastSuccess, toastError } from '../toast.js';
import { canManageMembers, canAppointLead, currentUser, loadMe } from '../session.js';
import { href } from '../router.js';
import { table } from './parts.js';

export async function render(panel, g, teamId) {
  const back = h('a', { class: 'crumb', href: href(`/admin/groups/${g.groupId}/teams`) }, '← ', t('team.back'));
  mount(panel, back, loading());

  let team;
  let groupUsers = null;
  try {
    team = await api(`/teams/${teamId}`);
  } catch (error) {
    if (g.alive()) mount(panel, back, failure(error, () => render(panel, g, teamId)));
    return;
  }
  if (!g.alive()) return;

  const manage = canManageMembers(g.groupId, teamId);
  const appoint = canAppointLead(g.groupId);
  const head = h('section', { class: 'card team-head' });
  const members = h('section', { class: 'card' });
  const adder = manage ? h('section', { class: 'card', dataset: { testid: 'team-add' } }) : null;
  mount(panel, back, head, h('div', { class: manage ? 'main-side' : '' }, members, manage ? h('aside', { class: 'side-col' }, adder) : null));

  function draw() {
    mount(
      head,
      h('div', { class: 'title-row' }, h('h2', { class: 'card-title', dataset: { testid: 'team-name' } }, team.name), badge(label('teamKind', team.kind), `team-kind team-kind-${String(team.kind).toLowerCase()}`)),
      h(
        'p',
        { class: 'stats-line' },
        h('span', null, t('teams.subject'), ' ', h('strong', null, team.subject || t('common.none'))),
        team.grade ? h('span', null, t('teams.grade'), ' ', h('strong', null, team.grade)) : null,
        h('span', null, t('teams.members'), ' ', h('strong', null, String(team.memberCount ?? (team.members || []).length))),
        h('span', null, t('teams.schools'), ' ', h('strong', null, t('teams.schoolsCount', { n: team.schoolCount ?? 0 }))),
      ),
      team.description ? h('p', { class: 'prewrap' }, team.description) : null,
    );
    const list = team.members || [];
    mount(
      members,
      h('h3', { class: 'card-title' }, t('team.members')),
      list.length ? membersTable(sortMembers(list)) : empty(t('team.noMembers'), manage ? t('team.noMembersHint') : null),
    );
    if (adder) drawAdder();
  }

  function sortMembers(list) {
    return list.slice().sort((a, b) => (a.role === 'LEAD' ? 0 : 1) - (b.role === 'LEAD' ? 0 : 1) || (a.schoolName || '').localeCompare(b.schoolName || '', 'zh'));
  }

  function membersTable(list) {
    return table(
      [
        { label: t('team.memberName'), cell: (m) => [h('span', { class: 'strong' }, m.displayName), m.role === 'LEAD' ? badge(t('badge.teamLead'), 'lead') : null] },
        { label: t('users.username'), cell: (m) => h('code', null, m.username) },
        { label: t('team.memberSchool'), cell: (m) => m.schoolName || t('common.none') },
        { label: t('team.memberRole'), cell: (m) => label('memberRole', m.role) },
        {
          label: t('common.actions'),
          className: 'actions',
          cell: (m) => [
            appoint
              ? m.role === 'LEAD'
                ? button(t('team.unappoint'), 'unappoint-lead', () => setRole(m, 'MEMBER'))
                : button(t('team.appoint'), 'appoint-lead', () => setRole(m, 'LEAD'))
              : null,
            // Removing a lead touches the lead appointment, which only group admins may change.
            manage && (m.role !== 'LEAD' || appoint) ? button(t('common.remove'), 'remove-member', () => removeMember(m), 'btn-danger-quiet') : null,
          ],
        },
      ],
      list,
      { testid: 'team-members-table', rowProps: (m) => ({ dataset: { userId: m.userId, role: m.role } }) },
    );
  }

  function button(text, testid, action, extra = '') {
    const b = h('button', { type: 'button', class: `btn btn-small ${extra}`.trim(), dataset: { testid } }, text);
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        await action();
      } finally {
        b.disabled = false;
      }
    });
    return b;
  }

  async function refresh(changedUserId) {
    const fresh = await api(`/teams/${teamId}`);
    if (!g.alive()) return;
    team = fresh;
    if (changedUserId === currentUser()?.id) await loadMe().catch(() => null);
    draw();
  }

  async function setRole(member, role) {
    try {
      await api(`/teams/${teamId}/members/${member.userId}`, { method: 'PUT', body: { role } });
      toastSuccess(t(role === 'LEAD' ? 'team.appointed' : 'team.unappointed', { name: member.displayName }));
      await refresh(member.userId);
    } catch (error) {
      toastError(error.message);
    }
  }

  async function removeMember(member) {
    if (!(await confirmDialog(t('team.removeConfirm', { name: member.displayName }), t('common.remove'), true))) return;
    try {
      await api(`/teams/${teamId}/members/${member.userId}`, { method: 'DELETE' });
      toastSuccess(t('team.removed', { name: member.displayName }));
      await refresh(member.userId);
    } catch (error) {
      toastError(error.message);
    }
  }

  async function drawAdder() {
    mount(adder, h('h3', { class: 'card-title' }, t('team.addMember')), loading());
    if (!groupUsers) {
      try {
        // Classroom terminal accounts are devices, not teachers: leave them out of the picker.
        groupUsers = ((await api(`/groups/${g.groupId}/users`)).items || []).filter(
          (u) => !u.disabled && !((u.roles || []).length && u.roles.every((r) => r === 'TERMINAL')),
        );
      } catch (error) {
        if (g.alive()) mount(adder, h('h3', { class: 'card-title' }, t('team.addMember')), failure(error, drawAdder));
        return;
      }
      if (!g.alive()) return;
    }
    const inTeam = new Set((team.members || []).map((m) => m.userId));
    const candidates = groupUsers.filter((u) => !inTeam.has(u.id));

    const filter = h('input', { type: 'search', id: 'team-add-search', placeholder: t('team.pickPlaceholder'), 'aria-label': t('team.pickPlaceholder'), dataset: { testid: 'team-add-search' } });
    const picker = h('select', { id: 'team-add-user', size: 8, class: 'picker', dataset: { testid: 'team-add-user' } });
    const asLead = appoint ? h('input', { type: 'checkbox', id: 'team-add-lead', dataset: { testid: 'team-add-lead' } }) : null;
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'team-add-error' } });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', dataset: { testid: 'team-add-submit' } }, t('common.add'));

    const fill = () => {
      const q = filter.value.trim().toLowerCase();
      const shown = candidates.filter((u) => !q || [u.displayName, u.username, u.schoolName].some((s) => String(s || '').toLowerCase().includes(q)));
      picker.replaceChildren(
        ...(shown.length
          ? shown.map((u) => h('option', { value: u.id }, t('team.pickOption', { name: u.displayName, username: u.username, school: u.schoolName || t('common.none') })))
          : [h('option', { value: '', disabled: true }, t('team.pickNone'))]),
      );
    };
    filter.addEventListener('input', fill);
    fill();

    const form = h(
      'form',
      { class: 'form', novalidate: true },
      h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'team-add-search' }, t('team.pickUser')), filter, picker),
      asLead ? h('div', { class: 'field field-checkbox' }, h('label', { for: 'team-add-lead' }, asLead, h('span', null, t('team.asLead')))) : null,
      error,
      h('div', { class: 'form-actions' }, submit),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const userId = Number(picker.value);
      error.hidden = true;
      if (!userId) {
        error.textContent = t('common.required');
        error.hidden = false;
        picker.focus();
        return;
      }
      const user = candidates.find((u) => u.id === userId);
      submit.disabled = true;
      try {
        await api(`/teams/${teamId}/members/${userId}`, { method: 'PUT', body: { role: asLead && asLead.checked ? 'LEAD' : 'MEMBER' } });
        toastSuccess(t('team.added', { name: user?.displayName || userId }));
        await refresh(userId);
      } catch (err) {
        error.textContent = err.message;
        error.hidden = false;
        submit.disabled = false;
      }
    });
    mount(adder, h('h3', { class: 'card-title' }, t('team.addMember')), form);
  }

  draw();
}
