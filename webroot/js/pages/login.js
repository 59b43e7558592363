// Login page: username and password; errors show the server's localized message.

import { h, mount } from '../dom.js';
import { t, getLang, setLang } from '../i18n.js';
import { login } from '../api.js';
import { setMe } from '../session.js';

export function render(root, params, ctx) {
  const username = h('input', { id: 'login-username', name: 'username', type: 'text', autocomplete: 'username', required: true, autocapitalize: 'off', spellcheck: 'false' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { id: 'login-error', class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { id: 'login-submit', type: 'submit', class: 'btn btn-primary btn-block' }, t('login.submit'));
  const notice = ctx.notice ? h('p', { class: 'notice', role: 'status', id: 'login-notice' }, ctx.notice) : null;

  const showError = (message) => {
    error.textContent = message;
    error.hidden = !message;
  };

  const form = h(
    'form',
    { class: 'login-form', novalidate: true },
    notice,
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'login-username' }, t('login.username')), username),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'login-password' }, t('login.password')), password),
    error,
    submit,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const u = username.value.trim();
    const p = password.value;
    if (!u || !p) {
      showError(t('login.missing'));
      (u ? password : username).focus();
      return;
    }
    showError('');
    submit.disabled = true;
    submit.textContent = t('login.submitting');
    try {
      const answer = await login(u, p);
      setMe(answer.user || null);
      ctx.afterLogin();
    } catch (err) {
      if (!ctx.alive()) return;
      showError(err.status === 429 && !err.message ? t('login.throttled') : err.message);
      password.select();
    } finally {
      submit.disabled = false;
      submit.textContent = t('login.submit');
    }
  });

  const toggle = h(
    'button',
    { type: 'button', id: 'lang-toggle', class: 'lang-toggle', 'aria-label': t('top.switchLang'), title: t('top.switchLang') },
    h('span', { class: getLang() === 'zh' ? 'on' : '' }, '中文'),
    h('span', { class: 'sep', 'aria-hidden': 'true' }, '/'),
    h('span', { class: getLang() === 'en' ? 'on' : '' }, 'EN'),
  );
  toggle.addEventListener('click', () => setLang(getLang() === 'zh' ? 'en' : 'zh'));

  mount(
    root,
    h(
      'div',
      { class: 'login-page' },
      h('div', { class: 'login-lang' }, toggle),
      h(
        'main',
        { class: 'login-card' },
        h('div', { class: 'login-brand' }, h('span', { class: 'logo logo-lg', 'aria-hidden': 'true' }, '同'), h('div', null, h('p', { class: 'login-product' }, t('app.fullName')), h('p', { class: 'muted' }, t('login.subtitle')))),
        h('h1', { class: 'login-title' }, t('login.title')),
        form,
        h('p', { class: 'login-footer muted' }, t('login.footer')),
      ),
      h('p', { class: 'login-tagline' }, t('app.tagline')),
    ),
  );
  username.focus();
}
