// prep (集体备课): prep activities, the activity page and the co-edited lesson plan editor.

import '../pages/prep/strings.js';
import * as list from '../pages/prep/list.js';
import * as activity from '../pages/prep/activity.js';
import * as plan from '../pages/prep/plan.js';

export function register(route) {
  route('/prep', list, { nav: 'prep' });
  route('/prep/activities/:activityId', activity, { nav: 'prep' });
  route('/prep/plans/:planId', plan, { nav: 'prep' });
}
