// Catalogue maintenance (教材目录维护): group administrators and research leads add, rename, delete, reorder
// (up/down among siblings) and move nodes (under another node of the level above) in the textbook tree (学科 → 教材版本 → 册 → 章 → 节); others see it read-only. The server decides for real.

import { h, mount, loading, failure, empty, confirmDialog } from '../../dom.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { href } from '../../router.js';
import { loadMe } from '../../session.js';
import { toastSuccess } from '../../toast.js';
import { useStyles, groupOf } from './parts.js';

export async function render(view, params, ctx) {
  useStyles();
  mount(view, loading());
  const me = await loadMe();
  const groupId = groupOf(me);
  const page = (...content) =>
    h(
      'div',
      { class: 'page lib-page' },
      h('p', null, h('a', { href: href('/library') }, '← ', t('lib.back'))),
      h('header', { class: 'page-head' }, h('h1', null, t('lib.cat.manage')), h('p', { class: 'muted' }, t('lib.cat.intro'))),
      ...content,
    );
  if (!groupId) {
    mount(view, page(empty(t('lib.cat.noGroup'))));
    return;
  }
  const load = async () => {
    try {
      const answer = await api(`/library/groups/${groupId}/catalogue`);
      if (!ctx.alive()) return;
      const changed = () => (toastSuccess(t('lib.cat.changed')), load());
      const fail = (error, box) => (box.textContent = error.message);
      const error = h('p', { class: 'form-error', role: 'alert', dataset: { testid: 'cat-error' } });
      const all = flatten(answer.items, []);
      const onFail = (e) => fail(e, error);
      const tree = h('ul', { class: 'lib-cat-tree', dataset: { testid: 'cat-tree' } }, answer.items.map((n, i) => node(n, i, answer.items.length, null, all, groupId, answer.canEdit, changed, onFail)));
      const addRoot = answer.canEdit ? adder(null, groupId, changed, (e) => fail(e, error), 'cat-add-root', t('lib.cat.addRoot')) : h('p', { class: 'muted', dataset: { testid: 'cat-readonly' } }, t('lib.cat.readOnly'));
      mount(view, page(h('section', { class: 'card' }, addRoot, error, tree)));
    } catch (error) {
      if (ctx.alive()) mount(view, failure(error, load));
    }
  };
  await load();
}

/** A name box and a button that add a node under {@code parentId} (null: a subject). */
function adder(parentId, groupId, changed, fail, testid, label) {
  const name = h('input', { type: 'text', maxlength: 100, required: true, placeholder: t('lib.cat.name'), 'aria-label': label, dataset: { testid: `${testid}-name` } });
  const form = h('form', { class: 'lib-cat-form' }, name, h('button', { type: 'submit', class: 'btn btn-small', dataset: { testid } }, label));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api(`/library/groups/${groupId}/catalogue`, { method: 'POST', body: parentId == null ? { name: name.value.trim() } : { parentId, name: name.value.trim() } });
      changed();
    } catch (error) {
      fail(error);
    }
  });
  return form;
}

const LEVELS = ['subject', 'edition', 'volume', 'unit', 'section'];

/** Every node with its path of names (数学 / 人教版 / 七年级上册), for the "move under" choices. */
function flatten(items, path, out = []) {
  for (const n of items) {
    const names = [...path, n.name];
    out.push({ id: n.id, level: n.level, path: names.join(' / ') });
    flatten(n.children || [], names, out);
  }
  return out;
}

async function move(id, body, changed, fail) {
  try {
    await api(`/library/catalogue/${id}/move`, { method: 'POST', body });
    changed();
  } catch (error) {
    fail(error);
  }
}

/** Up/down among siblings and, below the subject level, a choice of new parent of the level above. */
function mover(n, index, count, parentId, all, changed, fail) {
  const up = h('button', { type: 'button', class: 'btn btn-small', disabled: index === 0, title: t('lib.cat.up'), 'aria-label': t('lib.cat.up'), dataset: { testid: 'cat-up' } }, '↑');
  const down = h('button', { type: 'button', class: 'btn btn-small', disabled: index === count - 1, title: t('lib.cat.down'), 'aria-label': t('lib.cat.down'), dataset: { testid: 'cat-down' } }, '↓');
  up.addEventListener('click', () => move(n.id, { position: index - 1 }, changed, fail));
  down.addEventListener('click', () => move(n.id, { position: index + 1 }, changed, fail));
  const parts = [up, down];
  const level = LEVELS.indexOf(n.level);
  const targets = level > 0 ? all.filter((x) => x.level === LEVELS[level - 1] && x.id !== parentId) : [];
  if (targets.length) {
    const select = h('select', { 'aria-label': t('lib.cat.moveTo'), dataset: { testid: 'cat-move-target' } }, h('option', { value: '' }, t('lib.cat.moveTo')), targets.map((x) => h('option', { value: String(x.id) }, x.path)));
    const form = h('form', { class: 'lib-cat-form' }, select, h('button', { type: 'submit', class: 'btn btn-small', dataset: { testid: 'cat-move' } }, t('lib.cat.move')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (select.value) move(n.id, { parentId: Number(select.value) }, changed, fail);
    });
    parts.push(form);
  }
  return parts;
}

function node(n, index, count, parentId, all, groupId, canEdit, changed, fail) {
  const label = h('span', { class: 'lib-cat-name', dataset: { testid: 'cat-node-name' } }, n.name);
  const row = h('div', { class: 'lib-cat-row', dataset: { testid: 'cat-node', level: n.level, name: n.name } }, label);
  if (canEdit) {
    const rename = h('input', { type: 'text', maxlength: 100, value: n.name, 'aria-label': t('lib.cat.rename'), dataset: { testid: 'cat-rename-name' } });
    const renameForm = h('form', { class: 'lib-cat-form' }, rename, h('button', { type: 'submit', class: 'btn btn-small', dataset: { testid: 'cat-rename' } }, t('lib.cat.rename')));
    renameForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api(`/library/catalogue/${n.id}`, { method: 'PATCH', body: { name: rename.value.trim() } });
        changed();
      } catch (error) {
        fail(error);
      }
    });
    const del = h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet', dataset: { testid: 'cat-delete' } }, t('lib.cat.delete'));
    del.addEventListener('click', async () => {
      if (!(await confirmDialog(t('lib.cat.confirmDelete'), t('lib.cat.delete'), true))) return;
      try {
        await api(`/library/catalogue/${n.id}`, { method: 'DELETE' });
        changed();
      } catch (error) {
        fail(error);
      }
    });
    row.append(renameForm, del, ...mover(n, index, count, parentId, all, changed, fail));
    if (n.level !== 'section') row.append(adder(n.id, groupId, changed, fail, 'cat-add-child', t('lib.cat.addChild')));
  }
  const children = n.children || [];
  return h('li', null, row, children.length ? h('ul', null, children.map((c, i) => node(c, i, children.length, n.id, all, groupId, canEdit, changed, fail))) : null);
}
