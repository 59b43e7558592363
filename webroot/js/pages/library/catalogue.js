// Catalogue maintenance (教材目录维护): group administrators and research leads add, rename and delete nodes
// of the textbook tree (学科 → 教材版本 → 册 → 章 → 节); others see it read-only. The server decides for real.

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
      const tree = h('ul', { class: 'lib-cat-tree', dataset: { testid: 'cat-tree' } }, answer.items.map((n) => node(n, groupId, answer.canEdit, changed, (e) => fail(e, error))));
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

function node(n, groupId, canEdit, changed, fail) {
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
    row.append(renameForm, del);
    if (n.level !== 'section') row.append(adder(n.id, groupId, changed, fail, 'cat-add-child', t('lib.cat.addChild')));
  }
  const children = n.children || [];
  return h('li', null, row, children.length ? h('ul', null, children.map((c) => node(c, groupId, canEdit, changed, fail))) : null);
}
