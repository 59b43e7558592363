// Hash routing: '#/admin/groups/7/teams' → the page registered for '/admin/groups/:groupId/:tab'.

const routes = [];

/** Register a page: pattern like '/admin/groups/:groupId', page = { render(el, params, ctx) }. */
export function route(pattern, page, options = {}) {
  routes.push({ parts: split(pattern), page, options });
}

function split(path) {
  return path.split('/').filter(Boolean);
}

export function currentPath() {
  const raw = location.hash.replace(/^#/, '');
  const path = raw.split('?')[0];
  return path.startsWith('/') ? path : '/' + path;
}

/** Find the page for a path; null when nothing matches. */
export function resolve(path) {
  const parts = split(path);
  for (const r of routes) {
    if (r.parts.length !== parts.length) continue;
    const params = {};
    const ok = r.parts.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return p === parts[i];
    });
    if (ok) return { ...r, params, path };
  }
  return null;
}

export function navigate(path) {
  const target = '#' + path;
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}

/** A link to a route. */
export function href(path) {
  return '#' + path;
}
