// Home: my groups, schools, roles and teams, straight from GET /me.

import { h, mount, badge, empty } from '../dom.js';
import { t, label } from '../i18n.js';
import { currentUser, loadMe } from '../session.js';
import { href } from '../router.js';

export async function render(view, params, ctx) {
  // Refresh /me so that new roles and teams show without logging in again.
  let me = currentUser();
  try {
    me = await loadMe();
  } catch (error) {
    if (error.status === 401) return;
  }
  if (!ctx.alive()) return;

  const groups = me.groups || [];
  mount(
    view,
    h(
      'div',
      { class: 'page' },
      h('header', { class: 'page-head' }, h('h1', null, t('home.hello', { name: me.displayName || me.username })), h('p', { class: 'muted' }, t('home.intro'))),
      profileCard(me),
      groups.length
        ? h('div', { class: 'card-grid', dataset: { testid: 'home-groups' } }, groups.map((g) => groupCard(me, g)))
        : h('div', { class: 'card' }, empty(t('home.noGroups'), t('home.noGroupsHint'))),
    ),
  );
}

function profileCard(me) {
  const subjects = (me.subjects || []).join(t('common.listSep'));
  return h(
    'section',
    { class: 'card profile-strip', 'aria-label': t('home.profile') },
    h('span', { class: 'avatar avatar-lg', 'aria-hidden': 'true' }, [...(me.displayName || me.username || '?')][0]),
    h(
      'dl',
      { class: 'inline-dl' },
      h('div', null, h('dt', null, t('settings.username')), h('dd', null, me.username)),
      h('div', null, h('dt', null, t('home.stage')), h('dd', null, label('stage', me.stage))),
      h('div', null, h('dt', null, t('home.subjects')), h('dd', null, subjects || t('common.none'))),
    ),
  );
}

function groupOf(me, r) {
  if (r.groupId != null) return r.groupId;
  return (me.schools || []).find((s) => s.id === r.schoolId)?.groupId ?? null;
}

function groupCard(me, group) {
  const schools = (me.schools || []).filter((s) => s.groupId === group.id).sort((a, b) => Number(b.lead) - Number(a.lead));
  const teams = (me.teams || []).filter((tm) => tm.groupId === group.id);
  // RESEARCH_LEAD appears once per led team (with teamName); show each role and scope once.
  const seen = new Set();
  const roles = (me.roles || []).filter((r) => {
    if (groupOf(me, r) !== group.id) return false;
    const key = `${r.role}:${r.role === 'GROUP_ADMIN' ? '' : r.schoolId ?? ''}:${r.teamId ?? r.teamName ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  return h(
    'article',
    { class: 'card group-card', dataset: { testid: 'home-group', groupId: group.id } },
    h('header', { class: 'card-head' }, h('h2', { class: 'card-title' }, group.name), badge(label('mode', group.mode), `mode mode-${String(group.mode).toLowerCase()}`)),
    h('h3', { class: 'section-label' }, t('home.schools')),
    schools.length
      ? h(
          'ul',
          { class: 'plain-list' },
          schools.map((s) =>
            h('li', { class: 'school-line' }, h('span', { class: 'school-name' }, s.name), badge(label('kind', s.kind), `kind kind-${String(s.kind).toLowerCase()}`), s.lead ? badge(t('badge.lead'), 'lead') : null),
          ),
        )
      : h('p', { class: 'muted' }, t('home.noSchools')),
    h('h3', { class: 'section-label' }, t('home.roles')),
    roles.length
      ? h(
          'div',
          { class: 'chip-row' },
          roles.map((r) => badge([label('role', r.role), r.role === 'GROUP_ADMIN' ? null : r.teamName || r.schoolName].filter(Boolean).join(' · '), 'role')),
        )
      : h('p', { class: 'muted' }, t('home.noRoles')),
    h('h3', { class: 'section-label' }, t('home.teams')),
    teams.length
      ? h(
          'ul',
          { class: 'plain-list' },
          teams.map((tm) =>
            h(
              'li',
              { class: 'team-line' },
              h('a', { href: href(`/admin/groups/${group.id}/teams/${tm.id}`) }, tm.name),
              h('span', { class: 'muted' }, [label('teamKind', tm.kind), tm.subject, tm.grade].filter(Boolean).join(' · ')),
              tm.memberRole === 'LEAD' ? badge(t('badge.teamLead'), 'lead') : null,
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('home.noTeams')),
    h('div', { class: 'card-foot' }, h('a', { class: 'btn btn-quiet', href: href(`/admin/groups/${group.id}`) }, t('home.manage'), ' →')),
  );
}
