// A resource's page: preview (images, PDF pages rendered on the server, video with seeking), download,
// favorite, rating, details, related resources, and the owner's and reviewer's actions.

import { h, mount, loading, failure, badge, empty } from '../../dom.js';
import { t, formatDate } from '../../i18n.js';
import { api } from '../../api.js';
import { href, navigate } from '../../router.js';
import { toastSuccess } from '../../toast.js';
import { useStyles, statusBadge, reviewBadge, size } from './parts.js';

export async function render(view, params, ctx) {
  useStyles();
  mount(view, loading());
  const id = Number(params.id);
  const load = async () => {
    try {
      const r = await api(`/resources/${id}`);
      if (!ctx.alive()) return;
      show(view, r, ctx, load);
    } catch (error) {
      if (ctx.alive()) mount(view, failure(error, load));
    }
  };
  await load();
}

function show(view, r, ctx, reload) {
  const preview = h('div', { class: 'lib-preview', dataset: { testid: 'preview' } }, loading());
  const related = h('div', { dataset: { testid: 'related' } }, loading());
  mount(
    view,
    h(
      'div',
      { class: 'page lib-page' },
      h('p', null, h('a', { href: href('/library') }, '← ', t('lib.back'))),
      h('header', { class: 'page-head' }, h('h1', { dataset: { testid: 'resource-title' } }, r.title, ' ', statusBadge(r), ' ', reviewBadge(r))),
      h(
        'div',
        { class: 'lib-layout lib-layout-resource' },
        h('section', { class: 'card' }, h('h2', { class: 'section-title' }, t('lib.preview')), preview),
        h('aside', { class: 'lib-side' }, actions(r, reload), details(r), h('section', { class: 'card' }, h('h2', { class: 'section-title' }, t('lib.related')), related)),
      ),
    ),
  );
  showPreview(r, preview, ctx);
  api(`/resources/${r.id}/related`)
    .then((answer) => {
      if (!ctx.alive()) return;
      mount(related, answer.items.length ? h('ul', { class: 'lib-related' }, answer.items.map((x) => h('li', null, h('a', { href: href(`/library/resources/${x.id}`) }, x.title), ' ', badge(x.type)))) : empty(t('lib.noRelated')));
    })
    .catch((error) => ctx.alive() && mount(related, failure(error)));
}

async function showPreview(r, box, ctx) {
  try {
    const p = await api(`/resources/${r.id}/preview`);
    if (!ctx.alive()) return;
    if (p.kind === 'image') mount(box, h('img', { src: p.url, alt: r.title, class: 'lib-preview-img', dataset: { testid: 'preview-image' } }));
    else if (p.kind === 'video') mount(box, h('video', { src: p.url, controls: true, preload: 'metadata', class: 'lib-preview-video', dataset: { testid: 'preview-video' } }));
    else if (p.kind === 'pdf') {
      const pages = [];
      for (let i = 1; i <= Math.min(p.pages, 10); i++) pages.push(h('img', { src: p.pageUrl + i, alt: `${r.title} ${i}`, loading: 'lazy', class: 'lib-preview-page', dataset: { testid: 'preview-page' } }));
      mount(box, h('p', { class: 'muted' }, t('lib.previewPages', { n: p.pages })), pages);
    } else mount(box, h('p', { class: 'lib-unavailable', dataset: { testid: 'preview-unavailable' } }, t('lib.previewUnavailable')));
  } catch (error) {
    if (ctx.alive()) mount(box, failure(error));
  }
}

function actions(r, reload) {
  const fav = h('button', { type: 'button', class: 'btn', dataset: { testid: 'favorite', on: r.favorite ? '1' : '0' } }, r.favorite ? t('lib.unfavorite') : t('lib.favorite'));
  fav.addEventListener('click', async () => {
    await api(`/resources/${r.id}/favorite`, { method: r.favorite ? 'DELETE' : 'PUT' });
    toastSuccess(t('lib.favorited'));
    reload();
  });
  const stars = h(
    'div',
    { class: 'lib-stars', role: 'group', 'aria-label': t('lib.rate'), dataset: { testid: 'rating' } },
    [1, 2, 3, 4, 5].map((n) => {
      const b = h('button', { type: 'button', class: `lib-star ${r.myRating >= n ? 'on' : ''}`, 'aria-label': `${n}`, dataset: { stars: n } }, '★');
      b.addEventListener('click', async () => {
        await api(`/resources/${r.id}/rating`, { method: 'PUT', body: { stars: n } });
        toastSuccess(t('lib.rated'));
        reload();
      });
      return b;
    }),
  );
  const list = [h('a', { class: 'btn btn-primary', href: `${r.fileUrl}?download=1`, download: r.fileName, dataset: { testid: 'download' } }, t('lib.download')), fav, h('p', { class: 'muted small' }, t('lib.rate')), stars];
  if (r.canEdit && r.status === 'failed') {
    list.push(h('button', { type: 'button', class: 'btn', dataset: { testid: 'retry' }, onClick: async () => (await api(`/resources/${r.id}/extraction`, { method: 'POST', body: {} }), reload()) }, t('lib.retry')));
  }
  if (r.canEdit) {
    list.push(
      h('button', {
        type: 'button',
        class: 'btn btn-danger-quiet',
        dataset: { testid: 'delete' },
        onClick: async () => {
          if (!window.confirm(t('lib.confirmDelete'))) return;
          await api(`/resources/${r.id}`, { method: 'DELETE' });
          toastSuccess(t('lib.deleted'));
          navigate('/library');
        },
      }, t('lib.delete')),
    );
  }
  if (r.canReview && r.reviewState === 'pending') list.push(reviewButtons(r, reload));
  return h('section', { class: 'card lib-actions-card' }, list);
}

/** Approve / reject (with a reason) buttons for a pending resource. */
export function reviewButtons(r, done) {
  const reason = h('input', { type: 'text', maxlength: 500, placeholder: t('lib.rejectReason'), 'aria-label': t('lib.rejectReason'), dataset: { testid: 'reject-reason' } });
  const decide = async (decision) => {
    await api(`/resources/${r.id}/review`, { method: 'POST', body: decision === 'approved' ? { decision } : { decision, reason: reason.value } });
    toastSuccess(t('lib.reviewed'));
    done();
  };
  return h(
    'div',
    { class: 'lib-review' },
    h('button', { type: 'button', class: 'btn btn-primary btn-small', dataset: { testid: 'approve' }, onClick: () => decide('approved') }, t('lib.approve')),
    reason,
    h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'reject' }, onClick: () => decide('rejected') }, t('lib.reject')),
  );
}

function details(r) {
  const row = (k, v) => (v ? [h('dt', null, k), h('dd', null, v)] : null);
  return h(
    'section',
    { class: 'card' },
    h('h2', { class: 'section-title' }, t('lib.meta')),
    h(
      'dl',
      { class: 'lib-dl' },
      row(t('lib.facet.stage'), r.stage),
      row(t('lib.facet.grade'), r.grade),
      row(t('lib.facet.subject'), r.subject),
      row(t('lib.facet.edition'), r.edition),
      row(t('lib.field.volume'), r.volume),
      row(t('lib.field.unit'), r.unit),
      row(t('lib.facet.type'), r.type),
      row(t('lib.tags'), (r.tags || []).join('、')),
      row(t('lib.field.visibility'), t(`lib.vis.${r.visibility}`)),
      row(t('lib.fileName'), `${r.fileName} (${size(r.size)})`),
      row(t('lib.licence'), r.licence),
      row(t('lib.facet.school'), r.school?.name),
      row('👤', r.owner?.displayName),
      row('📅', formatDate(r.createdAt)),
      row(t('lib.downloads', { n: '' }).trim(), String(r.downloads)),
      row(t('lib.field.description'), r.description),
      r.statusReason ? row('⚠', r.statusReason) : null,
      r.reviewReason ? row(t('lib.review.rejected'), r.reviewReason) : null,
    ),
  );
}
