// "Coming soon" pages for the features still being built: what each one will do.

import { h, mount, badge } from '../dom.js';
import { t } from '../i18n.js';
import { href } from '../router.js';
import { NAV, icon } from '../frame.js';

export function soonPage(key) {
  return {
    render(view) {
      const feature = t(`nav.${key}`);
      const item = NAV.find((n) => n.key === key);
      mount(
        view,
        h(
          'div',
          { class: 'page' },
          h(
            'section',
            { class: 'card soon', dataset: { testid: `soon-${key}` } },
            h('div', { class: 'soon-icon' }, icon(item.icon, 40)),
            badge(t('soon.badge'), 'soon-badge'),
            h('h1', null, t('soon.title', { feature })),
            h('p', { class: 'soon-text' }, t(`soon.${key}`)),
            h('a', { class: 'btn', href: href('/home') }, t('soon.back')),
          ),
        ),
      );
    },
  };
}
