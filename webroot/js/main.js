// Entry point: registers the routes, keeps the frame in place, renders the page for the hash.

import { h, mount, loading, failure } from './dom.js';
import { t, onLangChange, getLang } from './i18n.js';
import { tokens, logout } from './api.js';
import { currentUser, loadMe, forgetMe, setLoginNotice, takeLoginNotice } from './session.js';
import { route, resolve, currentPath, navigate } from './router.js';
import { buildFrame, setActiveNav } from './frame.js';
import { toast } from './toast.js';
import * as loginPage from './pages/login.js';
import * as homePage from './pages/home.js';
import * as settingsPage from './pages/settings.js';
import * as groupsPage from './pages/groups.js';
import * as groupPage from './pages/group.js';
import * as prepFeature from './features/prep.js';
import * as libraryFeature from './features/library.js';
import * as classroomFeature from './features/classroom.js';

route('/login', loginPage, { public: true });
route('/home', homePage, { nav: 'home' });
// Each feature registers its own routes (and strings, with i18n.extend) from js/features/<name>.js.
prepFeature.register(route);
libraryFeature.register(route);
classroomFeature.register(route);
route('/admin', groupsPage, { nav: 'admin' });
route('/admin/groups/:groupId', groupPage, { nav: 'admin' });
route('/admin/groups/:groupId/:tab', groupPage, { nav: 'admin' });
route('/admin/groups/:groupId/teams/:teamId', groupPage, { nav: 'admin' });
route('/settings', settingsPage, { nav: 'settings' });

const NEXT_KEY = 'tongbei.next';
const root = document.getElementById('app');

let generation = 0;
let lastPath = null;
let cleanups = [];
let frame = null; // { view, lang, userId }

function runCleanups() {
  cleanups.forEach((fn) => {
    try {
      fn();
    } catch {
      /* a failing cleanup must not block navigation */
    }
  });
  cleanups = [];
}

async function render() {
  const gen = ++generation;
  runCleanups();
  const path = currentPath();
  if (path === '/') return navigate(tokens.access ? '/home' : '/login');
  const match = resolve(path);
  const signedIn = !!tokens.access;

  if (match?.options.public) {
    if (signedIn) return navigate('/home');
    frame = null;
    document.title = `${t('login.title')} · ${t('app.fullName')}`;
    return match.page.render(root, match.params, context(gen, takeLoginNotice()));
  }
  if (!signedIn) {
    sessionStorage.setItem(NEXT_KEY, path);
    return navigate('/login');
  }
  if (!currentUser()) {
    frame = null;
    mount(root, h('div', { class: 'boot' }, loading()));
    try {
      await loadMe();
    } catch (error) {
      if (gen !== generation || error.status === 401) return; // auth-lost already redirects
      mount(root, h('div', { class: 'boot' }, failure(error, render)));
      return;
    }
    if (gen !== generation) return;
  }

  const me = currentUser();
  if (!frame || frame.lang !== getLang() || frame.userId !== me.id || !frame.view.isConnected) {
    frame = { view: buildFrame(root, onLogout), lang: getLang(), userId: me.id };
  }
  setActiveNav(root, match?.options.nav);
  const view = frame.view;
  if (!match) {
    document.title = `${t('error.pageNotFound')} · ${t('app.fullName')}`;
    mount(view, h('div', { class: 'page' }, h('h1', null, t('error.pageNotFound')), h('p', { class: 'muted' }, t('error.pageNotFoundText'))));
    return;
  }
  document.title = `${t(`nav.${match.options.nav}`)} · ${t('app.fullName')}`;
  if (path !== lastPath) window.scrollTo(0, 0);
  lastPath = path;
  try {
    await match.page.render(view, match.params, context(gen));
  } catch (error) {
    if (gen === generation && error.status !== 401) mount(view, failure(error, render));
  }
}

function context(gen, notice) {
  return {
    alive: () => gen === generation,
    onCleanup: (fn) => cleanups.push(fn),
    rerender: render,
    notice,
    afterLogin() {
      const next = sessionStorage.getItem(NEXT_KEY);
      sessionStorage.removeItem(NEXT_KEY);
      navigate(next && next !== '/login' ? next : '/home');
    },
  };
}

async function onLogout() {
  try {
    await logout();
  } catch {
    /* the tokens are cleared either way */
  }
  forgetMe();
  frame = null;
  toast(t('top.loggedOut'), 'info');
  navigate('/login');
}

window.addEventListener('tongbei:auth-lost', () => {
  forgetMe();
  frame = null;
  if (currentPath() !== '/login') {
    sessionStorage.setItem(NEXT_KEY, currentPath());
    setLoginNotice(t('error.sessionExpired'));
    navigate('/login');
  }
});

window.addEventListener('hashchange', render);
onLangChange(() => {
  frame = null;
  render();
});
render();
