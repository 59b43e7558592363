// One group's administration page: header plus tabs 概览 / 学校 / 人员 / 教研组 (and a team's detail).

import { h, mount, badge, loading, failure } from '../dom.js';
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { loadMeta, isGroupAdmin, adminSchoolIds } from '../session.js';
import { href, navigate } from '../router.js';
import * as overview from './group-overview.js';
import * as schools from './group-schools.js';
import * as users from './group-users.js';
import * as teams from './group-teams.js';
import * as team from './group-team.js';

const TABS = ['overview', 'schools', 'users', 'teams'];
const PANELS = { overview, schools, users, teams };

export async function render(view, params, ctx) {
  const groupId = Number(params.groupId);
  if (params.tab && !TABS.includes(params.tab)) return navigate(`/admin/groups/${params.groupId}/overview`);
  const tab = params.teamId ? 'teams' : params.tab || 'overview';
  const back = h('a', { class: 'crumb', href: href('/admin') }, '← ', t('admin.backToGroups'));

  mount(view, h('div', { class: 'page' }, back, loading()));
  let group;
  let meta;
  try {
    [group, meta] = await Promise.all([api(`/groups/${groupId}`), loadMeta()]);
  } catch (error) {
    if (ctx.alive()) mount(view, h('div', { class: 'page' }, back, failure(error, ctx.rerender)));
    return;
  }
  if (!ctx.alive()) return;

  const head = h('header', { class: 'page-head group-head' });
  const panel = h('section', { class: 'tab-panel', role: 'tabpanel', id: 'group-panel', 'aria-labelledby': `tab-${tab}` });
  const tabBar = h(
    'div',
    { class: 'tabs', role: 'tablist', 'aria-label': t('tab.label') },
    TABS.map((key) => {
      const button = h(
        'button',
        { type: 'button', role: 'tab', id: `tab-${key}`, class: key === tab ? 'tab active' : 'tab', 'aria-selected': String(key === tab), 'aria-controls': 'group-panel', dataset: { tab: key } },
        t(`tab.${key}`),
      );
      button.addEventListener('click', () => navigate(`/admin/groups/${groupId}/${key}`));
      return button;
    }),
  );

  const gctx = {
    ...ctx,
    groupId,
    group,
    meta,
    admin: isGroupAdmin(groupId),
    async reloadGroup() {
      const fresh = await api(`/groups/${groupId}`);
      if (!ctx.alive()) return fresh;
      gctx.group = fresh;
      renderHead(head, fresh, meta);
      return fresh;
    },
  };

  renderHead(head, group, meta);
  const readOnly = !gctx.admin && adminSchoolIds(groupId).length === 0;
  mount(
    view,
    h('div', { class: 'page' }, back, head, readOnly ? h('p', { class: 'notice', dataset: { testid: 'read-only' } }, t('admin.readOnly')) : null, tabBar, panel),
  );

  if (params.teamId) await team.render(panel, gctx, Number(params.teamId));
  else await PANELS[tab].render(panel, gctx);
}

function renderHead(head, group, meta) {
  const cap = group.memberCap ?? meta.memberCaps?.[group.mode];
  mount(
    head,
    h('div', { class: 'title-row' }, h('h1', { dataset: { testid: 'group-name' } }, group.name), badge(label('mode', group.mode), `mode mode-${String(group.mode).toLowerCase()}`)),
    h(
      'p',
      { class: 'muted' },
      t('overview.leadSchool'),
      t('common.colon'),
      group.leadSchoolName || t('common.none'),
      ' · ',
      t('schools.capProgress', { n: group.memberCount ?? 0, cap: cap ?? '—' }),
    ),
  );
}
