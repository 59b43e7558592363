// prep: registers the feature's routes. Until the feature lands, its page says what it will do.

import { soonPage } from '../pages/soon.js';

export function register(route) {
  route('/prep', soonPage('prep'), { nav: 'prep' });
}
