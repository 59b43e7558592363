// The app frame around every signed-in page: top bar (product, user, language, logout)
// and the navigation, which sits at the side on wide screens and on top on narrow ones.

import { h, mount } from './dom.js';
import { t, getLang, setLang } from './i18n.js';
import { currentUser } from './session.js';
import { href } from './router.js';

export const NAV = [
  { key: 'home', path: '/home', icon: 'M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z' },
  { key: 'prep', path: '/prep', icon: 'M6 3h9l5 5v12a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z M14 3v6h6 M8.5 13h7 M8.5 17h4.5' },
  { key: 'library', path: '/library', icon: 'M4 4h4v16H4z M10 4h4v16h-4z M16.5 5.2l3.4-.9 3.1 15.1-3.4.9z' },
  { key: 'classroom', path: '/classroom', icon: 'M3 4h18v12H3z M8 20h8 M12 16v4 M10 8.5l4 1.5-4 1.5z' },
  { key: 'admin', path: '/admin', icon: 'M4 21V8l8-5 8 5v13 M2 21h20 M9.5 21v-5h5v5 M8.5 11h.01 M12 11h.01 M15.5 11h.01' },
  { key: 'settings', path: '/settings', icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21a8 8 0 0 1 16 0' },
];

const SVG = 'http://www.w3.org/2000/svg';

export function icon(d, size = 20) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', size);
  svg.setAttribute('height', size);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

/**
 * Build the frame into root and return the element pages render into.
 * onLogout is called when the logout button is pressed.
 */
export function buildFrame(root, onLogout) {
  const me = currentUser();
  const lang = getLang();
  const toggle = h(
    'button',
    { type: 'button', id: 'lang-toggle', class: 'lang-toggle', 'aria-label': t('top.switchLang'), title: t('top.switchLang') },
    h('span', { class: lang === 'zh' ? 'on' : '' }, '中文'),
    h('span', { class: 'sep', 'aria-hidden': 'true' }, '/'),
    h('span', { class: lang === 'en' ? 'on' : '' }, 'EN'),
  );
  toggle.addEventListener('click', () => setLang(getLang() === 'zh' ? 'en' : 'zh'));

  const logout = h('button', { type: 'button', id: 'logout', class: 'btn btn-quiet' }, t('top.logout'));
  logout.addEventListener('click', () => {
    logout.disabled = true;
    onLogout();
  });

  const nav = h(
    'nav',
    { class: 'sidenav', 'aria-label': t('nav.label') },
    h(
      'ul',
      null,
      NAV.map((item) =>
        h('li', null, h('a', { href: href(item.path), dataset: { nav: item.key } }, icon(item.icon), h('span', null, t(`nav.${item.key}`)))),
      ),
    ),
  );

  const view = h('main', { id: 'view', class: 'view', tabindex: '-1' });

  mount(
    root,
    h('a', { class: 'skip-link', href: '#view' }, t('app.skip')),
    h(
      'div',
      { class: 'shell' },
      h(
        'header',
        { class: 'topbar' },
        h('a', { class: 'brand', href: href('/home') }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '同'), h('span', { class: 'brand-name' }, t('app.fullName'))),
        h('div', { class: 'topbar-spacer' }),
        h('span', { class: 'current-user', id: 'current-user', title: me?.username || '' }, h('span', { class: 'avatar', 'aria-hidden': 'true' }, initial(me)), h('span', { class: 'current-user-name' }, me?.displayName || me?.username || '')),
        toggle,
        logout,
      ),
      h('div', { class: 'shell-body' }, nav, view),
    ),
  );
  // The skip link targets #view; keep hash routing intact by focusing instead of navigating.
  root.querySelector('.skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    view.focus();
  });
  return view;
}

function initial(me) {
  const name = (me && (me.displayName || me.username)) || '?';
  return [...name][0].toUpperCase();
}

export function setActiveNav(root, key) {
  root.querySelectorAll('[data-nav]').forEach((a) => {
    const active = a.dataset.nav === key;
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}
