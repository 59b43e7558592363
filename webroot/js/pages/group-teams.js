// 教研组 tab: subject groups and grade prep groups of the group, with "new team" for group admins.

import { h, mount, badge, loading, failure, empty } from '../dom.js';
import { t, label } from '../i18n.js';
import { api, query } from '../api.js';
import { buildForm } from '../forms.js';
import { toastSuccess } from '../toast.js';
import { canCreateTeam } from '../session.js';
import { href } from '../router.js';
import { table } from './parts.js';

const KINDS = ['SUBJECT', 'PREP'];

export async function render(panel, g) {
  const list = h('div', null, loading());
  const canCreate = canCreateTeam(g.groupId);
  let kind = '';

  const segments = h(
    'div',
    { class: 'segmented', role: 'group', 'aria-label': t('teams.kind') },
    ['', ...KINDS].map((k) => {
      const b = h('button', { type: 'button', class: k === kind ? 'seg active' : 'seg', 'aria-pressed': String(k === kind), dataset: { teamFilter: k || 'ALL' } }, k ? label('teamKind', k) : t('teams.filterAll'));
      b.addEventListener('click', () => {
        kind = k;
        segments.querySelectorAll('.seg').forEach((s) => {
          const on = s === b;
          s.classList.toggle('active', on);
          s.setAttribute('aria-pressed', String(on));
        });
        load();
      });
      return b;
    }),
  );

  mount(
    panel,
    h(
      'div',
      { class: canCreate ? 'main-side' : '' },
      h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', { class: 'card-title' }, t('teams.title')), segments), h('p', { class: 'muted' }, t('teams.intro')), list),
      canCreate ? h('aside', { class: 'side-col' }, h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('teams.create')), createTeamForm().el)) : null,
    ),
  );

  let request = 0;
  async function load() {
    const mine = ++request;
    list.classList.add('is-loading');
    try {
      const answer = await api(`/groups/${g.groupId}/teams${query({ kind })}`);
      if (!g.alive() || mine !== request) return;
      // Subject groups first, then prep groups by grade.
      const teams = (answer.items || []).slice().sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
      mount(list, teams.length ? teamsTable(teams) : empty(t('teams.empty'), canCreate ? t('teams.emptyHint') : null));
    } catch (error) {
      if (g.alive() && mine === request) mount(list, failure(error, load));
    } finally {
      if (mine === request) list.classList.remove('is-loading');
    }
  }

  function teamsTable(teams) {
    const link = (tm) => href(`/admin/groups/${g.groupId}/teams/${tm.id}`);
    return table(
      [
        { label: t('teams.name'), cell: (tm) => h('a', { class: 'strong', href: link(tm), dataset: { testid: 'team-link' } }, tm.name) },
        { label: t('teams.kind'), cell: (tm) => badge(label('teamKind', tm.kind), `team-kind team-kind-${String(tm.kind).toLowerCase()}`) },
        { label: t('teams.subject'), cell: (tm) => tm.subject || t('common.none') },
        { label: t('teams.grade'), cell: (tm) => tm.grade || t('common.none') },
        { label: t('teams.leads'), cell: (tm) => ((tm.leads || []).length ? tm.leads.map((l) => l.displayName).join(t('common.listSep')) : h('span', { class: 'muted' }, t('teams.noLead'))) },
        { label: t('teams.members'), cell: (tm) => String(tm.memberCount ?? 0), className: 'num' },
        { label: t('teams.schools'), cell: (tm) => t('teams.schoolsCount', { n: tm.schoolCount ?? 0 }), className: 'num' },
        { label: t('common.actions'), className: 'actions', cell: (tm) => h('a', { class: 'btn btn-small', href: link(tm) }, t('teams.open')) },
      ],
      teams,
      { testid: 'teams-table', rowProps: (tm) => ({ dataset: { teamId: tm.id, kind: tm.kind } }) },
    );
  }

  function createTeamForm() {
    const form = buildForm({
      testid: 'create-team-form',
      fields: [
        { name: 'kind', label: t('teams.kind'), type: 'select', required: true, testid: 'create-team-kind', options: KINDS.map((k) => ({ value: k, label: label('teamKind', k) })), value: 'SUBJECT' },
        { name: 'name', label: t('teams.name'), required: true, testid: 'create-team-name' },
        { name: 'subject', label: t('teams.subject'), type: 'select', required: true, testid: 'create-team-subject', options: g.meta.subjects.map((s) => ({ value: s, label: s })), value: g.meta.subjects[0] },
        { name: 'grade', label: t('teams.grade'), type: 'select', required: true, testid: 'create-team-grade', options: g.meta.grades.map((gr) => ({ value: gr, label: gr })), blank: t('common.choose'), hidden: true },
        { name: 'description', label: t('teams.description'), type: 'textarea', testid: 'create-team-description' },
      ],
      submitLabel: t('common.create'),
      busyLabel: t('common.creating'),
      submitTestid: 'create-team-submit',
      async onSubmit(v, f) {
        const body = { kind: v.kind, name: v.name, subject: v.subject };
        if (v.kind === 'PREP') body.grade = v.grade;
        if (v.description) body.description = v.description;
        const team = await api(`/groups/${g.groupId}/teams`, { method: 'POST', body });
        f.reset();
        syncGrade();
        toastSuccess(t('teams.created', { name: team.name }));
        await Promise.all([load(), g.reloadGroup().catch(() => null)]);
      },
    });
    const kindSelect = form.input('kind');
    const syncGrade = () => form.setVisible('grade', kindSelect.value === 'PREP');
    kindSelect.addEventListener('change', syncGrade);
    return form;
  }

  await load();
}
