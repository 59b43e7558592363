// Personal settings: profile and password change (which ends every session of the user).

import { h, mount, badge } from '../dom.js';
import { t, label } from '../i18n.js';
import { api, tokens } from '../api.js';
import { currentUser, forgetMe, setLoginNotice } from '../session.js';
import { buildForm } from '../forms.js';
import { navigate } from '../router.js';
import { toastSuccess } from '../toast.js';

export function render(view) {
  const me = currentUser();
  const seen = new Set();
  const roles = (me.roles || []).filter((r) => {
    const key = `${r.role}:${r.groupId ?? ''}:${r.schoolId ?? ''}:${r.teamId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  const form = buildForm({
    testid: 'password-form',
    fields: [
      { name: 'currentPassword', label: t('settings.currentPassword'), type: 'password', required: true, autocomplete: 'current-password', id: 'pw-current' },
      { name: 'newPassword', label: t('settings.newPassword'), type: 'password', required: true, minLength: 8, minMessage: t('settings.tooShort'), hint: t('settings.passwordHint'), id: 'pw-new' },
      { name: 'confirm', label: t('settings.confirmPassword'), type: 'password', required: true, id: 'pw-confirm' },
    ],
    submitLabel: t('settings.submit'),
    busyLabel: t('common.saving'),
    submitId: 'pw-submit',
    validate: (v) => (v.newPassword && v.confirm && v.newPassword !== v.confirm ? { confirm: t('settings.mismatch') } : null),
    async onSubmit(v) {
      await api('/me/password', { method: 'POST', body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      // 204: every session of this user is revoked; log in again.
      tokens.clear();
      forgetMe();
      setLoginNotice(t('settings.changed'));
      toastSuccess(t('settings.changed'));
      navigate('/login');
    },
  });

  mount(
    view,
    h(
      'div',
      { class: 'page' },
      h('header', { class: 'page-head' }, h('h1', null, t('settings.title'))),
      h(
        'div',
        { class: 'two-col' },
        h(
          'section',
          { class: 'card', dataset: { testid: 'profile' } },
          h('h2', { class: 'card-title' }, t('settings.profile')),
          h(
            'dl',
            { class: 'kv' },
            h('dt', null, t('settings.displayName')),
            h('dd', null, me.displayName || t('common.none')),
            h('dt', null, t('settings.username')),
            h('dd', null, me.username),
            h('dt', null, t('settings.stage')),
            h('dd', null, label('stage', me.stage)),
            h('dt', null, t('settings.subjects')),
            h('dd', null, (me.subjects || []).join(t('common.listSep')) || t('common.none')),
            h('dt', null, t('settings.roles')),
            h(
              'dd',
              { class: 'chip-row' },
              roles.length
                ? roles.map((r) => badge([label('role', r.role), r.role === 'GROUP_ADMIN' ? r.groupName : r.teamName || r.schoolName || r.groupName].filter(Boolean).join(' · '), 'role'))
                : t('common.none'),
            ),
          ),
        ),
        h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('settings.password')), h('p', { class: 'muted' }, t('settings.passwordIntro')), form.el),
      ),
    ),
  );
}
