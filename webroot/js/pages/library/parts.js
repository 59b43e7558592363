// Shared pieces of the library pages: stylesheet, highlighted text, badges, sizes.

import { h, badge } from '../../dom.js';
import { t } from '../../i18n.js';

/** Links the library stylesheet once. */
export function useStyles() {
  if (!document.querySelector('link[data-lib-css]')) {
    document.head.append(h('link', { rel: 'stylesheet', href: 'css/library.css', dataset: { libCss: '1' } }));
  }
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&#x2F;': '/', '&#47;': '/' };

function unescape(s) {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27|#x2F|#47);/g, (m) => ENTITIES[m] ?? m);
}

/**
 * A highlight from the API (HTML-escaped text with <em> marks) as DOM: text nodes and <mark> elements,
 * never innerHTML, so resource text can never inject markup.
 */
export function highlighted(text) {
  const out = [];
  String(text || '')
    .split(/(<em>.*?<\/em>)/)
    .forEach((part) => {
      if (!part) return;
      const m = part.match(/^<em>(.*)<\/em>$/);
      out.push(m ? h('mark', null, unescape(m[1])) : unescape(part));
    });
  return out;
}

export function statusBadge(r) {
  const kind = { processing: 'warn', ready: 'ok', failed: 'danger' }[r.status] || '';
  return badge(t(`lib.status.${r.status}`), `lib-status ${kind}`);
}

export function reviewBadge(r) {
  return r.reviewState && r.reviewState !== 'approved' ? badge(t(`lib.review.${r.reviewState}`), 'warn') : null;
}

export function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1 << 20) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1 << 30) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  return `${(bytes / (1 << 30)).toFixed(2)} GB`;
}

export const TYPES = ['教案', '课件', '学案', '试题', '微课', '素材', '单元设计'];
export const VISIBILITIES = ['school', 'group', 'public', 'private'];
export const FACETS = ['stage', 'grade', 'subject', 'edition', 'type', 'school'];

/** The user's (first) education group id from GET /me, or null. */
export function groupOf(me) {
  return me?.groups?.[0]?.id ?? me?.roles?.find((r) => r.groupId)?.groupId ?? null;
}

/** Whether the UI offers the review queue (the server decides for real). */
export function canReview(me) {
  return (me?.roles || []).some((r) => r.role === 'GROUP_ADMIN' || r.role === 'RESEARCH_LEAD');
}
