// The library page: one search box with suggestions, facet sidebar, textbook catalogue, result cards with
// highlights, sorting and paging, and the upload dialog.

import { h, mount, loading, empty, failure, badge } from '../../dom.js';
import { t } from '../../i18n.js';
import { api, query } from '../../api.js';
import { loadMe } from '../../session.js';
import { href } from '../../router.js';
import { useStyles, highlighted, statusBadge, reviewBadge, FACETS, groupOf, canReview as mayReview } from './parts.js';
import { openUploadDialog } from './upload.js';

const state = { q: '', filters: {}, sort: 'relevance', page: 1 };

export async function render(view, params, ctx) {
  useStyles();
  const me = await loadMe();
  const input = h('input', { type: 'search', id: 'lib-q', maxlength: 200, autocomplete: 'off', placeholder: t('lib.searchPlaceholder'), 'aria-label': t('lib.search'), value: state.q, dataset: { testid: 'search-box' } });
  const suggestions = h('ul', { class: 'lib-suggest', role: 'listbox', 'aria-label': t('lib.suggestions'), dataset: { testid: 'suggestions' }, hidden: true });
  const sort = h('select', { id: 'lib-sort', 'aria-label': t('lib.sort'), dataset: { testid: 'sort' } }, ['relevance', 'newest', 'downloads', 'rating'].map((s) => h('option', { value: s }, t(`lib.sort.${s}`))));
  sort.value = state.sort;
  const facetsBox = h('div', { class: 'lib-facets', dataset: { testid: 'facets' } });
  const tree = h('div', { class: 'lib-tree', dataset: { testid: 'catalogue' } }, loading());
  const results = h('div', { class: 'lib-results', dataset: { testid: 'results' } }, loading());
  const canReview = mayReview(me);

  const run = async () => {
    mount(results, loading());
    try {
      const answer = await api('/search' + query({ q: state.q, ...state.filters, sort: state.sort, page: state.page, size: 10 }));
      if (!ctx.alive()) return;
      mount(facetsBox, facetPanel(answer.facets, run));
      mount(results, resultList(answer, run));
    } catch (error) {
      if (ctx.alive()) mount(results, failure(error, run));
    }
  };

  let timer = null;
  let seq = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++seq;
      const q = input.value.trim();
      if (!q) {
        suggestions.hidden = true;
        return;
      }
      try {
        const answer = await api('/search/suggest' + query({ q }));
        if (mine !== seq || !ctx.alive()) return;
        mount(suggestions, (answer.items || []).map((s) => h('li', { role: 'option' }, h('a', { href: href(`/library/resources/${s.id}`), dataset: { testid: 'suggestion' } }, s.title))));
        suggestions.hidden = !(answer.items || []).length;
      } catch {
        suggestions.hidden = true;
      }
    }, 150);
  });
  const form = h(
    'form',
    { class: 'lib-searchbar', role: 'search', dataset: { testid: 'search-form' } },
    h('div', { class: 'lib-q-wrap' }, input, suggestions),
    h('button', { type: 'submit', class: 'btn btn-primary', dataset: { testid: 'search-submit' } }, t('lib.search')),
    sort,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    suggestions.hidden = true;
    state.q = input.value.trim();
    state.page = 1;
    run();
  });
  sort.addEventListener('change', () => {
    state.sort = sort.value;
    state.page = 1;
    run();
  });

  const uploadBtn = h('button', { type: 'button', class: 'btn btn-primary', dataset: { testid: 'open-upload' } }, t('lib.upload'));
  uploadBtn.addEventListener('click', () => openUploadDialog(() => ctx.alive() && run()));
  mount(
    view,
    h(
      'div',
      { class: 'page lib-page' },
      h(
        'header',
        { class: 'page-head lib-head' },
        h('div', null, h('h1', null, t('lib.title')), h('p', { class: 'muted' }, t('lib.intro'))),
        h('div', { class: 'lib-head-actions' }, canReview ? h('a', { class: 'btn', href: href('/library/review'), dataset: { testid: 'review-link' } }, t('lib.reviewQueue')) : null, canReview ? h('a', { class: 'btn', href: href('/library/catalogue'), dataset: { testid: 'catalogue-link' } }, t('lib.cat.manage')) : null, uploadBtn),
      ),
      form,
      h('div', { class: 'lib-layout' }, h('aside', { class: 'lib-side' }, h('section', { class: 'card' }, h('h2', { class: 'section-title' }, t('lib.catalogue')), tree), h('section', { class: 'card' }, h('h2', { class: 'section-title' }, t('lib.facets')), facetsBox)), results),
    ),
  );
  loadTree(me, tree, ctx, run);
  await run();
}

function facetPanel(facets, run) {
  const active = Object.keys(state.filters).length > 0;
  return [
    active ? h('button', { type: 'button', class: 'btn btn-small btn-quiet', dataset: { testid: 'clear-filters' }, onClick: () => ((state.filters = {}), (state.page = 1), run()) }, t('lib.clearFilters')) : null,
    FACETS.map((dim) => {
      const values = facets?.[dim] || [];
      if (!values.length && !state.filters[dim]) return null;
      return h(
        'div',
        { class: 'lib-facet', dataset: { facet: dim } },
        h('h3', null, t(`lib.facet.${dim}`)),
        h(
          'ul',
          null,
          values.map((v) => {
            const on = state.filters[dim] === v.value;
            const box = h('input', { type: 'checkbox', checked: on, dataset: { testid: 'facet-value', dim, value: v.value } });
            box.addEventListener('change', () => {
              if (box.checked) state.filters[dim] = v.value;
              else delete state.filters[dim];
              state.page = 1;
              run();
            });
            return h('li', null, h('label', null, box, ` ${v.value} `, h('span', { class: 'muted' }, `(${v.count})`)));
          }),
        ),
      );
    }),
  ];
}

function resultList(answer, run) {
  if (!answer.hits.length) return h('div', { class: 'card' }, empty(t('lib.none'), t('lib.noneHint')));
  const pages = Math.ceil(answer.total / 10);
  const pager = h(
    'nav',
    { class: 'lib-pager' },
    h('button', { type: 'button', class: 'btn btn-small', disabled: state.page <= 1, onClick: () => (state.page--, run()) }, t('lib.prev')),
    h('span', null, t('lib.page', { page: state.page })),
    h('button', { type: 'button', class: 'btn btn-small', disabled: state.page >= pages || state.page >= 100, onClick: () => (state.page++, run()) }, t('lib.next')),
  );
  return [h('p', { class: 'muted', dataset: { testid: 'total' } }, t('lib.total', { n: answer.total })), answer.hits.map(card), pages > 1 ? pager : null];
}

function card(hit) {
  const title = hit.highlights?.title ? highlighted(hit.highlights.title) : hit.title;
  return h(
    'article',
    { class: 'card lib-card', dataset: { testid: 'result', id: hit.id } },
    h('div', { class: 'lib-thumb', 'aria-hidden': 'true' }, (hit.type || '').slice(0, 2)),
    h(
      'div',
      { class: 'lib-card-main' },
      h('h3', { class: 'card-title' }, h('a', { href: href(`/library/resources/${hit.id}`), dataset: { testid: 'result-title' } }, title), statusBadge(hit), reviewBadge(hit)),
      h('p', { class: 'lib-meta' }, [hit.stage, hit.grade, hit.subject, hit.edition, hit.type].filter(Boolean).map((v) => badge(v))),
      (hit.highlights?.body || []).slice(0, 2).map((b) => h('p', { class: 'lib-snippet' }, highlighted(b))),
      h('p', { class: 'muted small' }, t('lib.by', { name: hit.owner?.displayName || '', school: hit.school?.name || '' }), ' · ', t('lib.downloads', { n: hit.downloads }), ' · ', t('lib.rating', { r: hit.rating, n: hit.ratingCount })),
    ),
  );
}

async function loadTree(me, tree, ctx, run) {
  const groupId = groupOf(me);
  if (!groupId) {
    mount(tree);
    return;
  }
  try {
    const answer = await api(`/library/groups/${groupId}/catalogue`);
    if (!ctx.alive()) return;
    const all = h('button', { type: 'button', class: 'lib-node', onClick: () => ((state.filters = {}), (state.q = ''), (state.page = 1), run()) }, t('lib.allCatalogue'));
    mount(tree, all, h('ul', { class: 'lib-tree-root' }, answer.items.map((n) => node(n, [], run))));
  } catch (error) {
    if (ctx.alive()) mount(tree, failure(error));
  }
}

function node(n, path, run) {
  const here = [...path, n];
  const pick = () => {
    const subject = here.find((x) => x.level === 'subject');
    const edition = here.find((x) => x.level === 'edition');
    state.filters = {};
    if (subject) state.filters.subject = subject.name;
    if (edition) state.filters.edition = edition.name;
    const deeper = here.filter((x) => ['unit', 'section'].includes(x.level)).pop();
    state.q = deeper ? deeper.name.replace(/^[\d.]+\s*/, '').replace(/^第.+?[章单元]\s*/, '') : '';
    const box = document.getElementById('lib-q');
    if (box) box.value = state.q;
    state.page = 1;
    run();
  };
  const children = n.children || [];
  const button = h('button', { type: 'button', class: 'lib-node', dataset: { testid: 'catalogue-node', level: n.level }, onClick: pick }, n.name);
  if (!children.length) return h('li', null, button);
  return h('li', null, h('details', { open: n.level === 'subject' ? false : undefined }, h('summary', null, button), h('ul', null, children.map((c) => node(c, here, run)))));
}
