// 概览 tab: counts, member cap, group facts, two charts (teachers per school, schools by kind),
// and for group admins the "edit group" form.

import { h, mount, loading, failure, empty } from '../dom.js';
import { t, label, formatDate } from '../i18n.js';
import { api, query } from '../api.js';
import { buildForm } from '../forms.js';
import { toastSuccess } from '../toast.js';
import { loadECharts, barChart, donutChart } from '../charts.js';
import { capBar, stat, table } from './parts.js';

export async function render(panel, g) {
  const stats = h('div', { class: 'stat-grid' });
  const charts = h('div', { class: 'two-col' });
  const facts = h('div', { class: g.admin ? 'two-col' : '' });
  mount(panel, stats, charts, facts);

  const drawStats = (group) => {
    const cap = group.memberCap ?? g.meta.memberCaps?.[group.mode];
    mount(
      stats,
      stat(t('overview.memberSchools'), `${group.memberCount ?? 0} / ${cap ?? '—'}`, cap != null ? capBar(group.memberCount ?? 0, cap) : null, 'stat-members'),
      stat(t('overview.schools'), group.schoolCount, null, 'stat-schools'),
      stat(t('overview.users'), group.userCount, null, 'stat-users'),
      stat(t('overview.teams'), group.teamCount, null, 'stat-teams'),
    );
    mount(facts, factsCard(group), g.admin ? editCard(group) : null);
  };

  const editCard = (group) => {
    const form = buildForm({
      testid: 'edit-group-form',
      fields: [
        { name: 'name', label: t('admin.groupName'), required: true, value: group.name, testid: 'edit-group-name' },
        { name: 'mode', label: t('admin.groupMode'), type: 'select', required: true, value: group.mode, testid: 'edit-group-mode', options: g.meta.modes.map((m) => ({ value: m, label: t('common.capSuffix', { label: label('mode', m), cap: g.meta.memberCaps?.[m] ?? '—' }) })) },
        { name: 'description', label: t('overview.description'), type: 'textarea', value: group.description || '', testid: 'edit-group-description' },
      ],
      submitLabel: t('common.save'),
      busyLabel: t('common.saving'),
      submitTestid: 'edit-group-submit',
      async onSubmit(v) {
        const body = { name: v.name, mode: v.mode, description: v.description };
        const updated = await api(`/groups/${g.groupId}`, { method: 'PATCH', body });
        toastSuccess(t('common.saved'));
        drawStats(await g.reloadGroup().catch(() => updated));
      },
    });
    return h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('overview.edit')), h('p', { class: 'muted' }, t('overview.editIntro')), form.el);
  };

  drawStats(g.group);
  await drawCharts(charts, g);
}

function factsCard(group) {
  return h(
    'section',
    { class: 'card' },
    h('h2', { class: 'card-title' }, t('overview.description')),
    h('p', { class: group.description ? 'prewrap' : 'muted' }, group.description || t('overview.noDescription')),
    h(
      'dl',
      { class: 'kv' },
      h('dt', null, t('admin.groupMode')),
      h('dd', null, `${label('mode', group.mode)} — ${t(`modeDesc.${group.mode}`)}`),
      h('dt', null, t('overview.leadSchool')),
      h('dd', null, group.leadSchoolName || t('common.none')),
      h('dt', null, t('overview.createdAt')),
      h('dd', null, formatDate(group.createdAt)),
    ),
  );
}

async function drawCharts(host, g) {
  const barBox = h('div', { class: 'chart', dataset: { testid: 'chart-teachers' } }, loading());
  const pieBox = h('div', { class: 'chart', dataset: { testid: 'chart-kinds' } }, loading());
  mount(
    host,
    h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('overview.teachersChart')), barBox),
    h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('overview.kindsChart')), pieBox),
  );

  let schools;
  let teachers;
  try {
    const [s, u] = await Promise.all([api(`/groups/${g.groupId}/schools`), api(`/groups/${g.groupId}/users${query({ role: 'TEACHER' })}`)]);
    schools = s.items || [];
    teachers = (u.items || []).filter((user) => !user.roles || user.roles.includes('TEACHER'));
  } catch (error) {
    if (g.alive()) mount(host, failure(error, () => drawCharts(host, g)));
    return;
  }
  if (!g.alive()) return;

  const perSchool = schools.map((s) => ({ name: s.name, value: teachers.filter((u) => u.schoolId === s.id).length }));
  const byKind = g.meta.schoolKinds.map((k) => ({ name: label('kind', k), value: schools.filter((s) => s.kind === k).length })).filter((d) => d.value > 0);

  if (!schools.length) {
    mount(barBox, empty(t('overview.chartEmpty')));
    mount(pieBox, empty(t('overview.chartEmpty')));
    return;
  }

  let echarts;
  try {
    echarts = await loadECharts();
  } catch {
    if (!g.alive()) return;
    mount(barBox, h('p', { class: 'muted' }, t('overview.chartFailed')), fallbackTable(perSchool, t('schools.name'), t('overview.teachers')));
    mount(pieBox, h('p', { class: 'muted' }, t('overview.chartFailed')), fallbackTable(byKind, t('schools.kind'), t('overview.schools')));
    return;
  }
  if (!g.alive()) return;
  barBox.replaceChildren();
  pieBox.replaceChildren();
  barBox.classList.add('chart-ready');
  pieBox.classList.add('chart-ready');
  g.onCleanup(barChart(echarts, barBox, perSchool.map((d) => d.name), perSchool.map((d) => d.value), t('overview.teachers')));
  g.onCleanup(donutChart(echarts, pieBox, byKind, t('overview.schools')));
}

function fallbackTable(rows, nameLabel, valueLabel) {
  return table(
    [
      { label: nameLabel, cell: (r) => r.name },
      { label: valueLabel, cell: (r) => String(r.value), className: 'num' },
    ],
    rows,
  );
}
