// The review queue: research leads and group administrators approve or reject group-wide shares.

import { h, mount, loading, failure, empty, badge } from '../../dom.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { loadMe } from '../../session.js';
import { href } from '../../router.js';
import { useStyles, groupOf } from './parts.js';
import { reviewButtons } from './resource.js';

export async function render(view, params, ctx) {
  useStyles();
  const list = h('div', { dataset: { testid: 'review-queue' } }, loading());
  mount(view, h('div', { class: 'page lib-page' }, h('p', null, h('a', { href: href('/library') }, '← ', t('lib.back'))), h('header', { class: 'page-head' }, h('h1', null, t('lib.reviewQueue'))), list));
  const me = await loadMe();
  const load = async () => {
    try {
      const answer = await api(`/library/groups/${groupOf(me)}/review-queue`);
      if (!ctx.alive()) return;
      mount(
        list,
        answer.items.length
          ? answer.items.map((r) => h('article', { class: 'card lib-card', dataset: { testid: 'pending', id: r.id } }, h('div', { class: 'lib-card-main' }, h('h3', { class: 'card-title' }, h('a', { href: href(`/library/resources/${r.id}`) }, r.title), ' ', badge(r.type)), h('p', { class: 'muted small' }, t('lib.by', { name: r.owner.displayName, school: r.school?.name || '' })), reviewButtons(r, load))))
          : h('div', { class: 'card' }, empty(t('lib.queueEmpty'))),
      );
    } catch (error) {
      if (ctx.alive()) mount(list, failure(error, load));
    }
  };
  await load();
}
