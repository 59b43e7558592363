// A resource's page: preview (images, PDF pages rendered on the server, video with seeking), download,
// favorite, rating, details, related resources, and the owner's and reviewer's actions.

import { h, mount, loading, failure, badge, empty } from '../../dom.js';
import { t, formatDate } from '../../i18n.js';
import { api } from '../../api.js';
import { href, navigate } from '../../router.js';
import { toastSuccess } from '../../toast.js';
import { loadMeta } from '../../session.js';
import { useStyles, statusBadge, reviewBadge, size, TYPES, VISIBILITIES } from './parts.js';

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
      r.canEdit ? editSection(r, reload) : null,
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
    else if (p.kind === 'pdf' || p.kind === 'office') {
      const pages = [];
      for (let i = 1; i <= Math.min(p.pages, 10); i++) pages.push(h('img', { src: p.pageUrl + i, alt: `${r.title} ${i}`, loading: 'lazy', class: 'lib-preview-page', dataset: { testid: 'preview-page' } }));
      mount(box, h('p', { class: 'muted' }, t('lib.previewPages', { n: p.pages })), pages);
    } else mount(box, h('p', { class: 'lib-unavailable', dataset: { testid: 'preview-unavailable' } }, t(p.reason === 'conversion_failed' ? 'lib.previewFailed' : 'lib.previewUnavailable')));
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

/** The owner's (or an administrator's) metadata form, sent with PATCH /resources/{id}. */
function editSection(r, reload) {
  const box = h('div', { dataset: { testid: 'meta-edit' } });
  const open = h('button', { type: 'button', class: 'btn', dataset: { testid: 'edit-meta' } }, t('lib.edit'));
  open.addEventListener('click', async () => {
    const meta = await loadMeta();
    open.hidden = true;
    mount(box, metaForm(r, meta, reload, () => (mount(box), (open.hidden = false))));
  });
  return h('section', { class: 'card lib-edit-card' }, open, box);
}

function metaForm(r, meta, reload, cancel) {
  const input = (name, value, max) => h('input', { type: 'text', name, maxlength: max, value: value || '', id: `lib-edit-${name}` });
  const choice = (name, values, value, labelOf = (v) => v, blank = true) => {
    const el = h('select', { name, id: `lib-edit-${name}` }, blank ? h('option', { value: '' }, t('lib.choose')) : null, values.map((v) => h('option', { value: v }, labelOf(v))));
    el.value = value || '';
    return el;
  };
  const field = (label, control) => h('label', { class: 'lib-field' }, h('span', null, label), control);
  const error = h('p', { class: 'form-error', role: 'alert', dataset: { testid: 'meta-error' } });
  const form = h(
    'form',
    { class: 'lib-upload-form', dataset: { testid: 'meta-form' } },
    field(t('lib.dialog.titleField'), input('title', r.title, 200)),
    h(
      'div',
      { class: 'lib-grid' },
      field(t('lib.field.subject'), choice('subject', meta.subjects || [], r.subject)),
      field(t('lib.field.grade'), choice('grade', meta.grades || [], r.grade)),
      field(t('lib.field.edition'), input('edition', r.edition, 50)),
      field(t('lib.field.volume'), input('volume', r.volume, 50)),
      field(t('lib.field.unit'), input('unit', r.unit, 100)),
      field(t('lib.field.type'), choice('type', TYPES, r.type, (v) => v, false)),
      field(t('lib.field.visibility'), choice('visibility', VISIBILITIES, r.visibility, (v) => t(`lib.vis.${v}`), false)),
      field(t('lib.field.tags'), input('tags', (r.tags || []).join(', '), 300)),
    ),
    field(t('lib.field.description'), h('textarea', { name: 'description', maxlength: 2000, rows: 3, id: 'lib-edit-description' }, r.description || '')),
    error,
    h(
      'div',
      { class: 'lib-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', dataset: { testid: 'meta-save' } }, t('lib.save')),
      h('button', { type: 'button', class: 'btn btn-quiet', dataset: { testid: 'meta-cancel' }, onClick: cancel }, t('common.cancel')),
    ),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const body = { tags: String(data.get('tags') || '').split(/[,，、\s]+/).filter(Boolean), description: String(data.get('description') || '') };
    // every field is sent: an emptied optional field is cleared (''), an emptied title is refused by the server
    for (const k of ['title', 'subject', 'grade', 'edition', 'volume', 'unit', 'type', 'visibility']) {
      body[k] = String(data.get(k) || '').trim();
    }
    try {
      await api(`/resources/${r.id}`, { method: 'PATCH', body });
      toastSuccess(t('lib.saved'));
      reload();
    } catch (err) {
      error.textContent = err.message;
    }
  });
  return form;
}
