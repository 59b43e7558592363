// Group administration, first screen: the groups I belong to and the "create group" form.

import { h, mount, badge, empty, loading, failure } from '../dom.js';
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { loadMeta, loadMe, canCreateGroup } from '../session.js';
import { buildForm } from '../forms.js';
import { href, navigate } from '../router.js';
import { toastSuccess } from '../toast.js';
import { capBar } from './parts.js';

export async function render(view, params, ctx) {
  const list = h('div', { class: 'group-list', dataset: { testid: 'groups-list' } }, loading());
  const aside = canCreateGroup() ? h('aside', { class: 'side-col' }, h('div', { class: 'card' }, loading())) : null;
  mount(
    view,
    h(
      'div',
      { class: 'page' },
      h('header', { class: 'page-head' }, h('h1', null, t('admin.title')), h('p', { class: 'muted' }, t('admin.intro'))),
      h('div', { class: aside ? 'main-side' : '' }, h('section', { 'aria-label': t('admin.groups') }, h('h2', { class: 'section-title' }, t('admin.groups')), list), aside),
    ),
  );

  const load = async () => {
    mount(list, loading());
    try {
      const [answer, meta] = await Promise.all([api('/groups'), loadMeta()]);
      if (!ctx.alive()) return;
      const groups = answer.items || [];
      mount(list, groups.length ? groups.map((g) => groupCard(g, meta)) : h('div', { class: 'card' }, empty(t('admin.noGroups'), canCreateGroup() ? t('admin.noGroupsAdmin') : t('home.noGroupsHint'))));
    } catch (error) {
      if (ctx.alive()) mount(list, failure(error, load));
    }
  };

  const showForm = async () => {
    try {
      const meta = await loadMeta();
      if (ctx.alive()) mount(aside, createGroupCard(meta));
    } catch (error) {
      if (ctx.alive()) mount(aside, failure(error, showForm));
    }
  };

  await Promise.all([load(), aside ? showForm() : null]);
}

function groupCard(g, meta) {
  const cap = g.memberCap ?? meta.memberCaps?.[g.mode];
  return h(
    'article',
    { class: 'card group-row', dataset: { testid: 'group-card', groupId: g.id } },
    h(
      'div',
      { class: 'group-row-main' },
      h('h3', { class: 'card-title' }, h('a', { href: href(`/admin/groups/${g.id}`) }, g.name), badge(label('mode', g.mode), `mode mode-${String(g.mode).toLowerCase()}`)),
      h('p', { class: 'muted' }, t('overview.leadSchool'), t('common.colon'), g.leadSchoolName || t('common.none')),
      h(
        'p',
        { class: 'stats-line' },
        h('span', null, t('overview.schools'), ' ', h('strong', null, g.schoolCount ?? '—')),
        h('span', null, t('overview.users'), ' ', h('strong', null, g.userCount ?? '—')),
        h('span', null, t('overview.teams'), ' ', h('strong', null, g.teamCount ?? '—')),
      ),
    ),
    h('div', { class: 'group-row-side' }, cap != null ? capBar(g.memberCount ?? 0, cap) : null, h('a', { class: 'btn', href: href(`/admin/groups/${g.id}`) }, t('admin.open'))),
  );
}

function createGroupCard(meta) {
  const capHint = (mode) => t('admin.capHint', { mode: label('mode', mode), cap: meta.memberCaps?.[mode] ?? '—' });
  const form = buildForm({
    testid: 'create-group-form',
    fields: [
      { name: 'name', label: t('admin.groupName'), required: true, testid: 'create-group-name' },
      {
        name: 'mode',
        label: t('admin.groupMode'),
        type: 'select',
        required: true,
        testid: 'create-group-mode',
        options: meta.modes.map((m) => ({ value: m, label: `${label('mode', m)} — ${t(`modeDesc.${m}`)}` })),
        value: meta.modes[0],
        hint: capHint(meta.modes[0]),
      },
      { name: 'leadName', label: t('admin.leadSchoolName'), required: true, testid: 'create-group-lead-name', aliases: ['leadSchool.name', 'leadSchoolName', 'leadSchool'] },
      {
        name: 'leadKind',
        label: t('admin.leadSchoolKind'),
        type: 'select',
        required: true,
        testid: 'create-group-lead-kind',
        aliases: ['leadSchool.kind', 'leadSchoolKind'],
        options: meta.schoolKinds.map((k) => ({ value: k, label: label('kind', k) })),
        value: meta.schoolKinds[0],
      },
      { name: 'leadAddress', label: t('admin.leadSchoolAddress'), testid: 'create-group-lead-address', aliases: ['leadSchool.address'] },
    ],
    submitLabel: t('common.create'),
    busyLabel: t('common.creating'),
    submitTestid: 'create-group-submit',
    async onSubmit(v) {
      const leadSchool = { name: v.leadName, kind: v.leadKind };
      if (v.leadAddress) leadSchool.address = v.leadAddress;
      const group = await api('/groups', { method: 'POST', body: { name: v.name, mode: v.mode, leadSchool } });
      toastSuccess(t('admin.groupCreated', { name: group.name }));
      await loadMe().catch(() => null); // the caller is now admin of the new group
      navigate(`/admin/groups/${group.id}`);
    },
  });
  const modeSelect = form.input('mode');
  modeSelect.addEventListener('change', () => {
    modeSelect.parentElement.querySelector('.field-hint').textContent = capHint(modeSelect.value);
  });
  return h('section', { class: 'card', dataset: { testid: 'create-group' } }, h('h2', { class: 'card-title' }, t('admin.createGroup')), h('p', { class: 'muted' }, t('admin.createGroupIntro')), form.el);
}
