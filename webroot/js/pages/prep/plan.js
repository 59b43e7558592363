// A lesson plan: Quill 2 editor co-edited in real time (presence, remote cursors, connection state),
// workflow buttons, named versions with restore, diff of a personal plan against the common plan, export.

import { h, mount, loading, failure, badge } from '../../dom.js';
import { t } from '../../i18n.js';
import { api, tokens } from '../../api.js';
import { href, navigate } from '../../router.js';
import { toastSuccess, toastError, toast } from '../../toast.js';
import { useStyles } from './common.js';
import { CoeditClient } from './coedit-client.js';

let quillReady;

/** Loads the vendored Quill (UMD, window.Quill) and quill-cursors (ES module) once. */
function loadQuill() {
  if (!quillReady) {
    quillReady = new Promise((resolve, reject) => {
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = 'vendor/quill/quill.snow.css';
      document.head.append(css);
      const script = document.createElement('script');
      script.src = 'vendor/quill/quill.js';
      script.onload = resolve;
      script.onerror = () => reject(new Error('quill'));
      document.head.append(script);
    }).then(() => import('../../../vendor/quill-cursors/quill-cursors.js')).then((m) => {
      window.Quill.register('modules/cursors', m.default);
    });
  }
  return quillReady;
}

const TOOLBAR = [[{ header: [1, 2, 3, false] }], ['bold', 'italic', 'underline'], [{ color: [] }, { background: [] }], [{ list: 'ordered' }, { list: 'bullet' }], ['link', 'image', 'formula'], ['clean']];

export async function render(view, params, ctx) {
  useStyles();
  mount(view, loading());
  let plan;
  try {
    [plan] = await Promise.all([api(`/prep/plans/${encodeURIComponent(params.planId)}`), loadQuill()]);
  } catch (error) {
    if (ctx.alive()) mount(view, failure(error, () => render(view, params, ctx)));
    return;
  }
  if (!ctx.alive()) return;

  const conn = h('span', { class: 'conn-state', id: 'conn-state', dataset: { testid: 'conn-state', state: 'connecting' } }, t('prep.conn.connecting'));
  const avatars = h('span', { class: 'presence', dataset: { testid: 'presence' } });
  const editorEl = h('div', { class: 'plan-editor', id: 'plan-editor' });
  const side = h('aside', { class: 'plan-side' });
  const a = plan.activity;
  mount(
    view,
    h(
      'div',
      { class: 'page prep plan-page' },
      h('p', null, h('a', { href: href(`/prep/activities/${plan.activityId}`) }, '← ', a.topic)),
      h('header', { class: 'page-head plan-head' },
        h('h1', { dataset: { testid: 'plan-title' } }, plan.title),
        badge(t(`prep.state.${plan.state}`), 'plan-state'),
        plan.kind === 'PERSONAL' ? badge(`${t('prep.personalPlan')} · ${plan.ownerName}`) : badge(t('prep.commonPlan')),
        plan.access === 'read' ? badge(t('prep.readOnly')) : null),
      h('p', { class: 'muted' }, t('prep.meta', { subject: plan.subject || '—', grade: plan.grade || '—', edition: plan.edition || '—', unit: plan.unit || '—', hours: plan.classHours })),
      h('div', { class: 'plan-bar' }, conn, avatars, workflowButtons(plan), exportButtons(plan)),
      h('div', { class: 'plan-body' }, h('div', { class: 'plan-main' }, editorEl), side),
    ),
  );

  const quill = new window.Quill(editorEl, {
    theme: 'snow',
    readOnly: plan.access !== 'edit',
    modules: { toolbar: plan.access === 'edit' ? TOOLBAR.map((g) => g.filter((x) => x !== 'formula')) : false, cursors: { transformOnTextChange: true }, history: { userOnly: true } },
  });
  const cursors = quill.getModule('cursors');
  const present = new Map();
  const client = new CoeditClient(quill, plan.docId, {
    onState(state) {
      conn.dataset.state = state;
      conn.textContent = t(`prep.conn.${state}`);
    },
    onJoined({ access, presences }) {
      quill.enable(access === 'edit');
      presences.forEach(showPresence);
      client.sendPresence(quill.getSelection());
    },
    onPresence: showPresence,
    onLeave(clientId) {
      cursors.removeCursor(clientId);
      present.delete(clientId);
      drawAvatars();
    },
    onError(code) {
      if (code === 'access_changed') {
        toast(t('prep.error.access_changed'));
        render(view, params, ctx);
      } else if (t(`prep.error.${code}`) !== `prep.error.${code}`) toastError(t(`prep.error.${code}`));
    },
  });
  window.__coedit = client;
  ctx.onCleanup(() => {
    client.close();
    if (window.__coedit === client) delete window.__coedit;
  });
  let lastRange = null;
  quill.on('selection-change', (range, old, source) => {
    if (range) lastRange = range;
    if (source === 'user') client.sendPresence(range);
  });
  quill.on('text-change', (d, o, source) => {
    if (source === 'user') client.sendPresence(quill.getSelection());
  });

  function showPresence(p) {
    present.set(p.clientId, p);
    cursors.createCursor(p.clientId, p.name, p.color);
    if (p.range) cursors.moveCursor(p.clientId, p.range);
    drawAvatars();
  }
  function drawAvatars() {
    mount(avatars, [...present.values()].map((p) => h('span', { class: 'avatar presence-avatar', title: p.name, dataset: { user: p.name } }, [...p.name][0])));
    avatars.querySelectorAll('.presence-avatar').forEach((el, i) => el.style.setProperty('background', [...present.values()][i].color));
  }

  const comments = commentsPanel(plan, quill, client, () => quill.getSelection() || lastRange);
  mount(side, comments.el, historyPanel(plan, quill), plan.kind === 'PERSONAL' ? diffPanel(plan, quill) : null);
  let refresh = null;
  quill.on('text-change', () => {
    clearTimeout(refresh);
    refresh = setTimeout(() => comments.load().catch(() => {}), 1500);
  });
  ctx.onCleanup(() => clearTimeout(refresh));

  function workflowButtons(p) {
    const out = [];
    const act = p.activity;
    const canLead = act.leadPreparer;
    const move = (to, label, testid) => {
      const b = h('button', { type: 'button', class: 'btn', dataset: { testid } }, label);
      b.addEventListener('click', async () => {
        b.disabled = true;
        try {
          await api(`/prep/plans/${p.id}/transitions`, { method: 'POST', body: { to } });
          toastSuccess(t('prep.transitioned'));
          render(view, params, ctx);
        } catch (error) {
          toastError(error.message);
          b.disabled = false;
        }
      });
      return b;
    };
    if (p.kind === 'COMMON') {
      if (p.state === 'DRAFT' && canLead) out.push(move('DISCUSSION', t('prep.toDiscussion'), 'to-discussion'));
      if (p.state === 'DISCUSSION' && canLead) out.push(move('COMMON', t('prep.toCommon'), 'to-common'), move('DRAFT', t('prep.backToDraft'), 'to-draft'));
      if (p.state === 'COMMON' && (act.participant || act.leadPreparer)) {
        const b = h('button', { type: 'button', class: 'btn btn-primary', dataset: { testid: 'fork' } }, t('prep.fork'));
        b.addEventListener('click', async () => {
          try {
            const mine = await api(`/prep/plans/${p.id}/fork`, { method: 'POST', body: {} });
            navigate(`/prep/plans/${mine.id}`);
          } catch (error) {
            toastError(error.message);
          }
        });
        out.push(b);
      }
    } else if (p.state === 'PERSONAL' && p.access === 'edit') {
      out.push(move('REFLECTED', t('prep.reflect'), 'reflect'));
    }
    return h('span', { class: 'plan-actions' }, out);
  }
}

function exportButtons(plan) {
  const dl = (ext, label) => {
    const b = h('button', { type: 'button', class: 'btn btn-quiet', dataset: { testid: `export-${ext}` } }, label);
    b.addEventListener('click', async () => {
      try {
        const res = await fetch(`/api/v1/prep/plans/${plan.id}/export.${ext}`, { headers: { Authorization: `Bearer ${tokens.access}` } });
        if (!res.ok) throw new Error((await res.json()).error.message);
        const url = URL.createObjectURL(await res.blob());
        const link = h('a', { href: url, download: `${plan.title}.${ext}` });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
      } catch (error) {
        toastError(error.message);
      }
    });
    return b;
  };
  return h('span', { class: 'plan-export' }, dl('docx', t('prep.exportDocx')), dl('pdf', t('prep.exportPdf')));
}

function commentsPanel(plan, quill, client, selection) {
  const list = h('ul', { class: 'prep-comments', dataset: { testid: 'comments' } });
  const body = h('textarea', { id: 'comment-body', rows: 2, maxlength: 2000, placeholder: t('prep.commentHint') });
  const add = h('button', { type: 'button', class: 'btn', id: 'comment-add' }, t('prep.comment'));
  add.addEventListener('click', async () => {
    const range = selection();
    if (!range || range.length === 0) {
      toastError(t('prep.selectFirst'));
      return;
    }
    try {
      await api(`/prep/plans/${plan.id}/comments`, { method: 'POST', body: { revision: client.revision, index: range.index, length: range.length, body: body.value } });
      body.value = '';
      load();
    } catch (error) {
      toastError(error.message);
    }
  });
  async function load() {
    const { items } = await api(`/prep/plans/${plan.id}/comments`);
    mount(list, items.map((c) => {
      const quote = h('a', { href: '#', class: 'comment-quote', dataset: { testid: 'comment-quote' } }, `“${c.quote}”`);
      quote.addEventListener('click', (ev) => {
        ev.preventDefault();
        quill.setSelection(c.range.index, c.range.length, 'api');
      });
      const reply = h('input', { maxlength: 2000, placeholder: t('prep.reply') });
      reply.addEventListener('keydown', async (ev) => {
        if (ev.key !== 'Enter' || !reply.value.trim()) return;
        try {
          await api(`/prep/comments/${c.id}/replies`, { method: 'POST', body: { body: reply.value } });
          load();
        } catch (error) {
          toastError(error.message);
        }
      });
      const resolve = h('button', { type: 'button', class: 'btn btn-quiet' }, c.resolved ? t('prep.reopen') : t('prep.resolve'));
      resolve.addEventListener('click', async () => {
        try {
          await api(`/prep/comments/${c.id}`, { method: 'PATCH', body: { resolved: !c.resolved } });
          load();
        } catch (error) {
          toastError(error.message);
        }
      });
      return h('li', { class: c.resolved ? 'resolved' : '', dataset: { commentId: c.id } },
        quote,
        h('div', null, h('strong', null, c.author), '：', c.body),
        h('ul', { class: 'comment-replies' }, c.replies.map((r) => h('li', null, h('strong', null, r.author), '：', r.body))),
        h('div', { class: 'comment-actions' }, reply, resolve));
    }));
  }
  load().catch(() => {});
  return { el: h('section', { class: 'card' }, h('h2', null, t('prep.comments')), body, add, list), load };
}

function historyPanel(plan, quill) {
  const list = h('ul', { class: 'prep-versions', dataset: { testid: 'versions' } });
  const name = h('input', { id: 'version-name', maxlength: 100, placeholder: t('prep.versionName') });
  const save = h('button', { type: 'button', class: 'btn', id: 'version-save' }, t('prep.saveVersion'));
  async function load() {
    const { items } = await api(`/prep/plans/${plan.id}/versions`);
    mount(list, items.map((v) => {
      const li = h('li', null, h('strong', null, v.name), ' ', h('span', { class: 'muted' }, `${t('prep.revision', { n: v.revision })} · ${v.by || ''}`));
      if (plan.access === 'edit') {
        const r = h('button', { type: 'button', class: 'btn btn-quiet', dataset: { testid: 'restore' } }, t('prep.restore'));
        r.addEventListener('click', async () => {
          try {
            await api(`/prep/plans/${plan.id}/restore`, { method: 'POST', body: { revision: v.revision } });
            toastSuccess(t('prep.restored'));
          } catch (error) {
            toastError(error.message);
          }
        });
        li.append(' ', r);
      }
      return li;
    }));
  }
  save.addEventListener('click', async () => {
    try {
      await api(`/prep/plans/${plan.id}/versions`, { method: 'POST', body: { name: name.value } });
      name.value = '';
      load();
    } catch (error) {
      toastError(error.message);
    }
  });
  load().catch(() => {});
  return h('section', { class: 'card' }, h('h2', null, t('prep.history')), list, h('div', { class: 'version-new' }, name, save));
}

function diffPanel(plan, quill) {
  const out = h('div', { class: 'plan-diff', dataset: { testid: 'diff' } });
  const b = h('button', { type: 'button', class: 'btn', dataset: { testid: 'show-diff' } }, t('prep.diff'));
  b.addEventListener('click', async () => {
    try {
      const common = await api(`/prep/plans/${plan.parentId}/content?revision=${plan.commonRevision ?? ''}`.replace(/\?revision=$/, ''));
      const Delta = window.Quill.import('delta');
      const base = new Delta(common.content.ops);
      const mine = quill.getContents();
      const diff = base.diff(mine);
      const parts = [];
      let i = 0;
      const text = (d) => d.ops.map((op) => (typeof op.insert === 'string' ? op.insert : '▢')).join('');
      const baseText = text(base);
      for (const op of diff.ops) {
        if (op.retain) {
          parts.push(h('span', null, baseText.slice(i, i + op.retain)));
          i += op.retain;
        } else if (op.delete) {
          parts.push(h('del', { title: t('prep.removed') }, baseText.slice(i, i + op.delete)));
          i += op.delete;
        } else if (op.insert) {
          parts.push(h('ins', { title: t('prep.added') }, typeof op.insert === 'string' ? op.insert : '▢'));
        }
      }
      parts.push(h('span', null, baseText.slice(i)));
      mount(out, parts);
    } catch (error) {
      toastError(error.message);
    }
  });
  return h('section', { class: 'card' }, h('h2', null, t('prep.diffTitle')), b, out);
}
