// Golden vectors for cn.tongbei.lessons.coedit.Delta, produced by the reference quill-delta 5.x.
//
// How to run (Node ≥ 18, from any directory):
//   mkdir -p /tmp/qd && cd /tmp/qd && npm pack quill-delta@5.1.0 fast-diff@1.3.0 lodash.isequal@4.5.0 lodash.clonedeep@4.5.0
//   for p in quill-delta fast-diff lodash.isequal lodash.clonedeep; do
//     mkdir -p node_modules/$p && tar xzf $p-*.tgz -C node_modules/$p --strip-components=1; done
//   QUILL_DELTA_DIR=/tmp/qd/node_modules/quill-delta node generate.mjs > golden.json
//
// Every case holds its inputs and the reference outputs; an operation that throws in quill-delta is
// recorded as {"error": true}. DeltaGoldenTest checks the Java port against every case.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const Delta = require(path.resolve(process.env.QUILL_DELTA_DIR || 'node_modules/quill-delta'));

let seed = 20261123;
function rnd() { // mulberry32
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (n) => Math.floor(rnd() * n);

const ALPHABET = ['a', 'b', ' ', '\n', '教', '学', '目', '标', '重', '难', '点', '😀', '👍🏽', '𠮷', 'x', '。'];
const ATTRS = [
  { bold: true }, { bold: null }, { italic: true }, { color: '#e60000' }, { color: null },
  { header: 1 }, { list: 'ordered' }, { bold: true, color: '#0066cc' }, { underline: true, bold: null },
  { link: 'https://example.org/教案' },
];
const EMBEDS = [{ image: 'img/1.png' }, { formula: 'x^2+y^2=z^2' }, { video: 'v.mp4' }];

function text(max) {
  let s = '';
  const n = 1 + int(max);
  for (let i = 0; i < n; i++) s += pick(ALPHABET);
  return s;
}
const maybeAttrs = () => (rnd() < 0.4 ? { ...pick(ATTRS) } : undefined);

function randomDoc() {
  const d = new Delta();
  const n = int(6);
  for (let i = 0; i < n; i++) {
    if (rnd() < 0.15) d.insert({ ...pick(EMBEDS) }, maybeAttrs());
    else d.insert(text(6), maybeAttrs() && Object.fromEntries(Object.entries(pick(ATTRS)).filter(([, v]) => v !== null)));
  }
  return d;
}

// A random change over a document of `length` units (may be any shape when `loose`).
function randomChange(length, loose) {
  const d = new Delta();
  let left = length;
  while (left > 0 || rnd() < 0.2) {
    const r = rnd();
    if (r < 0.25) {
      if (rnd() < 0.15) d.insert({ ...pick(EMBEDS) }, maybeAttrs());
      else d.insert(text(4), maybeAttrs());
      if (left === 0) break;
    } else if (left === 0) {
      break;
    } else if (r < 0.5) {
      const n = 1 + int(Math.min(left, 5));
      d.delete(n); left -= n;
    } else if (r < 0.56 && loose) {
      d.retain({ ...pick(EMBEDS) }, maybeAttrs()); left -= 1;
    } else {
      const n = 1 + int(Math.min(left, 6));
      d.retain(n, maybeAttrs()); left -= n;
    }
  }
  if (rnd() < 0.3 && left > 0) d.retain(int(left) + 1);
  return d;
}

function attempt(f) {
  try {
    const r = f();
    return typeof r === 'number' ? r : r.ops;
  } catch (e) {
    return { error: true };
  }
}

const cases = [];
function addCase(name, doc, a, b, positions) {
  const afterA = attempt(() => doc.compose(a));
  cases.push({
    name,
    doc: doc.ops,
    a: a.ops,
    b: b.ops,
    compose: attempt(() => a.compose(b)),
    applyA: afterA,
    transformTrue: attempt(() => a.transform(b, true)),
    transformFalse: attempt(() => a.transform(b, false)),
    positions: positions.map((p) => ({
      index: p,
      withPriority: a.transformPosition(p, true),
      withoutPriority: a.transformPosition(p, false),
    })),
    invert: attempt(() => a.invert(doc)),
    diff: Array.isArray(afterA) ? attempt(() => doc.diff(new Delta(afterA))) : { error: true },
  });
}

// Hand-written cases.
const D = (ops) => new Delta(ops);
const hand = [
  ['chinese insert at same place', D([{ insert: '教学目标\n' }]), D([{ retain: 2 }, { insert: '甲' }]), D([{ retain: 2 }, { insert: '乙' }])],
  ['emoji is two units', D([{ insert: '😀好\n' }]), D([{ retain: 2 }, { insert: '!' }]), D([{ delete: 2 }])],
  ['attribute null removes bold', D([{ insert: '重点', attributes: { bold: true } }, { insert: '\n' }]),
    D([{ retain: 2, attributes: { bold: null } }]), D([{ retain: 1, attributes: { bold: true, color: '#f00' } }])],
  ['concurrent formats with priority', D([{ insert: 'abc\n' }]), D([{ retain: 3, attributes: { color: 'red' } }]),
    D([{ retain: 3, attributes: { color: 'blue', bold: true } }])],
  ['delete against delete', D([{ insert: '板书设计\n' }]), D([{ retain: 1 }, { delete: 2 }]), D([{ delete: 3 }])],
  ['embed insert and retain with object over number', D([{ insert: { image: 'a.png' } }, { insert: 'x\n' }]),
    D([{ retain: 1, attributes: { width: '100' } }]), D([{ retain: { image: 'b.png' } }])],
  ['retain object over retain object needs a handler', D([{ insert: { image: 'a.png' } }, { insert: '\n' }]),
    D([{ retain: { image: 'b.png' } }]), D([{ retain: { image: 'c.png' } }])],
  ['insert then delete cancels', D([{ insert: '作业\n' }]), D([{ insert: 'AB' }]), D([{ delete: 1 }])],
  ['insert before delete ordering', D([{ insert: '反思\n' }]), D([{ delete: 1 }, { insert: '新' }]), D([{ retain: 3 }, { insert: '尾' }])],
  ['list and header lines', D([{ insert: '一' }, { insert: '\n', attributes: { list: 'ordered' } }, { insert: '二\n' }]),
    D([{ retain: 3 }, { retain: 1, attributes: { header: 2 } }]), D([{ retain: 1 }, { retain: 1, attributes: { list: null } }])],
  ['surrogate pair split by retain', D([{ insert: '𠮷😀\n' }]), D([{ retain: 1 }, { insert: 'x' }]), D([{ retain: 3 }, { delete: 1 }])],
  ['empty changes', D([{ insert: '\n' }]), D([]), D([])],
];
for (const [name, doc, a, b] of hand) addCase(name, doc, a, b, [0, 1, 2, 3, 5]);

// Random cases: a and b concurrent on doc (well formed), plus loose shapes.
for (let i = 0; i < 700; i++) {
  const doc = randomDoc();
  const loose = i % 5 === 4;
  const a = randomChange(doc.length(), loose);
  const b = i % 3 === 0 ? randomChange(Math.max(0, doc.length() + a.changeLength()), loose) : randomChange(doc.length(), loose);
  const positions = [0, int(doc.length() + 1), int(doc.length() + 3), doc.length()];
  addCase('random ' + i, doc, a, b, positions);
}

// Dedicated diff cases: quill-delta's diff (fast-diff 1.3 with semantic cleanup, and with the numeric cursor
// hint) must be matched exactly. Pairs of documents: random strings over small alphabets (many equally
// short diffs, so tie-breaks matter), CJK prose, emoji and other surrogate pairs, formatted runs and embeds,
// and edits of a base text (so the diffs are local as when a user types).
const diffCases = [];
function addDiff(name, a, b, cursor) {
  const c = { name, a: a.ops, b: b.ops, diff: attempt(() => a.diff(b)) };
  if (cursor !== undefined) {
    c.cursor = cursor;
    c.diffCursor = attempt(() => a.diff(b, cursor));
  }
  diffCases.push(c);
}
const SMALL = ['ab', 'abc', 'ab \n', '教学', '教学目标。 ', '😀a', '😀👍🏽𠮷a', 'a\u3000b'];
const PROSE = ['本节课的教学目标是理解勾股定理，', '并能运用它解决实际问题。', '学生分组讨论 😀 后汇报，',
  '教师板书：a² + b² = c²。', '\n', ' ', '作业：练习册第 12 页。', 'The lesson plan 教案 ', '👍🏽👍🏽', '𠮷野家'];
function fromAlphabet(chars, max) {
  const cps = [...chars];
  let s = '';
  const n = int(max + 1);
  for (let i = 0; i < n; i++) s += pick(cps);
  return s;
}
function mutate(s) {
  const cps = [...s];
  const edits = 1 + int(4);
  for (let e = 0; e < edits; e++) {
    const at = int(cps.length + 1);
    const r = rnd();
    if (r < 0.4) cps.splice(at, 0, ...[...pick(PROSE)].slice(0, 1 + int(6)));
    else if (r < 0.8) cps.splice(at, 1 + int(5));
    else cps.splice(at, 1 + int(3), ...[...pick(PROSE)].slice(0, 1 + int(4)));
  }
  return cps.join('');
}
function docOf(s, formatted) {
  const d = new Delta();
  const cps = [...s];
  let i = 0;
  while (i < cps.length) {
    const n = 1 + int(5);
    const piece = cps.slice(i, i + n).join('');
    if (formatted && rnd() < 0.1) d.insert({ ...pick(EMBEDS) }, maybeAttrs());
    const attrs = formatted && rnd() < 0.5 ? Object.fromEntries(Object.entries(pick(ATTRS)).filter(([, v]) => v !== null)) : undefined;
    d.insert(piece, attrs && Object.keys(attrs).length ? attrs : undefined);
    i += n;
  }
  if (formatted && rnd() < 0.2) d.insert({ ...pick(EMBEDS) });
  return d;
}
const diffHand = [
  ['emoji replaced by emoji sharing the high surrogate', '😀\n', '😁\n'],
  ['emoji with skin tone changed', '👍🏽好\n', '👍🏿好\n'],
  ['chinese word replaced', '教学目标：理解\n', '教学重点：理解\n'],
  ['semantic cleanup merges a small equality', 'abcxdef\n', 'xyzxuvw\n'],
  ['overlap of deletion and insertion', 'abcxxx\n', 'xxxdef\n'],
  ['reverse overlap', 'xxxabc\n', 'defxxx\n'],
  ['ideographic space is whitespace', '甲\u3000乙丙\n', '甲\u3000丙\n'],
  ['blank lines score', 'a\n\nb\n\nc\n', 'a\n\nc\n'],
  ['half match', '1234567890abcdefghij\n', 'abcdefghij1234567890\n'],
  ['empty to text', '', '教案\n'],
  ['text to empty', '教案\n', ''],
  ['same text', '同备\n', '同备\n'],
];
for (const [name, x, y] of diffHand) {
  addDiff(name, new Delta().insert(x), new Delta().insert(y), 1);
}
addDiff('formats differ, text same', new Delta().insert('重点', { bold: true }).insert('\n'),
  new Delta().insert('重点', { italic: true }).insert('\n'));
addDiff('embed replaced', new Delta().insert({ image: 'a.png' }).insert('x\n'), new Delta().insert({ formula: 'a^2' }).insert('x\n'));
addDiff('embed removed between texts', new Delta().insert('ab').insert({ formula: 'x' }).insert('cd\n'), new Delta().insert('abcd\n'));
for (let i = 0; i < 300; i++) {
  const alphabet = pick(SMALL);
  const x = fromAlphabet(alphabet, 12);
  const y = rnd() < 0.5 ? fromAlphabet(alphabet, 12) : mutate(x);
  addDiff('alphabet ' + i, new Delta().insert(x), new Delta().insert(y), int(x.length + 2));
}
for (let i = 0; i < 200; i++) {
  let x = '';
  const n = 1 + int(5);
  for (let k = 0; k < n; k++) x += pick(PROSE);
  const y = mutate(x);
  addDiff('prose ' + i, docOf(x, false), docOf(y, false), int(x.length + 1));
}
for (let i = 0; i < 200; i++) {
  let x = '';
  const n = 1 + int(4);
  for (let k = 0; k < n; k++) x += pick(PROSE);
  const y = rnd() < 0.3 ? x : mutate(x);
  addDiff('formatted ' + i, docOf(x, true), docOf(y, true));
}
for (let i = 0; i < 40; i++) {
  let x = '';
  const n = 20 + int(40);
  for (let k = 0; k < n; k++) x += pick(PROSE);
  let y = x;
  for (let k = 0; k < 3 + int(10); k++) y = mutate(y);
  addDiff('long ' + i, docOf(x, false), docOf(y, false));
}

process.stdout.write(JSON.stringify({ generator: 'quill-delta ' + require(path.resolve(process.env.QUILL_DELTA_DIR || 'node_modules/quill-delta', 'package.json')).version, cases, diffCases }, null, 0) + '\n');
