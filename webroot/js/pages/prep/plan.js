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

function loadScript(src, cssHref) {
  return new Promise((resolve, reject) => {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = cssHref;
    document.head.append(css);
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(src));
    document.head.append(script);
  });
}

/** Loads the vendored KaTeX (window.katex, needed by Quill's formula module), Quill (UMD, window.Quill) and quill-cursors (ES module) once. */
function loadQuill() {
  if (!quillReady) {
    quillReady = loadScript('vendor/katex/katex.min.js', 'vendor/katex/katex.min.css').then(() => loadScript('vendor/quill/quill.js', 'vendor/quill/quill.snow.css')).then(() => import('../../../vendor/quill-cursors/quill-cursors.js')).then((m) => {
      window.Quill.register('modules/cursors', m.default);
    });
  }
  return quillReady;
}

const TABLE_ACTIONS = ['table-insert', 'table-row-add', 'table-row-remove', 'table-col-add', 'table-col-remove'];
const TOOLBAR = [[{ header: [1, 2, 3, false] }], ['bold', 'italic', 'underline'], [{ color: [] }, { background: [] }], [{ list: 'ordered' }, { list: 'bullet' }], ['link', 'image', 'formula'], TABLE_ACTIONS, ['clean']];

/** Toolbar handlers for Quill 2's built-in table module (tables are lines whose break carries a `table` row id). */
function tableHandlers() {
  const table = (q) => q.getModule('table');
  return {
    'table-insert'() {
      table(this.quill).insertTable(3, 3);
    },
    'table-row-add'() {
      table(this.quill).insertRowBelow();
    },
    'table-row-remove'() {
      table(this.quill).deleteRow();
    },
    'table-col-add'() {
      table(this.quill).insertColumnRight();
    },
    'table-col-remove'() {
      table(this.quill).deleteColumn();
    },
  };
}

/** Gives the text-less table buttons a label and a tooltip. */
function labelTableButtons(root) {
  for (const name of TABLE_ACTIONS) {
    const b = root.querySelector(`.ql-${name}`);
    if (!b) continue;
    b.textContent = t(`prep.${name}.short`);
    b.title = t(`prep.${name}`);
    b.setAttribute('aria-label', t(`prep.${name}`));
    b.dataset.testid = name;
  }
}

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

  registerTicketImage(plan);
  const upload = (file, index, quillRef) => uploadImage(plan, file).then((url) => {
    quillRef.insertEmbed(index, 'image', url, 'user');
    quillRef.setSelection(index + 1, 0, 'user');
  }).catch((error) => toastError(error.message));
  const handlers = {
    ...tableHandlers(),
    image() {
      const q = this.quill;
      const input = h('input', { type: 'file', accept: 'image/png,image/jpeg,image/gif,image/webp' });
      input.addEventListener('change', () => {
        const file = input.files && input.files[0];
        const range = q.getSelection(true);
        if (file) upload(file, range ? range.index : q.getLength() - 1, q);
      });
      input.click();
    },
  };
  const quill = new window.Quill(editorEl, {
    theme: 'snow',
    readOnly: plan.access !== 'edit',
    modules: {
      toolbar: plan.access === 'edit' ? { container: TOOLBAR, handlers } : false,
      table: true,
      formula: true,
      cursors: { transformOnTextChange: true },
      history: { userOnly: true },
      // dropped or pasted image files are uploaded too (Quill's default would inline them as data: URLs)
      uploader: { mimetypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'], handler(range, files) { files.forEach((f, i) => upload(f, range.index + i, this.quill)); } },
    },
  });
  labelTableButtons(view);
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
  window.__commentMarks = () => marks.ranges();
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

  const marks = commentMarks(quill);
  ctx.onCleanup(() => marks.dispose());
  const comments = commentsPanel(plan, quill, client, () => quill.getSelection() || lastRange, marks);
  const history = historyPanel(plan);
  mount(side, comments.el, history.el, plan.kind === 'PERSONAL' ? diffPanel(plan, quill) : null);
  let refresh = null;
  quill.on('text-change', () => {
    clearTimeout(refresh);
    refresh = setTimeout(() => {
      comments.load().catch(() => {});
      history.refresh();
    }, 1500);
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
      if (p.state === 'COMMON') out.push(publishControl(p));
    } else if (p.state === 'PERSONAL' && p.access === 'edit') {
      out.push(move('REFLECTED', t('prep.reflect'), 'reflect'));
    }
    return h('span', { class: 'plan-actions' }, out);
  }
}

/**
 * Our plan images need the plan's image ticket in <img> (which cannot send the bearer token): the shown src gets
 * `?t=…`, the document keeps the plain URL (Quill reads an image's value back from its src, so it is stripped).
 */
function registerTicketImage(plan) {
  const Quill = window.Quill;
  const Image = Quill.import('formats/image');
  const ours = /^\/api\/v1\/prep\/plans\/\d+\/images\/[0-9a-f]{32}\.(png|jpg|gif|webp)$/;
  class TicketImage extends Image {
    static create(value) {
      const node = super.create(value);
      if (typeof value === 'string' && ours.test(value) && plan.imageTicket) node.setAttribute('src', `${value}?t=${encodeURIComponent(plan.imageTicket)}`);
      return node;
    }

    static value(node) {
      const src = node.getAttribute('src') || '';
      const plain = src.split('?')[0];
      return ours.test(plain) ? plain : src;
    }
  }
  Quill.register(TicketImage, true);
}

/** Uploads an image file to the plan (S3) and answers its URL; refuses other types and oversized files early. */
async function uploadImage(plan, file) {
  if (!['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(file.type)) throw new Error(t('prep.imageType'));
  const res = await fetch(`/api/v1/prep/plans/${plan.id}/images`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens.access}`, 'Content-Type': file.type },
    body: file,
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ? body.error.message : t('prep.imageFailed'));
  return body.url;
}

/** 发布到资源库: the link once published, else (for the lead preparer / research lead) visibility + button. */
function publishControl(p) {
  const box = h('span', { class: 'plan-publish', dataset: { testid: 'publish' } });
  const showLink = (id) => {
    mount(box, h('a', { class: 'badge', href: href(`/library/resources/${id}`), dataset: { testid: 'published-link' } }, t('prep.published')));
  };
  if (p.libraryResourceId) {
    showLink(p.libraryResourceId);
    return box;
  }
  if (!p.mayPublish) return box;
  const visibility = h('select', { 'aria-label': t('prep.publishVisibility'), dataset: { testid: 'publish-visibility' } },
    ['group', 'school', 'public', 'private'].map((v) => h('option', { value: v }, t(`prep.visibility.${v}`))));
  const b = h('button', { type: 'button', class: 'btn', dataset: { testid: 'publish-button' } }, t('prep.publish'));
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      const done = await api(`/prep/plans/${p.id}/publish`, { method: 'POST', body: { visibility: visibility.value } });
      toastSuccess(t('prep.publishedToast'));
      showLink(done.libraryResourceId);
    } catch (error) {
      toastError(error.message);
      b.disabled = false;
    }
  });
  mount(box, visibility, b);
  return box;
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

function commentsPanel(plan, quill, client, selection, marks) {
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
    marks.set(items.map((c) => ({ id: c.id, index: c.range.index, length: c.range.length, resolved: c.resolved })));
    mount(list, items.map((c) => {
      const quote = h('a', { href: '#', class: 'comment-quote', dataset: { testid: 'comment-quote' } }, `“${c.quote}”`);
      quote.addEventListener('click', (ev) => {
        ev.preventDefault();
        const r = marks.range(c.id) || c.range;
        quill.setSelection(r.index, r.length, 'api');
        marks.activate(c.id);
        list.querySelectorAll('li.active').forEach((li) => li.classList.remove('active'));
        quote.closest('li').classList.add('active');
        const mark = quill.container.querySelector(`.comment-mark[data-comment-id="${c.id}"]`);
        if (mark) mark.scrollIntoView({ block: 'center' });
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
  // a caret inside a commented range points at its comment in the sidebar
  quill.on('selection-change', (range) => {
    const id = range ? marks.at(range.index) : null;
    list.querySelectorAll('li.active').forEach((li) => li.classList.remove('active'));
    marks.activate(id);
    const li = id != null ? list.querySelector(`li[data-comment-id="${id}"]`) : null;
    if (li) {
      li.classList.add('active');
      li.scrollIntoView({ block: 'nearest' });
    }
  });
  return { el: h('section', { class: 'card' }, h('h2', null, t('prep.comments')), body, add, list), load };
}

/**
 * Highlights of commented ranges drawn as an overlay over the editor (not a Quill format, so highlighting never
 * becomes a change to the shared document). Ranges come from the server and are moved locally with
 * Delta.transformPosition on every change, like the server does (start moves past text inserted at it, the end
 * does not), until the next reload of the comments replaces them.
 */
function commentMarks(quill) {
  const layer = h('div', { class: 'comment-layer', dataset: { testid: 'comment-layer' } });
  quill.container.append(layer);
  let ranges = [];
  let active = null;
  let frame = 0;
  function draw() {
    frame = 0;
    const length = quill.getLength();
    const out = [];
    for (const r of ranges) {
      if (r.resolved || r.length <= 0 || r.index >= length) continue;
      const end = Math.min(r.index + r.length, length - 1);
      for (const line of quill.getLines(r.index, end - r.index)) {
        const start = quill.getIndex(line);
        const from = Math.max(r.index, start);
        const to = Math.min(end, start + line.length() - 1);
        if (to <= from) continue;
        const b = quill.getBounds(from, to - from);
        if (!b) continue;
        const el = h('div', { class: r.id === active ? 'comment-mark active' : 'comment-mark', dataset: { commentId: r.id } });
        el.style.setProperty('top', `${b.top}px`);
        el.style.setProperty('left', `${b.left}px`);
        el.style.setProperty('width', `${b.width}px`);
        el.style.setProperty('height', `${b.height}px`);
        out.push(el);
      }
    }
    mount(layer, out);
  }
  const redraw = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  quill.on('text-change', (delta) => {
    for (const r of ranges) {
      const start = delta.transformPosition(r.index, false);
      const end = Math.max(start, delta.transformPosition(r.index + r.length, true));
      r.index = start;
      r.length = end - start;
    }
    redraw();
  });
  quill.root.addEventListener('scroll', redraw);
  window.addEventListener('resize', redraw);
  return {
    dispose() {
      window.removeEventListener('resize', redraw);
      if (frame) cancelAnimationFrame(frame);
    },
    set(list) {
      ranges = list;
      redraw();
    },
    range(id) {
      return ranges.find((r) => r.id === id);
    },
    at(index) {
      const hit = ranges.find((r) => !r.resolved && index >= r.index && index < r.index + r.length);
      return hit ? hit.id : null;
    },
    activate(id) {
      active = id;
      redraw();
    },
    ranges: () => ranges.map((r) => ({ ...r })),
  };
}

const PAGE = 20;

function historyPanel(plan) {
  const list = h('ul', { class: 'prep-versions', dataset: { testid: 'versions' } });
  const name = h('input', { id: 'version-name', maxlength: 100, placeholder: t('prep.versionName') });
  const save = h('button', { type: 'button', class: 'btn', id: 'version-save' }, t('prep.saveVersion'));
  const changes = h('ul', { class: 'prep-changes', dataset: { testid: 'changes' } });
  const older = h('button', { type: 'button', class: 'btn btn-quiet', dataset: { testid: 'changes-older' } }, t('prep.older'));
  const newer = h('button', { type: 'button', class: 'btn btn-quiet', dataset: { testid: 'changes-newer' } }, t('prep.newer'));
  const from = h('select', { id: 'diff-from', dataset: { testid: 'diff-from' } });
  const to = h('select', { id: 'diff-to', dataset: { testid: 'diff-to' } });
  const go = h('button', { type: 'button', class: 'btn', dataset: { testid: 'diff-go' } }, t('prep.compareGo'));
  const diffOut = h('div', { class: 'plan-diff', dataset: { testid: 'version-diff' } });
  let versions = [];
  let seen = [];
  const pages = [null];
  let page = 0;

  const restoreButton = (revision) => {
    const r = h('button', { type: 'button', class: 'btn btn-quiet', dataset: { testid: 'restore' } }, t('prep.restore'));
    r.addEventListener('click', async () => {
      try {
        await api(`/prep/plans/${plan.id}/restore`, { method: 'POST', body: { revision } });
        toastSuccess(t('prep.restored'));
        loadChanges();
      } catch (error) {
        toastError(error.message);
      }
    });
    return r;
  };
  function fillChoices() {
    const options = (select, keep) => {
      const old = select.value;
      mount(select, [
        h('option', { value: '' }, t('prep.current')),
        ...versions.map((v) => h('option', { value: String(v.revision) }, `${v.name} · ${t('prep.revision', { n: v.revision })}`)),
        ...seen.map((c) => h('option', { value: String(c.revision) }, `${t('prep.revision', { n: c.revision })} · ${c.author || ''}`)),
        h('option', { value: '0' }, t('prep.revision', { n: 0 })),
      ]);
      select.value = keep && [...select.options].some((o) => o.value === old) ? old : select.value;
    };
    const first = from.options.length === 0;
    options(from, true);
    options(to, true);
    if (first) from.value = '0';
  }
  async function load() {
    ({ items: versions } = await api(`/prep/plans/${plan.id}/versions`));
    mount(list, versions.map((v) => {
      const li = h('li', null, h('strong', null, v.name), ' ', h('span', { class: 'muted' }, `${t('prep.revision', { n: v.revision })} · ${v.by || ''}`));
      if (plan.access === 'edit') li.append(' ', restoreButton(v.revision));
      return li;
    }));
    fillChoices();
  }
  async function loadChanges() {
    const before = pages[page];
    const res = await api(`/prep/plans/${plan.id}/history?limit=${PAGE}${before ? `&before=${before}` : ''}`);
    pages[page + 1] = res.next ?? null;
    older.disabled = !res.next;
    newer.disabled = page === 0;
    seen = res.items;
    mount(changes, res.items.map((c) => {
      const li = h('li', { dataset: { revision: c.revision } },
        h('span', null, t('prep.change', { n: c.revision, who: c.author || '—', when: new Date(c.at).toLocaleString() })), ' ',
        c.inserted ? h('ins', null, `+${c.inserted}`) : null, ' ', c.deleted ? h('del', null, `−${c.deleted}`) : null);
      if (plan.access === 'edit') li.append(' ', restoreButton(c.revision));
      return li;
    }));
    fillChoices();
  }
  older.addEventListener('click', () => {
    page += 1;
    loadChanges().catch((e) => toastError(e.message));
  });
  newer.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    loadChanges().catch((e) => toastError(e.message));
  });
  go.addEventListener('click', async () => {
    try {
      const query = [from.value ? `from=${from.value}` : '', to.value ? `to=${to.value}` : ''].filter(Boolean).join('&');
      const res = await api(`/prep/plans/${plan.id}/diff?${query}`);
      mount(diffOut, res.segments.map((s) => (s.kind === 'ins' ? h('ins', { title: t('prep.added') }, s.text) : s.kind === 'del' ? h('del', { title: t('prep.removed') }, s.text) : h('span', null, s.text))));
      diffOut.dataset.from = res.from;
      diffOut.dataset.to = res.to;
    } catch (error) {
      toastError(error.message);
    }
  });
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
  loadChanges().catch(() => {});
  const el = h('section', { class: 'card history-panel' },
    h('h2', null, t('prep.history')), list, h('div', { class: 'version-new' }, name, save),
    h('h3', null, t('prep.changes')), changes, h('div', { class: 'changes-pager' }, newer, older),
    h('h3', null, t('prep.compare')),
    h('div', { class: 'diff-choose' }, h('label', null, t('prep.compareFrom'), ' ', from), h('label', null, t('prep.compareTo'), ' ', to), go),
    diffOut);
  return {
    el,
    refresh() {
      if (page === 0) loadChanges().catch(() => {});
    },
  };
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
