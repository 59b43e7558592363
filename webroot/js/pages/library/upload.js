// The upload dialog: several files, shared metadata, one progress bar per file (XMLHttpRequest reports
// upload progress; fetch does not).

import { h, mount } from '../../dom.js';
import { t } from '../../i18n.js';
import { api, tokens } from '../../api.js';
import { loadMeta } from '../../session.js';
import { TYPES, VISIBILITIES, size } from './parts.js';

function select(id, name, values, labelOf = (v) => v, required = false) {
  return h('select', { id, name, required, dataset: { testid: id } }, h('option', { value: '' }, t('lib.choose')), values.map((v) => h('option', { value: v }, labelOf(v))));
}

function field(labelText, control) {
  return h('label', { class: 'lib-field' }, h('span', null, labelText), control);
}

/** Opens the dialog; onUploaded(id) runs after each successful file. */
export async function openUploadDialog(onUploaded) {
  const meta = await loadMeta();
  const files = h('input', { type: 'file', id: 'lib-upload-files', multiple: true, required: true, dataset: { testid: 'upload-files' } });
  const title = h('input', { type: 'text', name: 'title', maxlength: 200, id: 'lib-upload-title' });
  const form = h(
    'form',
    { class: 'lib-upload-form', id: 'lib-upload-form' },
    field(t('lib.dialog.files'), files),
    h('p', { class: 'muted small' }, t('lib.dialog.accept')),
    field(t('lib.dialog.titleField'), title),
    h(
      'div',
      { class: 'lib-grid' },
      field(t('lib.field.subject'), select('lib-upload-subject', 'subject', meta.subjects)),
      field(t('lib.field.grade'), select('lib-upload-grade', 'grade', meta.grades)),
      field(t('lib.field.edition'), h('input', { type: 'text', name: 'edition', maxlength: 50, list: 'lib-editions', id: 'lib-upload-edition' })),
      field(t('lib.field.volume'), h('input', { type: 'text', name: 'volume', maxlength: 50, id: 'lib-upload-volume' })),
      field(t('lib.field.unit'), h('input', { type: 'text', name: 'unit', maxlength: 100, id: 'lib-upload-unit' })),
      field(t('lib.field.type'), select('lib-upload-type', 'type', TYPES, (v) => v, true)),
      field(t('lib.field.visibility'), select('lib-upload-visibility', 'visibility', VISIBILITIES, (v) => t(`lib.vis.${v}`), true)),
      field(t('lib.field.tags'), h('input', { type: 'text', name: 'tags', maxlength: 300, id: 'lib-upload-tags' })),
    ),
    h('datalist', { id: 'lib-editions' }, ['人教版', '北师大版', '统编版', '苏教版', '外研版', '沪教版'].map((v) => h('option', { value: v }))),
    field(t('lib.field.description'), h('textarea', { name: 'description', maxlength: 2000, rows: 3, id: 'lib-upload-description' })),
    h('div', { class: 'lib-progress-list', dataset: { testid: 'upload-progress' } }),
    h(
      'div',
      { class: 'lib-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'lib-upload-submit', dataset: { testid: 'upload-submit' } }, t('lib.dialog.submit')),
      h('button', { type: 'button', class: 'btn btn-quiet', id: 'lib-upload-close', dataset: { testid: 'upload-close' } }, t('lib.dialog.close')),
    ),
  );
  form.querySelector('#lib-upload-visibility').value = 'group';
  const dialog = h('dialog', { class: 'lib-dialog', dataset: { testid: 'upload-dialog' } }, h('h2', null, t('lib.dialog.title')), form);
  document.body.append(dialog);
  dialog.showModal();
  form.querySelector('#lib-upload-close').addEventListener('click', () => {
    dialog.close();
    dialog.remove();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const list = form.querySelector('.lib-progress-list');
    mount(list);
    await api('/me'); // refreshes the access token first if it expired
    const chosen = [...files.files];
    for (const file of chosen) {
      const fields = new FormData(form);
      fields.delete('file');
      if (chosen.length > 1 || !fields.get('title')) fields.delete('title');
      const bar = h('progress', { max: 100, value: 0 });
      const state = h('span', { class: 'lib-progress-state' }, '0%');
      const row = h('div', { class: 'lib-progress', dataset: { testid: 'upload-row', file: file.name } }, h('span', { class: 'lib-progress-name' }, `${file.name} (${size(file.size)})`), bar, state);
      list.append(row);
      try {
        const id = await send(fields, file, (pct) => {
          bar.value = pct;
          state.textContent = `${pct}%`;
          row.dataset.progress = String(pct);
        });
        bar.value = 100;
        state.textContent = t('lib.dialog.done');
        row.dataset.status = 'done';
        row.dataset.id = String(id);
        onUploaded(id);
      } catch (error) {
        state.textContent = t('lib.dialog.failed', { msg: error.message });
        row.dataset.status = 'failed';
      }
    }
  });
}

/** Uploads one file with the metadata fields first (so the server can stream the file straight on). */
function send(fields, file, progress) {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    for (const [k, v] of fields.entries()) if (v !== '') body.append(k, v);
    body.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/resources');
    xhr.setRequestHeader('Authorization', `Bearer ${tokens.access}`);
    xhr.setRequestHeader('Accept-Language', document.documentElement.lang || 'zh-CN');
    xhr.upload.addEventListener('progress', (e) => e.lengthComputable && progress(Math.round((e.loaded / e.total) * 100)));
    xhr.addEventListener('load', () => {
      let answer = null;
      try {
        answer = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 201) resolve(answer.id);
      else reject(new Error(answer?.error?.message || `HTTP ${xhr.status}`));
    });
    xhr.addEventListener('error', () => reject(new Error(t('error.network'))));
    xhr.send(body);
  });
}
