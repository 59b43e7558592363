// classroom (同步课堂): schedule, live views (master console, classroom terminal, observer), summary, playback.

import * as listPage from '../pages/classroom/list.js';
import * as livePage from '../pages/classroom/live.js';
import * as summaryPage from '../pages/classroom/summary.js';
import * as playbackPage from '../pages/classroom/playback.js';

export function register(route) {
  route('/classroom', listPage, { nav: 'classroom' });
  route('/classroom/:id', livePage, { nav: 'classroom' });
  route('/classroom/:id/summary', summaryPage, { nav: 'classroom' });
  route('/classroom/:id/playback', playbackPage, { nav: 'classroom' });
}
